import Foundation
import XCTest

/// Connect-VMConsole on a real terminal (tmux): keys reach the guest, its answer shows, Ctrl+] gives
/// the prompt back with the terminal in the line editor's hands again.
final class ConsoleAttachTests: XCTestCase {
    private var home: ScratchDirectory!
    private var session: TerminalSession?

    override func setUpWithError() throws {
        try HvshProcess.requireExecutable()
        try TerminalSession.requireTmux()
        guard getuid() == 0 else { throw XCTSkip("running a VM in a sandbox needs root") }
        guard access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("running a VM needs /dev/kvm") }
        let worker = (HvshProcess.executable as NSString).deletingLastPathComponent + "/hvsh-worker"
        guard FileManager.default.isExecutableFile(atPath: worker) else { throw XCTSkip("hvsh-worker was not built next to hvsh") }
        home = HvshProcess.makeHome()
    }

    override func tearDown() {
        session?.close()
        home?.remove()
    }

    private func lastLine(_ screen: String) -> String {
        String(screen.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
    }

    func testTypingReachesTheGuestAndCtrlBracketDetaches() throws {
        let terminal = try TerminalSession(arguments: ["-NoProfile", "-NoLogo", "-Sandbox"], home: home.path, width: 120)
        session = terminal
        XCTAssertTrue(terminal.waitFor { $0.contains("PS /") }, terminal.screen())
        try terminal.type("New-VM -Name EchoVM -MemoryStartupBytes 64MB | Out-Null; Set-VMFirmware -VMName EchoVM -KernelPath builtin:echo; Start-VM EchoVM; 'started'")
        try terminal.press("Enter")
        XCTAssertTrue(terminal.waitFor(timeout: 30) { $0.contains("\nstarted") && self.lastLine($0).hasPrefix("PS /") }, terminal.screen())

        try terminal.type("Connect-VMConsole EchoVM")
        try terminal.press("Enter")
        XCTAssertTrue(terminal.waitFor { $0.contains("Connected to the console of 'EchoVM'. Press Ctrl+] to detach.") }, terminal.screen())
        try terminal.type("quiet keys")
        XCTAssertTrue(terminal.waitFor(timeout: 20) { $0.contains("QUIET KEYS") }, terminal.screen())

        try terminal.press("C-]", whileRunning: true)
        XCTAssertTrue(terminal.waitFor { $0.contains("Detached from the console of 'EchoVM'.") && self.lastLine($0).hasPrefix("PS /") },
                      terminal.screen())
        // The line editor has the terminal again: typing and Enter run a command as usual.
        try terminal.type("Stop-VM EchoVM -TurnOff; (Get-VM EchoVM).State")
        try terminal.press("Enter")
        XCTAssertTrue(terminal.waitFor(timeout: 20) { $0.contains("\nOff") }, terminal.screen())
        try terminal.press("C-d")
        XCTAssertTrue(terminal.waitForExit())
    }

    /// Without a terminal the cmdlet types -Keys, or standard input, line by line and writes the
    /// guest's answer as lines; a stopped VM's console is a clear error.
    func testKeysAndStandardInputAreTypedWithoutATerminal() throws {
        let script = home.write("console.ps1", """
        New-VM -Name EchoVM -MemoryStartupBytes 64MB | Out-Null
        Set-VMFirmware -VMName EchoVM -KernelPath builtin:echo
        Start-VM EchoVM
        Start-Sleep -Milliseconds 300
        Connect-VMConsole EchoVM -Keys 'first key'
        Get-VM EchoVM | Connect-VMConsole
        Stop-VM EchoVM -TurnOff
        Connect-VMConsole EchoVM -Keys 'too late'
        """)
        let result = try HvshProcess.run(["-Sandbox", "-NoProfile", "-File", script], stdin: "from stdin\nsecond line\n", home: home.path)
        XCTAssertEqual(result.stdout, "FIRST KEY\nFROM STDIN\nSECOND LINE\n", result.stderr)
        XCTAssertTrue(result.stderr.contains("Connect-VMConsole: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("The VM's console is not available (is the VM running?)."), result.stderr)
    }
}
