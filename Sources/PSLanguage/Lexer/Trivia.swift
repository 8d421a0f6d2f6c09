extension ParserEngine {
    /// Skips spaces, comments and backtick line continuations (not newlines).
    /// Returns true when anything was skipped.
    @discardableResult
    func skipTrivia() -> Bool {
        // Hot path: work on a local copy of the position (class property access is checked).
        let start = pos
        var p = start
        let n = end
        while p < n {
            let b = src[p]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { p += 1; continue }
            if b == UInt8(ascii: "#") || b == UInt8(ascii: "`") || b == UInt8(ascii: "<") || b >= 0x80 || b == UInt8(ascii: "\u{0B}") || b == UInt8(ascii: "\u{0C}") {
                pos = p
                if skipSpecialTrivia() { p = pos; continue }
                p = pos
            }
            break
        }
        pos = p
        return p != start
    }

    /// Comments, continuations and non-ASCII spaces at `pos`; true when something was skipped.
    private func skipSpecialTrivia() -> Bool {
        let b = src[pos]
        if b == UInt8(ascii: "#") { skipLineComment(); return true } // #
        if b == UInt8(ascii: "<") { // <#
            if pos + 1 < end && src[pos + 1] == UInt8(ascii: "#") { skipBlockComment(); return true }
            return false
        }
        if b == UInt8(ascii: "`") { // ` line continuation
            if pos + 1 < end && isNewline(src[pos + 1]) {
                pos += 2
                if src[pos - 1] == UInt8(ascii: "\r") && pos < end && src[pos] == UInt8(ascii: "\n") { pos += 1 }
                return true
            }
            if pos + 1 >= end {
                reportTrivia(.incompleteLineContinuation, at: SourceRange(start: pos, end: pos + 1))
                pos += 1
                return true
            }
            // pwsh 7: white space after the backtick, and then a comment, still continue the line
            // (`` `# `` straight after the backtick is an escaped `#`, not a comment).
            var q = pos + 1
            while q < end, case let n = spaceLength(at: q), n > 0 { q += n }
            guard q > pos + 1 else { return false }
            if q < end && src[q] == UInt8(ascii: "#") {
                let saved = pos
                pos = q
                skipLineComment()
                q = pos
                pos = saved
            }
            guard q < end, isNewline(src[q]) else { return false }
            pos = q + 1
            if src[q] == UInt8(ascii: "\r") && pos < end && src[pos] == UInt8(ascii: "\n") { pos += 1 }
            return true
        }
        let n = spaceLength(at: pos)
        if n > 0 { pos += n; return true }
        return false
    }

    private func skipLineComment() {
        let s = pos
        while pos < end && !isNewline(src[pos]) { pos += 1 }
        comments[s] = SourceRange(start: s, end: pos)
        // #Requires is only meaningful as a whole-line comment; record what follows the keyword.
        let len = pos - s
        if len >= 9 {
            var matches = true
            let word: [UInt8] = Array("#requires".utf8)
            for k in 0..<9 where lowerASCII(src[s + k]) != word[k] { matches = false; break }
            // Trivia may be scanned more than once (lookahead); record and check each line once.
            if matches && requirementOffsets.insert(s).inserted {
                if len == 9 || spaceLength(at: s + 9) > 0 { requirements.append(string(s + 9, pos).trimmingSpaces()) }
                checkRequires(s + 1, pos)
            }
        }
    }

    private func skipBlockComment() {
        let s = pos
        // Seen before (trivia is scanned again after a rewind): skip it without scanning again.
        if let known = comments[s] {
            pos = known.end
            return
        }
        if unterminatedComments.contains(s) {
            pos = end
            reportTrivia(.missingTerminatorMultiLineComment, at: SourceRange(start: s, end: s + 2))
            return
        }
        pos += 2
        while pos + 1 < end {
            if src[pos] == UInt8(ascii: "#") && src[pos + 1] == UInt8(ascii: ">") {
                pos += 2
                comments[s] = SourceRange(start: s, end: pos)
                return
            }
            pos += 1
        }
        pos = end
        unterminatedComments.insert(s)
        reportTrivia(.missingTerminatorMultiLineComment, at: SourceRange(start: s, end: s + 2))
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
