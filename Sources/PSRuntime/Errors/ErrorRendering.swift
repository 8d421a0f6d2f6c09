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
    public static func concise(_ r: ErrorRecord) -> String {
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
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "\n\(gutter) | \(line)"
        }
        return out
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
