import CNetShim
import LinuxSystem
#if canImport(Glibc)
import Glibc
#endif

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
        let fd = try syscallRetrying { cns_netlink_route_socket() }
        descriptor = FileDescriptor(owning: fd)
        portID = cns_netlink_port_id(fd)
    }

    public func send(_ message: [UInt8]) throws(Errno) {
        let fd = descriptor.rawValue
        let sent = try message.withUnsafeBytes { raw in
            Result { () throws(Errno) -> Int in try syscallRetrying { cns_netlink_send(fd, raw.baseAddress, UInt(raw.count)) } }
        }.get()
        if sent != message.count { throw Errno(rawValue: EMSGSIZE) }
    }

    public func receive() throws(Errno) -> [UInt8] {
        let fd = descriptor.rawValue
        let count = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(Errno) -> Int in try syscallRetrying { recv(fd, raw.baseAddress, raw.count, 0) } }
        }.get()
        return Array(buffer[0..<count])
    }
}
