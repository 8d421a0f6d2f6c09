import Foundation

/// Spelling (without the dash, lower case) of every dash operator: its binary and unary meaning.
let dashOperatorTable: [String: (BinaryOperator?, UnaryOperator?)] = {
    var t: [String: (BinaryOperator?, UnaryOperator?)] = [:]
    let comparisons: [(String, BinaryOperator, BinaryOperator)] = [
        ("eq", .eq, .ceq), ("ne", .ne, .cne), ("gt", .gt, .cgt), ("ge", .ge, .cge), ("lt", .lt, .clt),
        ("le", .le, .cle), ("like", .like, .cLike), ("notlike", .notLike, .cNotLike), ("match", .match, .cMatch),
        ("notmatch", .notMatch, .cNotMatch), ("replace", .replace, .cReplace), ("contains", .contains, .cContains),
        ("notcontains", .notContains, .cNotContains), ("in", .in, .cIn), ("notin", .notIn, .cNotIn),
    ]
    for (name, i, c) in comparisons {
        t[name] = (i, nil)
        t["i" + name] = (i, nil)
        t["c" + name] = (c, nil)
    }
    t["split"] = (.split, .split)
    t["isplit"] = (.split, .split)
    t["csplit"] = (.cSplit, .cSplit)
    t["join"] = (.join, .join)
    t["is"] = (.is, nil)
    t["isnot"] = (.isNot, nil)
    t["as"] = (.as, nil)
    t["f"] = (.format, nil)
    t["and"] = (.and, nil)
    t["or"] = (.or, nil)
    t["xor"] = (.xor, nil)
    t["band"] = (.band, nil)
    t["bor"] = (.bor, nil)
    t["bxor"] = (.bxor, nil)
    t["shl"] = (.shl, nil)
    t["shr"] = (.shr, nil)
    t["not"] = (nil, .not)
    t["bnot"] = (nil, .bnot)
    return t
}()

