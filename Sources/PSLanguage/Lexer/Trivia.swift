extension ParserEngine {
    /// Skips spaces, comments and backtick line continuations (not newlines).
    /// Returns true when anything was skipped.
    @discardableResult
    func skipTrivia() -> Bool {
        let start = pos
        while pos < end {
            let b = src[pos]
            if b == 0x20 || b == 0x09 { pos += 1; continue }
            if b == 0x23 { skipLineComment(); continue } // #
            if b == 0x3C && pos + 1 < end && src[pos + 1] == 0x23 { skipBlockComment(); continue } // <#
            if b == 0x60 { // ` line continuation
                if pos + 1 < end && isNewline(src[pos + 1]) {
                    pos += 2
                    if src[pos - 1] == 0x0D && pos < end && src[pos] == 0x0A { pos += 1 }
                    continue
                }
                if pos + 1 >= end {
                    reportTrivia("IncompleteLineContinuation",
                                 "Missing the next line after the line continuation character '`'.",
                                 at: SourceRange(start: pos, end: pos + 1))
                    pos += 1
                    continue
                }
                break
            }
            if b >= 0x80 || b == 0x0B || b == 0x0C {
                let n = spaceLength(at: pos)
                if n > 0 { pos += n; continue }
            }
            break
        }
        return pos != start
    }

    private func skipLineComment() {
        let s = pos
        while pos < end && !isNewline(src[pos]) { pos += 1 }
        // #Requires is only meaningful as a whole-line comment; record what follows the keyword.
        let len = pos - s
        if len >= 9 {
            var matches = true
            let word: [UInt8] = Array("#requires".utf8)
            for k in 0..<9 where lowerASCII(src[s + k]) != word[k] { matches = false; break }
            if matches && (len == 9 || spaceLength(at: s + 9) > 0) {
                requirements.append(string(s + 9, pos).trimmingSpaces())
            }
        }
    }

    private func skipBlockComment() {
        let s = pos
        pos += 2
        while pos + 1 < end {
            if src[pos] == 0x23 && src[pos + 1] == 0x3E { pos += 2; return }
            pos += 1
        }
        pos = end
        reportTrivia("MissingTerminatorMultiLineComment", "The terminator '#>' is missing from the multiline comment.",
                     at: SourceRange(start: s, end: s + 2))
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
