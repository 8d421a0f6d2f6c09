import XCTest
import Foundation

final class SystemCmdletTests: ScriptTestCase {
    var dir = ""
    override func setUpWithError() throws {
        try super.setUpWithError()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("hvsh-items-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func testContentCmdlets() {
        assertOutput("Set-Content \(dir)/a.txt 'one','two'; Add-Content \(dir)/a.txt 'three'; Get-Content \(dir)/a.txt -Tail 2", "two\nthree\n")
        assertOutput("Set-Content \(dir)/b.txt 'x'; Clear-Content \(dir)/b.txt; (Get-Content \(dir)/b.txt -Raw).Length", "0\n")
        let r = ScriptHarness.run("Get-Content \(dir)/missing.txt")
        XCTAssertTrue(r.errors.contains("Cannot find path '\(dir)/missing.txt' because it does not exist."), r.errors)
    }

    /// Native programs run in the session's location, and a pipeline stopped early (Select-Object -First)
    /// ends the program (SIGTERM, exit code 143) instead of reading all it would write.
    func testNativeProgramsFollowTheLocationAndStopWithThePipeline() {
        assertOutput("Set-Location \(dir); sh -c pwd", "\(dir)\n")
        assertOutput("seq 1 100000000 | Select-Object -First 2; $LASTEXITCODE", "1\n2\n143\n")
    }

    func testItemsAndPaths() {
        assertOutput("New-Item -ItemType Directory \(dir)/d | Out-Null; Test-Path \(dir)/d -PathType Container; Test-Path \(dir)/nope", "True\nFalse\n")
        assertOutput("Set-Content \(dir)/f.txt 1; Copy-Item \(dir)/f.txt \(dir)/g.txt; Move-Item \(dir)/g.txt \(dir)/h.txt; Get-ChildItem \(dir) -Name", "d\nf.txt\nh.txt\n")
        assertOutput("Set-Content \(dir)/f.txt 1; Remove-Item \(dir)/f.txt; Test-Path \(dir)/f.txt", "False\n")
        assertOutput("Join-Path /a b c; Split-Path /a/b/c.txt -Leaf; Split-Path /a/b/c.txt; Split-Path c.txt -Extension", "/a/b/c\nc.txt\n/a/b\n.txt\n")
        assertOutput("Push-Location \(dir); (Get-Location).Path; Pop-Location; (Get-Location).Path -ne '\(dir)'", "\(dir)\nTrue\n")
    }

    func testDateAndTimeSpan() {
        assertOutput("Get-Date -Year 2024 -Month 2 -Day 29 -Hour 13 -Minute 5 -Second 0 -Format 'yyyy-MM-dd HH:mm:ss dddd'", "2024-02-29 13:05:00 Thursday\n")
        assertOutput("Get-Date -Date '2024-01-02' -UFormat '%Y/%m/%d %j'", "2024/01/02 002\n")
        assertOutput("(New-TimeSpan -Hours 1 -Minutes 30).TotalMinutes", "90\n")
    }

    func testRandomAndSleep() {
        assertOutput("$a = 1..5 | ForEach-Object { Get-Random -Minimum 3 -Maximum 6 }; @($a | Where-Object { $_ -lt 3 -or $_ -ge 6 }).Count; @($a).Count", "0\n5\n")
        assertOutput("Get-Random -SetSeed 7 -Maximum 1000 | Out-Null; (1..3 | Get-Random -Count 3 | Sort-Object) -join ','", "1,2,3\n")
        let start = Date()
        assertOutput("Start-Sleep -Milliseconds 120; 'ok'", "ok\n")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.1)
    }

    func testSelectString() {
        assertOutput("'alpha','beta','gamma' | Select-String 'a$' | ForEach-Object Line", "alpha\nbeta\ngamma\n")
        assertOutput("'alpha','beta' | Select-String 'ET' -Quiet", "True\n")
        // Pipeline input that never matches writes nothing with -Quiet (only files give False), as
        // PowerShell's Select-String and its own Pester test (BeNullOrEmpty) have it.
        assertOutput("'alpha','beta' | Select-String 'ET' -CaseSensitive -Quiet", "")
    }

    func testGetProcessFindsThisProcess() {
        assertOutput("(Get-Process -Id $PID).Id -eq $PID", "True\n")
        let r = ScriptHarness.run("Get-Process -Name no-such-process-xyz")
        XCTAssertTrue(r.errors.contains("Cannot find a process with the name \"no-such-process-xyz\""), r.errors)
    }

    func testVariablesAndAliases() {
        assertOutput("Set-Variable -Name v -Value 5; Get-Variable v -ValueOnly; Remove-Variable v; Test-Path variable:v", "5\nFalse\n")
        assertOutput("New-Alias -Name gg -Value Get-Date; (Get-Alias gg).Definition", "Get-Date\n")
        assertOutput("Invoke-Expression '1 + 2'; Invoke-Command { param($x) $x * 2 } -ArgumentList 4", "3\n8\n")
    }

    func testModulesAndTranscript() {
        assertOutput("Set-Content \(dir)/m.psm1 'function Get-Hi { \"hi\" }'; Import-Module \(dir)/m.psm1; Get-Hi", "hi\n")
        assertOutput("Start-Transcript -Path \(dir)/t.txt | Out-Null; 'logged'; Stop-Transcript | Out-Null; (Get-Content \(dir)/t.txt) -contains 'logged'", "logged\nTrue\n")
    }

    func testHelpAndCommand() {
        let r = ScriptHarness.run("Get-Help Format-Table")
        XCTAssertTrue(r.output.contains("SYNTAX\n    Format-Table [[-Property] <Object[]>]"), r.output)
        assertOutput("(Get-Command Get-Date).CommandType", "Cmdlet\n")
        let e = ScriptHarness.run("Get-Command Get-Nothing")
        XCTAssertTrue(e.errors.contains("The term 'Get-Nothing' is not recognized"), e.errors)
    }
}
