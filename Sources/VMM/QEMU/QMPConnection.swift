#if canImport(Glibc)
import Glibc
#endif

/// The worker's end of QEMU's monitor socket: one JSON object per line each way. Commands are answered in
/// order; events (SHUTDOWN, RESUME, ...) may arrive at any time and are queued for the worker's loop.
public final class QMPConnection {
    public let fd: CInt
    private var buffer: [UInt8] = []
    private var events: [QMPValue] = []
    /// Set once QEMU closed the socket (it exited).
    public private(set) var closed = false

    /// Takes ownership of `fd`, a connected stream socket.
    public init(fd: CInt) { self.fd = fd }

    deinit { close(fd) }

    /// Reads QEMU's greeting and leaves capability negotiation, so commands can be sent.
    public func negotiate(timeoutMilliseconds: Int = 30_000) throws(VMMError) {
        let deadline = monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
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
        let deadline = monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
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
    public func passDescriptor(_ descriptor: CInt, name: String) throws(VMMError) {
        let line = Array((QMPValue.object([("execute", .string("getfd")),
                                           ("arguments", .object([("fdname", .string(name))]))]).json + "\n").utf8)
        // struct cmsghdr is { size_t len; int level; int type; } followed by the data, aligned to 8.
        let headerSize = MemoryLayout<Int>.size + 2 * MemoryLayout<CInt>.size
        var control = [UInt8](repeating: 0, count: headerSize + 8)
        control.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: headerSize + MemoryLayout<CInt>.size, toByteOffset: 0, as: Int.self)
            raw.storeBytes(of: SOL_SOCKET, toByteOffset: MemoryLayout<Int>.size, as: CInt.self)
            raw.storeBytes(of: CInt(SCM_RIGHTS), toByteOffset: MemoryLayout<Int>.size + MemoryLayout<CInt>.size, as: CInt.self)
            raw.storeBytes(of: descriptor, toByteOffset: headerSize, as: CInt.self)
        }
        var bytes = line
        let sent = bytes.withUnsafeMutableBytes { data in
            control.withUnsafeMutableBytes { controlBytes in
                var vector = iovec(iov_base: data.baseAddress, iov_len: data.count)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var header = msghdr(msg_name: nil, msg_namelen: 0, msg_iov: vectorPointer, msg_iovlen: 1,
                                        msg_control: controlBytes.baseAddress, msg_controllen: controlBytes.count, msg_flags: 0)
                    return sendmsg(fd, &header, Int32(MSG_NOSIGNAL))
                }
            }
        }
        if sent != line.count { throw .system("sending a descriptor to QEMU", .current) }
        let deadline = monotonicNanoseconds() + 30_000_000_000
        while true {
            guard let reply = try nextMessage(deadline: deadline) else { throw .worker("QEMU did not answer getfd") }
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
        let bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                closed = true
                throw .worker("QEMU's monitor is gone")
            }
            offset += sent
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
            let now = monotonicNanoseconds()
            let wait: Int32 = deadline == 0 ? 0 : (now >= deadline ? -2 : Int32(min(60_000, (deadline - now) / 1_000_000 + 1)))
            if wait == -2 { return nil }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, wait)
            if ready < 0 { if errno == EINTR { continue }; throw .system("poll on QEMU's monitor", .current) }
            if ready == 0 {
                if deadline == 0 { return nil }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                closed = true
                continue
            }
            if count == 0 { closed = true; continue }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }
}
