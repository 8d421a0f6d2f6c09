#if canImport(Glibc)
import Glibc
#endif
import CEdit

/// What one call of `LineEditor.readLine` produced.
public enum LineInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C: the line being typed was dropped.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
}

/// The REPL's line editor: libedit in emacs mode over the terminal on fd 0/1, with hvsh's prompt,
/// its history, Tab completion and Ctrl-C that cancels the line. Only created when stdin is a terminal.
public final class LineEditor {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    /// The prompt libedit shows; kept alive here because libedit only borrows the pointer.
    private var promptText: UnsafeMutablePointer<CChar>
    /// Bytes of a UTF-8 sequence read so far by `readCharacter`.
    private var pendingUTF8: [UInt8] = []
    private var interruptedWhileReading = false
    /// Tab's state between key presses; see `TabCompletionState`.
    var tab = TabCompletionState()
    /// Supplies completions for the line up to the cursor.
    public var completer: ((_ line: String, _ cursor: Int) -> CompletionResult)?

    public init?(programName: String = "hvsh", historySize: Int = 4096) {
        Self.ensureUTF8Locale()
        guard let input = fdopen(0, "r"), let output = fdopen(1, "w"), let errorStream = fdopen(2, "w") else {
            return nil
        }
        guard let editLine = el_init(programName, input, output, errorStream), let history = history_init() else {
            return nil
        }
        self.input = input
        self.output = output
        self.editLine = editLine
        self.history = history
        promptText = strdup("")
        hvsh_history_set_size(history, Int32(historySize))
        hvsh_history_set_unique(history, 1)
        hvsh_el_set_editor(editLine, "emacs")
        hvsh_el_set_history(editLine, history)
        hvsh_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        hvsh_el_set_prompt(editLine) { el in
            LineEditor.owner(of: el)?.promptText
        }
        hvsh_el_set_getc(editLine) { el, character in
            guard let editor = LineEditor.owner(of: el), let character else { return -1 }
            return editor.readCharacter(into: character)
        }
        hvsh_el_add_function(editLine, "hvsh-complete", "Complete the word before the cursor") { el, _ in
            guard let editor = LineEditor.owner(of: el) else { return UInt8(CC_ERROR) }
            return editor.completeWord(forward: true)
        }
        hvsh_el_add_function(editLine, "hvsh-complete-back", "Previous completion") { el, _ in
            guard let editor = LineEditor.owner(of: el) else { return UInt8(CC_ERROR) }
            return editor.completeWord(forward: false)
        }
        hvsh_el_bind(editLine, "^I", "hvsh-complete")
        hvsh_el_bind(editLine, "\\e[Z", "hvsh-complete-back")
        // Up/Down search history by what is typed before the cursor when there is something typed.
        hvsh_el_bind(editLine, "\\e[A", "ed-prev-history")
        hvsh_el_bind(editLine, "\\e[B", "ed-next-history")
        hvsh_el_bind(editLine, "\\eOA", "ed-prev-history")
        hvsh_el_bind(editLine, "\\eOB", "ed-next-history")
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptText)
        fclose(input)
        fclose(output)
    }

    private static func owner(of el: OpaquePointer?) -> LineEditor? {
        guard let el, let data = hvsh_el_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// libedit decodes multi-byte input with the C library's locale, so a typographic quote typed
    /// or pasted from an article needs a UTF-8 LC_CTYPE.
    static func ensureUTF8Locale() {
        setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset).uppercased().replacingOccurrences("-", "") == "UTF8" {
            return
        }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C.utf8") }
    }

    /// Adds an entry to the in-memory history (libedit drops a repeat of the newest one).
    public func addHistory(_ entry: String) {
        hvsh_history_enter(history, entry)
    }

    /// Shows `prompt` and reads one line with editing. The returned line has no trailing newline.
    public func readLine(prompt: String) -> LineInput {
        free(promptText)
        promptText = strdup(prompt)
        interruptedWhileReading = false
        pendingUTF8.removeAll()
        tab.reset()
        InterruptSignal.drain()
        // The window may have been resized while a command ran.
        el_resize(editLine)
        var count: Int32 = 0
        let result = el_gets(editLine, &count)
        if interruptedWhileReading {
            // The half-typed line stays visible, as in pwsh; the next prompt starts on a fresh line.
            el_reset(editLine)
            writeToTerminal("\n")
            return .interrupted
        }
        guard let result, count > 0 else { return .endOfInput }
        var line = String(cString: result)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Reads one character for libedit, waiting on the terminal and on the Ctrl-C pipe together.
    /// Returns 1 with a character, 0 at end of input, -1 on interrupt or error (libedit's contract).
    private func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: InterruptSignal.pipeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, InterruptSignal.pipeRead >= 0 ? 2 : 1, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if fds[1].revents & Int16(POLLIN) != 0 {
                InterruptSignal.drain()
                interruptedWhileReading = true
                errno = EINTR
                return -1
            }
            var byte: UInt8 = 0
            let n = read(0, &byte, 1)
            if n == 0 { return 0 }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            pendingUTF8.append(byte)
            switch UTF8Decoding.decode(pendingUTF8) {
            case .incomplete:
                continue
            case .scalar(let value):
                pendingUTF8.removeAll()
                character.pointee = wchar_t(bitPattern: value)
                return 1
            case .invalid:
                pendingUTF8.removeAll()
                character.pointee = 0xFFFD
                return 1
            }
        }
    }

    func writeToTerminal(_ text: String) {
        fputs(text, output)
        fflush(output)
    }

    // MARK: access to the edited line for completion

    /// The line being edited and the cursor as a count of Unicode scalars.
    func currentLine() -> (text: String, cursor: Int) {
        guard let info = el_line(editLine)?.pointee else { return ("", 0) }
        let start = UnsafeRawPointer(info.buffer!)
        let before = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self),
                                         count: info.cursor! - info.buffer!)
        let all = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self),
                                      count: info.lastchar! - info.buffer!)
        let text = String(decoding: all, as: UTF8.self)
        // libedit counts in wide characters, which are Unicode scalars.
        let cursor = String(decoding: before, as: UTF8.self).unicodeScalars.count
        return (text, cursor)
    }

    /// Replaces the `length` Unicode scalars before the cursor with `text`.
    func replaceBeforeCursor(length: Int, with text: String) {
        if length > 0 { el_deletestr(editLine, Int32(length)) }
        el_insertstr(editLine, text)
    }
}

private extension String {
    func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
