import XCTest
import PSRuntime
@testable import PSCommands

final class HostCmdletTests: ScriptTestCase {
    func testWriteHostSeparatorAndNoNewline() {
        let r = ScriptHarness.run("Write-Host 'a' 'b' -Separator '-'; Write-Host 'x' -NoNewline; Write-Host 'y' -ForegroundColor Green")
        XCTAssertEqual(r.output + r.errors, "a-b\nxy\n")
    }

    func testWriteErrorIsNonTerminatingUnlessStop() {
        let r = ScriptHarness.run("Write-Error 'bad thing'; 'after'")
        XCTAssertEqual(r.output, "after\n")
        XCTAssertTrue(r.errors.contains("bad thing"), r.errors)
        assertOutput("try { Write-Error 'x' -ErrorAction Stop; 'no' } catch { \"caught $_\" }", "caught x\n")
    }

    func testWarningAndVerbose() {
        let r = ScriptHarness.run("Write-Warning 'careful'; Write-Verbose 'hidden'; Write-Verbose 'shown' -Verbose")
        XCTAssertTrue(r.errors.contains("WARNING: careful") || r.output.contains("WARNING: careful"))
        XCTAssertFalse((r.output + r.errors).contains("hidden"))
        XCTAssertTrue((r.output + r.errors).contains("VERBOSE: shown"))
    }

    func testReadHost() {
        let host = BufferHost(width: 120, input: ["answer"])
        let s = ShellSession(host: host, modules: [CoreCommands.module])
        _ = s.runScript("$x = Read-Host -Prompt 'Name'; \"got $x\"")
        XCTAssertEqual(host.output, "got answer\n")
        XCTAssertTrue(host.all.contains("Name: "))
    }

    /// Messages merged into the output become PowerShell's records, which print as their text.
    func testMergedStreamsCarryRecords() {
        assertOutput("$w = Write-Warning 'w1' 3>&1; $w.GetType().FullName; $w.Message; $w",
                     "System.Management.Automation.WarningRecord\nw1\nw1\n")
        assertOutput("(Write-Verbose 'v1' -Verbose 4>&1).GetType().Name; (Write-Debug 'd1' -Debug 5>&1).Message",
                     "VerboseRecord\nd1\n")
        // Information is captured by 6>&1 even though $InformationPreference hides it from the host.
        assertOutput("$i = Write-Information 'i1' 6>&1; $i.GetType().Name; $i.MessageData; Write-Information 'hidden'; 'end'",
                     "InformationRecord\ni1\nend\n")
        assertOutput("$h = Write-Host 'h1' -NoNewline 6>&1; $h.MessageData.Message; $h.MessageData.NoNewLine; $h.Tags", "h1\nTrue\nPSHOST\n")
        XCTAssertEqual(errors("Write-Information 'hidden'"), "")
    }
}
