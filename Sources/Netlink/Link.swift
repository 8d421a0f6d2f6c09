import NetworkAddresses
/// One network interface as `RTM_NEWLINK` describes it.
public struct Link: Equatable, Sendable {
    public var index: Int32
    public var name: String
    /// `IFLA_INFO_KIND`: "bridge", "veth", "tun", ... (nil for physical and loopback devices).
    public var kind: String?
    /// `ifi_type`: the ARPHRD_* hardware type (1 Ethernet, 772 loopback).
    public var hardwareType: UInt16
    public var flags: UInt32
    public var mtu: UInt32
    public var macAddress: MACAddress?
    /// Index of the bridge this link is a port of.
    public var masterIndex: Int32?
    public var alias: String?
    /// RFC 2863 operational state (`IF_OPER_UP` is 6, `IF_OPER_DOWN` 2).
    public var operationalState: UInt8
    /// `IFLA_LINK`: the peer's index for a veth.
    public var peerIndex: Int32?

    public var isUp: Bool { flags & InterfaceFlags.IFF_UP != 0 }
    /// Carrier present (a cable, a peer that is up, a tap with a reader).
    public var hasCarrier: Bool { flags & InterfaceFlags.IFF_LOWER_UP != 0 }
    public var isLoopback: Bool { flags & InterfaceFlags.IFF_LOOPBACK != 0 }

    public static let ifinfomsgSize = 16

    /// `struct ifinfomsg`: family, pad, type, index, flags, change mask.
    public static func ifinfomsg(family: UInt8 = AddressFamilyNumber.AF_UNSPEC, index: Int32 = 0,
                                 flags: UInt32 = 0, change: UInt32 = 0) -> NetlinkWriter {
        var writer = NetlinkWriter()
        writer.append(family)
        writer.append(UInt8(0))
        writer.append(UInt16(0))
        writer.append(index)
        writer.append(flags)
        writer.append(change)
        return writer
    }

    /// Decodes an `RTM_NEWLINK` payload.
    public init(decoding payload: [UInt8]) throws(NetlinkCodecError) {
        // The fixed header must be whole before its attributes are sliced off (a short reply trapped).
        guard payload.count >= Link.ifinfomsgSize else { throw .truncated(needed: Link.ifinfomsgSize, available: payload.count) }
        let reader = NetlinkReader(payload[...])
        hardwareType = try reader.integer(UInt16.self, at: 2)
        index = try reader.integer(Int32.self, at: 4)
        flags = try reader.integer(UInt32.self, at: 8)
        let attributes = try NetlinkAttributes(payload[Link.ifinfomsgSize...])
        name = attributes.string(LinkAttribute.IFLA_IFNAME) ?? ""
        mtu = attributes.integer(LinkAttribute.IFLA_MTU) ?? 0
        macAddress = attributes[LinkAttribute.IFLA_ADDRESS].flatMap { MACAddress(bytes: $0) }
        masterIndex = attributes.integer(LinkAttribute.IFLA_MASTER)
        alias = attributes.string(LinkAttribute.IFLA_IFALIAS)
        operationalState = attributes.integer(LinkAttribute.IFLA_OPERSTATE) ?? 0
        peerIndex = attributes.integer(LinkAttribute.IFLA_LINK)
        kind = attributes.nested(LinkAttribute.IFLA_LINKINFO)?.string(LinkInfoAttribute.IFLA_INFO_KIND)
    }
}