extension ParserEngine {
    /// Lexes one token at `pos` in `mode` and advances `pos` past it.
    func lexToken(_ mode: LexMode) -> Token {
        let space = skipTrivia()
        let s = pos
        if pos >= end { return Token(kind: .endOfInput, start: end, end: end, spaceBefore: space, payload: .none) }
        @inline(__always) func tok(_ k: TokenKind, _ len: Int, _ p: TokenPayload = .none) -> Token {
            pos = s + len
            return Token(kind: k, start: s, end: s + len, spaceBefore: space, payload: p)
        }
        @inline(__always) func at(_ k: Int) -> UInt8 { s + k < end ? src[s + k] : 0 }
        let b = src[s]
        switch b {
        case UInt8(ascii: "\n"): return tok(.newline, 1)
        case UInt8(ascii: "\r"): return tok(.newline, at(1) == UInt8(ascii: "\n") ? 2 : 1)
        case UInt8(ascii: ";"): return tok(.semicolon, 1)
        case UInt8(ascii: "("): return tok(.lParen, 1)
        case UInt8(ascii: ")"): return tok(.rParen, 1)
        case UInt8(ascii: "{"): return tok(.lCurly, 1)
        case UInt8(ascii: "}"): return tok(.rCurly, 1)
        case UInt8(ascii: "]"): return tok(.rBracket, 1)
        case UInt8(ascii: ","): return tok(.comma, 1)
        case UInt8(ascii: "|"): return at(1) == UInt8(ascii: "|") ? tok(.orOr, 2) : tok(.pipe, 1)
        case UInt8(ascii: "&"): return at(1) == UInt8(ascii: "&") ? tok(.andAnd, 2) : tok(.ampersand, 1)
        case UInt8(ascii: "$"): return lexDollar(s, space: space, mode: mode)
        case UInt8(ascii: "@"): return lexAt(s, space: space, mode: mode)
        case UInt8(ascii: ">"), UInt8(ascii: "<"): return lexRedirection(s, space: space)!
        case UInt8(ascii: "*") where at(1) == UInt8(ascii: ">"): return lexRedirection(s, space: space)!
        // `2>` names a stream only where a command's argument could stand; where an operand is wanted it is
        // a number before `>` (`1..3>variable:a`, `1>>variable:a` redirect the numbers).
        case UInt8(ascii: "1")...UInt8(ascii: "6") where at(1) == UInt8(ascii: ">") && mode == .command: return lexRedirection(s, space: space)!
        default: break
        }
        if mode == .expression {
            switch b {
            case UInt8(ascii: "["): return tok(.lBracket, 1)
            case UInt8(ascii: "."):
                if at(1) == UInt8(ascii: ".") { return tok(.dotDot, 2) }
                if isDigit(at(1)) { return lexNumber(s, space: space, mode: mode) }
                return tok(.dot, 1)
            case UInt8(ascii: ":"): return at(1) == UInt8(ascii: ":") ? tok(.doubleColon, 2) : tok(.colon, 1)
            case UInt8(ascii: "+"):
                if at(1) == UInt8(ascii: "+") { return tok(.plusPlus, 2) }
                return at(1) == UInt8(ascii: "=") ? tok(.plusEquals, 2) : tok(.plus, 1)
            case UInt8(ascii: "*"): return at(1) == UInt8(ascii: "=") ? tok(.multiplyEquals, 2) : tok(.multiply, 1)
            case UInt8(ascii: "/"): return at(1) == UInt8(ascii: "=") ? tok(.divideEquals, 2) : tok(.divide, 1)
            case UInt8(ascii: "%"): return at(1) == UInt8(ascii: "=") ? tok(.remainderEquals, 2) : tok(.remainder, 1)
            case UInt8(ascii: "="): return tok(.equals, 1)
            case UInt8(ascii: "!"): return tok(.exclaim, 1)
            case UInt8(ascii: "?"):
                if at(1) == UInt8(ascii: "?") { return at(2) == UInt8(ascii: "=") ? tok(.questionQuestionEquals, 3) : tok(.questionQuestion, 2) }
                if at(1) == UInt8(ascii: ".") { return tok(.questionDot, 2) }
                if at(1) == UInt8(ascii: "[") { return tok(.questionLBracket, 2) }
                return tok(.questionMark, 1)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return lexNumber(s, space: space, mode: mode)
            default: break
            }
        } else {
            switch b {
            case UInt8(ascii: ":") where at(1) == UInt8(ascii: ":"): return tok(.doubleColon, 2)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return lexNumber(s, space: space, mode: mode)
            case UInt8(ascii: ".") where isDigit(at(1)): return lexNumber(s, space: space, mode: mode)
            default: break
            }
        }
        let (kind, n) = special(at: s)
        switch kind {
        case .dash: return lexDash(s, dashLength: n, space: space, mode: mode)
        case .singleQuote:
            let (v, e) = scanSingleQuoted(at: s)
            pos = e
            let ex = Expression.string(StringConstantExpr(value: v, quoteKind: .singleQuoted,
                                                          range: SourceRange(start: s, end: e)))
            return Token(kind: .stringLiteral, start: s, end: e, spaceBefore: space, payload: .expression(ex))
        case .doubleQuote:
            if var memo = stringMemo[s] {
                memo.spaceBefore = space
                pos = memo.end
                replayErrors(at: s)
                return memo
            }
            let mark = pendingLexErrors.count
            let body = scanExpandable(from: s + n, terminator: .doubleQuote, start: s)
            let r = SourceRange(start: s, end: pos)
            let ex = stringExpression(body, quote: .doubleQuoted, expandQuote: .doubleQuoted, range: r)
            let t = Token(kind: .stringExpandable, start: s, end: pos, spaceBefore: space, payload: .expression(ex))
            if case .expandableString = ex {
                stringMemo[s] = t
                rememberErrors(since: mark, at: s)
            }
            return t
        default: break
        }
        if mode == .command {
            let ex = scanBareword(at: s)
            if pos == s { let e = nextChar(s); return tok(.generic, e - s, .text(string(s, e))) }
            return Token(kind: .generic, start: s, end: pos, spaceBefore: space, payload: .expression(ex))
        }
        // Expression mode: a name (member name, keyword, or a stray word the parser will reject).
        var i = s
        while i < end && isNameChar(at: i) { i = nextChar(i) }
        if i == s { i = nextChar(s) }
        return tok(.identifier, i - s, .text(string(s, i)))
    }

