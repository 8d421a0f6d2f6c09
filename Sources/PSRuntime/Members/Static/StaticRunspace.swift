/// `[powershell]::Create()` (see `PowerShellInstance`), `[runspacefactory]::CreateRunspace()`,
/// `[runspace]::DefaultRunspace` (see `RunspaceInstance`), `[initialsessionstate]::Create*()`; Cmdlet's lists of the
/// common parameters.
extension StaticTypes {
    /// The hosting API's type names and accelerators, as type literals resolve them.
    static let runspaceTypeNames: [(String, PSType)] = {
        let full = ["System.Management.Automation.Runspaces.RunspaceFactory", "System.Management.Automation.Runspaces.Runspace",
                    InitialSessionStateObject.typeName, InitialSessionStateObject.variableEntryType,
                    InitialSessionStateObject.functionEntryType]
        var names = full.map { ($0, PSType.named($0)) }
        names += [("runspacefactory", .named(full[0])), ("runspace", .named(full[1])), ("initialsessionstate", .named(full[2]))]
        for e in [RunspaceInstance.modeType, RunspaceInstance.stateType, RunspaceInstance.availabilityType,
                  InitialSessionStateObject.languageModeType] {
            names.append((e.fullName, .enumType(e)))
        }
        return names
    }()
    /// Cmdlet.CommonParameters and OptionalCommonParameters: HashSet<string>s in PowerShell's order.
    static let commonParameterNames = ["Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction",
                                       "ErrorVariable", "WarningVariable", "OutVariable", "OutBuffer", "PipelineVariable", "InformationVariable"]
    static let optionalCommonParameterNames = ["WhatIf", "Confirm", "UseTransaction"]

    nonisolated(unsafe) static let runspaceTypes: [StaticType] = [
        StaticType(keys: ["management.automation.cmdlet", "management.automation.pscmdlet"], properties: [
            StaticType.property("System.Collections.Generic.HashSet[string]", "CommonParameters") { _ in
                .array(PSArray(commonParameterNames.map { .string($0) }, kind: .hashSet(.string)))
            },
            StaticType.property("System.Collections.Generic.HashSet[string]", "OptionalCommonParameters") { _ in
                .array(PSArray(optionalCommonParameterNames.map { .string($0) }, kind: .hashSet(.string)))
            },
        ]),
        StaticType(keys: ["management.automation.powershell", "powershell"], methods: [
            StaticType.method("Create", "static powershell Create()",
                              "static powershell Create(System.Management.Automation.RunspaceMode runspace)",
                              "static powershell Create(initialsessionstate initialSessionState)",
                              call: PowerShellObject.create),
        ]),
        StaticType(keys: ["management.automation.runspaces.runspacefactory", "runspacefactory"], methods: [
            StaticType.method("CreateRunspace", "static runspace CreateRunspace()",
                              "static runspace CreateRunspace(System.Management.Automation.Host.PSHost host)",
                              "static runspace CreateRunspace(initialsessionstate initialSessionState)",
                              "static runspace CreateRunspace(System.Management.Automation.Host.PSHost host, initialsessionstate initialSessionState)") { call in
                guard call.args.count <= 2 else { throw call.wrongCount() }
                // A host argument is accepted and not used: a runspace's records go to its PowerShell's streams.
                let state = call.args.lazy.compactMap { value -> InitialSessionStateObject.State? in
                    if case .object(let o) = value.unwrapped { return o.baseObject as? InitialSessionStateObject.State }
                    return nil
                }.first
                return .object(RunspaceInstance(creator: call.session, initialState: state).object)
            },
        ]),
        StaticType(keys: ["management.automation.runspaces.runspace", "runspace"],
                   properties: [StaticType.property("runspace", "DefaultRunspace") { session in .object(session.runspace.object) }]),
        StaticType(keys: ["management.automation.runspaces.initialsessionstate", "initialsessionstate"],
                   methods: ["Create", "CreateDefault", "CreateDefault2"].map { name in
            StaticType.method(name, "static initialsessionstate \(name)()", call: InitialSessionStateObject.create)
        }),
    ]
}
