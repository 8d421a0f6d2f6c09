import NetworkAddresses
/// hvsh's nftables rules. They live only in hvsh's own tables, `table inet hvsh` (NAT) and
/// `table bridge hvsh` (port security), so no other rule on the host is read or changed. Every
/// method builds one command buffer that libnftables applies as a single atomic batch, and every
/// buffer is idempotent: it creates what it needs with `add` (a no-op when present) before changing it.
public enum HvshFirewall {
    public static let natTable = "inet hvsh"
    public static let bridgeTable = "bridge hvsh"

    /// Source NAT for one internal prefix: traffic from it to anywhere outside it is masqueraded
    /// behind the address of whichever interface it leaves by.
    public struct Masquerade: Equatable, Sendable {
        public var name: String
        public var internalPrefix: IPPrefix
        public init(name: String, internalPrefix: IPPrefix) {
            self.name = name
            self.internalPrefix = internalPrefix
        }
    }

    /// Destination NAT: packets to `externalPort` (on `externalAddress`, or on any address when nil)
    /// are sent on to `internalAddress:internalPort`.
    public struct PortForward: Equatable, Sendable {
        public enum TransportProtocol: String, Sendable { case tcp, udp }
        public var name: String
        public var transport: TransportProtocol
        public var externalAddress: IPAddress?
        public var externalPort: UInt16
        public var internalAddress: IPAddress
        public var internalPort: UInt16
        public init(name: String, transport: TransportProtocol, externalAddress: IPAddress?, externalPort: UInt16,
                    internalAddress: IPAddress, internalPort: UInt16) {
            self.name = name
            self.transport = transport
            self.externalAddress = externalAddress
            self.externalPort = externalPort
            self.internalAddress = internalAddress
            self.internalPort = internalPort
        }
    }

    // MARK: NAT