    private func lexNumber(_ s: Int, space: Bool, mode: LexMode) -> Token {
        switch scanNumber(at: s) {
        case .value(let v, let e):
            if mode == .command && e < end && !isBarewordTerminator(at: e) {
                break // `192.168.2.0/24`, `1..3`: a word in command mode
            }
            pos = e
            return Token(kind: .number, start: s, end: e, spaceBefore: space, payload: .number(v))
        case .invalid(let e):
            if mode == .expression {
                pos = e
                report(.badNumericConstant(string(s, e)), at: SourceRange(start: s, end: e))
                return Token(kind: .number, start: s, end: e, spaceBefore: space, payload: .number(.int32(0)))
            }
        case .outOfRange(let e):
            // As an argument (`Write-Output 500sgb`) it stays a word; where an expression starts it is an error.
            if mode == .expression {
                pos = e
                report(.badNumericConstant(string(s, e)), at: SourceRange(start: s, end: e))
                return Token(kind: .number, start: s, end: e, spaceBefore: space, payload: .number(.int32(0)))
            }
        case .notANumber:
            if mode == .expression {
                pos = s + 1
                return Token(kind: .dot, start: s, end: s + 1, spaceBefore: space, payload: .none)
            }
        }
        let ex = scanBareword(at: s)
        return Token(kind: .generic, start: s, end: pos, spaceBefore: space, payload: .expression(ex))
    }

    private func lexDollar(_ s: Int, space: Bool, mode: LexMode) -> Token {
        let c: UInt8 = s + 1 < end ? src[s + 1] : 0
        func variable(_ path: VariablePath, _ e: Int) -> Token {
            pos = e
            return Token(kind: .variable, start: s, end: e, spaceBefore: space, payload: .variable(path))
        }
        if c == UInt8(ascii: "(") {
            pos = s + 2
            return Token(kind: .dollarParen, start: s, end: s + 2, spaceBefore: space, payload: .none)
        }
        if c == UInt8(ascii: "{") {
            let (path, e) = scanBracedVariable(at: s)
            return variable(path, e)
        }
        if c == UInt8(ascii: "$") || c == UInt8(ascii: "^") || c == UInt8(ascii: "?") { return variable(VariablePath(name: string(s + 1, s + 2)), s + 2) }
        if s + 1 < end && isNameChar(at: s + 1) {
            var j = s + 1
            while j < end && (isNameChar(at: j) || src[j] == UInt8(ascii: "?")) { j = nextChar(j) }
            var path = VariablePath(name: string(s + 1, j))
            if j < end && src[j] == UInt8(ascii: ":") && !(j + 1 < end && src[j + 1] == UInt8(ascii: ":")) {
                if j + 1 < end && isNameChar(at: j + 1) {
                    var k = j + 1
                    // After the drive the name may hold further colons (`$Variable:a:b`, a variable
                    // named `a:b`), as PowerShell's ScanVariable keeps a `:` not doubled.
                    while k < end && (isNameChar(at: k) || src[k] == UInt8(ascii: "?")
                                      || (src[k] == UInt8(ascii: ":") && k + 1 < end && isNameChar(at: k + 1))) { k = nextChar(k) }
                    path = VariablePath(qualifier: path.name, name: string(j + 1, k))
                    j = k
                } else if mode == .expression || j + 1 >= end || isBarewordTerminator(at: j + 1) {
                    // `$global:` is a scope with no name (VariablePath.IsDriveQualified is false for scopes).
                    let scopes: Set<String> = ["global", "local", "private", "script", "using", "workflow"]
                    report(scopes.contains(path.name.lowercased()) ? .invalidVariableReference : .invalidVariableReferenceWithDrive,
                           at: SourceRange(start: s, end: j + 1))
                    j += 1
                }
            }
            return variable(path, j)
        }
        if mode == .command {
            let ex = scanBareword(at: s)
            return Token(kind: .generic, start: s, end: max(pos, s + 1), spaceBefore: space, payload: .expression(ex))
        }
        report(.invalidVariableReference, at: SourceRange(start: s, end: s + 1))
        return variable(VariablePath(name: ""), s + 1)
    }

