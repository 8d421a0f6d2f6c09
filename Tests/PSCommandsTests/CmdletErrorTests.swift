import XCTest
import Foundation
import PSRuntime
@testable import PSCommands

/// The errors cmdlets report: message text and FullyQualifiedErrorId, and whether the script goes on.
final class CmdletErrorTests: ScriptTestCase {
    /// (script, text the error output must contain, FullyQualifiedErrorId of $Error[0])
    static let cases: [(String, String, String)] = [
        ("Set-Location /no/such/dir", "Cannot find path '/no/such/dir' because it does not exist.", "PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand"),
        ("Remove-Item /no/such/file", "Cannot find path '/no/such/file' because it does not exist.", "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"),
        ("Get-Item /no/such/file", "Cannot find path '/no/such/file' because it does not exist.", "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"),
        ("Get-Alias no-such-alias", "Cannot find alias because alias 'no-such-alias' does not exist.", "ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand"),
        ("Get-Variable no_such_var", "Cannot find a variable with the name 'no_such_var'.", "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"),
        ("Import-Module /no/such/mod.psm1", "The specified module '/no/such/mod.psm1' was not loaded", "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"),
        ("Stop-Transcript", "The host is not currently transcribing.", "InvalidOperation,Microsoft.PowerShell.Commands.StopTranscriptCommand"),
        ("Get-Random -Minimum 5 -Maximum 5", "The Minimum value (5) cannot be greater than or equal to the Maximum value (5).", "MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand"),
        ("Get-Help No-SuchCommand", "Get-Help could not find No-SuchCommand", "HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand"),
        ("Invoke-Command { 1 } -ComputerName srv1", "not supported on this platform", "RemotingNotSupported,Microsoft.PowerShell.Commands.InvokeCommandCommand"),
        ("'a' | Measure-Object -Sum", "Input object \"a\" is not numeric.", "NonNumericInputObject,Microsoft.PowerShell.Commands.MeasureObjectCommand"),
        ("'x' | Select-String '(' ", "The string ( is not a valid regular expression", "InvalidRegex,Microsoft.PowerShell.Commands.SelectStringCommand"),
        ("Get-Content /etc", "Unable to get content because it is a directory", "GetContainerContentException,Microsoft.PowerShell.Commands.GetContentCommand"),
        ("New-Variable -Name PSHOME2 -Value 1; New-Variable -Name PSHOME2 -Value 2", "A variable with name 'PSHOME2' already exists.", "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand"),
        ("Get-Member", "You must specify an object for the Get-Member cmdlet.", "NoObjectInGetMember,Microsoft.PowerShell.Commands.GetMemberCommand"),
    ]

    func testErrorMessagesAndIds() {
        for (script, message, id) in CmdletErrorTests.cases {
            let r = ScriptHarness.run(script + "\n'--'\n$Error[0].FullyQualifiedErrorId")
            XCTAssertTrue(r.errors.contains(message), "\(script): \(r.errors)")
            XCTAssertTrue(r.output.hasSuffix("\(id)\n"), "\(script): \(r.output)")
        }
    }

    /// PowerShell appends the cmdlet's .NET class to its error ids, a function's own name for functions.
    func testErrorIdsNameTheImplementingClass() {
        let cases: [(String, String)] = [
            ("Get-ChildItem -NoSuchParameter", "NamedParameterNotFound,Microsoft.PowerShell.Commands.GetChildItemCommand"),
            ("Get-Item -Path", "MissingArgument,Microsoft.PowerShell.Commands.GetItemCommand"),
            ("Get-Date -Year abc", "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.GetDateCommand"),
            ("1 | Select-Object @{n='a';bogus=1}", "DictionaryKeyIllegal,Microsoft.PowerShell.Commands.SelectObjectCommand"),
            ("1 | Sort-Object @{e='a';bogus=1}", "DictionaryKeyIllegal,Microsoft.PowerShell.Commands.SortObjectCommand"),
            ("function Get-Thing { [CmdletBinding()] param() }; Get-Thing -Bogus", "NamedParameterNotFound,Get-Thing"),
            ("Set-Content /no/such/dir/f.txt x", "GetContentWriterDirectoryNotFoundError,Microsoft.PowerShell.Commands.SetContentCommand"),
            ("Add-Content /no/such/dir/f.txt x", "GetContentWriterDirectoryNotFoundError,Microsoft.PowerShell.Commands.AddContentCommand"),
            ("Copy-Item /no/such/file /tmp/x", "PathNotFound,Microsoft.PowerShell.Commands.CopyItemCommand"),
            ("Push-Location /no/such/dir", "PathNotFound,Microsoft.PowerShell.Commands.PushLocationCommand"),
            ("Split-Path /a/b -Qualifier", "ParsePathFormatError,Microsoft.PowerShell.Commands.SplitPathCommand"),
        ]
        for (script, id) in cases {
            let r = ScriptHarness.run("try { \(script) } catch { $_.FullyQualifiedErrorId; return }\n$Error[0].FullyQualifiedErrorId")
            XCTAssertEqual(r.output, id + "\n", "\(script): \(r.errors)")
        }
    }