    /// The batch that makes hvsh's NAT chains hold exactly these rules (and removes the table when
    /// there are none).
    public static func natCommands(masquerades: [Masquerade], forwards: [PortForward]) -> String {
        var lines = ["add table \(natTable)"]
        if masquerades.isEmpty && forwards.isEmpty {
            lines.append("delete table \(natTable)")
            return lines.joined(separator: "\n") + "\n"
        }
        lines += [
            "add chain \(natTable) nat-postrouting { type nat hook postrouting priority srcnat; policy accept; }",
            "add chain \(natTable) nat-prerouting { type nat hook prerouting priority dstnat; policy accept; }",
            "flush chain \(natTable) nat-postrouting",
            "flush chain \(natTable) nat-prerouting",
        ]
        for nat in masquerades {
            let network = nat.internalPrefix.network
            let keyword = network.address.family == .ipv4 ? "ip" : "ip6"
            lines.append("add rule \(natTable) nat-postrouting \(keyword) saddr \(network) \(keyword) daddr != \(network) "
                         + "masquerade comment \(quoted(nat.name))")
        }
        for forward in forwards {
            let inside = forward.internalAddress
            let keyword = inside.family == .ipv4 ? "ip" : "ip6"
            let match = forward.externalAddress.map { "\(keyword) daddr \($0)" }
                ?? "meta nfproto \(inside.family == .ipv4 ? "ipv4" : "ipv6")"
            let target = inside.family == .ipv4 ? "\(inside):\(forward.internalPort)"
                                                  : "[\(inside)]:\(forward.internalPort)"
            lines.append("add rule \(natTable) nat-prerouting \(match) \(forward.transport.rawValue) dport "
                         + "\(forward.externalPort) dnat \(keyword) to \(target) comment \(quoted(forward.name))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func applyNat(masquerades: [Masquerade], forwards: [PortForward],
                                context: NftablesContext) throws(NetlinkError) {
        try context.run(natCommands(masquerades: masquerades, forwards: forwards),
                        operation: "changing hvsh's NAT rules")
    }

    // MARK: Port security

    /// Frames entering the bridge from `port` whose source MAC is not `macAddress` are dropped; with
    /// `allowSpoofing` the port's rule is emptied. Each port has its own chain, reached through a
    /// verdict map keyed by interface name, so one port changes without reading or touching the others.
    /// `dhcpGuard` also drops DHCP server replies (v4 and v6) the VM sends, and `routerGuard` its
    /// router advertisements and redirects (IPv4 ICMP redirect, ICMPv6 RA and redirect), as Hyper-V's
    /// DhcpGuard and RouterGuard do.
    public static func portSecurityCommands(port: String, macAddress: MACAddress, allowSpoofing: Bool,
                                            dhcpGuard: Bool = false, routerGuard: Bool = false) throws(NetlinkError) -> String {
        try portBatch(port) { chain in
            var lines = ["flush chain \(bridgeTable) \(chain)",
                         "add element \(bridgeTable) port_chains { \(quoted(port)) : jump \(chain) }"]
            if !allowSpoofing {
                lines.append("add rule \(bridgeTable) \(chain) ether saddr != \(macAddress) drop")
            }
            if dhcpGuard {
                lines.append("add rule \(bridgeTable) \(chain) ether type ip udp sport 67 drop")
                lines.append("add rule \(bridgeTable) \(chain) ether type ip6 udp sport 547 drop")
            }
            if routerGuard {
                lines.append("add rule \(bridgeTable) \(chain) ether type ip icmp type redirect drop")
                lines.append("add rule \(bridgeTable) \(chain) ether type ip6 icmpv6 type { nd-router-advert, nd-redirect } drop")
            }
            return lines
        }
    }

    /// Forgets a port entirely (its VM adapter was removed).
    public static func portRemovalCommands(port: String) throws(NetlinkError) -> String {
        // Create-then-delete makes the batch valid whether or not the port was known.
        try portBatch(port) { chain in
            ["add element \(bridgeTable) port_chains { \(quoted(port)) : jump \(chain) }",
             "delete element \(bridgeTable) port_chains { \(quoted(port)) }",
             "delete chain \(bridgeTable) \(chain)"]
        }
    }

    /// One port's batch: the shared table and verdict map, the port's own chain (created when new),
    /// then `lines` about that chain.
    private static func portBatch(_ port: String, _ lines: (String) -> [String]) throws(NetlinkError) -> String {
        let chain = try portChain(port)
        return (portSecurityBase() + ["add chain \(bridgeTable) \(chain)"] + lines(chain)).joined(separator: "\n") + "\n"
    }

    public static func setPortSecurity(port: String, macAddress: MACAddress, allowSpoofing: Bool,
                                       dhcpGuard: Bool = false, routerGuard: Bool = false,
                                       context: NftablesContext) throws(NetlinkError) {
        try context.run(try portSecurityCommands(port: port, macAddress: macAddress, allowSpoofing: allowSpoofing,
                                                 dhcpGuard: dhcpGuard, routerGuard: routerGuard),
                        operation: "changing MAC address spoofing rules for \(port)")
    }

    public static func removePort(_ port: String, context: NftablesContext) throws(NetlinkError) {
        try context.run(try portRemovalCommands(port: port), operation: "removing MAC address rules for \(port)")
    }

    private static func portSecurityBase() -> [String] {
        [
            "add table \(bridgeTable)",
            "add map \(bridgeTable) port_chains { type ifname : verdict; }",
            "add chain \(bridgeTable) port-security { type filter hook prerouting priority -200; policy accept; }",
            "flush chain \(bridgeTable) port-security",
            "add rule \(bridgeTable) port-security iifname vmap @port_chains",
        ]
    }

    /// nft 1.0 does not accept quoted chain names, so a port's chain is named by the hex of its
    /// interface name: unambiguous and always a valid identifier.
    static func portChain(_ port: String) throws(NetlinkError) -> String {
        guard !port.isEmpty, port.utf8.count <= 15,
              port.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
        else {
            throw NetlinkError(errno: .invalidArgument, operation: "naming port \(port)",
                               kernelMessage: "not a valid interface name")
        }
        return "port_" + port.utf8.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Removes both hvsh tables.
    public static func removeAll(context: NftablesContext) throws(NetlinkError) {
        try context.run("add table \(natTable)\ndelete table \(natTable)\nadd table \(bridgeTable)\ndelete table \(bridgeTable)\n",
                        operation: "removing hvsh's nftables tables")
    }

    /// An nft string literal; quotes and backslashes are dropped since comments are only labels.
    /// nftables keeps at most 128 bytes of comment, so long names are cut (on a character boundary).
    static func quoted(_ text: String) -> String {
        var kept = ""
        for scalar in text.unicodeScalars where scalar != "\"" && scalar != "\\" && scalar.value >= 0x20 {
            if kept.utf8.count + String(scalar).utf8.count > 120 { break }
            kept.unicodeScalars.append(scalar)
        }
        return "\"" + kept + "\""
    }
}
