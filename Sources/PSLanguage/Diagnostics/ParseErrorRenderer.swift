import Foundation

/// Renders parse errors the way PowerShell 7's default `ConciseView` shows a `ParserError`:
///
///     ParserError: /path/script.ps1:3
///     Line |
///        3 |  if ($x {
///          |         ~
///          | Missing closing ')' after expression in 'if' statement.
///
/// Without a file name the header is `ParserError: ` followed by a line break.
public enum ParseErrorRenderer {
    /// One error as PowerShell prints it (ends with a newline).
    public static func render(_ error: ParseError, source: SourceText) -> String {
        let line = error.location.line
        var out = "ParserError: "
        if let f = source.fileName { out += "\(f):\(line)" }
        out += "\n"
        let number = String(line)
        let headerPad = number.count > 4 ? String(repeating: " ", count: number.count - 4) : ""
        let linePad = number.count < 4 ? String(repeating: " ", count: 4 - number.count) : ""
        out += "\(headerPad)Line |\n"
        let lineText = source.lineText(line).replacingTabs()
        out += "\(linePad)\(number) |  \(lineText)\n"
        // The underline covers the error's extent on its first line (at least one `~`).
        let col = error.location.column
        let endLoc = source.location(of: max(error.range.end, error.range.start))
        let lineLength = lineText.unicodeScalars.count
        var width = endLoc.line == line ? endLoc.column - col : lineLength - (col - 1)
        width = max(1, width)
        let prefix = "\(headerPad)     | "
        out += prefix + String(repeating: " ", count: max(0, col - 1) + 1) + String(repeating: "~", count: width) + "\n"
        let message = error.message.replacingOccurrences(of: "\n", with: " ")
        out += prefix + message + "\n"
        return out
    }

    /// Every error of a result, one block after another.
    public static func render(_ result: ParseResult) -> String {
        result.errors.map { render($0, source: result.source) }.joined()
    }
}

extension String {
    /// PowerShell's position message shows tabs as single spaces so the caret lines up.
    func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
