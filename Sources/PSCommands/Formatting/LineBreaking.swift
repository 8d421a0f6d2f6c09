// Splitting cell text into screen lines: embedded newlines always start a new line; a line wider
// than the field is wrapped at word boundaries (space, tab, soft hyphen), and a word wider than the
// field is cut at the cell boundary. This is what -Wrap tables, list values and multi-line table
// headers use. Without -Wrap a table cell shows only its first line followed by `…`.

public enum LineBreaking {
    static let ellipsis = "\u{2026}"
    private static let softHyphen: Unicode.Scalar = "\u{00AD}"
    private static let hardHyphen: Unicode.Scalar = "\u{2011}"
    private static let noBreakSpace: Unicode.Scalar = "\u{00A0}"

    /// Splits on `\n` (and `\r\n`); carriage returns are dropped.
    public static func splitLines(_ text: String) -> [String] {
        if !text.utf8.contains(10) {
            return [text.utf8.contains(13) ? text.replacingAll("\r", with: "") : text]
        }
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s == "\n" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else if s != "\r" {
                current.append(s)
            }
        }
        lines.append(String(current))
        return lines
    }

    /// Splits on `\n` only, keeping carriage returns: a string written whole (Out-Default, Out-File)
    /// reaches its destination byte for byte, bare CRs and CRLF line ends included.
    public static func splitLinesKeepingReturns(_ text: String) -> [String] {
        if !text.utf8.contains(10) { return [text] }
        // By scalar: "\r\n" is one Character, which a Character split would not cut.
        return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
    }

    /// The text up to its first line break, followed by `…` when something was cut.
    public static func truncateAtNewLine(_ text: String) -> String {
        // Most cells have no line break: a byte scan decides that without decoding.
        if !text.utf8.contains(where: { $0 == 10 || $0 == 13 }) { return text }
        guard let i = text.unicodeScalars.firstIndex(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        return String(text.unicodeScalars[..<i]) + ellipsis
    }

    /// Lines of at most `firstWidth` cells for the first and `followingWidth` for the rest,
    /// breaking at words.
    public static func wrap(_ text: String, firstWidth: Int, followingWidth: Int) -> [String] {
        if text.isEmpty { return [text] }
        var result: [String] = []
        for line in splitLines(text) {
            if DisplayCells.width(line) <= firstWidth {
                result.append(line)
                continue
            }
            wrapLine(line, firstWidth: firstWidth, followingWidth: followingWidth, into: &result)
        }
        return result
    }

    private struct Word { var text: String.UnicodeScalarView; var delimiter: Unicode.Scalar? }

    private static func words(_ line: String) -> [Word] {
        var out: [Word] = []
        var current = String.UnicodeScalarView()
        for s in line.unicodeScalars {
            if s == " " || s == "\t" || s == softHyphen {
                out.append(Word(text: current, delimiter: s))
                current = String.UnicodeScalarView()
            } else if s == hardHyphen || s == noBreakSpace {
                // Break opportunities that must not show a delimiter of their own.
                out.append(Word(text: current, delimiter: nil))
                current = String.UnicodeScalarView()
            } else {
                current.append(s)
            }
        }
        out.append(Word(text: current, delimiter: nil))
        return out
    }

    private static func wrapLine(_ line: String, firstWidth: Int, followingWidth: Int, into result: inout [String]) {
        var lineWidth = firstWidth
        var spacesLeft = firstWidth
        var firstLine = true
        var single = String.UnicodeScalarView()

        for word in words(line) {
            var piece = word.text
            // Escape sequences take no cells.
            var wordWidth = DisplayCells.width(String(piece))
            if let d = word.delimiter {
                if d == softHyphen {
                    // Shown as '-' only when the line breaks right there.
                    if wordWidth + 1 == spacesLeft { piece.append("-"); wordWidth += 1 }
                } else {
                    piece.append(d); wordWidth += 1
                }
            }
            if lineWidth == 0 {
                if firstLine { firstLine = false; lineWidth = followingWidth }
                if lineWidth == 0 { break }
                spacesLeft = lineWidth
            }
            if wordWidth > lineWidth {
                // The word alone is wider than a line: cut it cell by cell (an escape sequence whole,
                // taking no cells).
                var rest = Substring(String(piece)).unicodeScalars
                while var s = rest.first {
                    if s == "\u{1B}" {
                        let n = DisplayCells.escapeLength(rest)
                        single.append(contentsOf: rest.prefix(n))
                        rest = rest.dropFirst(n)
                        continue
                    }
                    rest = rest.dropFirst()
                    var w = DisplayCells.width(s)
                    if w > lineWidth { s = "?"; w = 1 }
                    if w > spacesLeft {
                        result.append(String(single))
                        single = String.UnicodeScalarView()
                        single.append(s)
                        if firstLine { firstLine = false; lineWidth = followingWidth }
                        spacesLeft = lineWidth - w
                    } else {
                        single.append(s)
                        spacesLeft -= w
                    }
                }
            } else if wordWidth > spacesLeft {
                result.append(String(single))
                single = piece
                if firstLine { firstLine = false; lineWidth = followingWidth }
                spacesLeft = lineWidth - wordWidth
            } else {
                single.append(contentsOf: piece)
                spacesLeft -= wordWidth
            }
        }
        result.append(String(single))
    }
}

extension String {
    /// Foundation-free replace of every occurrence of `target`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, self.contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
