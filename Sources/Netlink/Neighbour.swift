import NetworkAddresses
/// One entry of the kernel's neighbour table (ARP for IPv4, NDP for IPv6) as `RTM_NEWNEIGH` describes
/// it: which IP address answers from which link-layer address, on which interface.
public struct Neighbour: Equatable, Sendable {
    public var address: IPAddress
    public var linkLayerAddress: MACAddress?
    public var interfaceIndex: Int32
    /// `NUD_*` bits from <linux/neighbour.h>.
    public var state: UInt16

    /// `NUD_INCOMPLETE | NUD_FAILED`: the kernel asked and got no answer (yet).
    static let unresolvedStates: UInt16 = 0x01 | 0x20

    /// Whether the kernel has heard this address answer from `linkLayerAddress` (not just asked for it).
    public var isResolved: Bool { linkLayerAddress != nil && state & Neighbour.unresolvedStates == 0 }

    /// `struct ndmsg` is 12 bytes: family, two pad bytes (u8, u16), ifindex (s32), state (u16), flags, type.
    static let ndmsgSize = 12
    static let NDA_DST: UInt16 = 1
    static let NDA_LLADDR: UInt16 = 2

    public init(decoding payload: [UInt8]) throws(NetlinkCodecError) {
        // The fixed header must be whole before its attributes are sliced off (a short reply trapped).
        guard payload.count >= Neighbour.ndmsgSize else { throw .truncated(needed: Neighbour.ndmsgSize, available: payload.count) }
        let reader = NetlinkReader(payload[...])
        interfaceIndex = try reader.integer(Int32.self, at: 4)
        state = try reader.integer(UInt16.self, at: 8)
        let attributes = try NetlinkAttributes(payload[Neighbour.ndmsgSize...])
        guard let destination = attributes[Neighbour.NDA_DST].flatMap({ IPAddress(bytes: $0) }) else {
            throw .unexpectedReply("neighbour without an address")
        }
        address = destination
        linkLayerAddress = attributes[Neighbour.NDA_LLADDR].flatMap { MACAddress(bytes: $0) }
    }
}

extension RouteNetlinkSession {
    /// Every IPv4 and IPv6 neighbour entry of the calling thread's namespace.
    public func neighbourList() throws(NetlinkError) -> [Neighbour] {
        var request = NetlinkWriter()
        request.append(AddressFamilyNumber.AF_UNSPEC)
        request.append(bytes: [UInt8](repeating: 0, count: Neighbour.ndmsgSize - 1))
        return try dump(Neighbour.self, request: NetlinkMessageType.RTM_GETNEIGH, payload: request.bytes,
                        operation: "listing neighbours")
    }
}
