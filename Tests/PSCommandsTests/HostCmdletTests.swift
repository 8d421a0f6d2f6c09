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

    func testWindowsOnlyCmdletsFailClearly() {
        assertOutput("try { Get-CimInstance Win32_Processor } catch { $_.FullyQualifiedErrorId }", "PlatformNotSupported,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand\n")
        assertOutput("try { Install-WindowsFeature Hyper-V -IncludeManagementTools } catch { 'caught' }", "caught\n")
    }
}
