import Foundation
import PSRuntime

/// New-NetNat: masquerading for the internal prefix (nftables, `table inet hvsh`) and forwarding on.
final class NewNetNatCommand: Cmdlet {
    static let name = Parameter<String>("Name", position: 0, mandatory: true)
    static let externalIPInterfaceAddressPrefix = Parameter<String>("ExternalIPInterfaceAddressPrefix")
    static let internalRoutingDomainId = Parameter<String>("InternalRoutingDomainId")
    static let internalIPInterfaceAddressPrefix = Parameter<String>("InternalIPInterfaceAddressPrefix")
    static let declaration = CmdletDeclaration(
        "New-NetNat",
        parameters: [name, externalIPInterfaceAddressPrefix, internalRoutingDomainId, internalIPInterfaceAddressPrefix]
            + CommonNetworkingParameters.cim,
        supportsShouldProcess: true, outputTypes: [NetworkingTypes.netNat],
        synopsis: "Creates a NAT: traffic from the internal prefix leaving by another interface is masqueraded.")

    func process(_ context: CmdletContext) throws {
        let name = context[Self.name] ?? ""
        try context.createConfirmed(name) { network in
            guard let prefix = context[Self.internalIPInterfaceAddressPrefix] else {
                throw HostNetworkingError("hvsh needs -InternalIPInterfaceAddressPrefix (for example 192.168.2.0/24) to know which addresses to translate.",
                                          category: .invalidArgument, errorId: "Windows System Error 87", target: name)
            }
            let record = try network.createNat(name: name, internalPrefix: prefix,
                                               externalPrefix: context[Self.externalIPInterfaceAddressPrefix])
            return NetworkingObjects.netNat(record)
        }
    }
}

/// NATs named in `names` (wildcards) or piped in; an exact name that matches nothing is an error.
private func selectNats(_ context: CmdletContext, _ network: HostNetwork, names: [String]?) throws -> [NatRecord] {
    let all = try network.nats()
    let inputObject = CommonNetworkingParameters.inputObject
    let names = context.isBound(inputObject) ? context.propertyStrings(inputObject, property: "Name") : (names ?? [])
    if names.isEmpty { return all }
    var result: [NatRecord] = []
    for name in names {
        let matches = all.filter { wildcardMatch(name, $0.name) }
        if matches.isEmpty && !hasWildcard(name) {
            try context.writeFailure(HostNetworkingError("No MSFT_NetNat objects found with property 'Name' equal to '\(name)'.  Verify the value of the property and retry.",
                                                   category: .objectNotFound, errorId: "CmdletizationQuery_NotFound_Name", target: name))
        }
        let known = Set(result.map(\.id))
        result.append(contentsOf: matches.filter { !known.contains($0.id) })
    }
    return result
}

final class GetNetNatCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipelineByPropertyName: true)
    static let declaration = CmdletDeclaration(
        "Get-NetNat",
        parameters: [name] + CommonNetworkingParameters.cim,
        outputTypes: [NetworkingTypes.netNat], synopsis: "Gets NATs.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for record in try selectNats(context, network, names: context[Self.name]) {
                try context.writeObject(.object(NetworkingObjects.netNat(record)))
            }
        }
    }
}

final class RemoveNetNatCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipelineByPropertyName: true, sets: ["Query"])
    static let declaration = CmdletDeclaration(
        "Remove-NetNat",
        parameters: [name, CommonNetworkingParameters.inputObject, CommonNetworkingParameters.passThru] + CommonNetworkingParameters.cim,
        defaultParameterSet: "Query", supportsShouldProcess: true, confirmImpact: .high, outputTypes: [NetworkingTypes.netNat],
        synopsis: "Removes NATs and their static mappings.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for record in try selectNats(context, network, names: context[Self.name]) {
                guard try context.confirmRemoval(target: "MSFT_NetNat (Name = \"\(record.name)\")",
                                                 describing: "the NAT \"\(record.name)\"", impact: .high) else { continue }
                try network.removeNat(record)
                if context[CommonNetworkingParameters.passThru] { try context.writeObject(.object(NetworkingObjects.netNat(record))) }
            }
        }
    }
}

