import Foundation
import XCTest

/// hvsh running on a real pseudo-terminal inside a private tmux server: keys go in with
/// `send-keys`, the screen comes back with `capture-pane`. Each session has its own server socket,
/// killed in `close()`, so tests never share or leak terminals.
final class TerminalSession {
    let socket = "hvsh-test-\(UUID().uuidString.prefix(8))"
    private(set) var closed = false

    static func requireTmux() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") else {
            throw XCTSkip("tmux is not installed; the pseudo-terminal tests need it")
        }
    }

    /// Starts `hvsh arguments` in a width×height terminal with HOME set to `home`.
    init(arguments: [String], home: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        var env = ["HOME": home, "HVSH_HOME": home + "/hvsh-state", "TERM": "xterm-256color", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        for (k, v) in environment { env[k] = v }
        let command = ["env", "-i"] + env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } + [HvshProcess.executable] + arguments
        // The server daemonizes from this client and would hold a captured stdout open forever.
        try tmux(capture: false, ["-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "t",
                  command.map(Self.shellQuoted).joined(separator: " ")])
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
    }

    /// Types text literally (no key names).
    func type(_ text: String) throws {
        waitUntilEditing()
        try tmux(["send-keys", "-t", "t", "-l", text])
    }

    /// Presses named keys: "Enter", "Tab", "Up", "C-c", "C-d". Unless `whileRunning`, first waits
    /// until the line editor has the terminal in raw mode: keys sent before that are cooked by the
    /// kernel's line discipline (a Ctrl-C would even flush what was typed).
    func press(_ keys: String..., whileRunning: Bool = false) throws {
        if !whileRunning { waitUntilEditing() }
        try tmux(["send-keys", "-t", "t"] + keys)
    }

    /// Waits (up to two seconds) until the pane's terminal is out of canonical mode, which is how
    /// libedit reads keys; `stty` on the pane's tty tells.
    @discardableResult
    func waitUntilEditing(timeout: TimeInterval = 2) -> Bool {
        guard let tty = try? tmux(["display-message", "-p", "-t", "t", "#{pane_tty}"])
            .trimmingCharacters(in: .whitespacesAndNewlines), !tty.isEmpty else { return false }
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let modes = try? SpawnedTool.run("/bin/stty", ["-F", tty, "-a"], captureOutput: true).output,
               modes.contains("-icanon") {
                return true
            }
            usleep(10_000)
        } while Date() < deadline
        return false
    }

    /// The visible screen, trailing blank lines dropped; with `escapes`, colours as escape sequences.
    func screen(escapes: Bool = false) -> String {
        let text = (try? tmux(["capture-pane", "-p", "-t", "t"] + (escapes ? ["-e"] : []))) ?? ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// The title the program in the pane set (xterm's OSC 2), as tmux records it.
    var paneTitle: String {
        ((try? tmux(["display-message", "-p", "-t", "t", "#{pane_title}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the hvsh process is still running in the terminal.
    var isRunning: Bool { (try? tmux(["has-session", "-t", "t"])) != nil }

    /// Waits until `condition(screen)` holds; returns false (after `timeout`) if it never does.
    @discardableResult
    func waitFor(timeout: TimeInterval = 10, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if condition(screen()) { return true }
            usleep(20_000)
        } while Date() < deadline
        return condition(screen())
    }

    /// Waits until the hvsh process has exited.
    @discardableResult
    func waitForExit(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !isRunning { return true }
            usleep(20_000)
        }
        return !isRunning
    }

    @discardableResult
    private func tmux(capture: Bool = true, _ arguments: [String]) throws -> String {
        let result = try SpawnedTool.run("/usr/bin/tmux", ["-L", socket] + arguments, captureOutput: capture)
        guard result.status == 0 else { throw TmuxFailed(arguments: arguments) }
        return result.output
    }

    struct TmuxFailed: Error { var arguments: [String] }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
