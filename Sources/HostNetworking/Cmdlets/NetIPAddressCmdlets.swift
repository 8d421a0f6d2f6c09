import Foundation
import Netlink
import PSRuntime

/// The families named by an -AddressFamily value (`IPv4`, `IPv6`).
/// The filters the Get-Net* cmdlets apply: a parameter left out keeps every element.
extension Array {
    /// Elements whose `field` matches one of the wildcard `patterns`.
    func matching(_ patterns: [String]?, _ field: (Element) -> String) -> [Element] {
        guard let patterns else { return self }
        return filter { element in patterns.contains { wildcardMatch($0, field(element)) } }
    }

    /// Elements whose `field` equals one of `numbers` (interface indexes, prefix lengths).
    func matching<Wanted: BinaryInteger, Field: BinaryInteger>(numbers: [Wanted]?, _ field: (Element) -> Field) -> [Element] {
        guard let numbers else { return self }
        return filter { element in numbers.contains { Int64($0) == Int64(field(element)) } }
    }

    /// Elements of one of the -AddressFamily values (IPv4, IPv6).
    func matching(families names: [String]?, _ field: (Element) -> IPAddress.Family) -> [Element] {
        guard let names else { return self }
        let families = names.map(IPAddress.Family.named)
        return filter { families.contains(field($0)) }
    }
}

extension IPAddress.Family {
    /// An -AddressFamily value: IPv6, else IPv4.
    static func named(_ name: String) -> IPAddress.Family { name.lowercased() == "ipv6" ? .ipv6 : .ipv4 }
}

/// The adapter a New-NetIPAddress / New-NetRoute call names by -InterfaceAlias or -InterfaceIndex.
func namedAdapter(_ context: CmdletContext, _ network: HostNetwork, alias aliasKey: Parameter<String>,
                  index indexKey: Parameter<UInt32>) throws -> NetAdapterInfo? {
    if context.parameterSetName.lowercased().contains("index") || !context.isBound(aliasKey), let index = context[indexKey] {
        return try network.adapter(index: Int32(truncatingIfNeeded: index))
    }
    if let alias = context[aliasKey] { return try network.adapter(named: alias) }
    return nil
}

/// Filters Get/Remove/Set-NetIPAddress share: address, interface, family, prefix length.
private func selectAddresses(_ context: CmdletContext, _ network: HostNetwork, prefixLengths: [UInt8]?) throws -> [NetIPAddressInfo] {
    let p = CommonNetworkingParameters.self
    if context.isBound(p.inputObject) {
        let wanted = Set(context.propertyStrings(p.inputObject, property: "IPAddress"))
        return try network.ipAddresses().filter { wanted.contains($0.address) }
    }
    let persistent = context[p.policyStore]?.caseInsensitiveCompare("PersistentStore") == .orderedSame
    return (persistent ? try network.persistentIPAddresses() : try network.ipAddresses())
        .matching(context[p.ipAddress]) { $0.address }
        .matching(context[p.interfaceAlias]) { $0.interfaceAlias }
        .matching(numbers: context[p.interfaceIndex]) { $0.interfaceIndex }
        .matching(families: context[p.addressFamily]) { $0.family }
        .matching(numbers: prefixLengths) { $0.prefixLength }
}

final class GetNetIPAddressCommand: Cmdlet {
    static let prefixLength = Parameter<[UInt8]>("PrefixLength", sets: ["Query"])
    static let declaration = CmdletDeclaration(
        "Get-NetIPAddress",
        parameters: CommonNetworkingParameters.addressFilters + [prefixLength],
        defaultParameterSet: "Query", outputTypes: [NetworkingTypes.netIPAddress],
        synopsis: "Gets the IP addresses of the network adapters.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            let found = try selectAddresses(context, network, prefixLengths: context[Self.prefixLength])
            if found.isEmpty, let addresses = context[CommonNetworkingParameters.ipAddress], !addresses.contains(where: hasWildcard) {
                throw HostNetworkingError("No MSFT_NetIPAddress objects found with property 'IPAddress' equal to '\(addresses.joined(separator: ", "))'.  Verify the value of the property and retry.",
                                          category: .objectNotFound, errorId: "CmdletizationQuery_NotFound_IPAddress",
                                          target: addresses.first)
            }
            for info in found { try context.writeObject(.object(NetworkingObjects.netIPAddress(info))) }
        }
    }
}

