/// One route as `RTM_NEWROUTE` describes it.
public struct Route: Equatable, Sendable {
    public var family: IPAddress.Family
    /// nil for a default route.
    public var destination: IPAddress?
    public var prefixLength: Int
    public var gateway: IPAddress?
    public var outputInterface: Int32?
    public var table: UInt32
    public var protocolNumber: UInt8
    public var scope: UInt8
    public var type: UInt8
    public var priority: UInt32?

    public var isDefault: Bool { prefixLength == 0 }

    public static let rtmsgSize = 12

    /// `struct rtmsg`: family, dst_len, src_len, tos, table, protocol, scope, type, flags.
    static func rtmsg(family: UInt8, destinationLength: UInt8 = 0, table: UInt8 = 0, protocolNumber: UInt8 = 0,
                      scope: UInt8 = 0, type: UInt8 = 0) -> NetlinkWriter {
        var writer = NetlinkWriter()
        writer.append(family)
        writer.append(destinationLength)
        writer.append(UInt8(0))
        writer.append(UInt8(0))
        writer.append(table)
        writer.append(protocolNumber)
        writer.append(scope)
        writer.append(type)
        writer.append(UInt32(0))
        return writer
    }

    public init(decoding payload: [UInt8]) throws(NetlinkCodecError) {
        // The fixed header must be whole before its attributes are sliced off (a short reply trapped).
        guard payload.count >= Route.rtmsgSize else { throw .truncated(needed: Route.rtmsgSize, available: payload.count) }
        let reader = NetlinkReader(payload[...])
        let familyNumber = try reader.integer(UInt8.self, at: 0)
        family = familyNumber == AddressFamilyNumber.AF_INET6 ? .ipv6 : .ipv4
        prefixLength = Int(try reader.integer(UInt8.self, at: 1))
        let shortTable = try reader.integer(UInt8.self, at: 4)
        protocolNumber = try reader.integer(UInt8.self, at: 5)
        scope = try reader.integer(UInt8.self, at: 6)
        type = try reader.integer(UInt8.self, at: 7)
        let attributes = try NetlinkAttributes(payload[Route.rtmsgSize...])
        destination = attributes[RouteAttribute.RTA_DST].flatMap { IPAddress(bytes: $0) }
        gateway = attributes[RouteAttribute.RTA_GATEWAY].flatMap { IPAddress(bytes: $0) }
        outputInterface = attributes.integer(RouteAttribute.RTA_OIF)
        table = attributes.integer(RouteAttribute.RTA_TABLE) ?? UInt32(shortTable)
        priority = attributes.integer(RouteAttribute.RTA_PRIORITY)
    }
}

extension RouteNetlinkSession {
    /// Routes of the main table (local and broadcast entries of other tables are left out).
    public func routeList(family: IPAddress.Family = .ipv4) throws(NetlinkError) -> [Route] {
        let number = family == .ipv4 ? AddressFamilyNumber.AF_INET : AddressFamilyNumber.AF_INET6
        return try dump(Route.self, request: NetlinkMessageType.RTM_GETROUTE, payload: Route.rtmsg(family: number).bytes,
                        operation: "listing routes")
            .filter { $0.table == UInt32(RouteConstants.RT_TABLE_MAIN) }
    }

    /// Adds a route to `destination` (nil: the default route) via `gateway` and/or out of `interfaceIndex`.
    public func routeAdd(destination: IPPrefix?, gateway: IPAddress?, interfaceIndex: Int32?,
                         priority: UInt32? = nil) throws(NetlinkError) {
        let family = destination?.address.kernelFamily ?? gateway?.kernelFamily ?? AddressFamilyNumber.AF_INET
        var payload = Route.rtmsg(family: family, destinationLength: UInt8(destination?.length ?? 0),
                                  table: RouteConstants.RT_TABLE_MAIN, protocolNumber: RouteConstants.RTPROT_STATIC,
                                  scope: gateway == nil ? RouteConstants.RT_SCOPE_LINK : RouteConstants.RT_SCOPE_UNIVERSE,
                                  type: RouteConstants.RTN_UNICAST)
        if let destination, destination.length > 0 {
            payload.attribute(RouteAttribute.RTA_DST, destination.network.address.bytes)
        }
        if let gateway { payload.attribute(RouteAttribute.RTA_GATEWAY, gateway.bytes) }
        if let interfaceIndex { payload.attribute(RouteAttribute.RTA_OIF, integer: interfaceIndex) }
        if let priority { payload.attribute(RouteAttribute.RTA_PRIORITY, integer: priority) }
        let what = destination.map { "a route to \($0.network)" } ?? "a default route"
        try perform(type: NetlinkMessageType.RTM_NEWROUTE,
                    flags: NetlinkFlags.NLM_F_CREATE | NetlinkFlags.NLM_F_EXCL,
                    payload: payload.bytes, operation: "adding \(what)" + (gateway.map { " via \($0)" } ?? ""))
    }

    /// Adds the default route through `gateway`.
    public func routeAddDefault(gateway: IPAddress, interfaceIndex: Int32? = nil) throws(NetlinkError) {
        try routeAdd(destination: nil, gateway: gateway, interfaceIndex: interfaceIndex)
    }

    public func routeDelete(_ route: Route) throws(NetlinkError) {
        let number = route.family == .ipv4 ? AddressFamilyNumber.AF_INET : AddressFamilyNumber.AF_INET6
        var payload = Route.rtmsg(family: number, destinationLength: UInt8(route.prefixLength),
                                  table: UInt8(truncatingIfNeeded: route.table), scope: route.scope, type: route.type)
        if let destination = route.destination { payload.attribute(RouteAttribute.RTA_DST, destination.bytes) }
        if let gateway = route.gateway { payload.attribute(RouteAttribute.RTA_GATEWAY, gateway.bytes) }
        if let oif = route.outputInterface { payload.attribute(RouteAttribute.RTA_OIF, integer: oif) }
        try perform(type: NetlinkMessageType.RTM_DELROUTE, payload: payload.bytes, operation: "removing a route")
    }
}
