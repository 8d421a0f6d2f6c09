import LinuxSystem

/// Which switch ports of one running VM have port-security rules in hvsh's nft table.
///
/// A VM's taps vanish with its worker, but their rules stay in the nft table until someone removes them:
/// the shell that stops the VM, a status query that finds the worker gone after the guest powered off,
/// or the next hvsh process (it may be another process than the one that made the rules). So the list
/// lives in a file beside the worker's other files (`<directory>/ports`, one port per line), and every
/// change to it holds an exclusive lock on `<directory>/ports.lock`: two shells changing one VM's
/// ports at once keep each other's lines.
public struct PortSecurityLedger: Sendable {
    /// The directory the list lives in (a VM's runtime directory).
    public let directory: String

    public init(directory: String) { self.directory = directory }

    var file: String { directory + "/ports" }
    var lockFile: String { directory + "/ports.lock" }

    /// The ports listed, in the order they were recorded.
    public var ports: [String] {
        guard let text = FileSystem.readText(file) else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    }

    /// Whether any port is listed (cheap: looks only for the file).
    public var hasPorts: Bool { FileSystem.exists(file) }

    /// Notes that `port` has rules now.
    public func record(_ port: String) { change(port, present: true) }

    /// Notes that `port` no longer has rules (its rules were removed, or it left the VM).
    public func forget(_ port: String) { change(port, present: false) }

    /// Removes the rules of every listed port (and takes a tap that outlived its worker off its bridge),
    /// then the list. Safe to call more than once and from several processes: the list is taken under
    /// the lock, so each port is released by whoever took it.
    public func releaseAll() {
        guard hasPorts else { return }
        var taken: [String] = []
        withLock {
            taken = ports
            _ = try? FileSystem.removeFileIfPresent(file)
        }
        for port in taken { try? PortSecurity.release(port: port) }
    }

    private func change(_ port: String, present: Bool) {
        withLock {
            var listed = ports.filter { $0 != port }
            if present { listed.append(port) }
            if listed.isEmpty {
                _ = try? FileSystem.removeFileIfPresent(file)
            } else {
                // Replaced whole, so a reader without the lock sees the old list or the new one. The list
                // means nothing after a reboot (the rules are gone then too), so it is not fsynced.
                try? AtomicFile.write(Array((listed.joined(separator: "\n") + "\n").utf8), to: file,
                                      permissions: 0o600, durability: .replacedOnly)
            }
        }
    }

    /// Runs `body` holding the exclusive lock; without a lock file (a read-only directory) it runs unlocked,
    /// as the list could not be written there anyway.
    private func withLock(_ body: () -> Void) {
        let lock = try? FileDescriptor.open(lockFile, .readWrite, options: .create, permissions: 0o600)
        try? lock?.lock()
        body()
        // Closing the descriptor (when `lock` goes) releases the lock.
    }
}
