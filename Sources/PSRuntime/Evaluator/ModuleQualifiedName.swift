/// `Microsoft.PowerShell.Utility\Get-Date`, `Hyper-V\Get-VM`: a command name with the module that
/// holds it, which PowerShell resolves to that module's command even where an alias or function of the
/// same name exists. hvsh's modules gather commands that Windows spreads over several modules, so a
/// qualifier names the Windows module as scripts write it.
enum ModuleQualifiedName {
    static func split(_ name: String) -> (module: String, command: String)? {
        guard let slash = name.lastIndex(of: "\\"), slash != name.startIndex else { return nil }
        let module = name[..<slash], command = name[name.index(after: slash)...]
        // A path (`.\x.ps1`, `C:\tools\x.exe`, `..\lib\f`) is never a module name.
        guard !command.isEmpty, !module.contains("\\"), !module.contains("/"), !module.contains(":"),
              module.first.map({ $0.isLetter }) == true else { return nil }
        return (String(module), String(command))
    }

    /// Whether `qualifier` names the module a cmdlet registered under `registered` belongs to in Windows.
    static func accepts(_ qualifier: String, for registered: String) -> Bool {
        let q = qualifier.lowercased()
        if q == registered.lowercased() { return true }
        switch registered.lowercased() {
        case "microsoft.powershell.utility", "microsoft.powershell.core", "microsoft.powershell.management",
             "microsoft.powershell.security", "microsoft.powershell.host":
            return ["microsoft.powershell.utility", "microsoft.powershell.management", "microsoft.powershell.core",
                    "microsoft.powershell.security", "microsoft.powershell.host"].contains(q)
        case "hostnetworking":
            return ["hyper-v", "netadapter", "nettcpip", "netnat", "netconnection"].contains(q)
        default:
            return false
        }
    }
}
