import CLinuxSystem
import Glibc
import LinuxSystem

/// An AF_PACKET socket bound to one interface: sends whole Ethernet frames out of it and receives every
/// frame it sees, for tests that watch what a switch port lets through.
public final class PacketSocket {
    /// ETH_P_ALL, in network byte order as the kernel wants it.
    static let allProtocols = UInt16(0x0003).bigEndian
    let descriptor: FileDescriptor
    let interfaceIndex: Int32

    public init(interfaceIndex: Int32) throws {
        descriptor = try FileDescriptor.socket(AF_PACKET, CInt(SOCK_RAW.rawValue), CInt(Self.allProtocols))
        self.interfaceIndex = interfaceIndex
        try descriptor.bind(to: address())
    }

    private func address(destination: [UInt8] = []) -> sockaddr_ll {
        var address = sockaddr_ll()
        address.sll_family = UInt16(AF_PACKET)
        address.sll_protocol = Self.allProtocols
        address.sll_ifindex = interfaceIndex
        address.sll_halen = UInt8(destination.count)
        withUnsafeMutableBytes(of: &address.sll_addr) { $0.copyBytes(from: destination.prefix(8)) }
        return address
    }

    /// Sends one frame (its first six bytes are the destination MAC).
    public func send(_ frame: [UInt8]) throws {
        let to = address(destination: Array(frame.prefix(6)))
        _ = try frame.withUnsafeBytes { raw in resultOf { () throws(Errno) in try descriptor.send(raw, to: to) } }.get()
    }

    /// The next frame, or nil when none comes within `timeoutMilliseconds`.
    public func receive(timeoutMilliseconds: CInt) throws -> [UInt8]? {
        var entries = [PollEntry(descriptor, .readable)]
        guard try Poll.wait(&entries, timeoutMilliseconds: timeoutMilliseconds) > 0 else { return nil }
        return try descriptor.read(upToCount: 65536)
    }
}
