import Foundation
import XCTest

/// `$Host.UI` and `$Host.UI.RawUI` as lab scripts use them ("press any key", a window title, a yes/no
/// choice), on a real terminal (tmux) and with input redirected, through the real `hvsh`.
final class HostUITests: XCTestCase {
    private var home: ScratchDirectory!

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        home = HvshProcess.makeHome()
    }

    override func tearDown() { home?.remove() }

    private let choiceScript = """
        $choices = [System.Management.Automation.Host.ChoiceDescription[]] @('&Yes', '&No')
        $choices[1].HelpMessage = 'Leave the switch alone'
        $answer = $Host.UI.PromptForChoice('Create switch', 'Create the NAT switch now?', $choices, 0)
        "answer=$answer"
        $later = New-Object System.Management.Automation.Host.ChoiceDescription 'Later', 'Ask again tomorrow'
        $second = $Host.UI.PromptForChoice('', 'Reboot?', @((New-Object System.Management.Automation.Host.ChoiceDescription '&Now', 'Reboot now'), $later), -1)
        "second=$second"
        """

    func testPromptForChoiceReadsRedirectedInput() throws {
        let script = home.write("choice.ps1", choiceScript)
        let result = try HvshProcess.run(["-NoProfile", "-File", script], stdin: "n\n\n?\nlater\n", home: home.path)
        XCTAssertEqual(result.stdout, """

            Create switch
            Create the NAT switch now?
            [Y] Yes  [N] No  [?] Help (default is "Y"): answer=1
            Reboot?
            [N] Now  [] Later  [?] Help [N] Now  [] Later  [?] Help N - Reboot now
            Later - Ask again tomorrow
            [N] Now  [] Later  [?] Help second=1

            """, result.stderr)
        XCTAssertEqual(result.stderr, "")
    }

    func testPromptForChoiceCannotPromptInNonInteractiveModeOrAtTheEndOfInput() throws {
        let script = home.write("choice.ps1", choiceScript)
        let refused = try HvshProcess.run(["-NoProfile", "-NonInteractive", "-File", script], home: home.path)
        XCTAssertEqual(refused.stdout, "answer=\nsecond=\n", "the script goes on after each refused prompt")
        XCTAssertTrue(refused.stderr.replacingOccurrences(of: "\n     | ", with: " ").contains(
            "Exception calling \"PromptForChoice\" with \"4\" argument(s): \"PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.\""),
                      refused.stderr)
        let ended = try HvshProcess.run(["-NoProfile", "-File", home.write("id.ps1", """
            try { $Host.UI.PromptForChoice('', 'Go?', @('&Yes'), 0) } catch { $_.FullyQualifiedErrorId; $_.Exception.InnerException.Message }
            """)], stdin: "", home: home.path)
        XCTAssertTrue(ended.stdout.hasSuffix("NullReferenceException\nObject reference not set to an instance of an object.\n"), ended.stdout)
    }

    func testReadKeyWithRedirectedInputFailsAsDotNetDoes() throws {
        let script = home.write("pause.ps1", """
            Write-Host 'Press any key to continue...'
            $null = $Host.UI.RawUI.ReadKey('NoEcho,IncludeKeyDown')
            try { $Host.UI.RawUI.ReadKey() } catch { $_.FullyQualifiedErrorId }
            'went on'
            """)
        let result = try HvshProcess.run(["-NoProfile", "-File", script], stdin: "x\n", home: home.path)
        XCTAssertEqual(result.stdout, "Press any key to continue...\nInvalidOperationException\nwent on\n")
        XCTAssertTrue(result.stderr.replacingOccurrences(of: "\n     | ", with: " ").contains(
            "Exception calling \"ReadKey\" with \"1\" argument(s): \"Cannot read keys when either application does not have a console or when console input has been redirected. Try Console.Read.\""),
                      result.stderr)
    }

    func testWindowTitleIsKeptAndOnlyATerminalGetsTheEscape() throws {
        let result = try HvshProcess.run(["-NoProfile", "-Command", "\"[$($Host.UI.RawUI.WindowTitle)]\"; $Host.UI.RawUI.WindowTitle = 'Lab setup'; $Host.UI.RawUI.WindowTitle"],
                                         home: home.path)
        XCTAssertEqual(result.stdout, "[]\nLab setup\n", "no escape sequence when stdout is not a terminal")
    }

    func testReadKeyAndWindowTitleOnATerminal() throws {
        try TerminalSession.requireTmux()
        let script = home.write("keys.ps1", """
            'ready'
            $k = $Host.UI.RawUI.ReadKey('NoEcho,IncludeKeyDown')
            "key1 $($k.VirtualKeyCode) [$($k.Character)] $($k.ControlKeyState) $($k.KeyDown)"
            $k = $Host.UI.RawUI.ReadKey('IncludeKeyDown')
            "key2 $($k.VirtualKeyCode)"
            $k = $Host.UI.RawUI.ReadKey('NoEcho,IncludeKeyDown')
            "key3 $($k.VirtualKeyCode) $([int]$k.Character)"
            $Host.UI.RawUI.WindowTitle = 'Lab setup'
            'titled'
            $null = $Host.UI.RawUI.ReadKey('NoEcho,IncludeKeyDown')
            'done'
            """)
        let session = try TerminalSession(arguments: ["-NoProfile", "-File", script], home: home.path)
        defer { session.close() }
        XCTAssertTrue(session.waitFor { $0.contains("ready") }, session.screen())
        try session.type("x")
        XCTAssertTrue(session.waitFor { $0.contains("key1 88 [x] 0 True") }, session.screen())
        XCTAssertFalse(session.screen().contains("xkey1"), "NoEcho: the key is not shown")
        try session.type("y")
        XCTAssertTrue(session.waitFor { $0.contains("ykey2 89") }, "echoed, then the key code: \(session.screen())")
        try session.press("Up")
        XCTAssertTrue(session.waitFor { $0.contains("key3 38 0") }, session.screen())
        XCTAssertTrue(session.waitFor { $0.contains("titled") }, session.screen())
        XCTAssertEqual(session.paneTitle, "Lab setup")
        try session.type("q")
        XCTAssertTrue(session.waitForExit(), session.screen())
    }
}
