import Foundation
import HostNetworking
import LinuxSystem
import Inventory
import Netlink
import NamespaceTesting
import XCTest
#if canImport(Glibc)
import Glibc
import NetworkAddresses
#endif

/// A temporary inventory directory, removed by the caller's `defer`.
func temporaryInventory() throws -> (Inventory, String) {
    let path = NSTemporaryDirectory() + "hvsh-net-test-" + UUID().uuidString
    return (try Inventory(root: path), path)
}

/// `body` in a fresh network namespace with a HostNetwork on a temporary inventory (removed afterwards)
/// and a lab in which the namespaces `names` are made: the set-up of every traffic test.
func inNetworkLab<T: Sendable>(_ names: [String],
                               _ body: @escaping @Sendable (HostNetwork, LabNamespaces) throws -> T) throws -> T {
    let (inventory, path) = try temporaryInventory()
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try inFreshNamespace { () throws -> T in
        let network = HostNetwork(inventory: inventory)
        let lab = try LabNamespaces()
        for name in names { try lab.add(name) }
        return try body(network, lab)
    }
}

/// UDP through the kernel of whichever namespace the calling thread is in when the socket is made.
final class UDPSocket {
    let fd: Int32

    init(bindTo address: String, port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Errno.current }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var sin = UDPSocket.makeAddress(address, port)
        let status = withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard status == 0 else { throw Errno.current }
    }

    deinit { close(fd) }

    static func makeAddress(_ address: String, _ port: UInt16) -> sockaddr_in {
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = port.bigEndian
        inet_pton(AF_INET, address, &sin.sin_addr)
        return sin
    }

    func send(_ text: String, to address: String, port: UInt16) throws {
        var sin = UDPSocket.makeAddress(address, port)
        let bytes = Array(text.utf8)
        let sent = withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: Glibc.sockaddr.self, capacity: 1) {
                sendto(fd, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard sent == bytes.count else { throw Errno.current }
    }

    /// One datagram and the sender's address, or nil after `timeoutMilliseconds`.
    func receive(timeoutMilliseconds: Int32 = 2000) -> (text: String, from: String, port: UInt16)? {
        var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&waiting, 1, timeoutMilliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 2048)
        var sender = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = withUnsafeMutablePointer(to: &sender) {
            $0.withMemoryRebound(to: Glibc.sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &length) }
        }
        guard count >= 0 else { return nil }
        var text = [CChar](repeating: 0, count: 64)
        inet_ntop(AF_INET, &sender.sin_addr, &text, socklen_t(text.count))
        return (String(decoding: buffer[0..<count], as: UTF8.self),
                String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                UInt16(bigEndian: sender.sin_port))
    }
}

/// Namespaces standing in for the machines of a lab, all reachable from the test's thread, which
/// moves between them with setns. Made inside the fresh namespace `inFreshNamespace` created (the
/// "host"); the others are unshared from there and vanish when their descriptors close.
final class LabNamespaces {
    /// Owns one namespace descriptor (a class, so dictionaries can hold it).
    final class Handle {
        let descriptor: FileDescriptor
        init(_ descriptor: consuming FileDescriptor) { self.descriptor = descriptor }
    }

    let hostHandle: Handle
    private(set) var others: [String: Handle] = [:]
    var host: Handle { hostHandle }

    init() throws {
        hostHandle = Handle(try NetworkNamespace.openCurrent())
    }

    /// Creates a namespace named `name` (loopback up) and returns to the host namespace.
    func add(_ name: String) throws {
        try NetworkNamespace.unshareCurrentThread()
        try RouteNetlinkSession().linkSetUp(index: 1, true)
        others[name] = Handle(try NetworkNamespace.openCurrent())
        try NetworkNamespace.enter(host.descriptor)
    }

    /// Runs `body` inside namespace `name` ("host" for the host) and comes back to the host.
    func inside<T>(_ name: String, _ body: () throws -> T) throws -> T {
        if name != "host" { try NetworkNamespace.enter(others[name]!.descriptor) }
        defer { try? NetworkNamespace.enter(host.descriptor) }
        return try body()
    }

    /// A veth with `hostEnd` in the host and `otherEnd` in namespace `name`, both up, the far end
    /// addressed with `address` and routed through `gateway`.
    func cable(hostEnd: String, to name: String, otherEnd: String, address: String?, prefixLength: Int = 24,
               gateway: String? = nil, mac: String? = nil) throws {
        let session = try RouteNetlinkSession()
        try session.linkAddVeth(name: hostEnd, peer: otherEnd, peerNamespace: others[name]!.descriptor.rawValue)
        try session.linkSetUp(index: try session.link(named: hostEnd)!.index, true)
        try inside(name) {
            let far = try RouteNetlinkSession()
            let link = try far.link(named: otherEnd)!
            if let mac { try far.linkSetMACAddress(index: link.index, MACAddress(mac)!) }
            try far.linkSetUp(index: link.index, true)
            if let address { try far.addressAdd(index: link.index, IPAddress(address)!, prefixLength: prefixLength) }
            if let gateway { try far.routeAddDefault(gateway: IPAddress(gateway)!) }
        }
    }
}

/// Result of running PowerShell text through a real ShellSession.
struct ScriptRun: Sendable {
    var exitCode: Int32
    /// The output stream (formatted by Out-Default).
    var output: String
    /// Errors, warnings and the other streams.
    var other: String
}
