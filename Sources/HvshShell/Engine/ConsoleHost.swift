#if canImport(Glibc)
import Glibc
#endif
import PSRuntime

/// The runtime's host on this process's terminal or pipes. Output goes to stdout, errors to stderr,
/// like pwsh's console host; warning, verbose and debug text go to stdout too. Each stream is coloured
/// as pwsh 7 colours it, only when that stream is a terminal and `NO_COLOR` is unset.
/// Every write goes straight out (one write(2) per call), so output of a slow pipeline appears as it
/// is produced and stdout and stderr stay in order.
final class ConsoleHost: PSHost {
    let terminal: Terminal
    let standardInput: StandardInput
    let nonInteractive: Bool
    /// Set while the REPL runs so `Read-Host` reads through the line editor.
    var lineEditor: LineEditor?
    private var pending: [UInt8] = []

    init(terminal: Terminal, standardInput: StandardInput, nonInteractive: Bool) {
        self.terminal = terminal
        self.standardInput = standardInput
        self.nonInteractive = nonInteractive
        pending.reserveCapacity(65536)
    }

    var windowWidth: Int { Terminal.width() }
    var isInteractive: Bool { !nonInteractive }
    var name: String { "ConsoleHost" }

    func write(_ text: String, stream: HostStream) {
        switch stream {
        case .output:
            pending.append(contentsOf: text.utf8)
            flush()
        case .error:
            flush()
            FileText.writeAll(.error, terminal.colorsOnStderr ? StreamColor.paint(text, with: StreamColor.error) : text)
        case .warning, .verbose, .debug:
            let color = stream == .warning ? StreamColor.warning : stream == .verbose ? StreamColor.verbose : StreamColor.debug
            pending.append(contentsOf: (terminal.colorsOnStdout ? StreamColor.paint(text, with: color) : text).utf8)
            flush()
        case .information, .progress:
            pending.append(contentsOf: text.utf8)
            flush()
        }
    }

    func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(1, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// A key from the terminal; with input redirected there is none to read, as .NET's Console.ReadKey says.
    func readKey(echo: Bool) throws -> KeyPress? {
        flush()
        guard terminal.stdinIsTerminal else { throw KeyReadUnavailable() }
        return KeyReader.read(echo: echo)
    }

    /// The terminal's title (xterm's OSC 2), written only when stdout is a terminal.
    func setWindowTitle(_ title: String) {
        guard terminal.stdoutIsTerminal else { return }
        pending.append(contentsOf: "\u{1B}]2;\(title)\u{07}".utf8)
        flush()
    }

    func readLine(prompt: String) -> String? {
        flush()
        if nonInteractive { return nil }
        if let lineEditor {
            switch lineEditor.readLine(prompt: prompt) {
            case .line(let line): return line
            case .interrupted, .endOfInput: return nil
            }
        }
        FileText.writeAll(.output, prompt)
        return standardInput.readLine()
    }
}
