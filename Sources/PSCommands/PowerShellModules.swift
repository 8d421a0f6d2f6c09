// Which of PowerShell's own modules each cmdlet of hvsh's core module belongs to, as `Get-Command`
// (Source, ModuleName), `Get-Command -Module`, `Get-Module` and `Import-Module` see them. The lists are
// PowerShell 7.5's reference (one page per cmdlet under each module's folder); the rest is Utility.

enum PowerShellModules {
    static let utility = "Microsoft.PowerShell.Utility"

    static func module(of cmdlet: String) -> String {
        table[cmdlet.lowercased()] ?? utility
    }

    private static let table: [String: String] = {
        var t: [String: String] = [:]
        for (module, names) in [("Microsoft.PowerShell.Core", core), ("Microsoft.PowerShell.Management", management),
                                ("Microsoft.PowerShell.Security", security), ("Microsoft.PowerShell.Host", host)] {
            for n in names.split(separator: " ") { t[n.lowercased()] = module }
        }
        return t
    }()

    private static let core = """
        Add-History Clear-History Clear-Host Connect-PSSession Debug-Job Disable-ExperimentalFeature Disable-PSRemoting \
        Disable-PSSessionConfiguration Disconnect-PSSession Enable-ExperimentalFeature Enable-PSRemoting \
        Enable-PSSessionConfiguration Enter-PSHostProcess Enter-PSSession Exit-PSHostProcess Exit-PSSession \
        Export-ModuleMember ForEach-Object Get-Command Get-ExperimentalFeature Get-Help Get-History Get-Job Get-Module \
        Get-PSHostProcessInfo Get-PSSession Get-PSSessionCapability Get-PSSessionConfiguration Get-PSSubsystem \
        Import-Module Invoke-Command Invoke-History New-Module New-ModuleManifest New-PSRoleCapabilityFile New-PSSession \
        New-PSSessionConfigurationFile New-PSSessionOption New-PSTransportOption Out-Default Out-Host Out-Null \
        Receive-Job Receive-PSSession Register-ArgumentCompleter Register-PSSessionConfiguration Remove-Job \
        Remove-Module Remove-PSSession Save-Help Set-PSDebug Set-PSSessionConfiguration Set-StrictMode Start-Job \
        Stop-Job Switch-Process TabExpansion2 Test-ModuleManifest Test-PSSessionConfigurationFile \
        Unregister-PSSessionConfiguration Update-Help Wait-Job Where-Object
        """
    private static let management = """
        Add-Content Clear-Content Clear-Item Clear-ItemProperty Clear-RecycleBin Convert-Path Copy-Item Copy-ItemProperty \
        Debug-Process Get-ChildItem Get-Clipboard Get-ComputerInfo Get-Content Get-HotFix Get-Item Get-ItemProperty \
        Get-ItemPropertyValue Get-Location Get-PSDrive Get-PSProvider Get-Process Get-Service Get-TimeZone Invoke-Item \
        Join-Path Move-Item Move-ItemProperty New-Item New-ItemProperty New-PSDrive New-Service Pop-Location Push-Location \
        Remove-Item Remove-ItemProperty Remove-PSDrive Remove-Service Rename-Computer Rename-Item Rename-ItemProperty \
        Resolve-Path Restart-Computer Restart-Service Resume-Service Set-Clipboard Set-Content Set-Item Set-ItemProperty \
        Set-Location Set-Service Set-TimeZone Split-Path Start-Process Start-Service Stop-Computer Stop-Process \
        Stop-Service Suspend-Service Test-Connection Test-Path Wait-Process
        """
    private static let security = """
        ConvertFrom-SecureString ConvertTo-SecureString Get-Acl Get-AuthenticodeSignature Get-CmsMessage Get-Credential \
        Get-ExecutionPolicy Get-PfxCertificate New-FileCatalog Protect-CmsMessage Set-Acl Set-AuthenticodeSignature \
        Set-ExecutionPolicy Test-FileCatalog Unprotect-CmsMessage
        """
    private static let host = "Start-Transcript Stop-Transcript"
}