/// New-NetIPAddress: adds the address in the kernel, records it, and writes the ActiveStore and
/// PersistentStore objects as Windows does.
final class NewNetIPAddressCommand: Cmdlet {
    static let ipAddress = Parameter<String>("IPAddress", aliases: ["LocalAddress"], position: 0, mandatory: true,
                                             valueFromPipelineByPropertyName: true)
    static let interfaceAlias = Parameter<String>("InterfaceAlias", aliases: ["ifAlias"], mandatory: true,
                                                  valueFromPipelineByPropertyName: true, sets: ["ByInterfaceAlias"])
    static let interfaceIndex = Parameter<UInt32>("InterfaceIndex", aliases: ["ifIndex"], mandatory: true,
                                                  valueFromPipelineByPropertyName: true, sets: ["ByInterfaceIndex"])
    static let defaultGateway = Parameter<String>("DefaultGateway")
    static let addressFamily = Parameter<String>("AddressFamily", type: .enumType(NetworkingTypes.addressFamily))
    static let type = Parameter<String>("Type", validate: [.set(["Unicast", "Anycast"])])
    static let prefixLength = Parameter<UInt8>("PrefixLength")
    static let validLifetime = Parameter<PSValue>("ValidLifetime", type: .timeSpan)
    static let preferredLifetime = Parameter<PSValue>("PreferredLifetime", type: .timeSpan)
    static let skipAsSource = Parameter<Bool>("SkipAsSource")
    static let declaration = CmdletDeclaration(
        "New-NetIPAddress",
        parameters: [
            ipAddress, interfaceAlias, interfaceIndex, defaultGateway, addressFamily, type, prefixLength, validLifetime,
            preferredLifetime, skipAsSource, CommonNetworkingParameters.policyStore,
        ] + CommonNetworkingParameters.cim,
        defaultParameterSet: "ByInterfaceAlias", supportsShouldProcess: true, outputTypes: [NetworkingTypes.netIPAddress],
        synopsis: "Adds an IP address to a network adapter.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let text = context[Self.ipAddress] ?? ""
        try context.reporting {
            guard let adapter = try namedAdapter(context, network, alias: Self.interfaceAlias, index: Self.interfaceIndex) else {
                throw HostNetworkingError("Specify -InterfaceAlias or -InterfaceIndex.", category: .invalidArgument,
                                          errorId: "InvalidParameter")
            }
            guard try context.shouldProcess(target: "\(text) on \(adapter.name)") else { return }
            let created = try network.addIPAddress(text, adapter: adapter, prefixLength: context[Self.prefixLength].map(Int.init),
                                                   family: context[Self.addressFamily].map(IPAddress.Family.named),
                                                   defaultGateway: context[Self.defaultGateway])
            for info in created { try context.writeObject(.object(NetworkingObjects.netIPAddress(info))) }
        }
    }
}

final class RemoveNetIPAddressCommand: Cmdlet {
    static let prefixLength = Parameter<[UInt8]>("PrefixLength", sets: ["Query"])
    static let defaultGateway = Parameter<String>("DefaultGateway", sets: ["Query"])
    static let declaration = CmdletDeclaration(
        "Remove-NetIPAddress",
        parameters: CommonNetworkingParameters.addressFilters + [
            prefixLength, defaultGateway, CommonNetworkingParameters.inputObject, CommonNetworkingParameters.passThru,
        ],
        defaultParameterSet: "Query", supportsShouldProcess: true, confirmImpact: .high, outputTypes: [NetworkingTypes.netIPAddress],
        synopsis: "Removes IP addresses from network adapters.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for info in try selectAddresses(context, network, prefixLengths: context[Self.prefixLength]) {
                let target = "MSFT_NetIPAddress (IPAddress = \"\(info.address)\", InterfaceAlias = \"\(info.interfaceAlias)\")"
                guard try context.confirmRemoval(target: target, describing: "the IP address \(info.address) of \"\(info.interfaceAlias)\"",
                                                 impact: .high) else { continue }
                try network.removeIPAddress(info)
                if context[CommonNetworkingParameters.passThru] { try context.writeObject(.object(NetworkingObjects.netIPAddress(info))) }
            }
        }
    }
}

