import Foundation
import PSRuntime

/// New-VMSwitch: a Linux bridge; Internal switches also get a host adapter `vEthernet (<name>)`.
final class NewVMSwitch: Cmdlet {
    static let declaration = CmdletDeclaration(
        "New-VMSwitch",
        parameters: [
            ParameterDeclaration("Name", .string, aliases: ["SwitchName"], position: 0, mandatory: true),
            ParameterDeclaration("SwitchType", .enumType(NetworkingTypes.switchType), mandatory: true, sets: ["SwitchType"],
                                 validate: [.set(["Internal", "Private"])]),
            ParameterDeclaration("NetAdapterName", .array(.string), aliases: ["InterfaceAlias"], mandatory: true,
                                 valueFromPipelineByPropertyName: true, sets: ["NetAdapterName"]),
            ParameterDeclaration("NetAdapterInterfaceDescription", .array(.string), aliases: ["InterfaceDescription"],
                                 mandatory: true, valueFromPipelineByPropertyName: true, sets: ["NetAdapterInterfaceDescription"]),
            ParameterDeclaration("AllowManagementOS", .bool, sets: ["NetAdapterName", "NetAdapterInterfaceDescription"]),
            ParameterDeclaration("Notes", .string),
            ParameterDeclaration("MinimumBandwidthMode", .string, validate: [.set(["Default", "Weight", "Absolute", "None"])]),
            ParameterDeclaration("EnableIov", .bool),
            ParameterDeclaration("EnablePacketDirect", .bool),
            ParameterDeclaration("EnableEmbeddedTeaming", .bool),
            CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "NetAdapterName", supportsShouldProcess: true,
        outputTypes: [NetworkingTypes.vmSwitch],
        synopsis: "Creates a virtual switch: a Linux bridge, with a host adapter for Internal switches.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let name = context.string("Name") ?? ""
        guard try context.shouldProcess(target: name) else { return }
        try context.reporting {
            var uplinks = context.strings("NetAdapterName") ?? []
            for description in context.strings("NetAdapterInterfaceDescription") ?? [] {
                uplinks.append(try network.adapterName(withDescription: description))
            }
            let type: SwitchRecord.SwitchType = context.enumName("SwitchType").flatMap { name in
                SwitchRecord.SwitchType.allCases.first { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }
            } ?? .External
            let state = try network.createSwitch(name: name, type: type, uplinks: uplinks,
                                                 allowManagementOS: context.bool("AllowManagementOS") ?? true,
                                                 notes: context.string("Notes") ?? "")
            try context.writeObject(.object(NetworkingObjects.vmSwitch(state)))
        }
    }
}

/// Get-VMSwitch, with a warning for switches whose bridge is missing from the kernel.
final class GetVMSwitch: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-VMSwitch",
        parameters: [
            ParameterDeclaration("Name", .string, aliases: ["SwitchName"], position: 0, sets: ["Name"]),
            ParameterDeclaration("Id", .array(.guid), aliases: ["SwitchId"], position: 0, valueFromPipeline: true,
                                 valueFromPipelineByPropertyName: true, sets: ["Id"]),
            ParameterDeclaration("ResourcePoolName", .array(.string), position: 1),
            ParameterDeclaration("SwitchType", .array(.enumType(NetworkingTypes.switchType))),
            CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "Name", outputTypes: [NetworkingTypes.vmSwitch],
        synopsis: "Gets virtual switches, warning about any whose bridge is missing from the kernel.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        try context.reporting {
            var states = try network.switches()
            if let name = context.string("Name") {
                states = states.filter { wildcardMatch(name, $0.record.name) }
                if states.isEmpty && !hasWildcard(name) {
                    throw HostNetworkingError("Hyper-V was unable to find a virtual switch with name \"\(name)\".",
                                              category: .invalidArgument, errorID: "InvalidParameter", target: name)
                }
            }
            if let ids = context.values("Id") {
                let wanted = Set(ids.compactMap { value -> UUID? in
                    if case .guid(let id) = value { return id }
                    return UUID(uuidString: PSConvert.toString(value))
                })
                states = states.filter { wanted.contains($0.record.id) }
            }
            if let types = context.values("SwitchType") {
                let names = Set(types.map { PSConvert.toString($0).lowercased() })
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

/// Names of the switches a Set/Rename/Remove-VMSwitch call is about: -Name values or piped VMSwitch objects.
private func switchNames(_ context: CmdletContext) -> [String] {
    if context.isBound("VMSwitch") { return context.propertyStrings("VMSwitch", property: "Name") }
    return context.strings("Name") ?? []
}

final class SetVMSwitch: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Set-VMSwitch",
        parameters: [
            ParameterDeclaration("Name", .array(.string), aliases: ["SwitchName"], position: 0, mandatory: true,
                                 valueFromPipeline: true, sets: ["Name"]),
            ParameterDeclaration("VMSwitch", .array(.named(NetworkingTypes.vmSwitch)), position: 0, mandatory: true,
                                 valueFromPipeline: true, sets: ["SwitchObject"]),
            ParameterDeclaration("SwitchType", .enumType(NetworkingTypes.switchType), validate: [.set(["Internal", "Private"])]),
            ParameterDeclaration("AllowManagementOS", .bool),
            ParameterDeclaration("NetAdapterName", .string, aliases: ["InterfaceAlias"]),
            ParameterDeclaration("NetAdapterInterfaceDescription", .string, aliases: ["InterfaceDescription"], position: 1),
            ParameterDeclaration("Notes", .string),
            ParameterDeclaration("MinimumBandwidthAbsolute", .int64),
            ParameterDeclaration("MinimumBandwidthWeight", .int64),
            CommonNetworkingParameters.passThru,
            CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "Name", supportsShouldProcess: true, outputTypes: [NetworkingTypes.vmSwitch],
        synopsis: "Changes a virtual switch: notes, its physical adapter (External), its type (Internal or Private) and management OS sharing.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        for name in switchNames(context) {
            guard try context.shouldProcess(target: name) else { continue }
            try context.reporting {
                let type = context.enumName("SwitchType").flatMap { text in
                    SwitchRecord.SwitchType.allCases.first { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }
                }
                var uplink = context.string("NetAdapterName")
                if let description = context.string("NetAdapterInterfaceDescription") {
                    uplink = try network.adapterName(withDescription: description)
                }
                let state = try network.setSwitch(name: name, notes: context.string("Notes"), type: type,
                                                  allowManagementOS: context.bool("AllowManagementOS"),
                                                  uplinks: uplink.map { [$0] })
                if context.switchPresent("PassThru") { try context.writeObject(.object(NetworkingObjects.vmSwitch(state))) }
            }
        }
    }
}

final class RenameVMSwitch: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Rename-VMSwitch",
        parameters: [
            ParameterDeclaration("Name", .string, aliases: ["SwitchName"], position: 0, mandatory: true, sets: ["SwitchName"]),
            ParameterDeclaration("VMSwitch", .array(.named(NetworkingTypes.vmSwitch)), position: 0, mandatory: true,
                                 valueFromPipeline: true, sets: ["SwitchObject"]),
            ParameterDeclaration("NewName", .string, position: 1, mandatory: true),
            CommonNetworkingParameters.passThru,
            CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "SwitchName", supportsShouldProcess: true, outputTypes: [NetworkingTypes.vmSwitch],
        synopsis: "Renames a virtual switch (the bridge's alias follows; the host adapter keeps its name).")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let newName = context.string("NewName") ?? ""
        for name in switchNames(context) {
            guard try context.shouldProcess(target: name) else { continue }
            try context.reporting {
                let state = try network.renameSwitch(name, to: newName)
                if context.switchPresent("PassThru") { try context.writeObject(.object(NetworkingObjects.vmSwitch(state))) }
            }
        }
    }
}