final class AddNetNatStaticMappingCommand: Cmdlet {
    static let natName = Parameter<String>("NatName", position: 0, mandatory: true)
    static let `protocol` = Parameter<String>("Protocol", mandatory: true, validate: [.set(["TCP", "UDP"])])
    static let remoteExternalIPAddressPrefix = Parameter<String>("RemoteExternalIPAddressPrefix")
    static let externalIPAddress = Parameter<String>("ExternalIPAddress", mandatory: true)
    static let externalPort = Parameter<UInt16>("ExternalPort", mandatory: true)
    static let internalIPAddress = Parameter<String>("InternalIPAddress", mandatory: true)
    static let internalPort = Parameter<UInt16>("InternalPort", mandatory: true)
    static let internalRoutingDomainId = Parameter<String>("InternalRoutingDomainId")
    static let declaration = CmdletDeclaration(
        "Add-NetNatStaticMapping",
        parameters: [
            natName, `protocol`, remoteExternalIPAddressPrefix, externalIPAddress, externalPort, internalIPAddress, internalPort,
            internalRoutingDomainId,
        ] + CommonNetworkingParameters.cim,
        supportsShouldProcess: true, outputTypes: [NetworkingTypes.netNatStaticMapping],
        synopsis: "Forwards a port of the NAT host to an address behind the NAT.")

    func process(_ context: CmdletContext) throws {
        let nat = context[Self.natName] ?? ""
        try context.createConfirmed(nat) { network in
            let record = try network.addStaticMapping(
                natName: nat, transport: context[Self.protocol] ?? "TCP",
                externalAddress: context[Self.externalIPAddress] ?? "0.0.0.0",
                externalPort: context[Self.externalPort] ?? 0,
                internalAddress: context[Self.internalIPAddress] ?? "",
                internalPort: context[Self.internalPort] ?? 0)
            return NetworkingObjects.staticMapping(record)
        }
    }
}

/// Static mappings piped in, else those of the NATs in `natNames` (wildcards) with the IDs in `ids`.
private func selectMappings(_ context: CmdletContext, _ network: HostNetwork, natNames: [String]?,
                            ids: [UInt32]?) throws -> [StaticMappingRecord] {
    var mappings = try network.staticMappings()
    let inputObject = CommonNetworkingParameters.inputObject
    if context.isBound(inputObject) {
        let ids = Set(context.propertyStrings(inputObject, property: "StaticMappingID"))
        return mappings.filter { ids.contains(String($0.staticMappingID)) }
    }
    if let names = natNames {
        mappings = mappings.filter { mapping in names.contains { wildcardMatch($0, mapping.natName) } }
    }
    if let ids {
        mappings = mappings.filter { mapping in ids.contains { Int64($0) == Int64(mapping.staticMappingID) } }
    }
    return mappings
}

final class GetNetNatStaticMappingCommand: Cmdlet {
    static let natName = Parameter<[String]>("NatName", position: 0, valueFromPipelineByPropertyName: true)
    static let staticMappingID = Parameter<[UInt32]>("StaticMappingID", valueFromPipelineByPropertyName: true)
    static let declaration = CmdletDeclaration(
        "Get-NetNatStaticMapping",
        parameters: [natName, staticMappingID] + CommonNetworkingParameters.cim,
        outputTypes: [NetworkingTypes.netNatStaticMapping], synopsis: "Gets the static mappings of NATs.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for record in try selectMappings(context, network, natNames: context[Self.natName], ids: context[Self.staticMappingID]) {
                try context.writeObject(.object(NetworkingObjects.staticMapping(record)))
            }
        }
    }
}

final class RemoveNetNatStaticMappingCommand: Cmdlet {
    static let natName = Parameter<[String]>("NatName", position: 0, valueFromPipelineByPropertyName: true, sets: ["Query"])
    static let staticMappingID = Parameter<[UInt32]>("StaticMappingID", valueFromPipelineByPropertyName: true, sets: ["Query"])
    static let declaration = CmdletDeclaration(
        "Remove-NetNatStaticMapping",
        parameters: [natName, staticMappingID, CommonNetworkingParameters.inputObject, CommonNetworkingParameters.passThru]
            + CommonNetworkingParameters.cim,
        defaultParameterSet: "Query", supportsShouldProcess: true, confirmImpact: .high,
        outputTypes: [NetworkingTypes.netNatStaticMapping], synopsis: "Removes static mappings from NATs.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for record in try selectMappings(context, network, natNames: context[Self.natName], ids: context[Self.staticMappingID]) {
                let target = "MSFT_NetNatStaticMapping (NatName = \"\(record.natName)\", StaticMappingID = \(record.staticMappingID))"
                guard try context.confirmRemoval(target: target, describing: "static mapping \(record.staticMappingID) of the NAT \"\(record.natName)\"",
                                                 impact: .high) else { continue }
                try network.removeStaticMapping(record)
                if context[CommonNetworkingParameters.passThru] { try context.writeObject(.object(NetworkingObjects.staticMapping(record))) }
            }
        }
    }
}
