/// PowerShell 7's default ("ConciseView") rendering of errors written to the host.
public enum ErrorRendering {
    /// `At file:line char:col` block used by InvocationInfo.PositionMessage.
    public static func positionMessage(_ p: ScriptExtent?) -> String {
        guard let p else { return "" }
        let shown = shownLine(p)
        return "At \(p.file ?? "line"):\(p.startLine) char:\(p.startColumn)\n+ \(shown.text)\n+ "
            + String(repeating: " ", count: shown.before) + String(repeating: "~", count: shown.length)
    }

    /// The source line as PowerShell shows it under an error: trailing blanks dropped, tabs as four
    /// spaces, and a line longer than 69 characters cut to a 69-character window around the marked
    /// part (up to 12 characters before it, 8 after, more before when there is room) with `… `/` …`
    /// where it was cut. `before` and `length` place the `~` marks under the shown text.
    static func shownLine(_ p: ScriptExtent) -> (text: String, before: Int, length: Int) {
        var line = Array(p.lineText)
        while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
        var before = max(0, min(p.startColumn - 1, line.count))
        var length = p.startLine == p.endLine && p.endColumn <= line.count + 1
            ? max(0, p.endColumn - p.startColumn) : max(0, line.count - before)
        if line.contains("\t") {
            func expand(_ s: ArraySlice<Character>) -> [Character] { s.flatMap { $0 == "\t" ? Array("    ") : [$0] } }
            let head = expand(line[..<before]), marked = expand(line[before..<min(line.count, before + length)])
            let tail = expand(line[min(line.count, before + length)...])
            line = head + marked + tail
            before = head.count
            length = marked.count
        }
        let maxLength = 69
        var prefixDots = false, suffixDots = false
        if line.count > maxLength {
            let totalPrefix = before
            var prefix = min(totalPrefix, 12)
            let totalSuffix = line.count - length - before
            var suffix = min(totalSuffix, 8)
            var candidate = prefix + length + suffix
            if candidate >= maxLength {
                if prefix + length >= maxLength { length = maxLength - prefix }
                suffixDots = true
            } else {
                let prefixAvailable = totalPrefix - prefix
                if prefixAvailable > 0 {
                    prefix += min(prefixAvailable, maxLength - candidate)
                    candidate = prefix + length + suffix
                }
                if candidate < maxLength && totalSuffix > 0 { suffix += min(totalSuffix, maxLength - candidate) }
                suffixDots = suffix < totalSuffix
            }
            prefixDots = prefix < totalPrefix
            let start = max(before - prefix, 0)
            line = Array(line[start..<min(line.count, start + maxLength)])
            before = min(before, prefix)
            length = min(length, maxLength - before)
        }
        let text = (prefixDots ? "\u{2026} " : "") + String(line) + (suffixDots ? " \u{2026}" : "")
        return (text, before + (prefixDots ? 2 : 0), max(1, length))
    }

    /// ConciseView: `Reason: message` on one line, or, for an error inside a script file, on a later line
    /// of the input, or a parse error, the position block
    ///
    ///     Reason: /path/x.ps1:3
    ///     Line |
    ///        3 |  Get-Thing -Bad
    ///          |  ~~~~~~~~~~~~~~
    ///          | message
    public static func concise(_ r: ErrorRecord) -> String { concise(r, width: 120) }

    /// `width` is the console's. Inside a script file (and for parse errors) the message is one
    /// paragraph, its line breaks made spaces, wrapped at word boundaries behind the `     | ` gutter.
    public static func concise(_ r: ErrorRecord, width: Int) -> String {
        let message = r.message
        let head = conciseReason(r) + ": "
        guard let p = r.position, p.file != nil || p.startLine > 1 || r.category == .parserError else {
            return head + (message.isEmpty ? r.exception.typeFullName : message)
        }
        let lineNo = String(p.startLine)
        let gutter = String(repeating: " ", count: max(4, lineNo.count))
        let numbered = String(repeating: " ", count: max(0, gutter.count - lineNo.count)) + lineNo
        let shown = shownLine(p)
        let pad = String(repeating: " ", count: shown.before)
        let location = p.file.map { "\($0):\(p.startLine)" } ?? ""
        var out = head + location + "\nLine |\n\(numbered) |  \(shown.text)\n\(gutter) |  \(pad)\(String(repeating: "~", count: shown.length))"
        if p.file != nil || r.category == .parserError {
            for line in wrapped(message, prefix: "\(gutter) | ", width: width) { out += "\n" + line }
        } else {
            out += "\n\(gutter) | " + message
        }
        return out
    }

    /// PowerShell's wrapping of a positioned error message: one paragraph (line breaks and tabs made
    /// spaces) cut into lines of at most `width` characters, prefix included, before the last space
    /// that fits (a word longer than a line is cut where the line ends); later lines start trimmed.
    static func wrapped(_ message: String, prefix: String, width: Int) -> [String] {
        var text = message
        if message.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 }) {
            var scalars = String.UnicodeScalarView()
            for u in message.unicodeScalars { scalars.append(u == "\n" || u == "\t" ? " " : u) }
            text = String(scalars)
        }
        let indent = prefix.count
        guard width > indent else { return [prefix + text] }
        // One pass over the characters: cutting a String and trimming the rest each line copied the
        // whole remainder, quadratic in a long message (a script with hundreds of parse errors lists
        // them all in one; rendering them was a fifth of the evaluator fuzz target's time). Lines are
        // cut from `text` at character boundaries found once (building each line from an array of
        // Characters was half of this function's time).
        let room = width - indent
        let bounds = Array(text.indices) + [text.endIndex]
        func isSpace(_ k: Int) -> Bool {
            text.utf8[bounds[k]] == 0x20 && text.utf8.index(after: bounds[k]) == bounds[k + 1]
        }
        func line(_ from: Int, _ to: Int) -> String {
            var line = prefix
            line.append(contentsOf: text[bounds[from]..<bounds[to]])
            return line
        }
        var start = 0, end = bounds.count - 1
        var lines: [String] = []
        while end - start > room {
            var cut = start + room
            if let space = (start..<cut).last(where: isSpace), space > start { cut = space }
            lines.append(line(start, cut))
            start = cut
            while start < end, isBlank(text[bounds[start]]) { start += 1 }
            while end > start, isBlank(text[bounds[end - 1]]) { end -= 1 }
        }
        lines.append(line(start, end))
        return lines
    }

    /// What the lines after the first are trimmed of: spaces and tabs (`CharacterSet.whitespaces`).
    private static func isBlank(_ c: Character) -> Bool {
        c.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// The word before the colon, chosen as PowerShell's error view chooses it: `Exception` for what a
    /// `throw` statement raised, else the failing command, the category's activity, the category unless
    /// it is NotSpecified (`InvalidOperation`, `ParserError`), and last the exception's short type name
    /// (`RuntimeException` for a division by zero).
    static func conciseReason(_ r: ErrorRecord) -> String {
        if r.exception.wasThrownFromThrowStatement { return "Exception" }
        if let c = r.commandName, !c.isEmpty { return c }
        if let a = r.categoryActivity, !a.isEmpty { return a }
        if r.category != .notSpecified { return r.category.rawValue }
        if let reason = r.categoryReason, !reason.isEmpty { return reason }
        return String(r.exception.typeFullName.split(separator: ".").last ?? "Exception")
    }
}
