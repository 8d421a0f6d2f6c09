import Foundation
import PSRuntime

/// New-VMSwitch: a Linux bridge; Internal switches also get a host adapter `vEthernet (<name>)`.
final class NewVMSwitchCommand: Cmdlet {
    static let name = Parameter<String>("Name", aliases: ["SwitchName"], position: 0, mandatory: true)
    static let switchType = Parameter<String>("SwitchType", type: .enumType(NetworkingTypes.switchType), mandatory: true,
                                              sets: ["SwitchType"], validate: [.set(["Internal", "Private"])])
    static let netAdapterName = Parameter<[String]>("NetAdapterName", aliases: ["InterfaceAlias"], mandatory: true,
                                                    valueFromPipelineByPropertyName: true, sets: ["NetAdapterName"])
    static let netAdapterInterfaceDescription = Parameter<[String]>("NetAdapterInterfaceDescription", aliases: ["InterfaceDescription"],
                                                                    mandatory: true, valueFromPipelineByPropertyName: true,
                                                                    sets: ["NetAdapterInterfaceDescription"])
    static let allowManagementOS = Parameter<Bool>("AllowManagementOS", sets: ["NetAdapterName", "NetAdapterInterfaceDescription"])
    static let notes = Parameter<String>("Notes")
    static let minimumBandwidthMode = Parameter<String>("MinimumBandwidthMode", validate: [.set(["Default", "Weight", "Absolute", "None"])])
    static let enableIov = Parameter<Bool>("EnableIov")
    static let enablePacketDirect = Parameter<Bool>("EnablePacketDirect")
    static let enableEmbeddedTeaming = Parameter<Bool>("EnableEmbeddedTeaming")
    static let declaration = CmdletDeclaration(
        "New-VMSwitch",
        parameters: [
            name, switchType, netAdapterName, netAdapterInterfaceDescription, allowManagementOS, notes, minimumBandwidthMode,
            enableIov, enablePacketDirect, enableEmbeddedTeaming, CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "NetAdapterName", supportsShouldProcess: true,
        outputTypes: [NetworkingTypes.vmSwitch],
        synopsis: "Creates a virtual switch: a Linux bridge, with a host adapter for Internal switches.")

    func process(_ context: CmdletContext) throws {
        let name = context[Self.name] ?? ""
        try context.createConfirmed(name) { network in
            var uplinks = context[Self.netAdapterName] ?? []
            for description in context[Self.netAdapterInterfaceDescription] ?? [] {
                uplinks.append(try network.adapterName(withDescription: description))
            }
            let type: SwitchRecord.SwitchType = context[Self.switchType].flatMap { name in
                SwitchRecord.SwitchType.allCases.first { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }
            } ?? .External
            let state = try network.createSwitch(name: name, type: type, uplinks: uplinks,
                                                 allowManagementOS: context[Self.allowManagementOS] ?? true,
                                                 notes: context[Self.notes] ?? "")
            return NetworkingObjects.vmSwitch(state)
        }
    }
}

/// Get-VMSwitch, with a warning for switches whose bridge is missing from the kernel.
final class GetVMSwitchCommand: Cmdlet {
    static let name = Parameter<String>("Name", aliases: ["SwitchName"], position: 0, sets: ["Name"])
    static let id = Parameter<[PSValue]>("Id", type: .array(.guid), aliases: ["SwitchId"], position: 0, valueFromPipeline: true,
                                         valueFromPipelineByPropertyName: true, sets: ["Id"])
    static let resourcePoolName = Parameter<[String]>("ResourcePoolName", position: 1)
    static let switchType = Parameter<[String]>("SwitchType", type: .array(.enumType(NetworkingTypes.switchType)))
    static let declaration = CmdletDeclaration(
        "Get-VMSwitch",
        parameters: [name, id, resourcePoolName, switchType, CommonNetworkingParameters.computerName],
        defaultParameterSet: "Name", outputTypes: [NetworkingTypes.vmSwitch],
        synopsis: "Gets virtual switches, warning about any whose bridge is missing from the kernel.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            var states = try network.switches()
            if let name = context[Self.name] {
                states = states.filter { wildcardMatch(name, $0.record.name) }
                if states.isEmpty && !hasWildcard(name) {
                    throw HostNetworkingError("Hyper-V was unable to find a virtual switch with name \"\(name)\".",
                                              category: .invalidArgument, errorId: "InvalidParameter", target: name)
                }
            }
            if let ids = context[Self.id] {
                let wanted = Set(ids.compactMap { value -> UUID? in
                    if case .guid(let id) = value { return id }
                    return UUID(uuidString: PSConvert.toString(value))
                })
                states = states.filter { wanted.contains($0.record.id) }
            }
            if let types = context[Self.switchType] {
                let names = Set(types.map { $0.lowercased() })
                states = states.filter { names.contains($0.record.switchType.rawValue.lowercased()) }
            }
            for state in states {
                if !state.presentInKernel {
                    try context.writeWarning("The virtual switch '\(state.record.name)' is recorded but its bridge \(state.record.bridgeName) is missing from the kernel.")
                }
                try context.writeObject(.object(NetworkingObjects.vmSwitch(state)))
            }
        }
    }
}

