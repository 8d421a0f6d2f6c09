import Foundation
import Netlink
import PSRuntime

private func family(_ context: CmdletContext, _ name: String = "AddressFamily") -> [IPAddress.Family]? {
    context.values(name)?.map { PSConvert.toString($0).lowercased() == "ipv6" ? .ipv6 : .ipv4 }
}

/// The adapter a New-NetIPAddress / New-NetRoute call names by -InterfaceAlias or -InterfaceIndex.
func namedAdapter(_ context: CmdletContext, _ network: HostNetwork) throws -> NetAdapterInfo? {
    if context.parameterSetName.lowercased().contains("index") || !context.isBound("InterfaceAlias"),
       let index = context.int("InterfaceIndex") {
        return try network.adapter(index: Int32(truncatingIfNeeded: index))
    }
    if let alias = context.string("InterfaceAlias") { return try network.adapter(named: alias) }
    return nil
}

/// Filters Get/Remove/Set-NetIPAddress share: address, interface, family, prefix length.
private func selectAddresses(_ context: CmdletContext, _ network: HostNetwork) throws -> [NetIPAddressInfo] {
    if context.isBound("InputObject") {
        let wanted = Set(context.propertyStrings("InputObject", property: "IPAddress"))
        return try network.ipAddresses().filter { wanted.contains($0.address) }
    }
    let persistent = context.string("PolicyStore")?.caseInsensitiveCompare("PersistentStore") == .orderedSame
    var result = persistent ? try network.persistentIPAddresses() : try network.ipAddresses()
    if let patterns = context.strings("IPAddress") {
        result = result.filter { info in patterns.contains { wildcardMatch($0, info.address) } }
    }
    if let aliases = context.strings("InterfaceAlias") {
        result = result.filter { info in aliases.contains { wildcardMatch($0, info.interfaceAlias) } }
    }
    if let indexes = context.integers("InterfaceIndex") {
        result = result.filter { indexes.contains(Int64($0.interfaceIndex)) }
    }
    if let families = family(context) { result = result.filter { families.contains($0.family) } }
    if let lengths = context.integers("PrefixLength") {
        result = result.filter { lengths.contains(Int64($0.prefixLength)) }
    }
    return result
}

private let addressFilterParameters: [ParameterDeclaration] = [
    ParameterDeclaration("IPAddress", .array(.string), aliases: ["LocalAddress"], position: 0,
                         valueFromPipelineByPropertyName: true, sets: ["Query"]),
    ParameterDeclaration("InterfaceIndex", .array(.uint32), aliases: ["ifIndex"], valueFromPipelineByPropertyName: true,
                         sets: ["Query"]),
    ParameterDeclaration("InterfaceAlias", .array(.string), aliases: ["ifAlias"], valueFromPipelineByPropertyName: true,
                         sets: ["Query"]),
    ParameterDeclaration("AddressFamily", .array(.enumType(NetworkingTypes.addressFamily)), sets: ["Query"]),
    ParameterDeclaration("Type", .array(.string), sets: ["Query"]),
    ParameterDeclaration("PrefixOrigin", .array(.string), sets: ["Query"]),
    ParameterDeclaration("SuffixOrigin", .array(.string), sets: ["Query"]),
    ParameterDeclaration("AddressState", .array(.string), sets: ["Query"]),
    ParameterDeclaration("PolicyStore", .string),
    ParameterDeclaration("IncludeAllCompartments", .switchParameter),
    CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
]

final class GetNetIPAddress: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-NetIPAddress",
        parameters: addressFilterParameters + [
            ParameterDeclaration("PrefixLength", .array(.byte), sets: ["Query"]),
        ],
        defaultParameterSet: "Query", outputTypes: [NetworkingTypes.netIPAddress],
        synopsis: "Gets the IP addresses of the network adapters.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            let found = try selectAddresses(context, network)
            if found.isEmpty, let addresses = context.strings("IPAddress"), !addresses.contains(where: hasWildcard) {
                throw HostNetworkingError("No MSFT_NetIPAddress objects found with property 'IPAddress' equal to '\(addresses.joined(separator: ", "))'.  Verify the value of the property and retry.",
                                          category: .objectNotFound, errorID: "CmdletizationQuery_NotFound_IPAddress",
                                          target: addresses.first)
            }
            for info in found { try context.writeObject(.object(NetworkingObjects.netIPAddress(info))) }
        }
    }
}

