import CLinuxSystem
import Glibc

// Sockets. Addresses are the kernel's own C structures (sockaddr_un, sockaddr_in, sockaddr_nl, sockaddr_ll),
// passed by value; each call hands the kernel a pointer to it and its size.
extension FileDescriptor {
    /// socket(2), close-on-exec (and non-blocking when asked).
    public static func socket(_ domain: CInt, _ type: CInt, _ protocol: CInt = 0,
                              nonBlocking: Bool = false) throws(Errno) -> FileDescriptor {
        let flags = CInt(SOCK_CLOEXEC.rawValue) | (nonBlocking ? CInt(SOCK_NONBLOCK.rawValue) : 0)
        return FileDescriptor(owning: try valueOrErrno { Glibc.socket(domain, type | flags, `protocol`) })
    }

    /// bind(2).
    public func bind<Address>(to address: Address) throws(Errno) {
        var address = address
        _ = try valueOrErrno {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(rawValue, $0, socklen_t(MemoryLayout<Address>.size))
                }
            }
        }
    }

    /// connect(2). Not retried after EINTR: the kernel goes on connecting, and a second call would fail.
    public func connect<Address>(to address: Address) throws(Errno) {
        var address = address
        _ = try valueOrErrno(retryOnInterrupt: false) {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(rawValue, $0, socklen_t(MemoryLayout<Address>.size))
                }
            }
        }
    }

    /// listen(2).
    public func listen(backlog: CInt) throws(Errno) {
        _ = try valueOrErrno { Glibc.listen(rawValue, backlog) }
    }

    /// accept4(2): the next connection, close-on-exec (and non-blocking when asked).
    public func accept(nonBlocking: Bool = false) throws(Errno) -> FileDescriptor {
        FileDescriptor(owning: try valueOrErrno { cls_accept_cloexec(rawValue, nonBlocking ? 1 : 0) })
    }

    /// send(2); `flags` such as MSG_NOSIGNAL (a vanished peer is EPIPE, not SIGPIPE) or MSG_DONTWAIT.
    public func send(_ buffer: UnsafeRawBufferPointer, flags: CInt = 0) throws(Errno) -> Int {
        try valueOrErrno { Glibc.send(rawValue, buffer.baseAddress, buffer.count, flags) }
    }

    /// send(2) until the whole buffer is sent.
    public func sendAll(_ bytes: [UInt8], flags: CInt = 0) throws(Errno) {
        try bytes.withUnsafeBytes { raw in
            resultOf { () throws(Errno) in
                var offset = 0
                while offset < raw.count { offset += try send(UnsafeRawBufferPointer(rebasing: raw[offset...]), flags: flags) }
            }
        }.get()
    }

    /// sendto(2): one datagram to `address`.
    public func send<Address>(_ buffer: UnsafeRawBufferPointer, to address: Address, flags: CInt = 0) throws(Errno) -> Int {
        var address = address
        return try valueOrErrno {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(rawValue, buffer.baseAddress, buffer.count, flags, $0, socklen_t(MemoryLayout<Address>.size))
                }
            }
        }
    }

    /// recv(2): 0 when a stream's peer closed it.
    public func receive(into buffer: UnsafeMutableRawBufferPointer, flags: CInt = 0) throws(Errno) -> Int {
        try valueOrErrno { recv(rawValue, buffer.baseAddress, buffer.count, flags) }
    }

    /// recvfrom(2): one datagram and the address it came from (`sender` starts as the zero address).
    public func receive<Address>(into buffer: UnsafeMutableRawBufferPointer, from sender: inout Address,
                                 flags: CInt = 0) throws(Errno) -> Int {
        var length = socklen_t(MemoryLayout<Address>.size)
        return try valueOrErrno {
            withUnsafeMutablePointer(to: &sender) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    recvfrom(rawValue, buffer.baseAddress, buffer.count, flags, $0, &length)
                }
            }
        }
    }

    /// setsockopt(2) with an integer value.
    public func setOption(level: CInt, _ name: CInt, to value: CInt) throws(Errno) {
        var value = value
        _ = try valueOrErrno { setsockopt(rawValue, level, name, &value, socklen_t(MemoryLayout<CInt>.size)) }
    }

    /// getsockname(2): the address the kernel bound this socket to, in the shape of `zero`.
    public func localAddress<Address>(_ zero: Address) throws(Errno) -> Address {
        var address = zero
        var length = socklen_t(MemoryLayout<Address>.size)
        _ = try valueOrErrno {
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(rawValue, $0, &length) }
            }
        }
        return address
    }
}

/// Unix-domain socket addresses.
public enum UnixSocketAddress {
    /// The longest path a sockaddr_un holds (107 bytes on Linux, plus the terminating NUL).
    public static var maximumPathLength: Int { MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1 }

    /// A sockaddr_un for `path`; ENAMETOOLONG when the path does not fit.
    public static func make(_ path: String) throws(Errno) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count <= maximumPathLength else { throw .fileNameTooLong }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }
}
