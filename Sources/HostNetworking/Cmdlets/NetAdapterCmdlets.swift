import Foundation
import PSRuntime

/// Get-NetAdapter: kernel links named the Windows way (host adapters as `vEthernet (...)`).
final class GetNetAdapter: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-NetAdapter",
        parameters: [
            ParameterDeclaration("Name", .array(.string), aliases: ["ifAlias", "InterfaceAlias"], position: 0, sets: ["ByName"]),
            ParameterDeclaration("InterfaceDescription", .array(.string), aliases: ["ifDesc"], mandatory: true,
                                 valueFromPipelineByPropertyName: true, sets: ["ByInstanceID"]),
            ParameterDeclaration("InterfaceIndex", .array(.uint32), aliases: ["ifIndex"], mandatory: true,
                                 valueFromPipelineByPropertyName: true, sets: ["ByIfIndex"]),
            ParameterDeclaration("IncludeHidden", .switchParameter),
            ParameterDeclaration("Physical", .switchParameter),
            CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
        ],
        defaultParameterSet: "ByName", outputTypes: [NetworkingTypes.netAdapter],
        synopsis: "Gets the network adapters: kernel links, with hvsh's host adapters named vEthernet (<switch>).")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let includeHidden = context.switchPresent("IncludeHidden")
        try context.reporting {
            var adapters: [NetAdapterInfo]
            if let names = context.strings("Name") {
                adapters = []
                for name in names {
                    // One error per name that matches nothing; the others are still listed.
                    do {
                        let known = Set(adapters.map(\.interfaceIndex))
                        let found = try network.adapters(named: [name], includeHidden: includeHidden)
                        adapters.append(contentsOf: found.filter { !known.contains($0.interfaceIndex) })
                    } catch let error as HostNetworkingError {
                        try context.report(error)
                    }
                }
            } else if let indexes = context.integers("InterfaceIndex") {
                let all = try network.adapters(includeHidden: true)
                adapters = []
                for index in indexes {
                    guard let match = all.first(where: { Int64($0.interfaceIndex) == index }) else {
                        try context.report(HostNetworkingError(
                            "No MSFT_NetAdapter objects found with property 'InterfaceIndex' equal to '\(index)'.  Verify the value of the property and retry.",
                            category: .objectNotFound, errorID: "CmdletizationQuery_NotFound_InterfaceIndex", target: "\(index)"))
                        continue
                    }
                    adapters.append(match)
                }
            } else if let descriptions = context.strings("InterfaceDescription") {
                adapters = try network.adapters(includeHidden: includeHidden).filter { adapter in
                    descriptions.contains { wildcardMatch($0, adapter.interfaceDescription) }
                }
            } else {
                adapters = try network.adapters(includeHidden: includeHidden)
            }
            if context.switchPresent("Physical") { adapters = adapters.filter(\.physical) }
            for adapter in adapters { try context.writeObject(.object(NetworkingObjects.netAdapter(adapter))) }
        }
    }
}

/// The adapters an Enable/Disable/Rename-NetAdapter call is about: -Name values or piped adapters.
private func targetAdapters(_ context: CmdletContext, _ network: HostNetwork) throws -> [NetAdapterInfo] {
    if context.isBound("InputObject") {
        return try context.propertyStrings("InputObject", property: "ifIndex").compactMap { text in
            try Int32(text).map { index throws in try network.adapter(index: index) }
        }
    }
    if let descriptions = context.strings("InterfaceDescription") {
        return try network.adapters(includeHidden: true).filter { adapter in
            descriptions.contains { wildcardMatch($0, adapter.interfaceDescription) }
        }
    }
    return try network.adapters(named: context.strings("Name") ?? [], includeHidden: context.switchPresent("IncludeHidden"))
}

private let adapterSelectionParameters: [ParameterDeclaration] = [
    // Windows binds piped adapters through -InputObject only; taking -Name by property name as well
    // lets `Get-NetAdapter X | Enable-NetAdapter` bind even where the binder settles on ByName first.
    ParameterDeclaration("Name", .array(.string), aliases: ["ifAlias", "InterfaceAlias"], position: 0, mandatory: true,
                         valueFromPipelineByPropertyName: true, sets: ["ByName"]),
    ParameterDeclaration("InterfaceDescription", .array(.string), aliases: ["ifDesc"], mandatory: true,
                         sets: ["ByInstanceID"]),
    CommonNetworkingParameters.inputObject,
    ParameterDeclaration("IncludeHidden", .switchParameter),
    CommonNetworkingParameters.passThru,
    CommonNetworkingParameters.cimSession, CommonNetworkingParameters.throttleLimit, CommonNetworkingParameters.asJob,
]

final class EnableNetAdapter: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Enable-NetAdapter", parameters: adapterSelectionParameters, defaultParameterSet: "ByName",
        supportsShouldProcess: true, outputTypes: [NetworkingTypes.netAdapter],
        synopsis: "Brings network adapters up.")

    init() {}

    func process(_ context: CmdletContext) throws {
        try setEnabled(context, true)
    }
}

final class DisableNetAdapter: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Disable-NetAdapter", parameters: adapterSelectionParameters, defaultParameterSet: "ByName",
        supportsShouldProcess: true, outputTypes: [NetworkingTypes.netAdapter],
        synopsis: "Takes network adapters down.")

    init() {}

    func process(_ context: CmdletContext) throws {
        try setEnabled(context, false)
    }
}

private func setEnabled(_ context: CmdletContext, _ enabled: Bool) throws {
    let network = try context.hostNetwork()
    try context.reporting {
        for adapter in try targetAdapters(context, network) {
            guard try context.shouldProcess(target: adapter.name) else { continue }
            try network.setAdapterEnabled(adapter, enabled)
            if context.switchPresent("PassThru") {
                try context.writeObject(.object(NetworkingObjects.netAdapter(try network.adapter(index: adapter.interfaceIndex))))
            }
        }
    }
}

final class RenameNetAdapter: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Rename-NetAdapter",
        parameters: adapterSelectionParameters + [ParameterDeclaration("NewName", .string, position: 1, mandatory: true)],
        defaultParameterSet: "ByName", supportsShouldProcess: true, outputTypes: [NetworkingTypes.netAdapter],
        synopsis: "Renames a network adapter (its Windows name, kept as the link's alias).")

    init() {}

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let newName = context.string("NewName") ?? ""
        try context.reporting {
            for adapter in try targetAdapters(context, network) {
                guard try context.shouldProcess(target: adapter.name) else { continue }
                try network.renameAdapter(adapter, to: newName)
                if context.switchPresent("PassThru") {
                    try context.writeObject(.object(NetworkingObjects.netAdapter(try network.adapter(index: adapter.interfaceIndex))))
                }
            }
        }
    }
}
