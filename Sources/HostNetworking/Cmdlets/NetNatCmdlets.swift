import Foundation
import PSRuntime

/// New-NetNat: masquerading for the internal prefix (nftables, `table inet hvsh`) and forwarding on.
final class NewNetNat: Cmdlet {
    static let declaration = CmdletDeclaration(
        "New-NetNat",
        parameters: [
            ParameterDeclaration("Name", .string, position: 0, mandatory: true),
            ParameterDeclaration("ExternalIPInterfaceAddressPrefix", .string),
            ParameterDeclaration("InternalRoutingDomainId", .string),
            ParameterDeclaration("InternalIPInterfaceAddressPrefix", .string),
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        supportsShouldProcess: true, outputTypes: [NetworkingTypes.netNat],
        synopsis: "Creates a NAT: traffic from the internal prefix leaving by another interface is masqueraded.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let name = context.string("Name") ?? ""
        guard try context.shouldProcess(target: name) else { return }
        try context.reporting {
            guard let prefix = context.string("InternalIPInterfaceAddressPrefix") else {
                throw HostNetworkingError("hvsh needs -InternalIPInterfaceAddressPrefix (for example 192.168.2.0/24) to know which addresses to translate.",
                                          category: .invalidArgument, errorID: "Windows System Error 87", target: name)
            }
            let record = try network.createNat(name: name, internalPrefix: prefix,
                                               externalPrefix: context.string("ExternalIPInterfaceAddressPrefix"))
            try context.writeObject(.object(NetworkingObjects.netNat(record)))
        }
    }
}

/// NATs named by -Name (wildcards) or piped in; an exact name that matches nothing is an error.
private func selectNats(_ context: CmdletContext, _ network: HostNetwork) throws -> [NatRecord] {
    let all = try network.nats()
    let names = context.isBound("InputObject") ? context.propertyStrings("InputObject", property: "Name")
                                               : (context.strings("Name") ?? [])
    if names.isEmpty { return all }
    var result: [NatRecord] = []
    for name in names {
        let matches = all.filter { wildcardMatch(name, $0.name) }
        if matches.isEmpty && !hasWildcard(name) {
            try context.report(HostNetworkingError("No MSFT_NetNat objects found with property 'Name' equal to '\(name)'.  Verify the value of the property and retry.",
                                                   category: .objectNotFound, errorID: "CmdletizationQuery_NotFound_Name", target: name))
        }
        let known = Set(result.map(\.id))
        result.append(contentsOf: matches.filter { !known.contains($0.id) })
    }
    return result
}

final class GetNetNat: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-NetNat",
        parameters: [
            ParameterDeclaration("Name", .array(.string), position: 0, valueFromPipelineByPropertyName: true),
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        outputTypes: [NetworkingTypes.netNat], synopsis: "Gets NATs.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for record in try selectNats(context, network) { try context.writeObject(.object(NetworkingObjects.netNat(record))) }
        }
    }
}

final class RemoveNetNat: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Remove-NetNat",
        parameters: [
            ParameterDeclaration("Name", .array(.string), position: 0, valueFromPipelineByPropertyName: true, sets: ["Query"]),
            CommonNetworkingParameters.inputObject,
            CommonNetworkingParameters.passThru,
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        defaultParameterSet: "Query", supportsShouldProcess: true, confirmImpact: .high, outputTypes: [NetworkingTypes.netNat],
        synopsis: "Removes NATs and their static mappings.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for record in try selectNats(context, network) {
                guard try context.confirmRemoval(target: "MSFT_NetNat (Name = \"\(record.name)\")",
                                                 describing: "the NAT \"\(record.name)\"", impact: .high) else { continue }
                try network.removeNat(record)
                if context.switchPresent("PassThru") { try context.writeObject(.object(NetworkingObjects.netNat(record))) }
            }
        }
    }
}

