extension ParserEngine {
    /// pwsh 7 continues a pipeline on a line that starts with `|`:
    ///
    ///     Get-ChildItem
    ///         # comment lines may come between
    ///         | Sort-Object Length
    ///
    /// At the newline that would end the pipeline: the offset of that `|` when the following lines hold
    /// only comments before it; nil when a blank line, a `||` or anything else comes first.
    func leadingPipeOnNextLine() -> Int? {
        var p = positionAfterTrivia()
        guard let afterNewline = skipOneNewline(at: p) else { return nil }
        p = afterNewline
        while p < end {
            while p < end, case let n = spaceLength(at: p), n > 0 { p += n }
            guard p < end else { return nil }
            let c = src[p]
            if c == UInt8(ascii: "|") {
                return p + 1 < end && src[p + 1] == UInt8(ascii: "|") ? nil : p
            }
            guard c == UInt8(ascii: "#") else { return nil }
            while p < end && !isNewline(src[p]) { p += 1 }
            guard let next = skipOneNewline(at: p) else { return nil }
            p = next
        }
        return nil
    }

    /// The offset after one line break (`\n`, `\r\n` or `\r`) at `p`, or nil when there is none.
    private func skipOneNewline(at p: Int) -> Int? {
        guard p < end, isNewline(src[p]) else { return nil }
        if src[p] == UInt8(ascii: "\r"), p + 1 < end, src[p + 1] == UInt8(ascii: "\n") { return p + 2 }
        return p + 1
    }
}
