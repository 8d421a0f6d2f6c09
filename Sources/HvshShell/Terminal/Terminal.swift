#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Facts about the standard streams that decide how hvsh behaves: line editing only when stdin
/// is a terminal, colours only when the output is one and `NO_COLOR` is unset, table width from
/// the terminal's column count.
public struct Terminal: Sendable {
    public var stdinIsTerminal: Bool
    public var stdoutIsTerminal: Bool
    public var stderrIsTerminal: Bool
    /// `NO_COLOR` set to anything, even empty, turns colour off (no-color.org).
    public var noColorRequested: Bool

    public init(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, stderrIsTerminal: Bool, noColorRequested: Bool) {
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.noColorRequested = noColorRequested
    }

    /// The streams of this process.
    public static func current() -> Terminal {
        Terminal(stdinIsTerminal: isatty(0) == 1,
                 stdoutIsTerminal: isatty(1) == 1,
                 stderrIsTerminal: isatty(2) == 1,
                 noColorRequested: getenv("NO_COLOR") != nil)
    }

    public var colorsOnStdout: Bool { stdoutIsTerminal && !noColorRequested }
    public var colorsOnStderr: Bool { stderrIsTerminal && !noColorRequested }

    /// Columns of the terminal on stdout (or stdin), else `COLUMNS`, else 120 as pwsh uses
    /// when its output is redirected.
    public static func width() -> Int {
        var size = winsize()
        for fd: CInt in [1, 0, 2] where ioctl(fd, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let text = getenv("COLUMNS"), let columns = Int(String(cString: text)), columns > 0 {
            return columns
        }
        return 120
    }
}

/// The escape sequences pwsh 7 uses for its streams (`$PSStyle.Formatting`).
public enum StreamColor {
    public static let error = "\u{1B}[31;1m"
    public static let warning = "\u{1B}[33;1m"
    public static let verbose = "\u{1B}[33;1m"
    public static let debug = "\u{1B}[33;1m"
    public static let reset = "\u{1B}[0m"

    /// Wraps each line separately so that a colour never leaks across a newline into the prompt.
    public static func paint(_ text: String, with color: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : color + $0 + reset }
            .joined(separator: "\n")
    }
}
