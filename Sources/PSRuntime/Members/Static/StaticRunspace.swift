/// `[powershell]::Create()` (see `PowerShellInstance`).
extension StaticTypes {
    nonisolated(unsafe) static let runspaceTypes: [StaticType] = [
        StaticType(keys: ["management.automation.powershell", "powershell"], methods: [
            StaticType.method("Create", "static powershell Create()",
                              "static powershell Create(System.Management.Automation.RunspaceMode runspace)",
                              call: PowerShellObject.create),
        ]),
    ]
}
