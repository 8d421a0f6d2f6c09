import Foundation
import LinuxSystem
import Netlink
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// hvsh extension for labs run under `hvsh -Sandbox`: an "outside LAN" for the sandbox, so that a
/// NAT made inside has an interface to masquerade out of and something to reach.
///
/// A dedicated thread moves itself into a second, new network namespace (the outside network; a
/// network namespace belongs to a thread, so the rest of hvsh stays in the sandbox). A veth pair
/// joins the two: `uplink` (198.51.100.2/24, the sandbox's default route via .1) inside and
/// `outside0` (198.51.100.1/24) in the outside namespace, addresses from TEST-NET-2 (RFC 5737) so they
/// cannot clash with a real network. The thread then listens for UDP datagrams on the given ports
/// and keeps what arrives, with the sender's address as the outside network saw it. Both
/// namespaces vanish with the hvsh process; nothing is created in the host's namespace (the
/// cmdlet refuses to run outside a sandbox).
public final class SandboxUplink: Sendable {
    public static let insideName = "uplink"
    public static let outsideName = "outside0"
    public static let insideAddress = "198.51.100.2"
    public static let outsideAddress = "198.51.100.1"
    public static let prefixLength = 24

    /// One datagram received in the outside namespace.
    public struct Datagram: Sendable, Equatable {
        public var source: String
        public var sourcePort: Int
        public var port: Int
        public var text: String
        public var received: Date
    }

    /// `/proc/<pid>/task/<tid>/ns/net` of the outside namespace (for `nsenter --net=`).
    public let outsideNamespacePath: String
    public let ports: [Int]
    private let datagrams = Mutex<[Datagram]>([])

    private static let current = Mutex<SandboxUplink?>(nil)

    /// The uplink of this process, if one was made.
    public static var active: SandboxUplink? { current.withLock { $0 } }

    /// Whether this process is the inner hvsh of `hvsh -Sandbox` (the sandbox sets HVSH_SANDBOX=1
    /// only after checking that it really is in a new namespace).
    public static var insideSandbox: Bool { ProcessInfo.processInfo.environment["HVSH_SANDBOX"] == "1" }

    private init(outsideNamespacePath: String, ports: [Int]) {
        self.outsideNamespacePath = outsideNamespacePath
        self.ports = ports
    }

    /// Datagrams received so far, oldest first.
    public var received: [Datagram] { datagrams.withLock { $0 } }

    /// Waits (polling, with a deadline) for a datagram on `port` (any port when nil).
    public func waitForDatagram(port: Int?, timeout: TimeInterval) -> Datagram? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let found = received.first(where: { port == nil || $0.port == port }) { return found }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// Creates the outside namespace, the veth pair, addresses, route and listeners. Once per process.
    public static func create(ports: [Int]) throws -> SandboxUplink {
        guard insideSandbox else {
            throw HostNetworkingError("The sandbox uplink is only made inside 'hvsh -Sandbox', where it cannot touch the host's network.",
                                      category: .invalidOperation, errorId: "HvshSandboxUplinkOutsideSandbox")
        }
        if let existing = active {
            throw HostNetworkingError("This sandbox already has an uplink (outside namespace \(existing.outsideNamespacePath)).",
                                      category: .resourceExists, errorId: "HvshSandboxUplinkExists")
        }
        let handoff = OutsideHandoff()
        let thread = Thread { OutsideNetwork.run(ports: ports, handoff: handoff) }
        thread.name = "hvsh-outside-lan"
        thread.start()
        // 1. The thread reports the outside namespace (or why it could not make it).
        guard let namespacePath = handoff.waitForNamespace() else {
            throw HostNetworkingError("Could not create the outside network namespace: \(handoff.failureText)",
                                      category: .permissionDenied, errorId: "HvshSandboxUplinkNamespace")
        }
        // 2. This thread (in the sandbox) makes the veth pair with its peer already outside.
        do {
            let session = try RouteNetlinkSession()
            let outside: FileDescriptor
            do { outside = try NetworkNamespace.open(namespacePath) } catch {
                throw NetlinkError(errno: error, operation: "opening the outside namespace")
            }
            try session.linkAddVeth(name: insideName, peer: outsideName, peerNamespace: outside.rawValue)
            guard let link = try session.link(named: insideName) else {
                throw NetlinkError(errno: .invalidArgument, operation: "finding the uplink")
            }
            try session.addressAdd(index: link.index, IPAddress(insideAddress)!, prefixLength: prefixLength)
            try session.linkSetUp(index: link.index, true)
            try session.routeAddDefault(gateway: IPAddress(outsideAddress)!, interfaceIndex: link.index)
        } catch {
            handoff.finish(false)
            throw HostNetworkingError("Could not create the sandbox uplink: \(error)",
                                      category: .invalidOperation, errorId: "HvshSandboxUplinkLink")
        }
        disableBridgeNetfilter()
        // 3. The thread configures its end and starts listening.
        handoff.finish(true)
        guard handoff.waitForListening() else {
            throw HostNetworkingError("Could not configure the outside network: \(handoff.failureText)",
                                      category: .invalidOperation, errorId: "HvshSandboxUplinkOutside")
        }
        let uplink = SandboxUplink(outsideNamespacePath: namespacePath, ports: ports)
        handoff.setUplink(uplink)
        current.withLock { $0 = uplink }
        return uplink
    }

