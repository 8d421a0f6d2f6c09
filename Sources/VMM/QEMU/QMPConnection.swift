import Glibc
import LinuxSystem

/// The worker's end of QEMU's monitor socket: one JSON object per line each way. Commands are answered in
/// order; events (SHUTDOWN, RESUME, ...) may arrive at any time and are queued for the worker's loop.
public final class QMPConnection {
    public let socket: FileDescriptor
    private var buffer: [UInt8] = []
    private var events: [QMPValue] = []
    /// Set once QEMU closed the socket (it exited).
    public private(set) var closed = false

    /// Takes ownership of a connected stream socket.
    public init(socket: consuming FileDescriptor) { self.socket = socket }

    /// Reads QEMU's greeting and leaves capability negotiation, so commands can be sent.
    public func negotiate(timeoutMilliseconds: Int = 30_000) throws(VMMError) {
        let deadline = Clock.monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        guard let greeting = try nextMessage(deadline: deadline), greeting["QMP"] != nil else {
            throw .worker("QEMU did not greet on its monitor")
        }
        _ = try execute("qmp_capabilities", timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Runs one command and returns its `return` value; QEMU's error becomes a thrown `VMMError.worker`.
    @discardableResult
    public func execute(_ command: String, _ arguments: [(String, QMPValue)] = [],
                        timeoutMilliseconds: Int = 30_000) throws(VMMError) -> QMPValue {
        var message: [(String, QMPValue)] = [("execute", .string(command))]
        if !arguments.isEmpty { message.append(("arguments", .object(arguments))) }
        try send(QMPValue.object(message).json)
        let deadline = Clock.monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        while true {
            guard let reply = try nextMessage(deadline: deadline) else {
                throw .worker("QEMU did not answer \(command) within \(timeoutMilliseconds / 1000) seconds")
            }
            if reply["event"] != nil { events.append(reply); continue }
            if let value = reply["return"] { return value }
            if let error = reply["error"] {
                throw .worker(error["desc"]?.string ?? "QEMU refused \(command)")
            }
        }
    }

    /// Hands QEMU a descriptor under `name` (QMP's getfd, the descriptor travelling as SCM_RIGHTS).
    public func passDescriptor(_ descriptor: borrowing FileDescriptor, name: String) throws(VMMError) {
        try send(descriptor, with: "getfd", arguments: [("fdname", .string(name))])
    }

    /// Sends `descriptor` with QMP's add-fd into descriptor set `set`, which QEMU then opens as /dev/fdset/<set>
    /// (a jailed QEMU can open no file of the host by path).
    public func addDescriptor(_ descriptor: borrowing FileDescriptor, toSet set: Int) throws(VMMError) {
        try send(descriptor, with: "add-fd", arguments: [("fdset-id", .number(Double(set)))])
    }

    /// Runs `command`, the descriptor riding along as SCM_RIGHTS, and waits for its answer.
    private func send(_ descriptor: borrowing FileDescriptor, with command: String,
                      arguments: [(String, QMPValue)]) throws(VMMError) {
        let line = Array((QMPValue.object([("execute", .string(command)), ("arguments", .object(arguments))]).json + "\n").utf8)
        do { try socket.send(line, passing: descriptor) } catch { throw .system("sending a descriptor to QEMU", error) }
        let deadline = Clock.monotonicNanoseconds() + 30_000_000_000
        while true {
            guard let reply = try nextMessage(deadline: deadline) else { throw .worker("QEMU did not answer \(command)") }
            if reply["event"] != nil { events.append(reply); continue }
            if reply["return"] != nil { return }
            throw .worker(reply["error"]?["desc"]?.string ?? "QEMU refused the descriptor")
        }
    }

    /// Reads whatever QEMU has sent without blocking and queues its events; false once QEMU has gone.
    @discardableResult
    public func pump() -> Bool {
        while let message = try? nextMessage(deadline: 0) {
            if message["event"] != nil { events.append(message) }
        }
        return !closed
    }

    /// Events received so far, oldest first; they are removed from the queue.
    public func takeEvents() -> [QMPValue] {
        defer { events.removeAll() }
        return events
    }

    private func send(_ text: String) throws(VMMError) {
        do { try socket.sendAll(Array((text + "\n").utf8), flags: CInt(MSG_NOSIGNAL)) } catch {
            closed = true
            throw .worker("QEMU's monitor is gone")
        }
    }

    /// The next complete message, waiting until `deadline` (0: do not wait). Nil on timeout; throws once QEMU
    /// closed the socket and nothing is left to read.
    private func nextMessage(deadline: UInt64) throws(VMMError) -> QMPValue? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
                if trimmed.isEmpty { continue }
                guard let value = QMPValue.parse(trimmed) else { continue }
                return value
            }
            if closed { throw .worker("QEMU's monitor is gone") }
            let now = Clock.monotonicNanoseconds()
            if deadline != 0 && now >= deadline { return nil }
            let wait = deadline == 0 ? CInt(0) : CInt(min(60_000, (deadline - now) / 1_000_000 + 1))
            var entries = [PollEntry(socket, .readable)]
            let ready: Int
            do { ready = try Poll.wait(&entries, timeoutMilliseconds: wait) } catch { throw .system("poll on QEMU's monitor", error) }
            if ready == 0 {
                if deadline == 0 { return nil }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let received = chunk.withUnsafeMutableBytes { raw in
                resultOf { () throws(Errno) in try socket.receive(into: raw, flags: CInt(MSG_DONTWAIT)) }
            }
            let count: Int
            switch received {
            case .success(let n): count = n
            case .failure(let error):
                if error == .wouldBlock || error == .interrupted { continue }
                closed = true
                continue
            }
            if count == 0 { closed = true; continue }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }
}
