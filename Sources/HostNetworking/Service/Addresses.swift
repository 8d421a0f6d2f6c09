import Foundation
import Inventory
import Netlink

/// One IP address as Get-NetIPAddress shows it.
public struct NetIPAddressInfo: Sendable, Equatable {
    public var address: String
    public var interfaceIndex: Int32
    public var interfaceAlias: String
    public var family: IPAddress.Family
    public var prefixLength: Int
    public var prefixOrigin: String
    public var suffixOrigin: String
    public var addressState: String
    /// `ActiveStore` (the kernel) or `PersistentStore` (the inventory).
    public var policyStore: String

    public var addressFamily: String { family == .ipv4 ? "IPv4" : "IPv6" }
}

extension HostNetwork {
    /// Get-NetIPAddress: every kernel address (ActiveStore), named by its adapter's Windows name.
    public func ipAddresses() throws(HostNetworkingError) -> [NetIPAddressInfo] {
        let session = try netlink()
        let adapters = try adapters(includeHidden: true, session: session)
        let recorded = try store { try inventory.list(AddressRecord.self).records }
        let manual = Set(recorded.map { "\($0.interfaceName)|\($0.address)" })
        var result: [NetIPAddressInfo] = []
        for entry in try kernel({ try session.addressList() }) {
            guard let adapter = adapters.first(where: { $0.interfaceIndex == entry.interfaceIndex }) else { continue }
            let isLoopback = adapter.kernelName == "lo"
            let isLinkLocal = entry.address.family == .ipv6 && entry.address.bytes[0] == 0xfe && entry.address.bytes[1] & 0xc0 == 0x80
            let isManual = manual.contains("\(adapter.kernelName)|\(entry.address)")
            let origin = isLoopback ? "WellKnown" : isLinkLocal ? "WellKnown" : isManual ? "Manual" : "Manual"
            result.append(NetIPAddressInfo(
                address: entry.address.description, interfaceIndex: entry.interfaceIndex,
                interfaceAlias: isLoopback ? "Loopback Pseudo-Interface 1" : adapter.name,
                family: entry.address.family, prefixLength: entry.prefixLength,
                prefixOrigin: origin, suffixOrigin: isLoopback ? "WellKnown" : isLinkLocal ? "Link" : origin,
                addressState: entry.isTentative ? "Tentative" : "Preferred", policyStore: "ActiveStore"))
        }
        return result
    }

    /// Get-NetIPAddress -PolicyStore PersistentStore: the addresses hvsh recorded (and recreates).
    public func persistentIPAddresses() throws(HostNetworkingError) -> [NetIPAddressInfo] {
        let session = try netlink()
        let adapters = try adapters(includeHidden: true, session: session)
        return try store { try inventory.list(AddressRecord.self).records }.compactMap { record in
            guard let address = IPAddress(record.address) else { return nil }
            let adapter = adapters.first { $0.kernelName == record.interfaceName }
            return NetIPAddressInfo(address: record.address, interfaceIndex: adapter?.interfaceIndex ?? 0,
                                    interfaceAlias: adapter?.name ?? record.interfaceName, family: address.family,
                                    prefixLength: record.prefixLength, prefixOrigin: "Manual", suffixOrigin: "Manual",
                                    addressState: "Invalid", policyStore: "PersistentStore")
        }
    }

    /// New-NetIPAddress: adds the address in the kernel and records it; returns the ActiveStore and
    /// PersistentStore objects, as Windows does.
    public func addIPAddress(_ text: String, adapter: NetAdapterInfo, prefixLength requested: Int?,
                             family: IPAddress.Family?, defaultGateway: String?) throws(HostNetworkingError) -> [NetIPAddressInfo] {
        guard let address = IPAddress(text) else {
            throw HostNetworkingError("Invalid parameter IPAddress \(text): expected an IPv4 or IPv6 address such as 192.168.2.1.", category: .invalidArgument,
                                      errorId: "Windows System Error 87", target: text)
        }
        if let family, family != address.family {
            throw HostNetworkingError("The address \(text) is not an \(family == .ipv4 ? "IPv4" : "IPv6") address, but -AddressFamily says so.",
                                      category: .invalidArgument, errorId: "Windows System Error 87", target: text)
        }
        let prefixLength = requested ?? Self.defaultPrefixLength(address)
        guard prefixLength >= 0, prefixLength <= address.bitWidth else {
            throw HostNetworkingError("Invalid parameter PrefixLength \(prefixLength)", category: .invalidArgument,
                                      errorId: "Windows System Error 87", target: "\(prefixLength)")
        }
        var gateway: IPAddress?
        if let defaultGateway {
            guard let parsed = IPAddress(defaultGateway), parsed.family == address.family else {
                throw HostNetworkingError("Invalid parameter DefaultGateway \(defaultGateway)", category: .invalidArgument,
                                          errorId: "Windows System Error 87", target: defaultGateway)
            }
            gateway = parsed
        }
        let session = try netlink()
        if try kernel({ try session.addressList() }).contains(where: { $0.address == address }) {
            throw HostNetworkingError("Instance MSFT_NetIPAddress already exists", category: .resourceExists,
                                      errorId: "Windows System Error 1", target: text)
        }
        try kernel(target: text) { try session.addressAdd(index: adapter.interfaceIndex, address, prefixLength: prefixLength) }
        if let gateway {
            try kernel(target: defaultGateway) { try Self.addDefaultRoute(session, gateway: gateway, interfaceIndex: adapter.interfaceIndex) }
        }
        let record = AddressRecord(id: UUID(), interfaceName: adapter.kernelName, address: address.description,
                                   prefixLength: prefixLength, defaultGateway: gateway?.description)
        try store { try inventory.save(record) }
        let active = NetIPAddressInfo(address: address.description, interfaceIndex: adapter.interfaceIndex,
                                      interfaceAlias: adapter.name, family: address.family, prefixLength: prefixLength,
                                      prefixOrigin: "Manual", suffixOrigin: "Manual", addressState: "Tentative",
                                      policyStore: "ActiveStore")
        var persistent = active
        persistent.addressState = "Invalid"
        persistent.policyStore = "PersistentStore"
        return [active, persistent]
    }

