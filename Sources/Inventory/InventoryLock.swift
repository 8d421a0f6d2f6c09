import Foundation
import LinuxSystem

/// The store's cross-process lock: flock(2) on `<root>/.lock`, waited for with a time limit.
///
/// Why a limit: a process that holds the lock forever (a stuck hvsh, or anyone who could open the
/// file) would otherwise freeze every hvsh command with no message. After the limit the command
/// fails with an error that names who holds the lock (pid and command line, from /proc/locks),
/// so the user can see what to stop. The file itself is 0600 in a 0700 home, so only the owner
/// can open it at all (flock works on a read-only descriptor, so a readable lock file would be
/// enough to hold it).
enum InventoryLock {
    /// How long a command waits for the lock by default. Long transactions (a checkpoint merge of a
    /// large disk) hold it for a while; a minute is far beyond ordinary ones and still gives a
    /// stuck holder's victim an answer. `$HVSH_LOCK_TIMEOUT` (seconds) overrides it.
    static let defaultTimeout: Double = 60

    static func timeout(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double {
        if let text = environment["HVSH_LOCK_TIMEOUT"], let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return min(seconds, 86_400)
        }
        return defaultTimeout
    }

    /// A process holding a lock, as /proc/locks and /proc/<pid>/cmdline tell it.
    struct Holder: Equatable, Sendable, CustomStringConvertible {
        var pid: Int32
        var command: String?
        var description: String { command.map { "process \(pid) (\($0))" } ?? "process \(pid)" }
    }

    /// Opens the lock file (created 0600 if needed; never through a symbolic link, and it must be a
    /// regular file) and takes the lock, waiting at most `timeout` seconds.
    static func acquire(_ path: String, exclusive: Bool, timeout: Double) throws -> FileDescriptor {
        let lock: FileDescriptor
        do {
            lock = try FileDescriptor.open(path, .readWrite, options: [.create, .noFollow, .nonBlocking],
                                           permissions: FileSystemCalls.privateFile)
        } catch Errno.tooManySymbolicLinks {
            throw FileSystemCalls.refused(path, "the lock file is a symbolic link; the inventory uses only a regular file")
        } catch {
            throw FileSystemCalls.fail(path, "Opening the lock file", error)
        }
        let info: FileStatus
        do { info = try lock.status() } catch { throw FileSystemCalls.fail(path, "Opening the lock file", error) }
        guard info.isRegularFile else {
            throw FileSystemCalls.refused(path, "the lock file is \(info.kindDescription); the inventory uses only a regular file")
        }
        try wait(for: lock, path: path, exclusive: exclusive, timeout: timeout, inode: info.inode)
        return lock
    }

    /// Takes (or converts to) the lock on an open descriptor within `timeout` seconds. flock has no
    /// timed form, and polling with LOCK_NB starves: a busy writer releases and re-takes the lock
    /// between two polls (a 7 s test took 68 s). So a waiter thread blocks in flock on a duplicate
    /// of the descriptor (the lock belongs to the open file description both share) while this
    /// thread waits at most `timeout` for it. On time-out the waiter is abandoned: when it gets the
    /// lock at last it releases it at once and closes its duplicate.
    static func wait(for lock: borrowing FileDescriptor, path: String, exclusive: Bool, timeout: Double, inode: UInt64) throws {
        do {
            try lock.tryLock(exclusive: exclusive)
            return
        } catch Errno.wouldBlock {
        } catch {
            throw FileSystemCalls.fail(path, "Locking", error)
        }
        let waiter: BlockingWaiter
        do { waiter = BlockingWaiter(try lock.duplicate()) } catch { throw FileSystemCalls.fail(path, "Locking", error) }
        let thread = Thread { waiter.run(exclusive: exclusive) }
        thread.stackSize = 64 << 10
        thread.start()
        switch waiter.outcome(within: timeout) {
        case .acquired:
            return
        case .failed(let error):
            throw FileSystemCalls.fail(path, "Locking", error)
        case .timedOut:
            throw InventoryError.lockTimedOut(path: path, seconds: timeout, holders: holders(ofInode: inode).map(\.description))
        }
    }

    /// The state shared by a waiting thread and the caller that may give up on it.
    final class BlockingWaiter: @unchecked Sendable {
        enum Outcome { case acquired, failed(Errno), timedOut }
        // Guarded by `condition`.
        private var descriptor: FileDescriptor?
        private var result: Outcome?
        private var abandoned = false
        private let condition = NSCondition()

        init(_ descriptor: consuming FileDescriptor) { self.descriptor = consume descriptor }

        func run(exclusive: Bool) {
            condition.lock()
            let raw = descriptor?.rawValue ?? -1
            condition.unlock()
            // Blocks until the holder lets go (the call retries EINTR).
            var outcome = Outcome.acquired
            do throws(Errno) {
                _ = try valueOrErrnoRetrying { flock(raw, exclusive ? LOCK_EX : LOCK_SH) }
            } catch {
                outcome = .failed(error)
            }
            condition.lock()
            if abandoned, case .acquired = outcome { _ = flock(raw, LOCK_UN) }
            result = outcome
            descriptor = nil // closes the duplicate; the caller's descriptor keeps the lock
            condition.broadcast()
            condition.unlock()
        }

        func outcome(within timeout: Double) -> Outcome {
            let deadline = Date(timeIntervalSinceNow: timeout)
            condition.lock()
            defer { condition.unlock() }
            while result == nil, condition.wait(until: deadline) {}
            if let result { return result }
            abandoned = true
            return .timedOut
        }
    }

    private static func valueOrErrnoRetrying(_ call: () -> Int32) throws(Errno) -> Int32 {
        while true {
            let value = call()
            if value != -1 { return value }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// The processes /proc/locks lists as holding a lock on the file with this inode (a line reads
    /// `1: FLOCK  ADVISORY  WRITE 4242 fd:01:123456 0 EOF`; waiters are marked `->` and skipped).
    static func holders(ofInode inode: UInt64, locks: String? = FileSystem.readText("/proc/locks")) -> [Holder] {
        guard let locks else { return [] }
        var found: [Holder] = []
        for line in locks.split(separator: "\n") where !line.contains("->") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, let pid = Int32(fields[4]),
                  let last = fields[5].split(separator: ":").last, UInt64(last) == inode,
                  !found.contains(where: { $0.pid == pid }) else { continue }
            found.append(Holder(pid: pid, command: commandLine(of: pid)))
        }
        return found
    }

    /// The command line of a process, arguments joined by spaces; nil when it is gone or unreadable.
    static func commandLine(of pid: Int32) -> String? {
        guard let raw = try? FileSystem.readFile("/proc/\(pid)/cmdline"), !raw.isEmpty else { return nil }
        let words = raw.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let text = words.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : String(text.prefix(200))
    }
}
