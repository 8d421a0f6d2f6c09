import Foundation
import Netlink

/// One route as Get-NetRoute shows it.
public struct NetRouteInfo: Sendable, Equatable {
    public var destinationPrefix: String
    public var nextHop: String
    public var routeMetric: UInt32
    public var interfaceIndex: Int32
    public var interfaceAlias: String
    public var family: IPAddress.Family
    public var policyStore: String { "ActiveStore" }
    public var addressFamily: String { family == .ipv4 ? "IPv4" : "IPv6" }
}

extension HostNetwork {
    /// Get-NetRoute: the main table of both families.
    public func routes() throws(HostNetworkingError) -> [NetRouteInfo] {
        let session = try netlink()
        let adapters = try adapters(includeHidden: true, session: session)
        var result: [NetRouteInfo] = []
        for family in [IPAddress.Family.ipv4, .ipv6] {
            for route in try kernel({ try session.routeList(family: family) }) {
                let zero = family == .ipv4 ? "0.0.0.0" : "::"
                let destination = route.destination.map { "\($0)/\(route.prefixLength)" } ?? "\(zero)/0"
                let adapter = adapters.first { $0.interfaceIndex == route.outputInterface }
                result.append(NetRouteInfo(
                    destinationPrefix: destination, nextHop: route.gateway?.description ?? zero,
                    routeMetric: route.priority ?? 0, interfaceIndex: route.outputInterface ?? 0,
                    interfaceAlias: adapter.map { $0.kernelName == "lo" ? "Loopback Pseudo-Interface 1" : $0.name } ?? "",
                    family: family))
            }
        }
        return result
    }

    /// New-NetRoute.
    public func addRoute(destinationPrefix: String, adapter: NetAdapterInfo?, nextHop: String?,
                         metric: UInt32?) throws(HostNetworkingError) -> NetRouteInfo {
        guard let prefix = IPPrefix(destinationPrefix), destinationPrefix.contains("/") else {
            throw HostNetworkingError("Invalid parameter DestinationPrefix \(destinationPrefix)", category: .invalidArgument,
                                      errorId: "Windows System Error 87", target: destinationPrefix)
        }
        var gateway: IPAddress?
        if let nextHop {
            guard let parsed = IPAddress(nextHop), parsed.family == prefix.address.family else {
                throw HostNetworkingError("Invalid parameter NextHop \(nextHop)", category: .invalidArgument,
                                          errorId: "Windows System Error 87", target: nextHop)
            }
            gateway = parsed.isUnspecified ? nil : parsed
        }
        let session = try netlink()
        try kernel(target: destinationPrefix) {
            try session.routeAdd(destination: prefix.length == 0 ? nil : prefix, gateway: gateway,
                                 interfaceIndex: adapter?.interfaceIndex, priority: metric)
        }
        let zero = prefix.address.family == .ipv4 ? "0.0.0.0" : "::"
        return NetRouteInfo(destinationPrefix: prefix.network.description, nextHop: gateway?.description ?? zero,
                            routeMetric: metric ?? 0, interfaceIndex: adapter?.interfaceIndex ?? 0,
                            interfaceAlias: adapter?.name ?? "", family: prefix.address.family)
    }
}
