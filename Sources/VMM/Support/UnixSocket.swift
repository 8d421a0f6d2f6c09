#if canImport(Glibc)
import Glibc
#endif
import LinuxSystem

/// Unix stream sockets for the worker's control and console endpoints.
public enum UnixSocket {
    static func address(_ path: String) throws(VMMError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity else { throw .invalidConfiguration("socket path longer than \(capacity - 1) bytes: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    /// socket + bind + listen, replacing a stale socket file. The fd is close-on-exec.
    public static func listen(_ path: String) throws(VMMError) -> CInt {
        var address = try address(path)
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if fd < 0 { throw .system("socket", .current) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if bound != 0 || Glibc.listen(fd, 16) != 0 { let e = Errno.current; close(fd); throw .system("bind(\(path))", e) }
        return fd
    }

    /// Connects to a listening socket. The fd is close-on-exec.
    public static func connect(_ path: String) throws(VMMError) -> CInt {
        var address = try address(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if fd < 0 { throw .system("socket", .current) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if result != 0 { let e = Errno.current; close(fd); throw .system("connect(\(path))", e) }
        return fd
    }

    /// accept(2), marking the new socket close-on-exec (and non-blocking when asked). -1 on failure.
    public static func accept(_ listener: CInt, nonBlocking: Bool = false) -> CInt {
        let fd = Glibc.accept(listener, nil, nil)
        if fd < 0 { return -1 }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        if nonBlocking { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return fd
    }

    /// Reads one `\n`-terminated line (without it), waiting at most `timeoutMilliseconds` in total.
    public static func readLine(_ fd: CInt, timeoutMilliseconds: Int32, limit: Int = 4096) -> String? {
        var bytes: [UInt8] = []
        let deadline = monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        var byte: UInt8 = 0
        while bytes.count < limit {
            let now = monotonicNanoseconds()
            guard now < deadline else { return nil }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32((deadline - now) / 1_000_000) + 1)
            if ready < 0 { if errno == EINTR { continue }; return nil }
            if ready == 0 { return nil }
            let count = read(fd, &byte, 1)
            if count < 0 { if errno == EINTR || errno == EAGAIN { continue }; return nil }
            if count == 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }

    /// Sends a line; MSG_NOSIGNAL so a vanished peer is an error, not SIGPIPE.
    public static func writeLine(_ fd: CInt, _ line: String) -> Bool {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0 { if errno == EINTR { continue }; return false }
            offset += sent
        }
        return true
    }
}