final class SetNetIPAddressCommand: Cmdlet {
    static let prefixLength = Parameter<UInt8>("PrefixLength")
    static let skipAsSource = Parameter<Bool>("SkipAsSource")
    static let declaration = CmdletDeclaration(
        "Set-NetIPAddress",
        parameters: CommonNetworkingParameters.addressFilters + [
            prefixLength, skipAsSource, CommonNetworkingParameters.inputObject, CommonNetworkingParameters.passThru,
        ],
        defaultParameterSet: "Query", supportsShouldProcess: true, outputTypes: [NetworkingTypes.netIPAddress],
        synopsis: "Changes the prefix length of IP addresses.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let length = context[Self.prefixLength]
        try context.reporting {
            // The new -PrefixLength is what to set, never a filter on the addresses selected.
            for info in try selectAddresses(context, network, prefixLengths: nil) {
                guard try context.shouldProcess(target: "\(info.address) on \(info.interfaceAlias)") else { continue }
                var updated = info
                if let length, Int(length) != info.prefixLength {
                    updated = try network.setIPAddressPrefix(info, prefixLength: Int(length))
                }
                if context[CommonNetworkingParameters.passThru] { try context.writeObject(.object(NetworkingObjects.netIPAddress(updated))) }
            }
        }
    }
}

final class GetNetRouteCommand: Cmdlet {
    static let destinationPrefix = Parameter<[String]>("DestinationPrefix", position: 0, valueFromPipelineByPropertyName: true)
    static let interfaceAlias = Parameter<[String]>("InterfaceAlias", aliases: ["ifAlias"], valueFromPipelineByPropertyName: true)
    static let interfaceIndex = Parameter<[UInt32]>("InterfaceIndex", aliases: ["ifIndex"], valueFromPipelineByPropertyName: true)
    static let addressFamily = Parameter<[String]>("AddressFamily", type: .array(.enumType(NetworkingTypes.addressFamily)))
    static let nextHop = Parameter<[String]>("NextHop")
    static let declaration = CmdletDeclaration(
        "Get-NetRoute",
        parameters: [
            destinationPrefix, interfaceAlias, interfaceIndex, addressFamily, nextHop, CommonNetworkingParameters.policyStore,
        ] + CommonNetworkingParameters.cim,
        outputTypes: [NetworkingTypes.netRoute], synopsis: "Gets the routes of the main routing table.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            var routes = try network.routes()
                .matching(context[Self.destinationPrefix]) { $0.destinationPrefix }
                .matching(context[Self.interfaceAlias]) { $0.interfaceAlias }
                .matching(numbers: context[Self.interfaceIndex]) { $0.interfaceIndex }
                .matching(families: context[Self.addressFamily]) { $0.family }
            if let hops = context[Self.nextHop] { routes = routes.filter { hops.contains($0.nextHop) } }
            for route in routes { try context.writeObject(.object(NetworkingObjects.netRoute(route))) }
        }
    }
}

final class NewNetRouteCommand: Cmdlet {
    static let destinationPrefix = Parameter<String>("DestinationPrefix", position: 0, mandatory: true, valueFromPipelineByPropertyName: true)
    static let interfaceAlias = Parameter<String>("InterfaceAlias", aliases: ["ifAlias"], mandatory: true,
                                                  valueFromPipelineByPropertyName: true, sets: ["ByAliasAndDestinationPrefix"])
    static let interfaceIndex = Parameter<UInt32>("InterfaceIndex", aliases: ["ifIndex"], mandatory: true,
                                                  valueFromPipelineByPropertyName: true, sets: ["ByIfIndexAndDestinationPrefix"])
    static let nextHop = Parameter<String>("NextHop")
    static let routeMetric = Parameter<UInt16>("RouteMetric")
    static let addressFamily = Parameter<String>("AddressFamily", type: .enumType(NetworkingTypes.addressFamily))
    static let publish = Parameter<String>("Publish")
    static let declaration = CmdletDeclaration(
        "New-NetRoute",
        parameters: [
            destinationPrefix, interfaceAlias, interfaceIndex, nextHop, routeMetric, addressFamily, publish,
            CommonNetworkingParameters.policyStore,
        ] + CommonNetworkingParameters.cim,
        defaultParameterSet: "ByAliasAndDestinationPrefix", supportsShouldProcess: true, outputTypes: [NetworkingTypes.netRoute],
        synopsis: "Adds a route to the main routing table.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let prefix = context[Self.destinationPrefix] ?? ""
        try context.reporting {
            let adapter = try namedAdapter(context, network, alias: Self.interfaceAlias, index: Self.interfaceIndex)
            guard try context.shouldProcess(target: prefix) else { return }
            let route = try network.addRoute(destinationPrefix: prefix, adapter: adapter, nextHop: context[Self.nextHop],
                                             metric: context[Self.routeMetric].map(UInt32.init))
            try context.writeObject(.object(NetworkingObjects.netRoute(route)))
        }
    }
}