extension CmdletContext {
    /// The recorded switches matching each name or wildcard; a plain name that matches nothing is
    /// reported (Hyper-V's not-found error) and skipped.
    func existingSwitchNames(_ patterns: [String], _ network: HostNetwork) throws -> [String] {
        var names: [String] = []
        for pattern in patterns {
            try reporting {
                let matches = try network.switches(named: pattern).map(\.record.name)
                if matches.isEmpty && !hasWildcard(pattern) { _ = try network.switchNamed(pattern) }
                names += matches.filter { !names.contains($0) }
            }
        }
        return names
    }
}

/// Names of the switches a Set/Rename/Remove-VMSwitch call is about: names in `names`, or the
/// names of the VMSwitch objects bound to `objects`.
private func switchNames(_ context: CmdletContext, names: [String]?, objects: Parameter<[PSValue]>) -> [String] {
    if context.isBound(objects) { return context.propertyStrings(objects, property: "Name") }
    return names ?? []
}

final class SetVMSwitchCommand: Cmdlet {
    static let switchType = Parameter<String>("SwitchType", type: .enumType(NetworkingTypes.switchType),
                                              validate: [.set(["Internal", "Private"])])
    static let allowManagementOS = Parameter<Bool>("AllowManagementOS")
    static let netAdapterName = Parameter<String>("NetAdapterName", aliases: ["InterfaceAlias"])
    static let netAdapterInterfaceDescription = Parameter<String>("NetAdapterInterfaceDescription", aliases: ["InterfaceDescription"],
                                                                  position: 1)
    static let notes = Parameter<String>("Notes")
    static let minimumBandwidthAbsolute = Parameter<Int64>("MinimumBandwidthAbsolute")
    static let minimumBandwidthWeight = Parameter<Int64>("MinimumBandwidthWeight")
    static let declaration = CmdletDeclaration(
        "Set-VMSwitch",
        parameters: [
            CommonNetworkingParameters.switchName, CommonNetworkingParameters.vmSwitch, switchType, allowManagementOS, netAdapterName,
            netAdapterInterfaceDescription, notes, minimumBandwidthAbsolute, minimumBandwidthWeight,
            CommonNetworkingParameters.passThru, CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "Name", supportsShouldProcess: true, outputTypes: [NetworkingTypes.vmSwitch],
        synopsis: "Changes a virtual switch: notes, its physical adapter (External), its type (Internal or Private) and management OS sharing.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        for name in switchNames(context, names: context[CommonNetworkingParameters.switchName], objects: CommonNetworkingParameters.vmSwitch) {
            guard try context.shouldProcess(target: name) else { continue }
            try context.reporting {
                let type = context[Self.switchType].flatMap { text in
                    SwitchRecord.SwitchType.allCases.first { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }
                }
                var uplink = context[Self.netAdapterName]
                if let description = context[Self.netAdapterInterfaceDescription] {
                    uplink = try network.adapterName(withDescription: description)
                }
                let state = try network.setSwitch(name: name, notes: context[Self.notes], type: type,
                                                  allowManagementOS: context[Self.allowManagementOS],
                                                  uplinks: uplink.map { [$0] })
                if context[CommonNetworkingParameters.passThru] { try context.writeObject(.object(NetworkingObjects.vmSwitch(state))) }
            }
        }
    }
}

final class RenameVMSwitchCommand: Cmdlet {
    static let name = Parameter<String>("Name", aliases: ["SwitchName"], position: 0, mandatory: true, sets: ["SwitchName"])
    static let newName = Parameter<String>("NewName", position: 1, mandatory: true)
    static let declaration = CmdletDeclaration(
        "Rename-VMSwitch",
        parameters: [
            name, CommonNetworkingParameters.vmSwitch, newName, CommonNetworkingParameters.passThru, CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "SwitchName", supportsShouldProcess: true, outputTypes: [NetworkingTypes.vmSwitch],
        synopsis: "Renames a virtual switch (the bridge's alias follows; the host adapter keeps its name).")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let newName = context[Self.newName] ?? ""
        for name in switchNames(context, names: context[Self.name].map { [$0] }, objects: CommonNetworkingParameters.vmSwitch) {
            guard try context.shouldProcess(target: name) else { continue }
            try context.reporting {
                let state = try network.renameSwitch(name, to: newName)
                if context[CommonNetworkingParameters.passThru] { try context.writeObject(.object(NetworkingObjects.vmSwitch(state))) }
            }
        }
    }
}

final class RemoveVMSwitchCommand: Cmdlet {
    static let resourcePoolName = Parameter<[String]>("ResourcePoolName", position: 1)
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration(
        "Remove-VMSwitch",
        parameters: [
            CommonNetworkingParameters.switchName, CommonNetworkingParameters.vmSwitch, resourcePoolName, force, CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "Name", supportsShouldProcess: true,
        synopsis: "Removes a virtual switch: its bridge, host adapters and their addresses.")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let selected = switchNames(context, names: context[CommonNetworkingParameters.switchName], objects: CommonNetworkingParameters.vmSwitch)
        for name in try context.existingSwitchNames(selected, network) {
            let what = "the virtual switch \"\(name)\""
            guard try context.confirmRemoval(target: name, describing: what, action: context.commandName, impact: .medium),
                  try context.shouldContinueUnlessForced(
                      context[Self.force],
                      query: "Are you sure you want to remove the virtual switch \"\(name)\"? Its host adapters and their IP addresses go with it, and virtual machines connected to it lose their network.",
                      caption: "Remove virtual switch", target: name, describing: what) else { continue }
            try context.reporting { try network.removeSwitch(named: name) }
        }
    }
}
