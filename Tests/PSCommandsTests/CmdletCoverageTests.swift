import XCTest
import Foundation
import PSRuntime
@testable import PSCommands

/// One working call and one failing call for every cmdlet issue 4 names, with the error's
/// FullyQualifiedErrorId as PowerShell builds it (`Id,Microsoft.PowerShell.Commands.XCommand`).
/// `$D` in a script is a fresh temporary directory.
final class CmdletCoverageTests: ScriptTestCase {
    struct Case {
        let cmdlet: String
        let ok: String
        let output: String
        let fail: String
        let errorId: String
        var input: [String] = []
    }

    /// The cmdlets the issue lists ("Cmdlets, at least: ...").
    static let issueCmdlets = """
        Write-Output Write-Host Write-Error Write-Warning Write-Verbose Write-Debug Write-Information Write-Progress
        Read-Host Out-Default Out-Host Out-String Out-Null Out-File Format-List Format-Table Format-Wide Select-Object
        Where-Object ForEach-Object Sort-Object Group-Object Measure-Object Compare-Object Get-Member Get-Command Get-Help
        Get-Alias Set-Alias Get-Variable Set-Variable New-Variable Remove-Variable Clear-Variable New-Object Add-Member
        ConvertTo-Json ConvertFrom-Json ConvertTo-Csv ConvertFrom-Csv Export-Csv Import-Csv Get-Date New-TimeSpan
        Start-Sleep Test-Path Get-Content Set-Content Add-Content Clear-Content New-Item Remove-Item Copy-Item Move-Item
        Get-ChildItem Get-Item Join-Path Split-Path Resolve-Path Get-Location Set-Location Push-Location Pop-Location
        Invoke-Expression Invoke-Command Import-Module Select-String Get-Random Get-Unique Tee-Object Start-Transcript
        Stop-Transcript Get-Process
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    static func id(_ error: String, _ cmdlet: String) -> String {
        error + ",Microsoft.PowerShell.Commands." + cmdlet.replacingOccurrences(of: "-", with: "") + "Command"
    }

    static let cases: [Case] = [
        Case(cmdlet: "Write-Output", ok: "Write-Output 1,2 -NoEnumerate | Measure-Object | ForEach-Object Count", output: "1\n",
             fail: "Write-Output -Bogus", errorId: id("NamedParameterNotFound", "Write-Output")),
        Case(cmdlet: "Write-Host", ok: "$r = Write-Host a b -Separator ',' -ForegroundColor Red 6>&1; \"$r\"; $r.Tags", output: "a,b\nPSHOST\n",
             fail: "Write-Host -ForegroundColor Purple x", errorId: id("CannotConvertArgumentNoMessage", "Write-Host")),
        Case(cmdlet: "Write-Error", ok: "Write-Error 'bad' -ErrorAction SilentlyContinue; $Error[0].Exception.Message", output: "bad\n",
             fail: "Write-Error -Category Bogus x", errorId: id("CannotConvertArgumentNoMessage", "Write-Error")),
        Case(cmdlet: "Write-Warning", ok: "Write-Warning 'careful' 3>&1 | ForEach-Object Message", output: "careful\n",
             fail: "Write-Warning", errorId: id("MissingMandatoryParameter", "Write-Warning")),
        Case(cmdlet: "Write-Verbose", ok: "Write-Verbose 'detail' -Verbose 4>&1 | ForEach-Object Message", output: "detail\n",
             fail: "Write-Verbose", errorId: id("MissingMandatoryParameter", "Write-Verbose")),
        Case(cmdlet: "Write-Debug", ok: "Write-Debug 'dbg' -Debug 5>&1 | ForEach-Object Message", output: "dbg\n",
             fail: "Write-Debug", errorId: id("MissingMandatoryParameter", "Write-Debug")),
        Case(cmdlet: "Write-Information", ok: "Write-Information 'info' 6>&1 | ForEach-Object MessageData", output: "info\n",
             fail: "Write-Information", errorId: id("MissingMandatoryParameter", "Write-Information")),
        Case(cmdlet: "Write-Progress", ok: "Write-Progress -Activity a -Status s -PercentComplete 50; 'after'", output: "after\n",
             fail: "Write-Progress -Activity a -PercentComplete 200", errorId: id("ParameterArgumentValidationError", "Write-Progress")),
        Case(cmdlet: "Read-Host", ok: "$n = Read-Host -Prompt 'name'; \"hello $n\"", output: "hello Ada\n",
             fail: "Read-Host -Prompt 'name'", errorId: id("ReadHostEndOfInput", "Read-Host"), input: ["Ada"]),
        Case(cmdlet: "Out-Default", ok: "'x' | Out-Default", output: "x\n",
             fail: "Out-Default -Bogus", errorId: id("NamedParameterNotFound", "Out-Default")),
        Case(cmdlet: "Out-Host", ok: "'x' | Out-Host", output: "x\n",
             fail: "Out-Host -Bogus", errorId: id("NamedParameterNotFound", "Out-Host")),
        Case(cmdlet: "Out-String", ok: "1,2 | Out-String -Stream", output: "1\n2\n",
             fail: "Out-String -Width 0 -InputObject 1", errorId: id("ParameterArgumentValidationError", "Out-String")),
        Case(cmdlet: "Out-Null", ok: "'x' | Out-Null; 'after'", output: "after\n",
             fail: "Out-Null -Bogus", errorId: id("NamedParameterNotFound", "Out-Null")),
        Case(cmdlet: "Out-File", ok: "'hi' | Out-File $D/o.txt; Get-Content $D/o.txt", output: "hi\n",
             fail: "'hi' | Out-File $D/nodir/o.txt", errorId: id("FileOpenFailure", "Out-File")),
        Case(cmdlet: "Format-List", ok: "[pscustomobject]@{a=1} | Format-List", output: "\na : 1\n\n",
             fail: "1 | Format-List -Property @{bogus=1}", errorId: id("DictionaryKeyIllegal", "Format-List")),
        Case(cmdlet: "Format-Table", ok: "[pscustomobject]@{a=1} | Format-Table", output: "\na\n-\n1\n\n",
             fail: "1 | Format-Table -Property @{n='a';bogus=1}", errorId: id("DictionaryKeyIllegal", "Format-Table")),
        Case(cmdlet: "Format-Wide", ok: "'a','b' | Format-Wide -Column 2 | Out-String -Width 21",
             output: "\na          b\n\n\n",
             fail: "1..3 | Format-Wide -Column 0", errorId: id("ParameterArgumentValidationError", "Format-Wide")),
        Case(cmdlet: "Select-Object", ok: "1..5 | Select-Object -First 2 -Skip 1", output: "2\n3\n",
             fail: "1 | Select-Object -ExpandProperty nope", errorId: id("ExpandPropertyNotFound", "Select-Object")),
        Case(cmdlet: "Where-Object", ok: "1..5 | Where-Object { $_ -gt 3 }", output: "4\n5\n",
             fail: "Where-Object -FilterScript $null", errorId: id("ParameterArgumentValidationErrorNullNotAllowed", "Where-Object")),
        Case(cmdlet: "ForEach-Object", ok: "1..3 | ForEach-Object { $_ * 2 }", output: "2\n4\n6\n",
             fail: "1 | ForEach-Object -Bogus", errorId: id("NamedParameterNotFound", "ForEach-Object")),
        Case(cmdlet: "Sort-Object", ok: "3,1,2 | Sort-Object -Descending", output: "3\n2\n1\n",
             fail: "1 | Sort-Object @{e='a';bogus=1}", errorId: id("DictionaryKeyIllegal", "Sort-Object")),
        Case(cmdlet: "Group-Object", ok: "'a','b','a' | Group-Object | ForEach-Object { \"$($_.Name)=$($_.Count)\" }", output: "a=2\nb=1\n",
             fail: "1 | Group-Object -Property @{e='x';bogus=1}", errorId: id("DictionaryKeyIllegal", "Group-Object")),
        Case(cmdlet: "Measure-Object", ok: "(1..4 | Measure-Object -Sum).Sum", output: "10\n",
             fail: "'a' | Measure-Object -Sum", errorId: id("NonNumericInputObject", "Measure-Object")),
        Case(cmdlet: "Compare-Object", ok: "Compare-Object 1,2 2,3 | ForEach-Object { \"$($_.InputObject)$($_.SideIndicator)\" }", output: "3=>\n1<=\n",
             fail: "Compare-Object -ReferenceObject $null -DifferenceObject 1", errorId: id("ParameterArgumentValidationErrorNullNotAllowed", "Compare-Object")),
        Case(cmdlet: "Get-Member", ok: "'a' | Get-Member -Name Length | ForEach-Object MemberType", output: "Property\n",
             fail: "Get-Member", errorId: id("NoObjectInGetMember", "Get-Member")),
        Case(cmdlet: "Get-Command", ok: "(Get-Command Get-Date).Name", output: "Get-Date\n",
             fail: "Get-Command No-SuchCommand", errorId: id("CommandNotFoundException", "Get-Command")),
        Case(cmdlet: "Get-Help", ok: "(Get-Help Get-Date).Name", output: "Get-Date\n",
             fail: "Get-Help No-SuchCommand", errorId: id("HelpNotFound", "Get-Help")),
        Case(cmdlet: "Get-Alias", ok: "(Get-Alias gci).Definition", output: "Get-ChildItem\n",
             fail: "Get-Alias no-such-alias", errorId: id("ItemNotFoundException", "Get-Alias")),
        Case(cmdlet: "Set-Alias", ok: "Set-Alias say Write-Output; say hi", output: "hi\n",
             fail: "Set-Alias -Name x", errorId: id("MissingMandatoryParameter", "Set-Alias")),
        Case(cmdlet: "Get-Variable", ok: "$zz = 5; (Get-Variable zz).Value", output: "5\n",
             fail: "Get-Variable no_such_var", errorId: id("VariableNotFound", "Get-Variable")),
        Case(cmdlet: "Set-Variable", ok: "Set-Variable -Name zz -Value 7; $zz", output: "7\n",
             fail: "New-Variable ro 1 -Option ReadOnly; Set-Variable ro 2", errorId: id("VariableNotWritable", "Set-Variable")),
        Case(cmdlet: "New-Variable", ok: "New-Variable -Name zz -Value 8; $zz", output: "8\n",
             fail: "New-Variable zz 1; New-Variable zz 2", errorId: id("VariableAlreadyExists", "New-Variable")),
        Case(cmdlet: "Remove-Variable", ok: "$zz = 1; Remove-Variable zz; Test-Path variable:zz", output: "False\n",
             fail: "Remove-Variable no_such_var", errorId: id("VariableNotFound", "Remove-Variable")),
        Case(cmdlet: "Clear-Variable", ok: "$zz = 1; Clear-Variable zz; $null -eq $zz", output: "True\n",
             fail: "Clear-Variable no_such_var", errorId: id("VariableNotFound", "Clear-Variable")),
        Case(cmdlet: "New-Object", ok: "(New-Object PSObject -Property @{a=1}).a", output: "1\n",
             fail: "New-Object No.Such.Type", errorId: id("TypeNotFound", "New-Object")),
        Case(cmdlet: "Add-Member", ok: "$o = [pscustomobject]@{}; $o | Add-Member -NotePropertyName n -NotePropertyValue 3; $o.n", output: "3\n",
             fail: "[pscustomobject]@{a=1} | Add-Member -NotePropertyName a -NotePropertyValue 2", errorId: id("MemberAlreadyExists", "Add-Member")),
        Case(cmdlet: "ConvertTo-Json", ok: "@{a=1} | ConvertTo-Json -Compress", output: "{\"a\":1}\n",
             fail: "ConvertTo-Json -Depth 101 -InputObject 1", errorId: id("ParameterArgumentValidationError", "ConvertTo-Json")),
        Case(cmdlet: "ConvertFrom-Json", ok: "('{\"a\":[1,2]}' | ConvertFrom-Json).a.Count", output: "2\n",
             fail: "'{\"a\":' | ConvertFrom-Json", errorId: id("System.ArgumentException", "ConvertFrom-Json")),
        Case(cmdlet: "ConvertTo-Csv", ok: "[pscustomobject]@{a=1;b='x'} | ConvertTo-Csv", output: "\"a\",\"b\"\n\"1\",\"x\"\n",
             fail: "ConvertTo-Csv -UseCulture -Delimiter ';' -InputObject 1", errorId: id("AmbiguousParameterSet", "ConvertTo-Csv")),
        Case(cmdlet: "ConvertFrom-Csv", ok: "(\"a,b`n1,2\" | ConvertFrom-Csv).b", output: "2\n",
             fail: "\"a,A`n1,2\" | ConvertFrom-Csv", errorId: id("AlreadyPresentPSMemberInfoInternalCollectionAdd", "ConvertFrom-Csv")),
        Case(cmdlet: "Export-Csv", ok: "[pscustomobject]@{a=1} | Export-Csv $D/e.csv; Get-Content $D/e.csv", output: "\"a\"\n\"1\"\n",
             fail: "1 | Export-Csv", errorId: id("CannotSpecifyPathAndLiteralPath", "Export-Csv")),
        Case(cmdlet: "Import-Csv", ok: "Set-Content $D/i.csv 'a,b','1,2'; (Import-Csv $D/i.csv).a", output: "1\n",
             fail: "Import-Csv $D/no.csv", errorId: id("FileOpenFailure", "Import-Csv")),
        Case(cmdlet: "Get-Date", ok: "Get-Date -Year 2024 -Month 3 -Day 4 -Format 'yyyy-MM-dd'", output: "2024-03-04\n",
             fail: "Get-Date -Date notadate", errorId: id("CannotConvertArgumentNoMessage", "Get-Date")),
        Case(cmdlet: "New-TimeSpan", ok: "(New-TimeSpan -Hours 1 -Minutes 30).TotalMinutes", output: "90\n",
             fail: "New-TimeSpan -Start notadate", errorId: id("CannotConvertArgumentNoMessage", "New-TimeSpan")),
        Case(cmdlet: "Start-Sleep", ok: "Start-Sleep -Milliseconds 1; 'slept'", output: "slept\n",
             fail: "Start-Sleep -Seconds -1", errorId: id("ParameterArgumentValidationError", "Start-Sleep")),
        Case(cmdlet: "Test-Path", ok: "Test-Path $D -PathType Container", output: "True\n",
             fail: "Test-Path -PathType Bogus /", errorId: id("ParameterArgumentValidationError", "Test-Path")),
        Case(cmdlet: "Get-Content", ok: "Set-Content $D/c.txt 'l1','l2'; Get-Content $D/c.txt -TotalCount 1", output: "l1\n",
             fail: "Get-Content $D/no.txt", errorId: id("PathNotFound", "Get-Content")),
        Case(cmdlet: "Set-Content", ok: "Set-Content $D/s.txt 'v'; Get-Content $D/s.txt", output: "v\n",
             fail: "Set-Content $D/nodir/s.txt 'v'", errorId: id("GetContentWriterDirectoryNotFoundError", "Set-Content")),
        Case(cmdlet: "Add-Content", ok: "Set-Content $D/a.txt 'a'; Add-Content $D/a.txt 'b'; Get-Content $D/a.txt", output: "a\nb\n",
             fail: "Add-Content $D/nodir/a.txt 'v'", errorId: id("GetContentWriterDirectoryNotFoundError", "Add-Content")),
        Case(cmdlet: "Clear-Content", ok: "Set-Content $D/cc.txt 'a'; Clear-Content $D/cc.txt; (Get-Content $D/cc.txt -Raw).Length", output: "0\n",
             fail: "Clear-Content $D/no.txt", errorId: id("PathNotFound", "Clear-Content")),
        Case(cmdlet: "New-Item", ok: "(New-Item -ItemType Directory $D/nd).Name", output: "nd\n",
             fail: "New-Item -ItemType Directory $D/dup | Out-Null; New-Item -ItemType Directory $D/dup", errorId: id("DirectoryExist", "New-Item")),
        Case(cmdlet: "Remove-Item", ok: "Set-Content $D/r.txt 1; Remove-Item $D/r.txt; Test-Path $D/r.txt", output: "False\n",
             fail: "Remove-Item $D/no.txt", errorId: id("PathNotFound", "Remove-Item")),
        Case(cmdlet: "Copy-Item", ok: "Set-Content $D/cp.txt 1; Copy-Item $D/cp.txt $D/cp2.txt; Get-Content $D/cp2.txt", output: "1\n",
             fail: "Copy-Item $D/no.txt $D/x.txt", errorId: id("PathNotFound", "Copy-Item")),
        Case(cmdlet: "Move-Item", ok: "Set-Content $D/mv.txt 1; Move-Item $D/mv.txt $D/mv2.txt; Test-Path $D/mv.txt, $D/mv2.txt", output: "False\nTrue\n",
             fail: "Move-Item $D/no.txt $D/x.txt", errorId: id("PathNotFound", "Move-Item")),
        Case(cmdlet: "Get-ChildItem", ok: "Set-Content $D/g1.txt 1; Get-ChildItem $D -Name -Filter g*", output: "g1.txt\n",
             fail: "Get-ChildItem $D/nodir", errorId: id("PathNotFound", "Get-ChildItem")),
        Case(cmdlet: "Get-Item", ok: "(Get-Item $D).PSIsContainer", output: "True\n",
             fail: "Get-Item $D/no.txt", errorId: id("PathNotFound", "Get-Item")),
        Case(cmdlet: "Join-Path", ok: "Join-Path /a b", output: "/a/b\n",
             fail: "Join-Path $D nothere -Resolve", errorId: id("PathNotFound", "Join-Path")),
        Case(cmdlet: "Split-Path", ok: "Split-Path /a/b/c.txt -Leaf", output: "c.txt\n",
             fail: "Split-Path /a/b -Qualifier", errorId: id("ParsePathFormatError", "Split-Path")),
        Case(cmdlet: "Resolve-Path", ok: "(Resolve-Path $D).Path -eq $D", output: "True\n",
             fail: "Resolve-Path $D/no.txt", errorId: id("PathNotFound", "Resolve-Path")),
        Case(cmdlet: "Get-Location", ok: "Set-Location $D; (Get-Location).Path -eq $D", output: "True\n",
             fail: "Get-Location -Bogus", errorId: id("NamedParameterNotFound", "Get-Location")),
        Case(cmdlet: "Set-Location", ok: "Set-Location $D; $PWD.Path -eq $D", output: "True\n",
             fail: "Set-Location $D/nodir", errorId: id("PathNotFound", "Set-Location")),
        Case(cmdlet: "Push-Location", ok: "Push-Location $D; (Get-Location).Path -eq $D", output: "True\n",
             fail: "Push-Location $D/nodir", errorId: id("PathNotFound", "Push-Location")),
        Case(cmdlet: "Pop-Location", ok: "$here = (Get-Location).Path; Push-Location $D; Pop-Location; (Get-Location).Path -eq $here", output: "True\n",
             fail: "Pop-Location -Bogus", errorId: id("NamedParameterNotFound", "Pop-Location")),
        Case(cmdlet: "Invoke-Expression", ok: "Invoke-Expression '1 + 2'", output: "3\n",
             fail: "Invoke-Expression '1 +'", errorId: id("ExpectedValueExpression", "Invoke-Expression")),
        Case(cmdlet: "Invoke-Command", ok: "Invoke-Command { param($x) $x * 2 } -ArgumentList 21", output: "42\n",
             fail: "Invoke-Command { 1 } -ComputerName srv1", errorId: id("RemotingNotSupported", "Invoke-Command")),
        Case(cmdlet: "Import-Module", ok: "Set-Content $D/m.psm1 'function Get-Thing { 42 }'; Import-Module $D/m.psm1; Get-Thing", output: "42\n",
             fail: "Import-Module $D/no.psm1", errorId: id("Modules_ModuleNotFound", "Import-Module")),
        Case(cmdlet: "Select-String", ok: "'alpha','beta' | Select-String 'et' | ForEach-Object Line", output: "beta\n",
             fail: "'x' | Select-String '('", errorId: id("InvalidRegex", "Select-String")),
        Case(cmdlet: "Get-Random", ok: "Get-Random -Minimum 5 -Maximum 6", output: "5\n",
             fail: "Get-Random -Minimum 5 -Maximum 5", errorId: id("MinGreaterThanOrEqualMax", "Get-Random")),
        Case(cmdlet: "Get-Unique", ok: "1,1,2,2,1 | Get-Unique", output: "1\n2\n1\n",
             fail: "Get-Unique -Bogus", errorId: id("NamedParameterNotFound", "Get-Unique")),
        Case(cmdlet: "Tee-Object", ok: "1,2 | Tee-Object -Variable t | Out-Null; $t.Count", output: "2\n",
             fail: "1 | Tee-Object -FilePath $D/nodir/t.txt", errorId: id("FileOpenFailure", "Tee-Object")),
        Case(cmdlet: "Start-Transcript", ok: "Start-Transcript $D/t.log | Out-Null; 'logged'; Stop-Transcript | Out-Null; (Get-Content $D/t.log -Raw) -match 'logged'",
             output: "logged\nTrue\n",
             fail: "Start-Transcript $D/nodir/t.log", errorId: id("CannotStartTranscription", "Start-Transcript")),
        Case(cmdlet: "Stop-Transcript", ok: "Start-Transcript $D/t2.log | Out-Null; (Stop-Transcript) -like 'Transcript stopped*'", output: "True\n",
             fail: "Stop-Transcript", errorId: id("InvalidOperation", "Stop-Transcript")),
        Case(cmdlet: "Get-Process", ok: "(Get-Process -Id $PID).Id -eq $PID", output: "True\n",
             fail: "Get-Process -Name no_such_process_hvsh", errorId: id("NoProcessFoundForGivenName", "Get-Process")),
    ]

    var dir = ""
    override func setUpWithError() throws {
        try super.setUpWithError()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-cover-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// The audit: every cmdlet of the issue has a case here, and is registered.
    func testEveryIssueCmdletHasAWorkingAndAFailingCase() {
        let covered = Set(CmdletCoverageTests.cases.map { $0.cmdlet.lowercased() })
        for name in CmdletCoverageTests.issueCmdlets {
            XCTAssertTrue(covered.contains(name.lowercased()), "no coverage case for \(name)")
        }
        let session = ShellSession(host: BufferHost(), modules: [CoreCommands.module])
        for c in CmdletCoverageTests.cases {
            XCTAssertNotNil(session.registry.cmdlet(named: c.cmdlet), "\(c.cmdlet) is not registered")
            XCTAssertTrue(c.ok.contains(c.cmdlet) && c.fail.contains(c.cmdlet), "\(c.cmdlet): the case must call the cmdlet")
        }
    }

    func testWorkingCalls() {
        for c in CmdletCoverageTests.cases {
            let r = ScriptHarness.run("$D = '\(dir)'\n" + c.ok, input: c.input)
            XCTAssertEqual(r.output, c.output, "\(c.cmdlet): \(c.ok)\nerrors: \(r.errors)")
            XCTAssertEqual(r.errors, "", "\(c.cmdlet): \(c.ok)")
        }
    }

    func testFailingCallsReportPowerShellsErrorIds() {
        for c in CmdletCoverageTests.cases {
            let r = ScriptHarness.run("$D = '\(dir)'\n" + c.fail + "\n'--'\n$Error[0].FullyQualifiedErrorId")
            XCTAssertTrue(r.output.hasSuffix("--\n\(c.errorId)\n"), "\(c.cmdlet): \(c.fail)\noutput: \(r.output)")
            XCTAssertFalse(r.errors.isEmpty, "\(c.cmdlet): the error is shown")
        }
    }
}
