import XCTest
import Foundation

/// The errors cmdlets report: message text and FullyQualifiedErrorId, and whether the script goes on.
final class CmdletErrorTests: ScriptTestCase {
    /// (script, text the error output must contain, FullyQualifiedErrorId of $Error[0])
    static let cases: [(String, String, String)] = [
        ("Set-Location /no/such/dir", "Cannot find path '/no/such/dir' because it does not exist.", "PathNotFound,Set-Location"),
        ("Remove-Item /no/such/file", "Cannot find path '/no/such/file' because it does not exist.", "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"),
        ("Get-Item /no/such/file", "Cannot find path '/no/such/file' because it does not exist.", "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"),
        ("Get-Alias no-such-alias", "Cannot find alias because alias 'no-such-alias' does not exist.", "ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand"),
        ("Get-Variable no_such_var", "Cannot find a variable with the name 'no_such_var'.", "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"),
        ("Import-Module /no/such/mod.psm1", "The specified module '/no/such/mod.psm1' was not loaded", "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"),
        ("Stop-Transcript", "The host is not currently transcribing.", "InvalidOperation,Stop-Transcript"),
        ("Get-Random -Minimum 5 -Maximum 5", "The Minimum value (5) cannot be greater than or equal to the Maximum value (5).", "MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand,Get-Random"),
        ("Get-Help No-SuchCommand", "Get-Help could not find No-SuchCommand", "HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand,Get-Help"),
        ("Invoke-Command { 1 } -ComputerName srv1", "not supported on this platform", "RemotingNotSupported,Invoke-Command"),
        ("'a' | Measure-Object -Sum", "Input object \"a\" is not numeric.", "NonNumericInputObject,Microsoft.PowerShell.Commands.MeasureObjectCommand"),
        ("'x' | Select-String '(' ", "is not valid", "InvalidRegularExpression"),
        ("Get-Content /etc", "Unable to get content because it is a directory", "GetContainerContentException,Microsoft.PowerShell.Commands.GetContentCommand"),
        ("New-Variable -Name PSHOME2 -Value 1; New-Variable -Name PSHOME2 -Value 2", "A variable with name 'PSHOME2' already exists.", "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand"),
        ("Get-Member", "You must specify an object for the Get-Member cmdlet.", "NoObjectInGetMember,Microsoft.PowerShell.Commands.GetMemberCommand"),
        ("Get-WmiObject Win32_BIOS", "Get-WmiObject is not supported on this platform", "PlatformNotSupported,Get-WmiObject"),
        ("Out-GridView -InputObject 1", "Out-GridView is not supported on this platform", "PlatformNotSupported,Out-GridView"),
        ("Confirm-SecureBootUEFI", "Confirm-SecureBootUEFI is not supported on this platform", "PlatformNotSupported,Confirm-SecureBootUEFI"),
    ]

    func testErrorMessagesAndIds() {
        for (script, message, id) in CmdletErrorTests.cases {
            let r = ScriptHarness.run(script + "\n'--'\n$Error[0].FullyQualifiedErrorId")
            XCTAssertTrue(r.errors.contains(message), "\(script): \(r.errors)")
            XCTAssertTrue(r.output.hasSuffix("\(id)\n"), "\(script): \(r.output)")
        }
    }

    func testNonTerminatingErrorsLetTheScriptContinue() {
        let r = ScriptHarness.run("Get-Content /no/such/file; 'still running'")
        XCTAssertEqual(r.output, "still running\n")
        let s = ScriptHarness.run("try { Get-Content /no/such/file -ErrorAction Stop; 'no' } catch { 'caught: ' + $_.Exception.Message }")
        XCTAssertEqual(s.output, "caught: Cannot find path '/no/such/file' because it does not exist.\n")
    }

    func testExistingItemAndNewItem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-err-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = ScriptHarness.run("New-Item \(dir)/f.txt | Out-Null; New-Item \(dir)/f.txt")
        XCTAssertTrue(r.errors.contains("An item with the specified name \(dir)/f.txt already exists."), r.errors)
        let m = ScriptHarness.run("Set-Content \(dir)/d.txt x; New-Item -ItemType Directory \(dir)/sub | Out-Null; Set-Content \(dir)/sub/a 1; Remove-Item \(dir)/sub; Test-Path \(dir)/sub")
        XCTAssertTrue(m.errors.contains("has children and the Recurse parameter was not specified"), m.errors)
        XCTAssertEqual(m.output, "True\n")
    }
}
