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

    /// ConciseView: `Command: message` for errors from the command line; inside a script file the
    /// position block
    ///
    ///     Cmd: /path/x.ps1:3
    ///     Line |
    ///        3 |  Get-Thing -Bad
    ///          |  ~~~~~~~~~~~~~~
    ///          | message
    public static func concise(_ r: ErrorRecord) -> String {
        let message = r.message
        guard let p = r.position, p.file != nil else {
            if let c = r.commandName, !c.isEmpty, !r.exceptionIsFromScript { return "\(c): \(message)" }
            return message.isEmpty ? r.exception.typeFullName : message
        }
        var head = ""
        if let c = r.commandName, !c.isEmpty, !r.exceptionIsFromScript { head = "\(c): " }
        head += "\(p.file!):\(p.startLine)"
        let lineNo = String(p.startLine)
        let gutter = String(repeating: " ", count: max(4, lineNo.count))
        let numbered = String(repeating: " ", count: max(0, gutter.count - lineNo.count)) + lineNo
        let pad = String(repeating: " ", count: max(0, p.startColumn - 1))
        let len = max(1, p.startLine == p.endLine ? p.endColumn - p.startColumn : p.lineText.count - p.startColumn + 1)
        var out = head + "\nLine |\n\(numbered) |  \(p.lineText)\n\(gutter) |  \(pad)\(String(repeating: "~", count: len))"
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "\n\(gutter) | \(line)"
        }
        return out
    }
}

extension ErrorRecord {
    /// Errors raised by the language itself (`throw`, a failed conversion) show no command prefix.
    var exceptionIsFromScript: Bool { commandName == nil }
}
