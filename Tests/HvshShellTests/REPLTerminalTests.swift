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

    private func start(_ arguments: [String] = ["-NoProfile", "-NoLogo"], width: Int = 100) throws -> TerminalSession {
        let session = try TerminalSession(arguments: arguments, home: home.path, width: width)
        sessions.append(session)
        XCTAssertTrue(session.waitFor { $0.contains("PS /") }, "no prompt appeared:\n\(session.screen())")
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
}
