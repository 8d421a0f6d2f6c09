/// `[powershell]::Create()` (see `PowerShellInstance`); Cmdlet's lists of the common parameters.
extension StaticTypes {
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
                              call: PowerShellObject.create),
        ]),
    ]
}
