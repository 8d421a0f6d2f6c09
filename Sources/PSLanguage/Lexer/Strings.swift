/// Where an expandable string ends.
enum ExpandableTerminator {
    /// A double-quote character not doubled.
    case doubleQuote
    /// A line starting with `"@`.
    case hereString
    /// A command-mode word: whitespace or a command terminator.
    case bareword
}

/// Accumulates literal text as UTF-8 bytes and flushes it into string parts.
struct PartsBuilder {
    var parts: [StringPart] = []
    var bytes: [UInt8] = []

    mutating func flush() {
        if !bytes.isEmpty {
            parts.append(.text(String(decoding: bytes, as: UTF8.self)))
            bytes.removeAll(keepingCapacity: true)
        }
    }

    mutating func appendScalar(_ v: UInt32) {
        guard let u = Unicode.Scalar(v) else { return }
        bytes.append(contentsOf: Array(String(Character(u)).utf8))
    }

    /// True when nothing but text was collected.
    var isPlainText: Bool { parts.allSatisfy { if case .text = $0 { return true } else { return false } } }

    /// The collected text when `isPlainText`.
    var plainText: String {
        var s = ""
        for case .text(let t) in parts { s += t }
        return s
    }
}

extension ParserEngine {
    /// Scans `'...'` starting at the opening quote; returns the value and the end offset.
    func scanSingleQuoted(at s: Int) -> (String, Int) {
        var i = s + isSingleQuote(at: s)
        var out: [UInt8] = []
        var runStart = i
        while i < end {
            let q = isSingleQuote(at: i)
            if q > 0 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: src[runStart..<i]))
                let q2 = i + q < end ? isSingleQuote(at: i + q) : 0
                if q2 > 0 { // doubled quote: one literal quote
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<(i + q)]))
                    i += q + q2
                    runStart = i
                    continue
                }
                return (String(decoding: out, as: UTF8.self), i + q)
            }
            i += 1
        }
        report(.stringMissingTerminator("'"), at: SourceRange(start: s, end: end), incomplete: true)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: src[runStart..<end]))
        return (String(decoding: out, as: UTF8.self), end)
    }

    /// If a here-string header (`@'` or `@"` then only spaces to the end of the line) starts at `s`,
    /// returns the offset where its body begins.
    func hereStringBodyStart(at s: Int, quoteLength q: Int) -> Int? {
        var i = s + 1 + q
        while i < end {
            let n = spaceLength(at: i)
            if n == 0 { break }
            i += n
        }
        guard i < end, isNewline(src[i]) else {
            if i >= end { return end }
            report(.unexpectedCharactersAfterHereStringHeader, at: SourceRange(start: i, end: i + 1))
            return nil
        }
        if src[i] == UInt8(ascii: "\r") && i + 1 < end && src[i + 1] == UInt8(ascii: "\n") { return i + 2 }
        return i + 1
    }

    /// If a here-string footer (`'@` or `"@`, at the very start of a line) starts at `i`, its length.
    func hereStringFooter(at i: Int, double: Bool) -> Int {
        let q = double ? isDoubleQuote(at: i) : isSingleQuote(at: i)
        if q > 0 && i + q < end && src[i + q] == UInt8(ascii: "@") { return q + 1 }
        return 0
    }

    /// Scans `@' ... '@` whose body starts at `body`; returns the value and end offset.
    func scanSingleHereString(start s: Int, body: Int) -> (String, Int) {
        var i = body
        var lineStart = true
        while i < end {
            if lineStart {
                let f = hereStringFooter(at: i, double: false)
                if f > 0 {
                    var contentEnd = i
                    // drop the line break before the footer
                    if contentEnd > body && src[contentEnd - 1] == UInt8(ascii: "\n") { contentEnd -= 1 }
                    if contentEnd > body && src[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
                    return (string(body, max(body, contentEnd)), i + f)
                }
            }
            lineStart = isNewline(src[i])
            i += 1
        }
        report(.stringMissingTerminator("'@"), at: SourceRange(start: s, end: min(s + 2, end)), incomplete: true)
        return (string(body, end), end)
    }

    /// Processes a backtick escape at `i` (the backtick); appends to `b`; returns the next offset.
    func scanEscape(at i: Int, into b: inout PartsBuilder) -> Int {
        guard i + 1 < end else { b.bytes.append(UInt8(ascii: "`")); return i + 1 }
        let c = src[i + 1]
        switch c {
        case UInt8(ascii: "0"): b.bytes.append(0); return i + 2
        case UInt8(ascii: "a"): b.bytes.append(7); return i + 2
        case UInt8(ascii: "b"): b.bytes.append(8); return i + 2
        case UInt8(ascii: "e"): b.bytes.append(UInt8(ascii: "\u{1B}")); return i + 2
        case UInt8(ascii: "f"): b.bytes.append(UInt8(ascii: "\u{0C}")); return i + 2
        case UInt8(ascii: "n"): b.bytes.append(UInt8(ascii: "\n")); return i + 2
        case UInt8(ascii: "r"): b.bytes.append(UInt8(ascii: "\r")); return i + 2
        case UInt8(ascii: "t"): b.bytes.append(UInt8(ascii: "\t")); return i + 2
        case UInt8(ascii: "v"): b.bytes.append(UInt8(ascii: "\u{0B}")); return i + 2
        case UInt8(ascii: "u"): return scanUnicodeEscape(at: i, into: &b)
        default:
            let n = utf8Length(c)
            let e = min(i + 1 + n, end)
            b.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[(i + 1)..<e]))
            return e
        }
    }

    /// `` `u{X} `` with one to six hex digits, at `i` (the backtick). Each malformed form is reported
    /// where PowerShell's tokenizer finds it: the whole escape for a missing `{` or empty braces, the
    /// offending character otherwise, only the digits for a value past 0x10FFFF.
    private func scanUnicodeEscape(at i: Int, into b: inout PartsBuilder) -> Int {
        guard i + 2 < end, src[i + 2] == UInt8(ascii: "{") else {
            report(.invalidUnicodeEscapeSequence, at: SourceRange(start: i, end: i + 2))
            return i + 2
        }
        var j = i + 3
        var digits = 0
        var v: UInt32 = 0
        while true {
            let c: UInt8 = j < end ? src[j] : 0
            if c == UInt8(ascii: "}") {
                if digits == 0 {
                    report(.invalidUnicodeEscapeSequence, at: SourceRange(start: i, end: j + 1))
                    return j + 1
                }
                break
            }
            guard isHexDigit(c) else {
                report(digits < 6 ? .invalidUnicodeEscapeSequence : .missingUnicodeEscapeSequenceTerminator, at: .empty(at: j))
                return j
            }
            if digits == 6 {
                report(.tooManyDigitsInUnicodeEscapeSequence, at: .empty(at: j))
                return j
            }
            v = v &* 16 &+ UInt32(hexValue(c))
            digits += 1
            j += 1
        }
        if v > 0x10FFFF {
            report(.unicodeEscapeSequenceValueOutOfRange, at: SourceRange(start: i + 3, end: j))
        } else {
            b.appendScalar(v)
        }
        return j + 1
    }

    /// Scans a variable reference inside an expandable string at `i` (the `$`). Returns the new
    /// offset, or nil when the `$` is literal.
    func scanStringVariable(at i: Int, into b: inout PartsBuilder) -> Int? {
        guard i + 1 < end else { return nil }
        let c = src[i + 1]
        if c == UInt8(ascii: "(") { // $(
            b.flush()
            let sub = parseSubExpression(openAt: i)
            b.parts.append(.subExpression(sub))
            return pos
        }
        if c == UInt8(ascii: "{") { // ${name}
            let (path, e) = scanBracedVariable(at: i)
            b.flush()
            b.parts.append(.variable(path, SourceRange(start: i, end: e)))
            return e
        }
        if c == UInt8(ascii: "$") || c == UInt8(ascii: "^") || c == UInt8(ascii: "?") { // $$ $^ $?
            b.flush()
            b.parts.append(.variable(VariablePath(name: string(i + 1, i + 2)), SourceRange(start: i, end: i + 2)))
            return i + 2
        }
        guard isNameChar(at: i + 1) else { return nil }
        var j = i + 1
        while j < end && isNameChar(at: j) { j += 1 }
        var path = VariablePath(name: string(i + 1, j))
        if j + 1 < end && src[j] == UInt8(ascii: ":") && src[j + 1] != UInt8(ascii: ":") && isNameChar(at: j + 1) {
            var k = j + 1
            while k < end && isNameChar(at: k) { k += 1 }
            path = VariablePath(qualifier: path.name, name: string(j + 1, k))
            j = k
        } else if j < end && src[j] == UInt8(ascii: ":") && !(j + 1 < end && src[j + 1] == UInt8(ascii: ":")) {
            // `"$name: text"` reads as a drive-qualified name with no name after the drive, as in code
            // (a scope such as `$global:` is not a drive).
            let scopes: Set<String> = ["global", "local", "private", "script", "using", "workflow"]
            report(scopes.contains(path.name.lowercased()) ? .invalidVariableReference : .invalidVariableReferenceWithDrive,
                   at: SourceRange(start: i, end: j + 1))
        }
        b.flush()
        b.parts.append(.variable(path, SourceRange(start: i, end: j)))
        return j
    }

    /// Scans `${...}` at `i` (the `$`); returns the path and end offset.
    func scanBracedVariable(at i: Int) -> (VariablePath, Int) {
        var j = i + 2
        var name: [UInt8] = []
        while j < end && src[j] != UInt8(ascii: "}") {
            // A backtick escapes as in a double-quoted string (`} keeps the brace, `u{2195} is ↕).
            if src[j] == UInt8(ascii: "`") && j + 1 < end {
                var escaped = PartsBuilder()
                j = scanEscape(at: j, into: &escaped)
                name.append(contentsOf: escaped.bytes)
                continue
            }
            name.append(src[j])
            j += 1
        }
        if j >= end {
            report(.incompleteDollarVariableReference, at: SourceRange(start: i, end: end), incomplete: true)
        } else {
            j += 1
        }
        let full = String(decoding: name, as: UTF8.self)
        if full.isEmpty {
            report(.emptyVariableReference, at: SourceRange(start: i, end: j))
        }
        if let colon = full.firstIndex(of: ":"), colon != full.startIndex {
            let q = String(full[..<colon])
            let n = String(full[full.index(after: colon)...])
            if !n.isEmpty { return (VariablePath(qualifier: q, name: n, isBraced: true), j) }
        }
        return (VariablePath(name: full, isBraced: true), j)
    }

    /// Scans the body of an expandable string or bareword starting at `i` (after any opening quote or
    /// here-string header). Sets `pos` to the end (after the closing quote or footer).
    func scanExpandable(from i0: Int, terminator: ExpandableTerminator, start s: Int) -> PartsBuilder {
        var b = PartsBuilder()
        var i = i0
        var lineStart = true
        while i < end {
            let c = src[i]
            switch terminator {
            case .doubleQuote:
                let q = c == UInt8(ascii: "\"") || c >= 0x80 ? isDoubleQuote(at: i) : 0
                if q > 0 {
                    let q2 = i + q < end ? isDoubleQuote(at: i + q) : 0
                    if q2 > 0 {
                        b.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[i..<(i + q)]))
                        i += q + q2
                        continue
                    }
                    b.flush()
                    pos = i + q
                    return b
                }
            case .hereString:
                if lineStart {
                    let f = hereStringFooter(at: i, double: true)
                    if f > 0 {
                        // drop the line break before the footer
                        if b.bytes.last == UInt8(ascii: "\n") { b.bytes.removeLast() }
                        if b.bytes.last == UInt8(ascii: "\r") { b.bytes.removeLast() }
                        if b.bytes.isEmpty, case .text(let t)? = b.parts.last {
                            var t2 = t
                            if t2.hasSuffix("\n") || t2.hasSuffix("\r\n") { t2.removeLast() }
                            b.parts[b.parts.count - 1] = .text(t2)
                        }
                        b.flush()
                        pos = i + f
                        return b
                    }
                }
                lineStart = isNewline(c)
            case .bareword:
                if isBarewordTerminator(at: i) {
                    b.flush()
                    pos = i
                    return b
                }
                if c == UInt8(ascii: "'") || c >= 0x80 && isSingleQuote(at: i) > 0 {
                    let (v, e) = scanSingleQuoted(at: i)
                    b.bytes.append(contentsOf: Array(v.utf8))
                    i = e
                    continue
                }
                if c == UInt8(ascii: "\"") || c >= 0x80 && isDoubleQuote(at: i) > 0 {
                    let inner = scanExpandable(from: i + isDoubleQuote(at: i), terminator: .doubleQuote, start: i)
                    b.flush()
                    b.parts.append(contentsOf: inner.parts)
                    i = pos
                    continue
                }
            }
            if c == UInt8(ascii: "`") { // backtick escape
                if terminator == .bareword && i + 1 < end && isNewline(src[i + 1]) {
                    b.flush()
                    pos = i
                    return b
                }
                i = scanEscape(at: i, into: &b)
                continue
            }
            if c == UInt8(ascii: "$"), let e = scanStringVariable(at: i, into: &b) {
                i = e
                continue
            }
            b.bytes.append(c)
            i += 1
        }
        b.flush()
        pos = end
        if terminator != .bareword {
            let term = terminator == .doubleQuote ? "\"" : "\"@"
            report(.stringMissingTerminator(term), at: SourceRange(start: s, end: end), incomplete: true)
        }
        return b
    }

    /// Characters that end a command-mode word.
    @inline(__always)
    func isBarewordTerminator(at i: Int) -> Bool {
        let c = src[i]
        switch c {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ";"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: ","), UInt8(ascii: ">"), UInt8(ascii: "<"): return true
        case UInt8(ascii: "\u{0B}"), UInt8(ascii: "\u{0C}"): return true
        default:
            if c >= 0x80 { return spaceLength(at: i) > 0 }
            return false
        }
    }

    /// Builds the expression for a string body: constant when nothing expands.
    func stringExpression(_ b: PartsBuilder, quote: StringQuoteKind, expandQuote: StringQuoteKind,
                          range: SourceRange) -> Expression {
        if b.isPlainText {
            return .string(StringConstantExpr(value: b.plainText, quoteKind: quote, range: range))
        }
        return .expandableString(ExpandableStringExpr(parts: b.parts, quoteKind: expandQuote, range: range))
    }

    /// Scans a command-mode word at `s` into a bare string or expandable bareword.
    func scanBareword(at s: Int) -> Expression {
        // Fast path: plain ASCII word without quotes, `$` or backticks.
        var i = s
        while i < end {
            let c = src[i]
            if c == UInt8(ascii: "$") || c == UInt8(ascii: "`") || c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") || c >= 0x80 { break }
            if isBarewordTerminator(at: i) {
                pos = i
                return .string(StringConstantExpr(value: string(s, i), quoteKind: .bare,
                                                  range: SourceRange(start: s, end: i)))
            }
            i += 1
        }
        if i >= end {
            pos = end
            return .string(StringConstantExpr(value: string(s, end), quoteKind: .bare,
                                              range: SourceRange(start: s, end: end)))
        }
        if let (e, endPos) = barewordMemo[s] {
            pos = endPos
            replayErrors(at: s)
            return e
        }
        let mark = pendingLexErrors.count
        let b = scanExpandable(from: s, terminator: .bareword, start: s)
        let r = SourceRange(start: s, end: pos)
        let e = stringExpression(b, quote: .bare, expandQuote: .bare, range: r)
        if case .expandableString = e {
            barewordMemo[s] = (e, pos)
            rememberErrors(since: mark, at: s)
        }
        return e
    }
}
