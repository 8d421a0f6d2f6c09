import Foundation
import XCTest

/// The REPL driven through a real pseudo-terminal (tmux): what a user sees and types.
final class REPLTerminalTests: XCTestCase {
    private var home: ScratchDirectory!
    private var sessions: [TerminalSession] = []

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        try TerminalSession.requireTmux()
        home = HvshProcess.makeHome()
    }

    override func tearDown() {
        for session in sessions { session.close() }
        home?.remove()
    }

    private func start(_ arguments: [String] = ["-NoProfile", "-NoLogo"], width: Int = 100,
                       environment: [String: String] = [:]) throws -> TerminalSession {
        let session = try TerminalSession(arguments: arguments, home: home.path, width: width, environment: environment)
        sessions.append(session)
        XCTAssertTrue(session.waitFor { $0.contains("PS /") }, "no prompt appeared:\n\(session.screen())")
        XCTAssertTrue(session.waitUntilEditing(), "the line editor never took the terminal")
        return session
    }

    private func lastLine(_ screen: String) -> String {
        String(screen.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
    }

    func testPromptShowsTheCurrentDirectory() throws {
        let directory = home.path + "/lab dir"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let session = try start(["-NoProfile", "-NoLogo", "-WorkingDirectory", directory])
        XCTAssertTrue(session.waitFor { self.lastLine($0) == "PS \(directory)> " || self.lastLine($0) == "PS \(directory)>" },
                      session.screen())
    }

    func testMultiLineFunctionShowsTheContinuationPrompt() throws {
        let session = try start()
        try session.type("function Get-Twice {")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasPrefix(">> ") || self.lastLine($0) == ">>" }, session.screen())
        try session.type("  param($x)")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains(">>   param($x)") && self.lastLine($0).hasPrefix(">>") }, session.screen())
        try session.type("}")
        try session.press("Enter")
        // The statement is complete: the normal prompt comes back.
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasPrefix("PS /") }, session.screen())
    }

    func testTabCompletesACommandName() throws {
        let session = try start()
        try session.type("Write-Out")
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("> Write-Output") }, session.screen())
    }

    func testTabCompletesAParameterName() throws {
        let session = try start()
        try session.type("Write-Output -NoEn")
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("> Write-Output -NoEnumerate") }, session.screen())
    }

    func testTabCyclesAndListsSeveralCandidates() throws {
        let session = try start()
        try session.type("Write-Output -")
        try session.press("Tab")
        // Several parameters: the first is put in and all are listed below the line.
        XCTAssertTrue(session.waitFor { $0.contains("-InputObject") && $0.contains("-NoEnumerate") }, session.screen())
        let first = lastLine(session.screen())
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { self.lastLine($0) != first && self.lastLine($0).contains("Write-Output -") }, session.screen())
    }

    func testUpArrowRecallsHistoryFromAnEarlierSession() throws {
        let first = try start()
        try first.type("'remember me 41'")
        try first.press("Enter")
        XCTAssertTrue(first.waitFor { self.lastLine($0).hasPrefix("PS /") && $0.contains("remember me 41") })
        try first.press("C-d")
        XCTAssertTrue(first.waitForExit(), "Ctrl-D on an empty line leaves the shell")

        let historyFile = home.path + "/.local/share/hvsh/history"
        XCTAssertEqual(try String(contentsOfFile: historyFile, encoding: .utf8), "'remember me 41'\n")

        let second = try start()
        try second.press("Up")
        XCTAssertTrue(second.waitFor { self.lastLine($0).hasSuffix("> 'remember me 41'") }, second.screen())
    }

    func testCtrlCDropsTheLineBeingTyped() throws {
        let session = try start()
        try session.type("Write-Output 'half typed")
        // Press Ctrl-C once the editor shows the text, as a user would (keys sent earlier can reach
        // the terminal before libedit switched it to raw mode, and the kernel drops them on SIGINT).
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("'half typed") }, session.screen())
        try session.press("C-c")
        // A fresh prompt on a new line, and the dropped text is not run or kept in history.
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasPrefix("PS /") && $0.contains("half typed") }, session.screen())
        try session.type("'after'")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains("'after'") && self.lastLine($0).hasPrefix("PS /") }, session.screen())
        XCTAssertTrue(session.isRunning, "Ctrl-C must not end the shell")
        try session.press("C-d")
        XCTAssertTrue(session.waitForExit())
        let history = (try? String(contentsOfFile: home.path + "/.local/share/hvsh/history", encoding: .utf8)) ?? ""
        XCTAssertFalse(history.contains("half typed"), history)
    }

    func testTypographicQuotesTypedAtThePrompt() throws {
        let session = try start()
        try session.type("Write-Output “NAT-Switch”")
        try session.press("C-a")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("> Write-Output “NAT-Switch”") }, session.screen())
    }

    func testTabCompletesAHyperVCmdlet() throws {
        let session = try start()
        try session.type("Get-VMPro")
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("> Get-VMProcessor") }, session.screen())
    }

    func testTabCompletesSetVMProcessorExposeVirtualizationExtensions() throws {
        let session = try start()
        try session.type("Set-VMProcessor -Expo")
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("> Set-VMProcessor -ExposeVirtualizationExtensions") },
                      session.screen())
    }

    func testTabListsEnumValuesOfSwitchType() throws {
        let session = try start()
        try session.type("New-VMSwitch -Name lab -SwitchType ")
        try session.press("Tab")
        // New-VMSwitch's metadata allows Internal and Private here (External needs -NetAdapterName).
        XCTAssertTrue(session.waitFor { $0.contains("Internal") && $0.contains("Private") }, session.screen())
        try session.press("C-u")
        try session.type("Set-VMNetworkAdapter -MacAddressSpoofing O")
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { $0.contains("On") && $0.contains("Off") }, session.screen())
    }

    private func prompts(_ screen: String) -> Int {
        screen.split(separator: "\n").filter { $0.hasPrefix("PS /") || $0.hasPrefix("^CPS /") }.count
    }

    /// Presses Ctrl-C once `command` is running; returns the session and how long the prompt took to
    /// come back (nil if it did not within five seconds).
    private func interrupt(_ command: String) throws -> (TerminalSession, TimeInterval?) {
        let session = try start()
        try session.type(command)
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix(command) }, session.screen())
        try session.press("Enter")
        usleep(500_000) // let the command get going
        XCTAssertEqual(prompts(session.screen()), 1, "the command is still running:\n\(session.screen())")
        let pressed = Date()
        try session.press("C-c", whileRunning: true)
        let back = session.waitFor(timeout: 5) { self.prompts($0) == 2 }
        XCTAssertTrue(session.isRunning, "Ctrl-C must not end the shell")
        return (session, back ? Date().timeIntervalSince(pressed) : nil)
    }

    func testCtrlCStopsARunningLoop() throws {
        let (session, elapsed) = try interrupt("while ($true) { $null = 1 }")
        XCTAssertNotNil(elapsed, "no prompt after Ctrl-C:\n\(session.screen())")
        XCTAssertLessThan(elapsed ?? 99, 1.0)
        // The shell still works afterwards.
        try session.type("'still here'")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains("\nstill here") }, session.screen())
    }

    /// Each level calls itself twice and catches the call-depth error, so this never ends, and it has
    /// no loop and no pipeline input where a stop is noticed: the start of each function call is one.
    func testCtrlCStopsARecursionThatNeverLoops() throws {
        let (session, elapsed) = try interrupt("function f{try{f}catch{};try{f}catch{}};f")
        XCTAssertNotNil(elapsed, "no prompt within 5 s of Ctrl-C during an endless recursion:\n\(session.screen())")
        try session.type("'still here'")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains("\nstill here") }, session.screen())
    }

    func testCtrlCDuringStartSleepReturnsWithinASecond() throws {
        let (session, elapsed) = try interrupt("Start-Sleep 30")
        XCTAssertNotNil(elapsed, "no prompt after Ctrl-C:\n\(session.screen())")
        XCTAssertLessThan(elapsed ?? 99, 1.0)
    }

    func testTabCompletesVMAndSwitchNamesFromTheInventory() throws {
        // Two VMs in this test's own HVSH_HOME, made with the real cmdlets.
        let made = try HvshProcess.run(["-NoProfile", "-c", "New-VM -Name Server2016 | Out-Null; New-VM -Name 'Lab VM' | Out-Null"],
                                       home: home.path)
        XCTAssertEqual(made.status, 0, made.stderr)
        let session = try start()
        try session.type("Set-VMProcessor -VMName Ser")
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("> Set-VMProcessor -VMName Server2016") }, session.screen())
        try session.press("C-u")
        try session.type("Get-VM -Name L")
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("> Get-VM -Name 'Lab VM'") }, session.screen())
    }

    func testErrorsRedAndWarningsYellowOnATerminal() throws {
        let session = try start()
        try session.type("Write-Error 'boom'; Write-Warning 'careful'; 'plain'")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains("\nplain") }, session.screen())
        let coloured = session.screen(escapes: true)
        // tmux re-renders colours in its own spelling: red is 31, yellow 33.
        XCTAssertTrue(coloured.contains("\u{1B}[31mWrite-Error: boom"), coloured)
        XCTAssertTrue(coloured.contains("\u{1B}[33mWARNING: careful"), coloured)
    }

    func testNoColorKeepsTheTerminalPlain() throws {
        let session = try start(environment: ["NO_COLOR": "1"])
        try session.type("Write-Error 'boom'; Write-Warning 'careful'; 'plain'")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains("\nplain") }, session.screen())
        let screen = session.screen(escapes: true)
        XCTAssertTrue(screen.contains("Write-Error: boom"), screen)
        XCTAssertFalse(screen.contains("\u{1B}[31m") || screen.contains("\u{1B}[33m"), screen)
    }

    func testTablesFitTheTerminalWidth() throws {
        for width in [60, 120] {
            let session = try start(width: width)
            try session.type("[pscustomobject]@{Name='x'*200; Size=1} | Format-Table")
            try session.press("Enter")
            XCTAssertTrue(session.waitFor { $0.contains("xxxx") && self.lastLine($0).hasPrefix("PS /") }, session.screen())
            let rows = session.screen().split(separator: "\n").filter { $0.hasPrefix("xxx") }
            XCTAssertEqual(rows.count, 1, session.screen())
            XCTAssertLessThanOrEqual(rows.first?.count ?? 0, width, session.screen())
            XCTAssertGreaterThan(rows.first?.count ?? 0, width - 10, "the table uses the width it has")
            session.close()
        }
    }

    func testNoExitKeepsTheShellAfterACommandAndItsVariables() throws {
        let session = try TerminalSession(arguments: ["-NoProfile", "-NoExit", "-Command", "$labName = 'Server2016'"],
                                          home: home.path)
        sessions.append(session)
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasPrefix("PS /") }, session.screen())
        XCTAssertFalse(session.screen().contains("hvsh 0."), "no banner after -Command")
        try session.type("\"vm=$labName\"")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains("\nvm=Server2016") }, session.screen())
    }

    func testBannerUnlessNoLogo() throws {
        let session = try start(["-NoProfile"])
        XCTAssertTrue(session.screen().hasPrefix("hvsh "), session.screen())
    }

    func testReadHostReadsThroughTheLineEditor() throws {
        let session = try start()
        try session.type("$vm = Read-Host 'VM name'; \"creating $vm\"")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasPrefix("VM name:") }, session.screen())
        try session.type("Server2016")
        try session.press("Enter")
        XCTAssertTrue(session.waitFor { $0.contains("\ncreating Server2016") }, session.screen())
    }

    func testExitLeavesTheShell() throws {
        let session = try start()
        try session.type("exit 4")
        try session.press("Enter")
        XCTAssertTrue(session.waitForExit(), session.screen())
    }

    func testPromptFunctionFromTheProfile() throws {
        _ = home.write(".config/hvsh/profile.ps1", "function prompt { \"lab $((Get-Location).Path.Length)> \" }\n")
        let session = try TerminalSession(arguments: ["-NoLogo"], home: home.path)
        sessions.append(session)
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasPrefix("lab ") && self.lastLine($0).hasSuffix(">") }, session.screen())
    }

    func testTabCompletesFunctionsDefinedAtThePrompt() throws {
        let session = try start()
        try session.type("function Get-LabGateway { '192.168.2.1' }")
        try session.press("Enter")
        // The next prompt, not the line being typed (which also starts with "PS /"): typing on before
        // the definition ran raced with it under load.
        XCTAssertTrue(session.waitFor {
            $0.contains("Get-LabGateway {") && self.lastLine($0).hasPrefix("PS /") && !self.lastLine($0).contains("Get-LabGateway")
        }, session.screen())
        try session.type("Get-LabGa")
        try session.press("Tab")
        XCTAssertTrue(session.waitFor { self.lastLine($0).hasSuffix("> Get-LabGateway") }, session.screen())
    }
}
