import Foundation
import XCTest

/// What lab scripts' Windows-only lines do, checked against PowerShell 7 on Linux through the real
/// `hvsh -File`: the same error, the same id, and the script going on exactly where pwsh goes on.
final class WindowsOnlyTests: HvshScriptTestCase {
    override var scriptName: String { "lab.ps1" }

    private let notRecognized = "is not recognized as a name of a cmdlet, function, script file, or executable program."

    func testWindowsOnlyCommandsAreNotRecognizedAndTheScriptGoesOn() throws {
        // None of these exist in PowerShell 7 on Linux; -ErrorAction does not reach a command that is
        // not found, so the error shows and the next statement runs.
        let commands = ["Get-CimInstance Win32_Processor -ErrorAction SilentlyContinue", "Get-WmiObject Win32_BIOS",
                        "Install-WindowsFeature Hyper-V -IncludeManagementTools", "Get-WindowsFeature Hyper-V",
                        "Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V -All",
                        "Get-Process | Out-GridView", "Confirm-SecureBootUEFI", "bcdedit /set hypervisorlaunchtype auto"]
        var script = ""
        for (i, c) in commands.enumerated() {
            script += "$r = \(c)\n\"\(i) $? [$r]\"\n"
            script += "try { \(c) } catch { \"\(i) caught $($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category)\" }\n"
        }
        let result = try runScript(script)
        let expected = commands.indices.map { "\($0) False []\n\($0) caught CommandNotFoundException ObjectNotFound\n" }.joined()
        XCTAssertEqual(result.stdout, expected, result.stderr)
        XCTAssertEqual(result.status, 0)
        for c in commands {
            let name = String(c.components(separatedBy: "| ").last!.split(separator: " ")[0])
            XCTAssertTrue(result.stderr.contains("The term '\(name)' "), "\(name): \(result.stderr)")
            XCTAssertTrue(result.stderr.replacingOccurrences(of: "\n     | ", with: " ").contains(notRecognized), result.stderr)
        }
        // Silenced only by the preference variable, as in pwsh.
        let quiet = try runScript("$ErrorActionPreference = 'SilentlyContinue'\nGet-CimInstance Win32_Processor\n\"$($Error[0].FullyQualifiedErrorId)\"")
        XCTAssertEqual(quiet.stdout, "CommandNotFoundException\n")
        XCTAssertEqual(quiet.stderr, "")
        XCTAssertEqual(try runScript("Get-Command Get-CimInstance -ErrorAction SilentlyContinue; 'none'").stdout, "none\n")
    }

    func testTheAdministratorCheckFailsLikePwshOnLinux() throws {
        let result = try runScript("""
            $isAdmin = ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
            "admin=[$isAdmin]"
            try { [Security.Principal.WindowsIdentity]::GetCurrent() } catch {
                $_.FullyQualifiedErrorId
                $_.Exception.GetType().FullName
                $_.Exception.Message
            }
            [int][Security.Principal.WindowsBuiltInRole]::Administrator
            """)
        XCTAssertEqual(result.stdout, """
            admin=[]
            PlatformNotSupportedException
            System.Management.Automation.MethodInvocationException
            Exception calling "GetCurrent" with "0" argument(s): "Windows Principal functionality is not supported on this platform."
            544

            """, result.stderr)
        XCTAssertTrue(result.stderr.hasPrefix("MethodInvocationException: "), result.stderr)
    }

    func testElevationAndComFailAsOnLinux() throws {
        let result = try runScript("""
            try { Start-Process pwsh -Verb RunAs -ArgumentList '-File setup.ps1' } catch { $_.FullyQualifiedErrorId; "$_" }
            try { Start-Process sh -WindowStyle Hidden } catch { "$_" }
            try { New-Object -ComObject Shell.Application } catch { $_.FullyQualifiedErrorId; "$_" }
            'after'
            """)
        XCTAssertEqual(result.stdout, """
            NotSupportedException,Microsoft.PowerShell.Commands.StartProcessCommand
            The parameter '-Verb' is not supported for the cmdlet 'Start-Process' on this edition of PowerShell.
            The parameter '-WindowStyle' is not supported for the cmdlet 'Start-Process' on this edition of PowerShell.
            NamedParameterNotFound,Microsoft.PowerShell.Commands.NewObjectCommand
            A parameter cannot be found that matches parameter name 'ComObject'.
            after

            """, result.stderr)
    }

    func testMissingTypesAndMembers() throws {
        let result = try runScript("""
            "[$([Lab.NoSuchType]::Value)]"
            'after'
            """)
        XCTAssertEqual(result.stdout, "[]\nafter\n")
        XCTAssertTrue(result.stderr.contains("Unable to find type [Lab.NoSuchType]."), result.stderr)
    }
}
