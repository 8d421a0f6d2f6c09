import Glibc
import LinuxSystem

/// One attached console client (a connected, non-blocking socket), closed when it is removed.
public final class ConsoleClient: Sendable {
    public let descriptor: FileDescriptor
    init(_ descriptor: consuming FileDescriptor) { self.descriptor = descriptor }
}

/// Where the guest's console output goes in the worker: a log file and every attached console client.
/// The log is capped: past `logLimit` bytes it is rotated to `<path>.1` (one old generation kept), so a
/// guest that never stops printing cannot fill the host's disk.
public final class ConsoleSink: Sendable {
    struct State: ~Copyable {
        var log: FileDescriptor
        var logged = 0
        var clients: [ConsoleClient] = []
    }

    public let logPath: String
    public let logLimit: Int
    private let state: Locked<State>

    public init(logPath: String, logLimit: Int = 8 << 20) throws(VMMError) {
        let log: FileDescriptor
        do { log = try ConsoleSink.openLog(logPath, truncate: false) } catch { throw .system("open(\(logPath))", error) }
        let existing = (try? log.status().size).map(Int.init) ?? 0
        self.logPath = logPath
        self.logLimit = logLimit
        state = Locked(State(log: log, logged: existing))
    }

    private static func openLog(_ path: String, truncate: Bool) throws(Errno) -> FileDescriptor {
        try FileDescriptor.open(path, .writeOnly, options: truncate ? [.create, .append, .truncate] : [.create, .append],
                                permissions: 0o600)
    }

    /// The closure to hand the UART: called on a vCPU thread for each byte the guest transmits.
    public var output: @Sendable (UInt8) -> Void { { [self] byte in write(byte) } }

    func write(_ byte: UInt8) {
        state.withLock { state in
            var value = byte
            if state.logged >= logLimit { rotate(&state) }
            withUnsafeBytes(of: &value) { raw in
                if case .success(1) = resultOf({ () throws(Errno) in try state.log.write(raw) }) { state.logged += 1 }
                // Clients are non-blocking: one that stops reading loses output rather than stalling the vCPU.
                for client in state.clients {
                    _ = resultOf { () throws(Errno) in try client.descriptor.send(raw, flags: CInt(MSG_NOSIGNAL | MSG_DONTWAIT)) }
                }
            }
        }
    }

    /// A chunk of output at once (QEMU's serial port hands the worker whole reads, not single bytes).
    public func write(contentsOf bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        state.withLock { state in
            if state.logged >= logLimit { rotate(&state) }
            bytes.withUnsafeBytes { raw in
                if case .success(let written) = resultOf({ () throws(Errno) in try state.log.write(raw) }) { state.logged += written }
                for client in state.clients {
                    _ = resultOf { () throws(Errno) in try client.descriptor.send(raw, flags: CInt(MSG_NOSIGNAL | MSG_DONTWAIT)) }
                }
            }
        }
    }

    private func rotate(_ state: inout State) {
        try? FileSystem.rename(logPath, to: logPath + ".1")
        guard let fresh = try? ConsoleSink.openLog(logPath, truncate: true) else { return }
        state.log = fresh
        state.logged = 0
    }

    /// Adds a connected console client (non-blocking socket); the sink closes it on removal.
    public func add(_ client: consuming FileDescriptor) {
        let client = ConsoleClient(client)
        state.withLock { $0.clients.append(client) }
    }

    public func remove(_ client: ConsoleClient) {
        state.withLock { $0.clients.removeAll { $0 === client } }
    }

    public var clients: [ConsoleClient] { state.withLock { $0.clients } }

    /// Reads what each of `clients` that poll reported ready (`polled`, in the same order) typed and
    /// hands it to `deliver`; a client that hung up, failed, or whose input `deliver` could not pass
    /// on is removed. An idle client costs nothing: its socket is non-blocking.
    public func readInput(from clients: [ConsoleClient], polled: some Sequence<PollEntry>,
                          _ deliver: ([UInt8]) throws(Errno) -> Void) {
        for (client, entry) in zip(clients, polled) where entry.isReady {
            do throws(Errno) {
                let input = try client.descriptor.read(upToCount: 512)
                if input.isEmpty { remove(client) } else { try deliver(input) }
            } catch Errno.wouldBlock {
            } catch {
                remove(client)
            }
        }
    }
}