/// New-NetIPAddress: adds the address in the kernel, records it, and writes the ActiveStore and
/// PersistentStore objects as Windows does.
final class NewNetIPAddress: Cmdlet {
    static let declaration = CmdletDeclaration(
        "New-NetIPAddress",
        parameters: [
            ParameterDeclaration("IPAddress", .string, aliases: ["LocalAddress"], position: 0, mandatory: true,
                                 valueFromPipelineByPropertyName: true),
            ParameterDeclaration("InterfaceAlias", .string, aliases: ["ifAlias"], mandatory: true,
                                 valueFromPipelineByPropertyName: true, sets: ["ByInterfaceAlias"]),
            ParameterDeclaration("InterfaceIndex", .uint32, aliases: ["ifIndex"], mandatory: true,
                                 valueFromPipelineByPropertyName: true, sets: ["ByInterfaceIndex"]),
            ParameterDeclaration("DefaultGateway", .string),
            ParameterDeclaration("AddressFamily", .enumType(NetworkingTypes.addressFamily)),
            ParameterDeclaration("Type", .string, validate: [.set(["Unicast", "Anycast"])]),
            ParameterDeclaration("PrefixLength", .byte),
            ParameterDeclaration("ValidLifetime", .timeSpan),
            ParameterDeclaration("PreferredLifetime", .timeSpan),
            ParameterDeclaration("SkipAsSource", .bool),
            ParameterDeclaration("PolicyStore", .string),
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        defaultParameterSet: "ByInterfaceAlias", supportsShouldProcess: true, outputTypes: [NetworkingTypes.netIPAddress],
        synopsis: "Adds an IP address to a network adapter.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let text = context.string("IPAddress") ?? ""
        try context.reporting {
            guard let adapter = try namedAdapter(context, network) else {
                throw HostNetworkingError("Specify -InterfaceAlias or -InterfaceIndex.", category: .invalidArgument,
                                          errorID: "InvalidParameter")
            }
            guard try context.shouldProcess(target: "\(text) on \(adapter.name)") else { return }
            let created = try network.addIPAddress(text, adapter: adapter, prefixLength: context.int("PrefixLength"),
                                                   family: family(context)?.first, defaultGateway: context.string("DefaultGateway"))
            for info in created { try context.writeObject(.object(NetworkingObjects.netIPAddress(info))) }
        }
    }
}

final class RemoveNetIPAddress: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Remove-NetIPAddress",
        parameters: addressFilterParameters + [
            ParameterDeclaration("PrefixLength", .array(.byte), sets: ["Query"]),
            ParameterDeclaration("DefaultGateway", .string, sets: ["Query"]),
            CommonNetworkingParameters.inputObject,
            CommonNetworkingParameters.passThru,
        ],
        defaultParameterSet: "Query", supportsShouldProcess: true, confirmImpact: .high, outputTypes: [NetworkingTypes.netIPAddress],
        synopsis: "Removes IP addresses from network adapters.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for info in try selectAddresses(context, network) {
                let target = "MSFT_NetIPAddress (IPAddress = \"\(info.address)\", InterfaceAlias = \"\(info.interfaceAlias)\")"
                guard try context.confirmRemoval(target: target, describing: "the IP address \(info.address) of \"\(info.interfaceAlias)\"",
                                                 impact: .high) else { continue }
                try network.removeIPAddress(info)
                if context.switchPresent("PassThru") { try context.writeObject(.object(NetworkingObjects.netIPAddress(info))) }
            }
        }
    }
}