    /// The RouteMetric Windows gives the default route New-NetIPAddress -DefaultGateway makes.
    static let defaultGatewayMetric: UInt32 = 256

    /// Windows keeps several default routes side by side (any real host has one already) and picks
    /// by metric; Linux refuses a second default route of the same metric, so a gateway whose
    /// metric is taken gets the next free one.
    static func addDefaultRoute(_ session: RouteNetlinkSession, gateway: IPAddress, interfaceIndex: Int32) throws {
        let taken = Set(try session.routeList(family: gateway.family).filter(\.isDefault).map { $0.priority ?? 0 })
        var metric = defaultGatewayMetric
        while taken.contains(metric) { metric += 1 }
        try session.routeAdd(destination: nil, gateway: gateway, interfaceIndex: interfaceIndex, priority: metric)
    }

    /// Without -PrefixLength Windows falls back to the address class for IPv4 (A /8, B /16, C /24)
    /// and to /64 for IPv6.
    static func defaultPrefixLength(_ address: IPAddress) -> Int {
        guard address.family == .ipv4 else { return 64 }
        switch address.bytes[0] {
        case 0..<128: return 8
        case 128..<192: return 16
        case 192..<224: return 24
        default: return 32
        }
    }

    /// Remove-NetIPAddress for one address object (from Get-NetIPAddress).
    public func removeIPAddress(_ info: NetIPAddressInfo) throws(HostNetworkingError) {
        guard let address = IPAddress(info.address) else { return }
        let session = try netlink()
        try kernel(target: info.address) {
            try session.addressDelete(index: info.interfaceIndex, address, prefixLength: info.prefixLength)
        }
        try store { try inventory.transaction { view in
            for record in try view.list(AddressRecord.self).records where record.address == address.description {
                view.delete(AddressRecord.self, id: record.id)
            }
        } }
    }

    /// Set-NetIPAddress -PrefixLength: replaces the address with the new prefix length.
    public func setIPAddressPrefix(_ info: NetIPAddressInfo, prefixLength: Int) throws(HostNetworkingError) -> NetIPAddressInfo {
        guard let address = IPAddress(info.address), prefixLength >= 0, prefixLength <= address.bitWidth else {
            throw HostNetworkingError("Invalid parameter PrefixLength \(prefixLength)", category: .invalidArgument,
                                      errorId: "Windows System Error 87", target: "\(prefixLength)")
        }
        let session = try netlink()
        try kernel(target: info.address) {
            // Removing the address makes the kernel drop routes through gateways it made reachable;
            // put back the ones that were there.
            let family = address.family
            let before = try session.routeList(family: family).filter {
                $0.outputInterface == info.interfaceIndex && $0.gateway != nil
            }
            try session.addressDelete(index: info.interfaceIndex, address, prefixLength: info.prefixLength)
            try session.addressAdd(index: info.interfaceIndex, address, prefixLength: prefixLength)
            let after = try session.routeList(family: family)
            for route in before where !after.contains(where: { $0.destination == route.destination
                                                               && $0.prefixLength == route.prefixLength && $0.gateway == route.gateway }) {
                let destination = route.destination.flatMap { IPPrefix(address: $0, length: route.prefixLength) }
                try? session.routeAdd(destination: destination, gateway: route.gateway, interfaceIndex: info.interfaceIndex,
                                      priority: route.priority)
            }
        }
        try store { try inventory.transaction { view in
            for var record in try view.list(AddressRecord.self).records where record.address == address.description {
                record.prefixLength = prefixLength
                view.save(record)
            }
        } }
        var updated = info
        updated.prefixLength = prefixLength
        return updated
    }
}