    /// With br_netfilter loaded, frames crossing a switch's bridge also pass the inet hooks, so a
    /// VM's packet to the host adapter is masqueraded once on its way *through the bridge* (out of a
    /// port with no address: dropped) before it is routed. In this sandbox's own namespace (the
    /// setting is per namespace since Linux 5.3; older kernels share it, so it is left alone there)
    /// bridged frames skip those hooks, as on Windows, where a switch does not NAT.
    static func disableBridgeNetfilter() {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: &name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let parts = release.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 5 || (parts[0] == 5 && parts[1] >= 3) else { return }
        for family in ["iptables", "ip6tables", "arptables"] {
            // Missing when br_netfilter is not loaded: then there is nothing to turn off.
            guard let setting = try? FileDescriptor.open("/proc/sys/net/bridge/bridge-nf-call-\(family)", .writeOnly) else { continue }
            try? setting.writeAll(Array("0\n".utf8))
        }
    }

    fileprivate func record(_ datagram: Datagram) { datagrams.withLock { $0.append(datagram) } }
}

/// The steps the outside thread and the creating thread hand each other, under one lock.
private final class OutsideHandoff: Sendable {
    private struct State {
        var namespace: String?
        var failed = false
        var failure = ""
        var linkMade: Bool?
        var listening: Bool?
        var uplink: SandboxUplink?
    }
    private let state = Mutex(State())

    var failureText: String { state.withLock { $0.failure } }

    private func wait<T>(_ read: (inout State) -> T?) -> T? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let value = state.withLock({ read(&$0) }) { return value }
            usleep(1_000)
        }
        return nil
    }

    func publish(_ path: String) { state.withLock { $0.namespace = path } }
    func fail(_ text: String) { state.withLock { $0.failed = true; $0.failure = text } }
    /// The outside namespace's path, or nil when the thread could not make it.
    func waitForNamespace() -> String? {
        let outcome: String? = wait { s in s.failed ? "" : s.namespace }
        return outcome?.isEmpty == false ? outcome : nil
    }
    func finish(_ made: Bool) { state.withLock { $0.linkMade = made } }
    func waitForLinkDecision() -> Bool { wait { $0.linkMade } ?? false }
    func listening(_ ok: Bool) { state.withLock { $0.listening = ok } }
    func waitForListening() -> Bool { wait { s in s.failed ? false : s.listening } ?? false }
    func setUplink(_ uplink: SandboxUplink) { state.withLock { $0.uplink = uplink } }
    func waitForUplink() -> SandboxUplink? { wait { $0.uplink } }
}

/// What the outside thread does; it never returns once listening, and ends with the process.
private enum OutsideNetwork {
    static func run(ports: [Int], handoff: OutsideHandoff) {
        do {
            try NetworkNamespace.unshareCurrentThread()
        } catch {
            handoff.fail("\(NetlinkError(errno: error, operation: "creating a network namespace"))")
            return
        }
        // /proc/thread-self links to "<pid>/task/<tid>": this thread's own view of /proc.
        let task = (try? FileSystem.readLink("/proc/thread-self")) ?? "\(getpid())"
        handoff.publish("/proc/\(task)/ns/net")
        guard handoff.waitForLinkDecision() else { return }
        var sockets: [UDPListener] = []
        do {
            let session = try RouteNetlinkSession()
            try session.linkSetUp(index: 1, true)
            guard let link = try session.link(named: SandboxUplink.outsideName) else {
                throw NetlinkError(errno: .invalidArgument, operation: "finding outside0")
            }
            try session.addressAdd(index: link.index, IPAddress(SandboxUplink.outsideAddress)!,
                                   prefixLength: SandboxUplink.prefixLength)
            try session.linkSetUp(index: link.index, true)
            for port in ports { sockets.append(try UDPListener(port: port)) }
        } catch {
            handoff.fail("\(error)")
            return
        }
        handoff.listening(true)
        guard let uplink = handoff.waitForUplink() else { return }
        var entries = sockets.map { PollEntry($0.descriptor, .readable) }
        var buffer = [UInt8](repeating: 0, count: 2048)
        while true {
            guard (try? Poll.wait(&entries, timeoutMilliseconds: -1)) != nil else { continue }
            for (socket, entry) in zip(sockets, entries) where entry.returned.contains(.readable) {
                var from = sockaddr_in()
                guard let count = try? buffer.withUnsafeMutableBytes({ raw in
                    resultOf { () throws(Errno) in try socket.descriptor.receive(into: raw, from: &from) }
                }).get() else { continue }
                var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
                inet_ntop(AF_INET, &from.sin_addr, &text, socklen_t(text.count))
                let source = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                uplink.record(.init(source: source, sourcePort: Int(UInt16(bigEndian: from.sin_port)), port: socket.port,
                                    text: String(decoding: buffer[0..<count], as: UTF8.self), received: Date()))
            }
        }
    }
}

/// A UDP socket of the outside network, bound to one port on every address.
private final class UDPListener {
    let descriptor: FileDescriptor
    let port: Int

    init(port: Int) throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = INADDR_ANY
        do {
            descriptor = try FileDescriptor.socket(AF_INET, CInt(SOCK_DGRAM.rawValue))
            try descriptor.bind(to: address)
        } catch {
            throw NetlinkError(errno: error as? Errno ?? .invalidArgument, operation: "listening on UDP port \(port)")
        }
        self.port = port
    }
}