final class SetNetIPAddress: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Set-NetIPAddress",
        parameters: addressFilterParameters + [
            ParameterDeclaration("PrefixLength", .byte),
            ParameterDeclaration("SkipAsSource", .bool),
            CommonNetworkingParameters.inputObject,
            CommonNetworkingParameters.passThru,
        ],
        defaultParameterSet: "Query", supportsShouldProcess: true, outputTypes: [NetworkingTypes.netIPAddress],
        synopsis: "Changes the prefix length of IP addresses.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for info in try selectAddresses(context, network) {
                guard try context.shouldProcess(target: "\(info.address) on \(info.interfaceAlias)") else { continue }
                var updated = info
                if let length = context.int("PrefixLength"), length != info.prefixLength {
                    updated = try network.setIPAddressPrefix(info, prefixLength: length)
                }
                if context.switchPresent("PassThru") { try context.writeObject(.object(NetworkingObjects.netIPAddress(updated))) }
            }
        }
    }
}

final class GetNetRoute: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-NetRoute",
        parameters: [
            ParameterDeclaration("DestinationPrefix", .array(.string), position: 0, valueFromPipelineByPropertyName: true),
            ParameterDeclaration("InterfaceAlias", .array(.string), aliases: ["ifAlias"], valueFromPipelineByPropertyName: true),
            ParameterDeclaration("InterfaceIndex", .array(.uint32), aliases: ["ifIndex"], valueFromPipelineByPropertyName: true),
            ParameterDeclaration("AddressFamily", .array(.enumType(NetworkingTypes.addressFamily))),
            ParameterDeclaration("NextHop", .array(.string)),
            ParameterDeclaration("PolicyStore", .string),
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        outputTypes: [NetworkingTypes.netRoute], synopsis: "Gets the routes of the main routing table.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            var routes = try network.routes()
            if let prefixes = context.strings("DestinationPrefix") {
                routes = routes.filter { route in prefixes.contains { wildcardMatch($0, route.destinationPrefix) } }
            }
            if let aliases = context.strings("InterfaceAlias") {
                routes = routes.filter { route in aliases.contains { wildcardMatch($0, route.interfaceAlias) } }
            }
            if let indexes = context.integers("InterfaceIndex") {
                routes = routes.filter { indexes.contains(Int64($0.interfaceIndex)) }
            }
            if let families = family(context) { routes = routes.filter { families.contains($0.family) } }
            if let hops = context.strings("NextHop") { routes = routes.filter { hops.contains($0.nextHop) } }
            for route in routes { try context.writeObject(.object(NetworkingObjects.netRoute(route))) }
        }
    }
}

final class NewNetRoute: Cmdlet {
    static let declaration = CmdletDeclaration(
        "New-NetRoute",
        parameters: [
            ParameterDeclaration("DestinationPrefix", .string, position: 0, mandatory: true, valueFromPipelineByPropertyName: true),
            ParameterDeclaration("InterfaceAlias", .string, aliases: ["ifAlias"], mandatory: true,
                                 valueFromPipelineByPropertyName: true, sets: ["ByAliasAndDestinationPrefix"]),
            ParameterDeclaration("InterfaceIndex", .uint32, aliases: ["ifIndex"], mandatory: true,
                                 valueFromPipelineByPropertyName: true, sets: ["ByIfIndexAndDestinationPrefix"]),
            ParameterDeclaration("NextHop", .string),
            ParameterDeclaration("RouteMetric", .uint16),
            ParameterDeclaration("AddressFamily", .enumType(NetworkingTypes.addressFamily)),
            ParameterDeclaration("Publish", .string),
            ParameterDeclaration("PolicyStore", .string),
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        defaultParameterSet: "ByAliasAndDestinationPrefix", supportsShouldProcess: true, outputTypes: [NetworkingTypes.netRoute],
        synopsis: "Adds a route to the main routing table.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let prefix = context.string("DestinationPrefix") ?? ""
        try context.reporting {
            let adapter = try namedAdapter(context, network)
            guard try context.shouldProcess(target: prefix) else { return }
            let route = try network.addRoute(destinationPrefix: prefix, adapter: adapter, nextHop: context.string("NextHop"),
                                             metric: context.int("RouteMetric").map { UInt32(clamping: $0) })
            try context.writeObject(.object(NetworkingObjects.netRoute(route)))
        }
    }
}
