/// PowerShell 7's built-in aliases on Linux (those for commands that exist there; `ls`, `cp`, `ps`
/// and friends are not aliases on Linux so the native tools run).
public enum DefaultAliases {
    public static let table: [(String, String)] = [
        ("?", "Where-Object"), ("%", "ForEach-Object"), ("foreach", "ForEach-Object"), ("where", "Where-Object"),
        ("ac", "Add-Content"), ("cd", "Set-Location"), ("chdir", "Set-Location"), ("clc", "Clear-Content"),
        ("clear", "Clear-Host"), ("cls", "Clear-Host"), ("clhy", "Clear-History"), ("cli", "Clear-Item"),
        ("clp", "Clear-ItemProperty"), ("clv", "Clear-Variable"), ("cnsn", "Connect-PSSession"),
        ("compare", "Compare-Object"), ("copy", "Copy-Item"), ("cpi", "Copy-Item"), ("cpp", "Copy-ItemProperty"),
        ("cvpa", "Convert-Path"), ("dbp", "Disable-PSBreakpoint"), ("del", "Remove-Item"),
        ("dir", "Get-ChildItem"), ("dnsn", "Disconnect-PSSession"), ("ebp", "Enable-PSBreakpoint"),
        ("echo", "Write-Output"), ("epal", "Export-Alias"), ("epcsv", "Export-Csv"), ("erase", "Remove-Item"),
        ("etsn", "Enter-PSSession"), ("exsn", "Exit-PSSession"), ("fc", "Format-Custom"), ("fhx", "Format-Hex"),
        ("fl", "Format-List"), ("ft", "Format-Table"), ("fw", "Format-Wide"), ("gal", "Get-Alias"),
        ("gbp", "Get-PSBreakpoint"), ("gc", "Get-Content"), ("gcb", "Get-Clipboard"), ("gci", "Get-ChildItem"),
        ("gcm", "Get-Command"), ("gcs", "Get-PSCallStack"), ("gdr", "Get-PSDrive"), ("gerr", "Get-Error"),
        ("ghy", "Get-History"), ("gi", "Get-Item"), ("gin", "Get-ComputerInfo"), ("gjb", "Get-Job"),
        ("gl", "Get-Location"), ("gm", "Get-Member"), ("gmo", "Get-Module"), ("gp", "Get-ItemProperty"),
        ("gpv", "Get-ItemPropertyValue"), ("group", "Group-Object"), ("gsn", "Get-PSSession"),
        ("gtz", "Get-TimeZone"), ("gu", "Get-Unique"), ("gv", "Get-Variable"), ("h", "Get-History"),
        ("history", "Get-History"), ("icm", "Invoke-Command"), ("iex", "Invoke-Expression"),
        ("ihy", "Invoke-History"), ("ii", "Invoke-Item"), ("ipal", "Import-Alias"), ("ipcsv", "Import-Csv"),
        ("ipmo", "Import-Module"), ("irm", "Invoke-RestMethod"), ("iwr", "Invoke-WebRequest"),
        ("md", "mkdir"), ("measure", "Measure-Object"), ("mi", "Move-Item"), ("move", "Move-Item"),
        ("mp", "Move-ItemProperty"), ("nal", "New-Alias"), ("ndr", "New-PSDrive"), ("ni", "New-Item"),
        ("nmo", "New-Module"), ("nsn", "New-PSSession"), ("nv", "New-Variable"), ("oh", "Out-Host"),
        ("popd", "Pop-Location"), ("pushd", "Push-Location"), ("pwd", "Get-Location"), ("r", "Invoke-History"),
        ("rbp", "Remove-PSBreakpoint"), ("rcjb", "Receive-Job"), ("rcsn", "Receive-PSSession"), ("rd", "Remove-Item"),
        ("rdr", "Remove-PSDrive"), ("ren", "Rename-Item"), ("ri", "Remove-Item"), ("rjb", "Remove-Job"),
        ("rmo", "Remove-Module"), ("rni", "Rename-Item"), ("rnp", "Rename-ItemProperty"),
        ("rp", "Remove-ItemProperty"), ("rsn", "Remove-PSSession"), ("rv", "Remove-Variable"),
        ("rvpa", "Resolve-Path"), ("sajb", "Start-Job"), ("sal", "Set-Alias"), ("saps", "Start-Process"),
        ("sbp", "Set-PSBreakpoint"), ("select", "Select-Object"), ("set", "Set-Variable"), ("si", "Set-Item"),
        ("sl", "Set-Location"), ("sls", "Select-String"), ("sp", "Set-ItemProperty"), ("spjb", "Stop-Job"),
        ("saps", "Start-Process"), ("sort", "Sort-Object"), ("sv", "Set-Variable"),
        ("type", "Get-Content"), ("wjb", "Wait-Job"), ("clv", "Clear-Variable"),
    ]

    /// The scope options PowerShell gives its built-in aliases (Get-Alias's Options): five are
    /// ReadOnly and AllScope, a few AllScope, a few none, every other one ReadOnly.
    public static func options(of alias: String) -> String {
        let name = alias.lowercased()
        if ["foreach", "%", "where", "?", "select"].contains(name) { return "ReadOnly, AllScope" }
        if ["cp", "cd", "dir", "echo", "md", "popd", "pushd", "copy", "del", "move"].contains(name) { return "AllScope" }
        if ["clear", "cat", "ls", "man", "mount", "mv", "ps", "rm", "rmdir", "kill", "pwd", "type", "h", "history", "r",
            "cls", "chdir", "erase", "rd", "ren", "set", "icm", "gjb", "rcjb", "rjb", "sajb", "spjb", "wjb", "sujb",
            "rujb", "ipsn", "epsn", "nsn", "gsn", "rsn", "etsn", "exsn", "sls"].contains(name) { return "None" }
        return "ReadOnly"
    }
}

/// What an alias carries beside its target (Set-Alias -Description/-Option, Import-Alias).
public struct AliasDetails: Sendable, Equatable {
    public var description: String
    public var options: String
    public init(description: String, options: String) {
        self.description = description
        self.options = options
    }
}