    private func lexAt(_ s: Int, space: Bool, mode: LexMode) -> Token {
        let c: UInt8 = s + 1 < end ? src[s + 1] : 0
        if c == UInt8(ascii: "(") { pos = s + 2; return Token(kind: .atParen, start: s, end: s + 2, spaceBefore: space, payload: .none) }
        if c == UInt8(ascii: "{") { pos = s + 2; return Token(kind: .atCurly, start: s, end: s + 2, spaceBefore: space, payload: .none) }
        if s + 1 < end {
            let sq = isSingleQuote(at: s + 1), dq = isDoubleQuote(at: s + 1)
            if sq > 0 || dq > 0 {
                if var memo = stringMemo[s] {
                    memo.spaceBefore = space
                    pos = memo.end
                    replayErrors(at: s)
                    return memo
                }
                if let body = hereStringBodyStart(at: s, quoteLength: max(sq, dq)) {
                    if sq > 0 {
                        let (v, e) = scanSingleHereString(start: s, body: body)
                        pos = e
                        let ex = Expression.string(StringConstantExpr(value: v, quoteKind: .singleQuotedHereString,
                                                                      range: SourceRange(start: s, end: e)))
                        return Token(kind: .hereStringLiteral, start: s, end: e, spaceBefore: space, payload: .expression(ex))
                    }
                    let mark = pendingLexErrors.count
                    let b = scanExpandable(from: body, terminator: .hereString, start: s)
                    let r = SourceRange(start: s, end: pos)
                    let ex = stringExpression(b, quote: .doubleQuotedHereString, expandQuote: .doubleQuotedHereString, range: r)
                    let t = Token(kind: .hereStringExpandable, start: s, end: pos, spaceBefore: space, payload: .expression(ex))
                    if case .expandableString = ex {
                        stringMemo[s] = t
                        rememberErrors(since: mark, at: s)
                    }
                    return t
                }
                // Header error reported: skip the rest of the line.
                var e = s + 1
                while e < end && !isNewline(src[e]) { e += 1 }
                pos = e
                let ex = Expression.error(ErrorExpr(range: SourceRange(start: s, end: e)))
                return Token(kind: .stringLiteral, start: s, end: e, spaceBefore: space, payload: .expression(ex))
            }
        }
        if s + 1 < end && isNameChar(at: s + 1) {
            var j = s + 1
            while j < end && isNameChar(at: j) { j = nextChar(j) }
            var path = VariablePath(name: string(s + 1, j))
            if j + 1 < end && src[j] == UInt8(ascii: ":") && isNameChar(at: j + 1) {
                var k = j + 1
                while k < end && isNameChar(at: k) { k = nextChar(k) }
                path = VariablePath(qualifier: path.name, name: string(j + 1, k))
                j = k
            }
            pos = j
            return Token(kind: .splattedVariable, start: s, end: j, spaceBefore: space, payload: .variable(path))
        }
        if mode == .command {
            let ex = scanBareword(at: s)
            return Token(kind: .generic, start: s, end: max(pos, s + 1), spaceBefore: space, payload: .expression(ex))
        }
        pos = s + 1
        return Token(kind: .identifier, start: s, end: s + 1, spaceBefore: space, payload: .text("@"))
    }

    /// Lexes `>`, `>>`, `n>`, `n>>`, `n>&1`, `*>`, `<`. Returns nil if no redirection starts at `s`.
    func lexRedirection(_ s: Int, space: Bool) -> Token? {
        var i = s
        var stream = RedirectionStream.output
        let c = src[i]
        if c == UInt8(ascii: "<") {
            pos = s + 1
            return Token(kind: .redirection, start: s, end: s + 1, spaceBefore: space, payload: .redirection(.input))
        }
        if c != UInt8(ascii: ">") {
            stream = c == UInt8(ascii: "*") ? .all : RedirectionStream(rawValue: String(UnicodeScalar(c)))!
            i += 1
        }
        guard i < end && src[i] == UInt8(ascii: ">") else { return nil }
        i += 1
        var op = RedirectionOperator.toFile(stream, append: false)
        if i < end && src[i] == UInt8(ascii: ">") {
            op = .toFile(stream, append: true)
            i += 1
        } else if i + 1 < end && src[i] == UInt8(ascii: "&") && src[i] >= UInt8(ascii: "&") && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(src[i + 1]) {
            op = .merge(stream, into: RedirectionStream(rawValue: String(UnicodeScalar(src[i + 1])))!)
            i += 2
        }
        pos = i
        return Token(kind: .redirection, start: s, end: i, spaceBefore: space, payload: .redirection(op))
    }

