/// A keyword's lower-case letters packed into integers, for allocation-free lookup.
struct KeywordKey: Hashable {
    var low: UInt64
    var high: UInt32
}

let keywordTable: [KeywordKey: Keyword] = {
    var t: [KeywordKey: Keyword] = [:]
    for kw in Keyword.allCases {
        var low: UInt64 = 0
        var high: UInt32 = 0
        for (k, c) in kw.rawValue.utf8.enumerated() {
            if k < 8 { low |= UInt64(c) << (8 * UInt64(k)) } else { high |= UInt32(c) << (8 * UInt32(k - 8)) }
        }
        t[KeywordKey(low: low, high: high)] = kw
    }
    return t
}()

extension ParserEngine {
    // MARK: Statement lists

    /// Parses statements until `closer` (`}` or `)`) or end of input; does not consume the closer.
    func parseStatementList(closer: TokenKind?) -> StatementBlock {
        let start = positionAfterTrivia()
        var statements: [Statement] = []
        var traps: [TrapStatement] = []
        // Type names defined in this list: a second definition of one is an error (SymbolResolver.AddType).
        var typeNames: Set<String> = []
        while true {
            skipNewlines(semicolons: true)
            guard let b = nextByte() else { break }
            if b == UInt8(ascii: "}") || b == UInt8(ascii: ")") { // } or )
                let t = peek(.expression)
                if let c = closer, t.kind == c { break }
                // A closer that does not belong here.
                report(.unexpectedToken(text.text(t.range)), token: t)
                consume(t)
                continue
            }
            let before = pos
            let parsed = parseStatement()
            if let s = parsed {
                statements.append(s)
                if case .trap(let tr) = s { traps.append(tr) }
                if case .typeDefinition(let td) = s, !typeNames.insert(td.name.lowercased()).inserted {
                    report(.memberAlreadyDefined(td.name), at: td.range)
                }
            }
            // A statement ending in a block (`if`, loops, `switch`, `try`, `trap`, `function`) needs no
            // terminator: `trap { 'x'; continue } 'hello'` is two statements, as in PowerShell.
            if let s = parsed, s.endsWithBlock { continue }
            // The background operator ends its statement too: `$j = Get-Item x & Receive-Job $j -Wait`.
            if let s = parsed, endsWithBackgroundOperator(s) { continue }
            // After a statement PowerShell gave up on, the next token simply starts a new statement
            // (`data -abc foo {}` is one error, not two).
            if case .error = parsed, pos != before { continue }
            expectStatementEnd(closer: closer)
            if pos == before { // no progress: skip one token so the loop always advances
                let bad = next(.command)
                if bad.kind == .endOfInput { break }
            }
        }
        return StatementBlock(statements: statements, traps: traps, range: SourceRange(start: start, end: pos))
    }

    private func endsWithBackgroundOperator(_ s: Statement) -> Bool {
        switch s {
        case .pipeline(let p): return p.isBackground
        case .chain(let c): return c.isBackground
        case .assignment(let a): return endsWithBackgroundOperator(a.value)
        default: return false
        }
    }

    /// After a statement: a newline, `;`, the closer or end of input must follow.
    func expectStatementEnd(closer: TokenKind?) {
        let k = peekKind(.command)
        switch k {
        case .newline, .semicolon, .endOfInput: return
        default:
            if let c = closer, k == c { return }
            if k == .rCurly || k == .rParen { return }
            // PowerShell does not eat the token: it starts the next statement (`$a.M[[T]]()` is
            // UnexpectedToken at `(`, then `()` is ExpectedExpression).
            let t = peek(.command)
            report(.unexpectedToken(tokenText(t)), token: t)
        }
    }

    /// Skips tokens up to the next newline, `;`, or unbalanced closer, reading them in `mode` (command
    /// mode after a statement, expression mode inside a hashtable literal).
    func recoverToStatementEnd(_ mode: LexMode = .command) {
        var nesting = 0
        while true {
            let t = peek(mode)
            switch t.kind {
            case .endOfInput: return
            case .newline, .semicolon: if nesting == 0 { return }
            case .lCurly, .lParen, .atParen, .atCurly, .dollarParen: nesting += 1
            case .rCurly, .rParen:
                if nesting == 0 { return }
                nesting -= 1
            default: break
            }
            consume(t)
        }
    }

