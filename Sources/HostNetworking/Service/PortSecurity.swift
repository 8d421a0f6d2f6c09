import Netlink
import NetworkAddresses

/// MAC address spoofing protection for VM ports, for the Hyper-V module to call when a VM adapter
/// is connected or `Set-VMNetworkAdapter -MacAddressSpoofing` changes.
///
/// With spoofing Off (Hyper-V's default) frames entering the switch from `port` whose source MAC is
/// not the adapter's own are dropped; with it On the rule is emptied. Rules live in
/// `table bridge hvsh`, one chain per port, and each call is one atomic nftables transaction that
/// works whether or not the port was known before. Calls act on the calling thread's namespace.
public enum PortSecurity {
    /// - Parameters:
    ///   - port: the kernel name of the VM's port (its tap).
    ///   - macAddress: the adapter's MAC in any common form (`00155D010203`, `00-15-5D-01-02-03`, `00:15:5d:01:02:03`).
    ///   - allowSpoofing: `true` for MacAddressSpoofing On.
    ///   - dhcpGuard: `true` for DhcpGuard On: DHCP server replies from the VM are dropped.
    ///   - routerGuard: `true` for RouterGuard On: router advertisements and redirects from the VM are dropped.
    public static func apply(port: String, macAddress: String, allowSpoofing: Bool,
                             dhcpGuard: Bool = false, routerGuard: Bool = false) throws(HostNetworkingError) {
        guard let mac = MACAddress(macAddress) else {
            throw HostNetworkingError("'\(macAddress)' is not a valid MAC address.", category: .invalidArgument,
                                      errorId: "InvalidParameter", target: macAddress)
        }
        do {
            try HvshFirewall.setPortSecurity(port: port, macAddress: mac, allowSpoofing: allowSpoofing,
                                             dhcpGuard: dhcpGuard, routerGuard: routerGuard,
                                             context: try NftablesContext())
        } catch {
            throw .kernel(error, target: port)
        }
    }

    /// Forgets the port's rule (its adapter was removed or disconnected). Safe for unknown ports.
    public static func remove(port: String) throws(HostNetworkingError) {
        do {
            try HvshFirewall.removePort(port, context: try NftablesContext())
        } catch {
            throw .kernel(error, target: port)
        }
    }

    /// Takes a VM's port off its switch and forgets its rule: its adapter was disconnected or removed,
    /// or its VM stopped (then the tap is usually gone already and only the rule is left). Safe for
    /// unknown ports.
    public static func release(port: String) throws(HostNetworkingError) {
        do {
            let session = try RouteNetlinkSession()
            if let link = try session.link(named: port), link.masterIndex != nil {
                try session.linkSetMaster(index: link.index, masterIndex: nil)
            }
        } catch {
            throw .kernel(error, target: port)
        }
        try remove(port: port)
    }

    /// The addresses the host has heard answer from `macAddress` on the switch `port` is plugged into
    /// (its neighbour table, ARP and NDP, on the bridge or on a host adapter into it), IPv4 before
    /// IPv6: what the host can learn of a VM adapter's addresses without a guest agent. Empty when the
    /// port is on no switch, or nothing answered there; entries the kernel gave up on are left out.
    public static func learnedAddresses(of macAddress: String, port: String) -> [String] {
        guard let mac = MACAddress(macAddress), let session = try? RouteNetlinkSession(),
              let links = try? session.linkList(), let bridge = links.first(where: { $0.name == port })?.masterIndex,
              let entries = try? session.neighbourList() else { return [] }
        let byIndex = Dictionary(links.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        // The host's side of a switch: the bridge, its ports, and veth ends whose peer is a port.
        func onSwitch(_ index: Int32) -> Bool {
            guard let link = byIndex[index] else { return false }
            return index == bridge || link.masterIndex == bridge || link.peerIndex.flatMap { byIndex[$0]?.masterIndex } == bridge
        }
        var seen = Set<IPAddress>()
        let matching = entries.filter {
            $0.isResolved && $0.linkLayerAddress == mac && onSwitch($0.interfaceIndex) && seen.insert($0.address).inserted
        }
        return matching.map(\.address)
            .sorted { $0.bytes.count != $1.bytes.count ? $0.bytes.count < $1.bytes.count : $0.bytes.lexicographicallyPrecedes($1.bytes) }
            .map(\.description)
    }

    /// Whether an interface named `port` exists in the calling thread's network namespace. Use this
    /// rather than /sys/class/net, which shows the namespace sysfs was mounted in, not the thread's.
    public static func portExists(_ port: String) -> Bool {
        guard let session = try? RouteNetlinkSession(), let link = try? session.link(named: port) else { return false }
        return link != nil
    }
}