    private func lexDash(_ s: Int, dashLength n: Int, space: Bool, mode: LexMode) -> Token {
        let a = s + n
        @inline(__always) func tok(_ k: TokenKind, _ e: Int, _ p: TokenPayload = .none) -> Token {
            pos = e
            return Token(kind: k, start: s, end: e, spaceBefore: space, payload: p)
        }
        if mode == .expression {
            if a < end {
                let d2 = isDash(at: a)
                if d2 > 0 { return tok(.minusMinus, a + d2) }
                if src[a] == UInt8(ascii: "=") { return tok(.minusEquals, a + 1) }
                if isASCIILetter(src[a]) {
                    var j = a
                    while j < end && isASCIILetter(src[j]) { j += 1 }
                    if j < end && (isDigit(src[j]) || src[j] == UInt8(ascii: "_") || src[j] >= 0x80 && isNameChar(at: j)) {
                        // not an operator word: fall through to parameter
                    } else if let op = dashOperatorTable[string(a, j).lowercased()] {
                        return tok(.dashOperator, j, .dashOperator(op.0, op.1))
                    }
                    while j < end && isNameChar(at: j) { j = nextChar(j) }
                    return tok(.parameter, j, .parameter(string(a, j), colon: false))
                }
            }
            return tok(.minus, a)
        }
        // Command mode
        guard a < end else { return tok(.generic, a, .expression(.string(StringConstantExpr(
            value: string(s, a), quoteKind: .bare, range: SourceRange(start: s, end: a))))) }
        let d2 = isDash(at: a)
        if d2 > 0 {
            if a + d2 < end && src[a + d2] == UInt8(ascii: "%") { // --%
                return tok(.stopParsing, a + d2 + 1)
            }
            if a + d2 >= end || isBarewordTerminator(at: a + d2) { return tok(.minusMinus, a + d2) }
        }
        if isDigit(src[a]) || (src[a] == UInt8(ascii: ".") && a + 1 < end && isDigit(src[a + 1])) {
            if case .value(let v, let e) = scanNumber(at: a), e >= end || isBarewordTerminator(at: e) {
                return tok(.number, e, .number(negate(v)))
            }
        }
        let c = src[a]
        if d2 == 0 && (isASCIILetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "?") || (c >= 0x80 && isNameChar(at: a))) {
            var j = a
            while j < end {
                let x = src[j]
                if x == UInt8(ascii: ":") || x == UInt8(ascii: ".") || x == UInt8(ascii: "[") || isBarewordTerminator(at: j) { break }
                if x == UInt8(ascii: "'") || x == UInt8(ascii: "\"") || (x >= 0x80 && (isSingleQuote(at: j) > 0 || isDoubleQuote(at: j) > 0)) { break }
                j = nextChar(j)
            }
            let name = string(a, j)
            if j < end && src[j] == UInt8(ascii: ":") { return tok(.parameter, j + 1, .parameter(name, colon: true)) }
            return tok(.parameter, j, .parameter(name, colon: false))
        }
        let ex = scanBareword(at: s)
        return Token(kind: .generic, start: s, end: max(pos, a), spaceBefore: space, payload: .expression(ex))
    }

    /// The negation of a literal, narrowed the way PowerShell types `-2147483648` (Int32).
    func negate(_ v: NumberValue) -> NumberValue {
        switch v {
        case .int32(let x): return x == Int32.min ? .int64(2147483648) : .int32(-x)
        case .int64(let x):
            if x == 2147483648 { return .int32(Int32.min) }
            return x == Int64.min ? .decimal(-Decimal(x)) : .int64(-x)
        case .decimal(let d, let scale):
            if d == Decimal(UInt64(Int64.max) + 1) { return .int64(Int64.min) }
            return .decimal(-d, scale: scale)
        case .double(let d): return .double(-d)
        case .sbyte(let x): return x == Int8.min ? .int16(128) : .sbyte(-x)
        case .int16(let x): return x == Int16.min ? .int32(32768) : .int16(-x)
        case .bigInteger(let s): return .bigInteger(s.hasPrefix("-") ? String(s.dropFirst()) : "-" + s)
        case .byte(let x): return .int32(-Int32(x))
        case .uint16(let x): return .int32(-Int32(x))
        case .uint32(let x): return .int64(-Int64(x))
        case .uint64(let x): return x <= UInt64(Int64.max) ? .int64(-Int64(x)) : .decimal(-Decimal(x))
        }
    }
}