    /// The source text of a token, shortened for messages.
    func tokenText(_ t: Token) -> String {
        let s = text.text(t.range)
        if let nl = s.firstIndex(where: { $0 == "\n" || $0 == "\r" }) { return String(s[..<nl]) }
        return s
    }

    // MARK: Keyword detection

    /// The lower-cased keyword spelled at `p`, if a word there is exactly a keyword.
    func keyword(at p: Int) -> (Keyword, Int)? {
        guard p < end, isASCIILetter(src[p]) else { return nil }
        var j = p
        // Pack the lower-cased letters into an integer: keywords are at most 12 letters.
        var packed: UInt64 = 0
        var packed2: UInt32 = 0
        while j < end && isASCIILetter(src[j]) {
            let k = j - p
            if k >= 12 { return nil }
            let c = lowerASCII(src[j])
            if k < 8 { packed |= UInt64(c) << (8 * UInt64(k)) } else { packed2 |= UInt32(c) << (8 * UInt32(k - 8)) }
            j += 1
        }
        if j < end && !isBarewordTerminator(at: j) {
            let c = src[j]
            // `if(`, `foreach{`: brackets end a keyword; anything else makes it a word (`foreach-object`).
            if c != UInt8(ascii: "(") && c != UInt8(ascii: "{") && !(c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n")) { return nil }
        }
        guard let kw = keywordTable[KeywordKey(low: packed, high: packed2)] else { return nil }
        return (kw, j)
    }

    /// Consumes a keyword known to be at the current position.
    func consumeKeyword(_ kwEnd: Int) {
        _ = skipTrivia()
        if recordedTokens != nil, let (kw, _) = keyword(at: pos) {
            recordToken(kind: Self.keywordKindName(kw), start: pos, end: kwEnd)
        }
        rewind(to: kwEnd)
    }

    /// Peeks past newlines for the keyword `kw`; consumes newlines and keyword when found.
    func acceptKeywordAcrossNewlines(_ kws: [Keyword]) -> Keyword? {
        let save = pos
        skipNewlines()
        let p = positionAfterTrivia()
        if let (kw, e) = keyword(at: p), kws.contains(kw) {
            rewind(to: e)
            return kw
        }
        rewind(to: save)
        return nil
    }

    // MARK: Statements

    /// Parses one statement at the current position, or nil if nothing statement-like is there.
    func parseStatement() -> Statement? {
        guard enter() else { leave(); skipToEndForDepth(); return nil }
        defer { leave() }
        _ = skipTrivia()
        let p = pos
        guard p < end else { return nil }
        // :label
        if src[p] == UInt8(ascii: ":") && p + 1 < end && isNameChar(at: p + 1) {
            var j = p + 1
            while j < end && isNameChar(at: j) { j = nextChar(j) }
            let label = string(p + 1, j)
            rewind(to: j)
            recordToken(kind: "Label", start: p, end: j)
            skipNewlines()
            let q = positionAfterTrivia()
            if let (kw, e) = keyword(at: q), [.foreach, .for, .while, .do, .switch].contains(kw) {
                return parseKeywordStatement(kw, start: q, keywordEnd: e, label: label, labelStart: p)
            }
            // A label before anything else is allowed and ignored by PowerShell.
            return parseStatement()
        }
        if let (kw, e) = keyword(at: p) {
            if let s = parseKeywordStatement(kw, start: p, keywordEnd: e, label: nil, labelStart: p) { return s }
        }
        // `[Flags()] enum E { }`: attributes before a type definition.
        if src[p] == UInt8(ascii: "["), attributesPrecede([.enum, .class]) {
            let save = pos
            if let s = parseAttributedTypeDefinition(start: p) { return s }
            rewind(to: save)
        }
        return parsePipelineChain()
    }

    /// When the nesting limit is hit: skip the rest of the input so the parse ends quickly.
    func skipToEndForDepth() {
        rewind(to: end)
    }

    /// Parses a statement introduced by `kw`; nil means "not a statement keyword here, parse a command".
    func parseKeywordStatement(_ kw: Keyword, start: Int, keywordEnd: Int, label: String?, labelStart: Int) -> Statement? {
        switch kw {
        case .if: consumeKeyword(keywordEnd); return parseIf(start: start)
        case .while: consumeKeyword(keywordEnd); return parseWhile(start: labelStart, label: label)
        case .do: consumeKeyword(keywordEnd); return parseDo(start: labelStart, label: label)
        case .for: consumeKeyword(keywordEnd); return parseFor(start: labelStart, label: label)
        case .foreach: consumeKeyword(keywordEnd); return parseForEach(start: labelStart, label: label)
        case .switch: consumeKeyword(keywordEnd); return parseSwitch(start: labelStart, label: label)
        case .function, .filter, .workflow:
            consumeKeyword(keywordEnd); return parseFunction(start: start, isFilter: kw == .filter, keyword: kw.rawValue)
        case .try: consumeKeyword(keywordEnd); return parseTry(start: start)
        case .trap: consumeKeyword(keywordEnd); return parseTrap(start: start)
        case .data: consumeKeyword(keywordEnd); return parseDataSection(start: start)
        case .break, .continue:
            consumeKeyword(keywordEnd)
            let label = parseJumpLabel()
            let js = JumpStatement(label: label, range: SourceRange(start: start, end: pos))
            return kw == .break ? .break(js) : .continue(js)
        case .return, .exit, .throw:
            consumeKeyword(keywordEnd)
            let value = atStatementEnd() ? nil : parsePipelineChain()
            let es = ExitStatement(pipeline: value, range: SourceRange(start: start, end: pos))
            return kw == .return ? .return(es) : (kw == .exit ? .exit(es) : .throw(es))
        case .class, .enum:
            consumeKeyword(keywordEnd)
            return parseTypeDefinition(kw == .enum ? .enum : .class, start: start, keywordStart: start, keywordEnd: keywordEnd,
                                       attributes: [])
        case .using:
            consumeKeyword(keywordEnd)
            report(.usingMustBeAtStartOfScript, at: SourceRange(start: start, end: keywordEnd))
            recoverToStatementEnd()
            return .error(ErrorStatement(range: SourceRange(start: start, end: pos)))
        default:
            return nil
        }
    }

    /// True when the next token ends the statement (newline, `;`, closer, end of input, pipe).
    func atStatementEnd() -> Bool {
        switch peekKind(.command) {
        case .newline, .semicolon, .endOfInput, .rCurly, .rParen, .pipe, .andAnd, .orOr: return true
        default: return false
        }
    }

    private func parseJumpLabel() -> Expression? {
        if atStatementEnd() { return nil }
        let t = peek(.command)
        if t.kind == .generic, case .expression(let e) = t.payload {
            consume(t)
            return e
        }
        return parseCommandArgument()
    }

    /// `{ statements }`; nil (nothing consumed) when no `{` follows.
    func parseStatementBlock() -> StatementBlock? {
        let t = peek(.expression)
        guard t.kind == .lCurly else { return nil }
        consume(t)
        guard enter() else { leave(); skipToEndForDepth(); return StatementBlock(statements: [], traps: [], range: t.range) }
        defer { leave() }
        let body = parseStatementList(closer: .rCurly)
        let close = peek(.expression)
        if close.kind == .rCurly {
            consume(close)
        } else {
            report(.missingEndCurlyBrace, at: t.range, incomplete: close.kind == .endOfInput)
        }
        return StatementBlock(statements: body.statements, traps: body.traps, range: SourceRange(start: t.start, end: pos))
    }

    /// A block after a construct, reporting `missing` when there is none.
    func requireBlock(_ missing: ParseMessage) -> StatementBlock {
        skipNewlines()
        if let b = parseStatementBlock() { return b }
        let t = peek(.expression)
        report(missing, at: SourceRange(start: t.start, end: t.start), incomplete: t.kind == .endOfInput)
        return StatementBlock(statements: [], traps: [], range: .empty(at: t.start))
    }
}