final class AddNetNatStaticMapping: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Add-NetNatStaticMapping",
        parameters: [
            ParameterDeclaration("NatName", .string, position: 0, mandatory: true),
            ParameterDeclaration("Protocol", .string, mandatory: true, validate: [.set(["TCP", "UDP"])]),
            ParameterDeclaration("RemoteExternalIPAddressPrefix", .string),
            ParameterDeclaration("ExternalIPAddress", .string, mandatory: true),
            ParameterDeclaration("ExternalPort", .uint16, mandatory: true),
            ParameterDeclaration("InternalIPAddress", .string, mandatory: true),
            ParameterDeclaration("InternalPort", .uint16, mandatory: true),
            ParameterDeclaration("InternalRoutingDomainId", .string),
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        supportsShouldProcess: true, outputTypes: [NetworkingTypes.netNatStaticMapping],
        synopsis: "Forwards a port of the NAT host to an address behind the NAT.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let nat = context.string("NatName") ?? ""
        guard try context.shouldProcess(target: nat) else { return }
        try context.reporting {
            let record = try network.addStaticMapping(
                natName: nat, transport: context.string("Protocol") ?? "TCP",
                externalAddress: context.string("ExternalIPAddress") ?? "0.0.0.0",
                externalPort: UInt16(clamping: context.int("ExternalPort") ?? 0),
                internalAddress: context.string("InternalIPAddress") ?? "",
                internalPort: UInt16(clamping: context.int("InternalPort") ?? 0))
            try context.writeObject(.object(NetworkingObjects.staticMapping(record)))
        }
    }
}

private func selectMappings(_ context: CmdletContext, _ network: HostNetwork) throws -> [StaticMappingRecord] {
    var mappings = try network.staticMappings()
    if context.isBound("InputObject") {
        let ids = Set(context.propertyStrings("InputObject", property: "StaticMappingID"))
        return mappings.filter { ids.contains(String($0.staticMappingID)) }
    }
    if let names = context.strings("NatName") {
        mappings = mappings.filter { mapping in names.contains { wildcardMatch($0, mapping.natName) } }
    }
    if let ids = context.integers("StaticMappingID") {
        mappings = mappings.filter { ids.contains(Int64($0.staticMappingID)) }
    }
    return mappings
}

final class GetNetNatStaticMapping: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-NetNatStaticMapping",
        parameters: [
            ParameterDeclaration("NatName", .array(.string), position: 0, valueFromPipelineByPropertyName: true),
            ParameterDeclaration("StaticMappingID", .array(.uint32), valueFromPipelineByPropertyName: true),
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        outputTypes: [NetworkingTypes.netNatStaticMapping], synopsis: "Gets the static mappings of NATs.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for record in try selectMappings(context, network) {
                try context.writeObject(.object(NetworkingObjects.staticMapping(record)))
            }
        }
    }
}

final class RemoveNetNatStaticMapping: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Remove-NetNatStaticMapping",
        parameters: [
            ParameterDeclaration("NatName", .array(.string), position: 0, valueFromPipelineByPropertyName: true, sets: ["Query"]),
            ParameterDeclaration("StaticMappingID", .array(.uint32), valueFromPipelineByPropertyName: true, sets: ["Query"]),
            CommonNetworkingParameters.inputObject,
            CommonNetworkingParameters.passThru,
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        defaultParameterSet: "Query", supportsShouldProcess: true, confirmImpact: .high,
        outputTypes: [NetworkingTypes.netNatStaticMapping], synopsis: "Removes static mappings from NATs.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            for record in try selectMappings(context, network) {
                let target = "MSFT_NetNatStaticMapping (NatName = \"\(record.natName)\", StaticMappingID = \(record.staticMappingID))"
                guard try context.confirmRemoval(target: target, describing: "static mapping \(record.staticMappingID) of the NAT \"\(record.natName)\"",
                                                 impact: .high) else { continue }
                try network.removeStaticMapping(record)
                if context.switchPresent("PassThru") { try context.writeObject(.object(NetworkingObjects.staticMapping(record))) }
            }
        }
    }
}