    /// Write-Error's id names the function that called it (none at the prompt), and so does -ErrorId's.
    func testWriteErrorIdNamesTheCallingFunction() {
        assertOutput("Write-Error 'a' 2>$null; $Error[0].FullyQualifiedErrorId", "Microsoft.PowerShell.Commands.WriteErrorException\n")
        assertOutput("function Get-Thing { Write-Error 'a' }; Get-Thing 2>$null; $Error[0].FullyQualifiedErrorId",
                     "Microsoft.PowerShell.Commands.WriteErrorException,Get-Thing\n")
        assertOutput("function f { Write-Error 'a' -ErrorId Mine }; f 2>$null; $Error[0].FullyQualifiedErrorId; $Error[0].CategoryInfo.Activity",
                     "Mine,f\nWrite-Error\n")
        assertOutput("function f { & { Write-Error 'a' } }; f 2>$null; $Error[0].FullyQualifiedErrorId",
                     "Microsoft.PowerShell.Commands.WriteErrorException\n")
        // A script file's top level: its file name.
        let host = BufferHost()
        let session = ShellSession(host: host, modules: [CoreCommands.module])
        _ = session.runScript("Write-Error 'a' 2>$null; $Error[0].FullyQualifiedErrorId", path: "/labs/setup-lab.ps1")
        XCTAssertEqual(host.output, "Microsoft.PowerShell.Commands.WriteErrorException,setup-lab.ps1\n")
    }

    /// Write-Error in a function is shown against the function's call, as PowerShell 7's view does.
    func testWriteErrorInAFunctionPointsAtTheCall() {
        let host = BufferHost()
        let session = ShellSession(host: host, modules: [CoreCommands.module])
        _ = session.runScript("function Get-Thing {\n  Write-Error 'no thing'\n}\nGet-Thing", path: "/labs/things.ps1")
        XCTAssertEqual(host.other, """
        Get-Thing: /labs/things.ps1:4
        Line |
           4 |  Get-Thing
             |  ~~~~~~~~~
             | no thing

        """)
    }

    /// A line longer than 69 characters is cut around the marked part, with an ellipsis where it was
    /// cut (the layout of a real pwsh 7 transcript).
    func testLongLinesAreCutAroundTheMarkedPart() {
        let host = BufferHost()
        let session = ShellSession(host: host, modules: [CoreCommands.module])
        let script = """
            function Write-LogError { param($m) Write-Error "[ERROR] $m" }
            if ($true) {
                if ($true) {
                    Write-LogError "Failed to set Defender preferences: $($_.Exception.Message)"
                }
            }
            """
        _ = session.runScript(script, path: "/labs/root.ps1")
        XCTAssertEqual(host.other, """
        Write-LogError: /labs/root.ps1:4
        Line |
           4 |          Write-LogError "Failed to set Defender preferences: $($_.Exce \u{2026}
             |          ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
             | [ERROR] Failed to set Defender preferences: 

        """)
        // The marked part starting far right: the line starts with an ellipsis.
        let long = "$" + String(repeating: "a", count: 62)
        let r = ScriptHarness.run("'x'\n\(long) = 1; $b = $null.Nope()")
        let shown = "\u{2026} " + String(repeating: "a", count: 46) + " = 1; $b = $null.Nope()"
        XCTAssertTrue(r.errors.contains("   2 |  \(shown)\n     |  " + String(repeating: " ", count: 59) + "~~~~~~~~~~~~\n"), r.errors)
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
        // A file: FileSystemProvider's FileMode.CreateNew IOException (NewItemIOError), not DirectoryExist.
        XCTAssertTrue(r.errors.contains("The file '\(dir)/f.txt' already exists."), r.errors)
        let m = ScriptHarness.run("Set-Content \(dir)/d.txt x; New-Item -ItemType Directory \(dir)/sub | Out-Null; Set-Content \(dir)/sub/a 1; Remove-Item \(dir)/sub; Test-Path \(dir)/sub")
        XCTAssertTrue(m.errors.contains("has children and the Recurse parameter was not specified"), m.errors)
        XCTAssertEqual(m.output, "True\n")
    }
}