final class RemoveVMSwitch: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Remove-VMSwitch",
        parameters: [
            ParameterDeclaration("Name", .array(.string), aliases: ["SwitchName"], position: 0, mandatory: true,
                                 valueFromPipeline: true, sets: ["Name"]),
            ParameterDeclaration("VMSwitch", .array(.named(NetworkingTypes.vmSwitch)), position: 0, mandatory: true,
                                 valueFromPipeline: true, sets: ["SwitchObject"]),
            ParameterDeclaration("ResourcePoolName", .array(.string), position: 1),
            ParameterDeclaration("Force", .switchParameter),
            CommonNetworkingParameters.computerName,
        ],
        defaultParameterSet: "Name", supportsShouldProcess: true,
        synopsis: "Removes a virtual switch: its bridge, host adapters and their addresses.")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        for name in try context.existingSwitchNames(switchNames(context), network) {
            let what = "the virtual switch \"\(name)\""
            guard try context.confirmRemoval(target: name, describing: what, action: context.commandName, impact: .medium),
                  try context.shouldContinueUnlessForced(
                      query: "Are you sure you want to remove the virtual switch \"\(name)\"? Its host adapters and their IP addresses go with it, and virtual machines connected to it lose their network.",
                      caption: "Remove virtual switch", target: name, describing: what) else { continue }
            try context.reporting { try network.removeSwitch(named: name) }
        }
    }
}
