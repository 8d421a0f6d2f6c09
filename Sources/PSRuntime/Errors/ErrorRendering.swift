/// PowerShell 7's default ("ConciseView") rendering of errors written to the host.
public enum ErrorRendering {
    /// `At file:line char:col` block used by InvocationInfo.PositionMessage.
    public static func positionMessage(_ p: ScriptExtent?) -> String {
        guard let p else { return "" }
        var s = "At \(p.file ?? "line"):\(p.startLine) char:\(p.startColumn)\n+ \(p.lineText)"
        let pad = String(repeating: " ", count: max(0, p.startColumn - 1))
        let len = max(1, p.startLine == p.endLine ? p.endColumn - p.startColumn : p.lineText.count - p.startColumn + 1)
        s += "\n+ \(pad)\(String(repeating: "~", count: len))"
        return s
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
        let pad = String(repeating: " ", count: max(0, p.startColumn - 1))
        let len = max(1, p.startLine == p.endLine ? p.endColumn - p.startColumn : p.lineText.count - p.startColumn + 1)
        let location = p.file.map { "\($0):\(p.startLine)" } ?? ""
        var out = head + location + "\nLine |\n\(numbered) |  \(p.lineText)\n\(gutter) |  \(pad)\(String(repeating: "~", count: len))"
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
        var scalars = String.UnicodeScalarView()
        for u in message.unicodeScalars { scalars.append(u == "\n" || u == "\t" ? " " : u) }
        var rest = String(scalars)
        guard width > prefix.count else { return [prefix + rest] }
        var lines: [String] = []
        var current = prefix + rest
        while current.count > width {
            let window = current.prefix(width)
            var cut = window.endIndex
            if let space = window.lastIndex(of: " "), window.distance(from: window.startIndex, to: space) > prefix.count {
                cut = space
            }
            lines.append(String(current[..<cut]))
            rest = String(current[cut...]).trimmingCharacters(in: .whitespaces)
            current = prefix + rest
        }
        lines.append(current)
        return lines
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
