/// PowerShell appends the implementing .NET type of a cmdlet to every error id it raises
/// (`PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand`), and the command's own name
/// for functions and CIM-generated commands (`CmdletizationQuery_NotFound_Name,Get-NetAdapter`).
/// Scripts and tests match on these ids, so hvsh reproduces the naming.
public enum CommandClassNames {
    /// The class a declaration names explicitly, else the one PowerShell's own modules follow
    /// (`Verb-Noun` → `Microsoft.PowerShell.Commands.VerbNounCommand`), else the command's name.
    public static func className(of d: CmdletDeclaration, module: String) -> String {
        if let c = d.className { return c }
        if isPowerShellModule(module) { return powerShellClassName(d.name) }
        return d.name
    }

    /// `Get-ChildItem` → `Microsoft.PowerShell.Commands.GetChildItemCommand`.
    public static func powerShellClassName(_ commandName: String) -> String {
        "Microsoft.PowerShell.Commands." + String(commandName.filter { $0 != "-" }) + "Command"
    }

    /// The modules PowerShell ships (Utility, Management, Core, ...), whose cmdlets are C# classes
    /// in the Microsoft.PowerShell.Commands namespace; `Core` is the runtime's minimal fallback set.
    static func isPowerShellModule(_ name: String) -> Bool {
        name == "Core" || name.hasPrefix("Microsoft.PowerShell.")
    }
}
