import CLinuxSystem
import Glibc
import LinuxSystem

/// What a netlink session needs from a socket. Tests implement it with canned kernel replies.
public protocol NetlinkTransport: AnyObject {
    /// The port id the kernel assigned to this socket (0 for a canned transport).
    var portID: UInt32 { get }
    func send(_ message: [UInt8]) throws(Errno)
    /// One datagram; may hold several messages.
    func receive() throws(Errno) -> [UInt8]
}

/// A bound `NETLINK_ROUTE` socket. It belongs to the network namespace of the thread that opened it.
public final class RouteNetlinkSocket: NetlinkTransport {
    private let descriptor: FileDescriptor
    public let portID: UInt32
    /// Dumps of many links come in datagrams up to a page or more; 64 KiB holds any of them.
    private var buffer = [UInt8](repeating: 0, count: 65536)

    public init() throws(Errno) {
        let socket = try FileDescriptor.socket(AF_NETLINK, CInt(SOCK_RAW.rawValue), NETLINK_ROUTE)
        // Extended ACKs give the kernel's own explanation with an error; older kernels refuse the option.
        try? socket.setOption(level: SOL_NETLINK, NETLINK_EXT_ACK, to: 1)
        var local = sockaddr_nl()
        local.nl_family = sa_family_t(AF_NETLINK)
        try socket.bind(to: local)
        portID = try socket.localAddress(sockaddr_nl()).nl_pid
        descriptor = socket
    }

    public func send(_ message: [UInt8]) throws(Errno) {
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        let sent = try message.withUnsafeBytes { raw in
            resultOf { () throws(Errno) in try descriptor.send(raw, to: kernel) }
        }.get()
        if sent != message.count { throw Errno.messageTooLong }
    }

    public func receive() throws(Errno) -> [UInt8] {
        let count = try buffer.withUnsafeMutableBytes { raw in
            resultOf { () throws(Errno) in try descriptor.receive(into: raw) }
        }.get()
        return Array(buffer[0..<count])
    }
}
