import PSLanguage

/// Gathers lines of input (the REPL's, or a script piped to `hvsh -Command -`) until they form a
/// complete statement. The parser decides completeness, but it is asked only when the scanner cannot
/// rule it out (no bracket, string or comment left open) or when the line count reaches a power of
/// two (a backstop should the scanner ever be wrong): a statement of n lines costs O(n) scanning and
/// O(n) parsing instead of n parses of a growing text.
struct StatementCollector {
    private(set) var text = ""
    private(set) var lineCount = 0
    private var scanner = OpenGroupScanner()
    private var onlyBlanks = true

    var isEmpty: Bool { lineCount == 0 }

    /// Adds a line; returns the statement's text once it is complete (and starts a new one).
    mutating func add(_ line: String, needsMoreInput: (String) -> Bool) -> String? {
        if lineCount > 0 { text += "\n" }
        text += line
        lineCount += 1
        if onlyBlanks && line.allSatisfy(\.isWhitespace) {
            reset()
            return nil
        }
        onlyBlanks = false
        scanner.feed(line: line)
        let powerOfTwo = lineCount & (lineCount - 1) == 0
        if scanner.isCertainlyOpen && !powerOfTwo { return nil }
        if needsMoreInput(text) { return nil }
        defer { reset() }
        return text
    }

    /// Drops the lines gathered so far.
    mutating func reset() {
        text = ""
        lineCount = 0
        scanner = OpenGroupScanner()
        onlyBlanks = true
    }
}
