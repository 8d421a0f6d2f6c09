import Foundation

/// The kinds of text a host shows; hosts may color or route them differently.
public enum HostStream: Sendable {
    case output, error, warning, verbose, debug, information, progress
}

/// What the shell talks to: a terminal, a file runner, or a test buffer.
public protocol PSHost: AnyObject {
    /// Writes text (already formatted, newlines included) to a stream.
    func write(_ text: String, stream: HostStream)
    /// Reads one line (Read-Host, mandatory-parameter prompts); nil at end of input.
    func readLine(prompt: String) -> String?
    /// Console width used by the formatter (`$Host.UI.RawUI.WindowSize.Width`).
    var windowWidth: Int { get }
    /// True when a user can answer prompts.
    var isInteractive: Bool { get }
    /// `$Host.Name`.
    var name: String { get }
    /// Write-Progress; hosts that cannot show progress ignore it.
    func progress(activity: String, status: String, percentComplete: Int, completed: Bool)
    /// A ShouldProcess / ShouldContinue confirmation; non-interactive hosts answer no.
    func confirm(caption: String, message: String) -> Bool
    /// `$Host.UI.RawUI.ReadKey()`: one key press, nil when Ctrl-C interrupted the wait. Hosts without a
    /// keyboard (input redirected) throw `KeyReadUnavailable`, as .NET's Console.ReadKey does.
    func readKey(echo: Bool) throws -> KeyPress?
    /// `$Host.UI.RawUI.WindowTitle = ...`: a terminal host shows it in the terminal's title.
    func setWindowTitle(_ title: String)
}

/// A key read by `$Host.UI.RawUI.ReadKey()`: .NET's ConsoleKey number and the character typed (0 for
/// keys without one, such as the arrows).
public struct KeyPress: Sendable, Equatable {
    public var virtualKeyCode: Int
    public var character: UInt16
    public init(virtualKeyCode: Int, character: UInt16) {
        self.virtualKeyCode = virtualKeyCode
        self.character = character
    }
}

/// Console.ReadKey's refusal when there is no keyboard to read from.
public struct KeyReadUnavailable: Error {
    public init() {}
    public static let message = "Cannot read keys when either application does not have a console or when console input has been redirected. Try Console.Read."
}

extension PSHost {
    public func writeLine(_ line: String, stream: HostStream = .output) { write(line + "\n", stream: stream) }
    public var name: String { "hvsh" }
    public func progress(activity: String, status: String, percentComplete: Int, completed: Bool) {}
    public func readKey(echo: Bool) throws -> KeyPress? { throw KeyReadUnavailable() }
    public func setWindowTitle(_ title: String) {}

    /// PowerShell's confirmation prompt, answered through `readLine`.
    public func confirm(caption: String, message: String) -> Bool {
        guard isInteractive else { return false }
        write("\n\(caption)\n\(message)\n", stream: .output)
        while true {
            let prompt = "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): "
            guard let answer = readLine(prompt: prompt)?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
            switch answer {
            case "", "y", "a": return true
            case "n", "l", "s": return false
            default: continue
            }
        }
    }
}

/// A host that keeps everything in memory: for tests and for capturing a session's text output.
public final class BufferHost: PSHost {
    /// Everything written to the output stream.
    public private(set) var output = ""
    /// Everything written to the error, warning, verbose, debug and information streams, in order.
    public private(set) var other = ""
    /// Everything, interleaved as written (what a terminal would show).
    public private(set) var all = ""
    public var inputLines: [String]
    public var windowWidth: Int
    public var isInteractive: Bool

    public init(width: Int = 120, interactive: Bool = false, input: [String] = []) {
        self.windowWidth = width
        self.isInteractive = interactive
        self.inputLines = input
    }

    public func write(_ text: String, stream: HostStream) {
        if stream == .output { output += text } else { other += text }
        all += text
    }

    public func readLine(prompt: String) -> String? {
        all += prompt
        if inputLines.isEmpty { return nil }
        return inputLines.removeFirst()
    }
}

/// The console's height in rows, as .NET's Console.WindowHeight gives it: the terminal's (stdout, then
/// stdin), else `$LINES`, else the 24 rows terminfo gives a named terminal; 0 when there is none.
/// Format-Table -RepeatHeader repeats its header every screenful of this many rows.
public enum ConsoleWindow {
    public static var height: Int {
        for fd in [STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO] {
            var ws = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0 { return Int(ws.ws_row) }
        }
        let env = ProcessInfo.processInfo.environment
        if let lines = env["LINES"].flatMap(Int.init), lines > 0 { return lines }
        if let term = env["TERM"], !term.isEmpty, term != "dumb" { return 24 }
        return 0
    }
}

/// A host on the process's stdin/stdout/stderr (used by `hvsh -File` and the tests of the executable).
public final class StandardHost: PSHost {
    public var isInteractive: Bool
    public init(interactive: Bool = false) { self.isInteractive = interactive }

    public var windowWidth: Int {
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        return 120
    }

    public func write(_ text: String, stream: HostStream) {
        let fd = stream == .output || stream == .information || stream == .warning || stream == .verbose || stream == .debug
            ? FileHandle.standardOutput : FileHandle.standardError
        fd.write(Data(text.utf8))
    }

    public func readLine(prompt: String) -> String? {
        FileHandle.standardOutput.write(Data(prompt.utf8))
        return Swift.readLine(strippingNewline: true)
    }
}
