import PSCommands
import PSRuntime
import XCTest

/// One session, put back to its baseline between scripts (the evaluator fuzz target runs every input
/// this way): nothing a script defined or changed may be seen by the next.
final class SessionBaselineTests: XCTestCase {
    private func session() -> (ShellSession, BufferHost) {
        let host = BufferHost()
        return (ShellSession(host: host, modules: [CoreCommands.module]), host)
    }

    func testWhatAScriptDefinedIsGoneAfterRestore() {
        let (session, host) = session()
        let baseline = session.baseline()
        _ = session.run("""
            $global:left = 'global'; $alsoLeft = 'top'
            function global:Get-Left { 'function' }
            function Get-Top { 'top function' }
            Set-Alias lft Get-Left
            $ErrorActionPreference = 'Stop'
            Set-StrictMode -Version 2
            try { throw 'recorded' } catch {}
            exit 7
            """)
        XCTAssertEqual(session.lastExitCode, 7, "the script did not run to its exit: \(host.all)")
        session.restore(baseline)
        _ = session.run("""
            "left=[$left][$alsoLeft]"
            "functions=[$(Test-Path function:Get-Left)][$(Test-Path function:Get-Top)][$(Test-Path alias:lft)]"
            "eap=$ErrorActionPreference"
            "errors=$($Error.Count)"
            "exit=$LASTEXITCODE"
            "undefined=[$neverSet]"
            """)
        let lines = host.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first { $0.hasPrefix("left=") }, "left=[][]", host.all)
        XCTAssertEqual(lines.first { $0.hasPrefix("functions=") }, "functions=[False][False][False]", host.all)
        XCTAssertEqual(lines.first { $0.hasPrefix("eap=") }, "eap=Continue", host.all)
        XCTAssertEqual(lines.first { $0.hasPrefix("errors=") }, "errors=0", host.all)
        XCTAssertEqual(lines.first { $0.hasPrefix("exit=") }, "exit=0", host.all)
        // Strict mode 2 would have made reading an unset variable an error.
        XCTAssertEqual(lines.first { $0.hasPrefix("undefined=") }, "undefined=[]", host.all)
        XCTAssertNil(session.exitRequested, "a restored session still asks to exit")
    }

    func testBuiltInVariablesSurviveRestore() {
        let (session, host) = session()
        let baseline = session.baseline()
        _ = session.run("$global:HOME = 'changed'; $MaximumErrorCount = 3; $PSVersionTable.Extra = 1")
        session.restore(baseline)
        _ = session.run("\"$($MaximumErrorCount) $($PSVersionTable.PSVersion.Major) $($PSVersionTable.ContainsKey('Extra')) $($HOME -ne 'changed') $(Test-Path variable:IsLinux)\"")
        XCTAssertEqual(host.output.split(separator: "\n").last.map(String.init), "256 7 False True True", host.all)
    }

    /// Set-PSDebug tracing and breakpoints a script left on do not watch the next script.
    func testTracingAndBreakpointsAreGoneAfterRestore() {
        let (session, host) = session()
        let baseline = session.baseline()
        _ = session.run("Set-PSDebug -Trace 1; $null = Set-PSBreakpoint -Variable watched -Mode Write -Action { 'hit' }")
        session.restore(baseline)
        let before = host.all.count
        _ = session.run("$watched = 1; \"breakpoints=$(@(Get-PSBreakpoint).Count)\"")
        let after = String(host.all.dropFirst(before))
        XCTAssertFalse(after.contains("DEBUG:"), "tracing survived the restore: \(after)")
        XCTAssertFalse(after.contains("hit"), "a breakpoint survived the restore: \(after)")
        XCTAssertTrue(after.contains("breakpoints=0"), after)
    }
}
