/// One interface address as `RTM_NEWADDR` describes it.
public struct InterfaceAddress: Equatable, Sendable {
    public var interfaceIndex: Int32
    public var address: IPAddress
    public var prefixLength: Int
    public var scope: UInt8
    /// `IFA_F_*` bits (0x40 IFA_F_TENTATIVE, 0x80 IFA_F_PERMANENT, 0x20 IFA_F_DEPRECATED...).
    public var flags: UInt32
    public var label: String?

    public var prefix: IPPrefix { IPPrefix(address: address, length: prefixLength)! }
    public var isTentative: Bool { flags & 0x40 != 0 }

    public static let ifaddrmsgSize = 8

    /// `struct ifaddrmsg`: family, prefix length, flags, scope, interface index.
    static func ifaddrmsg(family: UInt8, prefixLength: UInt8 = 0, scope: UInt8 = 0, index: Int32 = 0) -> NetlinkWriter {
        var writer = NetlinkWriter()
        writer.append(family)
        writer.append(prefixLength)
        writer.append(UInt8(0))
        writer.append(scope)
        writer.append(UInt32(bitPattern: index))
        return writer
    }

    public init(decoding payload: [UInt8]) throws(NetlinkCodecError) {
        // The fixed header must be whole before its attributes are sliced off (a short reply trapped).
        guard payload.count >= InterfaceAddress.ifaddrmsgSize else { throw .truncated(needed: InterfaceAddress.ifaddrmsgSize, available: payload.count) }
        let reader = NetlinkReader(payload[...])
        prefixLength = Int(try reader.integer(UInt8.self, at: 1))
        let shortFlags = try reader.integer(UInt8.self, at: 2)
        scope = try reader.integer(UInt8.self, at: 3)
        interfaceIndex = Int32(bitPattern: try reader.integer(UInt32.self, at: 4))
        let attributes = try NetlinkAttributes(payload[InterfaceAddress.ifaddrmsgSize...])
        // IFA_LOCAL is the interface's own address on point-to-point links; IFA_ADDRESS otherwise.
        let raw = attributes[AddressAttribute.IFA_LOCAL] ?? attributes[AddressAttribute.IFA_ADDRESS]
        guard let raw, let parsed = IPAddress(bytes: raw) else {
            throw .unexpectedReply("address message without an address")
        }
        address = parsed
        flags = attributes.integer(AddressAttribute.IFA_FLAGS) ?? UInt32(shortFlags)
        label = attributes.string(AddressAttribute.IFA_LABEL)
    }
}

extension RouteNetlinkSession {
    /// Every address, or those of one family.
    public func addressList(family: IPAddress.Family? = nil) throws(NetlinkError) -> [InterfaceAddress] {
        let number: UInt8 = switch family {
        case .none: AddressFamilyNumber.AF_UNSPEC
        case .ipv4: AddressFamilyNumber.AF_INET
        case .ipv6: AddressFamilyNumber.AF_INET6
        }
        return try dump(InterfaceAddress.self, request: NetlinkMessageType.RTM_GETADDR,
                        payload: InterfaceAddress.ifaddrmsg(family: number).bytes, operation: "listing IP addresses")
    }

    public func addressAdd(index: Int32, _ address: IPAddress, prefixLength: Int) throws(NetlinkError) {
        try perform(type: NetlinkMessageType.RTM_NEWADDR,
                    flags: NetlinkFlags.NLM_F_CREATE | NetlinkFlags.NLM_F_EXCL,
                    payload: addressPayload(index: index, address, prefixLength: prefixLength, withBroadcast: true),
                    operation: "adding address \(address)/\(prefixLength)")
    }

    public func addressDelete(index: Int32, _ address: IPAddress, prefixLength: Int) throws(NetlinkError) {
        try perform(type: NetlinkMessageType.RTM_DELADDR,
                    payload: addressPayload(index: index, address, prefixLength: prefixLength, withBroadcast: false),
                    operation: "removing address \(address)/\(prefixLength)")
    }

    private func addressPayload(index: Int32, _ address: IPAddress, prefixLength: Int, withBroadcast: Bool) -> [UInt8] {
        var payload = InterfaceAddress.ifaddrmsg(family: address.kernelFamily, prefixLength: UInt8(prefixLength),
                                                 index: index)
        payload.attribute(AddressAttribute.IFA_LOCAL, address.bytes)
        payload.attribute(AddressAttribute.IFA_ADDRESS, address.bytes)
        // iproute2 adds the broadcast address for IPv4 networks wider than /31; do the same so that
        // `ip addr` shows the familiar `brd`.
        if withBroadcast, address.family == .ipv4, prefixLength < 31 {
            var broadcast = address.bytes
            for i in 0..<4 {
                let hostBits = max(0, min(8, (i + 1) * 8 - prefixLength))
                broadcast[i] |= UInt8(truncatingIfNeeded: (1 << hostBits) - 1)
            }
            payload.attribute(AddressAttribute.IFA_BROADCAST, broadcast)
        }
        return payload.bytes
    }
}
