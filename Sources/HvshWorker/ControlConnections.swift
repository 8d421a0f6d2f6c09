import Glibc
import LinuxSystem

/// The control socket's open connections. Each client sends one line and gets one answer; lines are served
/// as they arrive, so clients that connect and say nothing delay nobody (18 idle ones used to hold Get-VM up
/// for seconds, one at a time). A connection is dropped at its deadline, when its line grows past the limit,
/// or, the oldest first, when too many are open.
final class ControlConnections {
    final class Connection {
        let descriptor: FileDescriptor
        let deadline: UInt64
        var bytes: [UInt8] = []
        /// Descriptors the client sent with its request (files a jailed worker cannot open itself).
        var passed = PassedDescriptors.none
        init(_ descriptor: consuming FileDescriptor, deadline: UInt64) {
            self.descriptor = descriptor
            self.deadline = deadline
        }
    }

    static let maximumOpen = 64
    static let lineLimit = 4096
    static let deadlineNanoseconds: UInt64 = 2_000_000_000

    private(set) var open: [Connection] = []

    /// Takes one waiting connection (the listener was reported readable, so this does not block).
    func accept(from listener: borrowing FileDescriptor) {
        guard let descriptor = try? listener.accept(nonBlocking: true) else { return }
        if open.count >= Self.maximumOpen { open.removeFirst() }
        open.append(Connection(descriptor, deadline: Clock.monotonicNanoseconds() + Self.deadlineNanoseconds))
    }

    /// Reads what arrived on `connection`. Returns its request line once complete; the connection then stays
    /// open only until `finish` answers it. A closed, failed or overlong connection is dropped (nil).
    func receive(_ connection: Connection) -> String? {
        let input: [UInt8]
        do throws(Errno) {
            let message = try connection.descriptor.receive(upToCount: 512)
            input = message.bytes
            if message.descriptors.count > 0 {
                // One request, one set of descriptors: a second set is a confused client.
                guard connection.passed.count == 0 else { drop(connection); return nil }
                connection.passed = message.descriptors
            }
        } catch Errno.wouldBlock {
            return nil
        } catch {
            drop(connection)
            return nil
        }
        if input.isEmpty { drop(connection); return nil }
        connection.bytes += input
        if let newline = connection.bytes.firstIndex(of: UInt8(ascii: "\n")) {
            return String(decoding: connection.bytes[..<newline], as: UTF8.self)
        }
        if connection.bytes.count > Self.lineLimit { drop(connection) }
        return nil
    }

    /// Answers each of `connections` that poll reported ready (`polled`, in the same order) once its
    /// request line is complete, with what `handle` makes of the line and the descriptors sent with it.
    func serve(_ connections: [Connection], polled: some Sequence<PollEntry>,
               _ handle: (String, PassedDescriptors) -> String) {
        for (connection, entry) in zip(connections, polled) where entry.isReady {
            if let line = receive(connection) { finish(connection, reply: handle(line, connection.passed)) }
        }
    }

    /// Sends the answer and closes the connection.
    func finish(_ connection: Connection, reply: String) {
        _ = try? connection.descriptor.sendAll(Array((reply + "\n").utf8), flags: CInt(MSG_NOSIGNAL | MSG_DONTWAIT))
        drop(connection)
    }

    /// Drops connections past their deadline; returns how long until the next one is due (milliseconds).
    func expire() -> Int32? {
        let now = Clock.monotonicNanoseconds()
        open.removeAll { $0.deadline <= now }
        guard let next = open.map(\.deadline).min() else { return nil }
        return Int32(clamping: (next - now) / 1_000_000 + 1)
    }

    private func drop(_ connection: Connection) { open.removeAll { $0 === connection } }
}
