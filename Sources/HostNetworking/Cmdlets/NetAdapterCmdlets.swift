import Foundation
import PSRuntime

/// Get-NetAdapter: kernel links named the Windows way (host adapters as `vEthernet (...)`).
final class GetNetAdapterCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", aliases: ["ifAlias", "InterfaceAlias"], position: 0, sets: ["ByName"])
    static let interfaceDescription = Parameter<[String]>("InterfaceDescription", aliases: ["ifDesc"], mandatory: true,
                                                          valueFromPipelineByPropertyName: true, sets: ["ByInstanceID"])
    static let interfaceIndex = Parameter<[UInt32]>("InterfaceIndex", aliases: ["ifIndex"], mandatory: true,
                                                    valueFromPipelineByPropertyName: true, sets: ["ByIfIndex"])
    static let physical = Parameter<SwitchParameter>("Physical")
    static let declaration = CmdletDeclaration(
        "Get-NetAdapter",
        parameters: [name, interfaceDescription, interfaceIndex, CommonNetworkingParameters.includeHidden, physical]
            + CommonNetworkingParameters.cim,
        defaultParameterSet: "ByName", outputTypes: [NetworkingTypes.netAdapter],
        synopsis: "Gets the network adapters: kernel links, with hvsh's host adapters named vEthernet (<switch>).")

    func process(_ context: CmdletContext) throws {
        let network = try context.hostNetwork()
        let includeHidden = context[CommonNetworkingParameters.includeHidden]
        try context.reporting {
            var adapters: [NetAdapterInfo]
            if let names = context[Self.name] {
                adapters = []
                for name in names {
                    // One error per name that matches nothing; the others are still listed.
                    do {
                        let known = Set(adapters.map(\.interfaceIndex))
                        let found = try network.adapters(named: [name], includeHidden: includeHidden)
                        adapters.append(contentsOf: found.filter { !known.contains($0.interfaceIndex) })
                    } catch let error as HostNetworkingError {
                        try context.writeFailure(error)
                    }
                }
            } else if let indexes = context[Self.interfaceIndex] {
                let all = try network.adapters(includeHidden: true)
                adapters = []
                for index in indexes {
                    guard let match = all.first(where: { Int64($0.interfaceIndex) == Int64(index) }) else {
                        try context.writeFailure(HostNetworkingError(
                            "No MSFT_NetAdapter objects found with property 'InterfaceIndex' equal to '\(index)'.  Verify the value of the property and retry.",
                            category: .objectNotFound, errorId: "CmdletizationQuery_NotFound_InterfaceIndex", target: "\(index)"))
                        continue
                    }
                    adapters.append(match)
                }
            } else if let descriptions = context[Self.interfaceDescription] {
                adapters = try network.adapters(includeHidden: includeHidden).filter { adapter in
                    descriptions.contains { wildcardMatch($0, adapter.interfaceDescription) }
                }
            } else {
                adapters = try network.adapters(includeHidden: includeHidden)
            }
            if context[Self.physical] { adapters = adapters.filter(\.physical) }
            for adapter in adapters { try context.writeObject(.object(NetworkingObjects.netAdapter(adapter))) }
        }
    }
}

/// The adapters an Enable/Disable/Rename-NetAdapter call is about: -Name values or piped adapters.
private func targetAdapters(_ context: CmdletContext, _ network: HostNetwork) throws -> [NetAdapterInfo] {
    let p = CommonNetworkingParameters.self
    if context.isBound(p.inputObject) {
        return try context.propertyStrings(p.inputObject, property: "ifIndex").compactMap { text in
            try Int32(text).map { index throws in try network.adapter(index: index) }
        }
    }
    if let descriptions = context[p.adapterDescription] {
        return try network.adapters(includeHidden: true).filter { adapter in
            descriptions.contains { wildcardMatch($0, adapter.interfaceDescription) }
        }
    }
    return try network.adapters(named: context[p.adapterName] ?? [], includeHidden: context[p.includeHidden])
}

final class EnableNetAdapterCommand: Cmdlet {
    static let declaration = adapterStateDeclaration("Enable-NetAdapter", synopsis: "Brings network adapters up.")
    func process(_ context: CmdletContext) throws { try setEnabled(context, true) }
}

final class DisableNetAdapterCommand: Cmdlet {
    static let declaration = adapterStateDeclaration("Disable-NetAdapter", synopsis: "Takes network adapters down.")
    func process(_ context: CmdletContext) throws { try setEnabled(context, false) }
}

/// Enable-NetAdapter and Disable-NetAdapter take the same parameters.
private func adapterStateDeclaration(_ name: String, synopsis: String) -> CmdletDeclaration {
    CmdletDeclaration(name, parameters: CommonNetworkingParameters.adapterSelection, defaultParameterSet: "ByName",
                      supportsShouldProcess: true, outputTypes: [NetworkingTypes.netAdapter], synopsis: synopsis)
}

private func setEnabled(_ context: CmdletContext, _ enabled: Bool) throws {
    try changeEachAdapter(context) { network, adapter in try network.setAdapterEnabled(adapter, enabled) }
}

/// Runs `change` on each selected adapter the user confirms; -PassThru writes the adapter as it is afterwards.
private func changeEachAdapter(_ context: CmdletContext, _ change: (HostNetwork, NetAdapterInfo) throws -> Void) throws {
    let network = try context.hostNetwork()
    try context.reporting {
        for adapter in try targetAdapters(context, network) {
            guard try context.shouldProcess(target: adapter.name) else { continue }
            try change(network, adapter)
            if context[CommonNetworkingParameters.passThru] {
                try context.writeObject(.object(NetworkingObjects.netAdapter(try network.adapter(index: adapter.interfaceIndex))))
            }
        }
    }
}

final class RenameNetAdapterCommand: Cmdlet {
    static let newName = Parameter<String>("NewName", position: 1, mandatory: true)
    static let declaration = CmdletDeclaration(
        "Rename-NetAdapter",
        parameters: CommonNetworkingParameters.adapterSelection + [newName],
        defaultParameterSet: "ByName", supportsShouldProcess: true, outputTypes: [NetworkingTypes.netAdapter],
        synopsis: "Renames a network adapter (its Windows name, kept as the link's alias).")

    func process(_ context: CmdletContext) throws {
        let newName = context[Self.newName] ?? ""
        try changeEachAdapter(context) { network, adapter in try network.renameAdapter(adapter, to: newName) }
    }
}
