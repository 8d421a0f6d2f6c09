extension ParserEngine {
    /// Parses a script block's contents after `{` (or a whole script when `closer` is nil); does not
    /// consume the closer.
    /// The body of a function or a class method after its consumed `{`, through the `}` (a missing
    /// one is MissingEndCurlyBrace at the `{`); its range spans both braces.
    func parseCurlyBody(after lc: Token, isFilter: Bool = false) -> ScriptBlock {
        var body = parseScriptBlockBody(start: lc.start, closer: .rCurly, isFilter: isFilter)
        let rc = peek(.expression)
        if rc.kind == .rCurly {
            consume(rc)
        } else {
            report(.missingEndCurlyBrace, at: lc.range, incomplete: rc.kind == .endOfInput)
        }
        body.range = SourceRange(start: lc.start, end: pos)
        return body
    }

    func parseScriptBlockBody(start: Int, closer: TokenKind?, isFilter: Bool = false, isScript: Bool = false) -> ScriptBlock {
        guard enter() else {
            leave()
            skipToEndForDepth()
            return emptyScriptBlock(at: start)
        }
        defer { leave() }
        var usings: [String] = []
        skipNewlines(semicolons: true)
        if isScript {
            while let (kw, e) = keyword(at: positionAfterTrivia()), kw == .using {
                let s = positionAfterTrivia()
                var j = e
                while j < end && !isNewline(src[j]) && src[j] != UInt8(ascii: ";") { j += 1 }
                usings.append(string(e, j).trimmingSpaces())
                checkUsingAssembly(keywordEnd: e, lineEnd: j)
                if let resume = checkUsingNamespace(start: s, keywordEnd: e, lineEnd: j) {
                    usings.removeLast()
                    rewind(to: resume)
                    break
                }
                rewind(to: j)
                skipNewlines(semicolons: true)
            }
        }
        let paramBlock = parseParamBlockIfPresent()
        skipNewlines(semicolons: true)

        var sb = ScriptBlock(requirements: [], usingStatements: usings, paramBlock: paramBlock, dynamicParamBlock: nil,
                             beginBlock: nil, processBlock: nil, endBlock: nil, cleanBlock: nil,
                             range: SourceRange(start: start, end: start))
        // As in PowerShell, a body whose first word is a block name is a list of named blocks, even
        // when that name has no block after it (then MissingNamedStatementBlock, just after the name).
        if namedBlockAhead(requireBlock: false) != nil {
            while true {
                skipNewlines(semicolons: true)
                let t = peek(.expression)
                if t.kind == .endOfInput { break }
                if let c = closer, t.kind == c { break }
                let before = pos
                guard let (kind, kwStart, kwEnd) = namedBlockAhead(requireBlock: false) else {
                    report(.missingNamedBlocks(tokenText(peek(.command))), token: peek(.command))
                    recoverToStatementEnd()
                    if pos == before { consume(peek(.command)) }
                    continue
                }
                rewind(to: kwEnd)
                skipNewlines()
                let body: StatementBlock
                if let b = parseStatementBlock() {
                    body = b
                } else {
                    report(.missingNamedStatementBlock(kind.rawValue), at: .empty(at: kwEnd), incomplete: isAtEndOfScript(kwEnd))
                    body = StatementBlock(statements: [], traps: [], range: .empty(at: kwEnd))
                }
                let nb = NamedBlock(kind: kind, body: body, isUnnamed: false, range: SourceRange(start: kwStart, end: pos))
                let already: Bool
                switch kind {
                case .begin: already = sb.beginBlock != nil; sb.beginBlock = nb
                case .process: already = sb.processBlock != nil; sb.processBlock = nb
                case .end: already = sb.endBlock != nil; sb.endBlock = nb
                case .dynamicParam: already = sb.dynamicParamBlock != nil; sb.dynamicParamBlock = nb
                case .clean: already = sb.cleanBlock != nil; sb.cleanBlock = nb
                }
                if already {
                    report(.duplicateScriptCommandClause(kind.rawValue), at: SourceRange(start: kwStart, end: kwEnd))
                }
            }
        } else {
            let body = parseStatementList(closer: closer)
            let nb = NamedBlock(kind: isFilter ? .process : .end, body: body, isUnnamed: true, range: body.range)
            if isFilter { sb.processBlock = nb } else { sb.endBlock = nb }
        }
        sb.range = SourceRange(start: start, end: pos)
        return sb
    }

    /// If `begin`/`process`/`end`/`dynamicparam`/`clean` followed by `{` is next, its kind and extent.
    func namedBlockAhead(requireBlock: Bool = true) -> (NamedBlockKind, Int, Int)? {
        let p = positionAfterTrivia()
        guard let (kw, e) = keyword(at: p) else { return nil }
        let kind: NamedBlockKind
        switch kw {
        case .begin: kind = .begin
        case .process: kind = .process
        case .end: kind = .end
        case .dynamicparam: kind = .dynamicParam
        case .clean: kind = .clean
        default: return nil
        }
        if !requireBlock { return (kind, p, e) }
        let save = pos
        rewind(to: e)
        skipNewlines()
        let isBlock = peek(.expression).kind == .lCurly
        rewind(to: save)
        return isBlock ? (kind, p, e) : nil
    }

    /// `[Attr()]... param( ... )` at the start of a script block; nothing is consumed if absent.
    func parseParamBlockIfPresent() -> ParamBlock? {
        guard paramKeywordFollowsAttributes() else { return nil }
        let save = pos
        // Brackets that turn out not to be a param block's attributes are parsed again as statements.
        // Such brackets can hold script blocks that start the same way: each level parsed its inner
        // levels twice (2^n for n levels: 16 copies of `{ [a((x] param($y) ` took 0.4 s, 18 took 1.6 s).
        // Where no param block was found once, none is found again.
        let attempt = save << 1 | (commaDisabled ? 1 : 0)
        if paramBlockAbsent.contains(attempt) { return nil }
        let savedErrors = errors.count
        func absent() -> ParamBlock? {
            rewind(to: save)
            // The attempt's errors go, except the nesting limit's: it is reported once per parse.
            let tooDeep = errors[savedErrors...].first { $0.id == ParseMessage.scriptTooComplicated.id }
            errors.removeSubrange(savedErrors...)
            if let tooDeep { errors.append(tooDeep) }
            paramBlockAbsent.insert(attempt)
            return nil
        }
        let start = positionAfterTrivia()
        var attributes: [AttributeNode] = []
        while true {
            let t = peek(.expression)
            guard t.kind == .lBracket else { break }
            consume(t)
            switch parseBracketContent(open: t, allowAttribute: true) {
            case .attribute(let a): attributes.append(a)
            case .type:
                // A type before `param` is not valid; it must be an expression statement instead.
                return absent()
            }
            skipNewlines()
        }
        let p = positionAfterTrivia()
        guard let (kw, e) = keyword(at: p), kw == .param else { return absent() }
        rewind(to: e)
        recordToken(kind: "Param", start: p, end: e)
        skipNewlines()
        let open = peek(.expression)
        guard open.kind == .lParen else {
            // `param` used as a command name
            return absent()
        }
        consume(open)
        let params = parseParameterList(closer: .rParen)
        skipNewlines()
        let close = peek(.expression)
        if close.kind == .rParen {
            consume(close)
        } else {
            // Reported after the last parameter; the parameters are kept as if the `)` were there.
            reportAfter(.missingEndParenthesisInFunctionParameterList, params.last?.range.end ?? open.end)
        }
        return ParamBlock(attributes: attributes, parameters: params, range: SourceRange(start: start, end: pos))
    }

    /// Byte-level lookahead: do `[...]` groups (possibly none), spaces and comments lead to `param`?
    /// Keeps the parser from parsing attributes twice when they turn out to be an expression.
    private func paramKeywordFollowsAttributes() -> Bool {
        var i = pos
        while true {
            // skip spaces, newlines, comments
            while i < end {
                let c = src[i]
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { i += 1; continue }
                if c == UInt8(ascii: "#") { while i < end && !isNewline(src[i]) { i += 1 }; continue }
                if c == UInt8(ascii: "<") && i + 1 < end && src[i + 1] == UInt8(ascii: "#") {
                    i += 2
                    while i + 1 < end && !(src[i] == UInt8(ascii: "#") && src[i + 1] == UInt8(ascii: ">")) { i += 1 }
                    i += 2
                    continue
                }
                if c == UInt8(ascii: "`") && i + 1 < end && isNewline(src[i + 1]) { i += 2; continue }
                let n = spaceLength(at: i)
                if n > 0 { i += n; continue }
                break
            }
            guard i < end else { return false }
            if src[i] == UInt8(ascii: "[") {
                // skip a balanced [...] (quotes inside are skipped naively)
                var nesting = 0
                while i < end {
                    let c = src[i]
                    if c == UInt8(ascii: "[") { nesting += 1 }
                    else if c == UInt8(ascii: "]") { nesting -= 1; if nesting == 0 { i += 1; break } }
                    else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                        i += 1
                        while i < end && src[i] != c { i += 1 }
                    }
                    i += 1
                }
                continue
            }
            if let (kw, _) = keyword(at: i), kw == .param { return true }
            return false
        }
    }

    /// Comma-separated parameters up to `closer` (not consumed).
    func parseParameterList(closer: TokenKind) -> [ParameterNode] {
        var params: [ParameterNode] = []
        var seen: Set<String> = []
        while true {
            skipNewlines()
            let t = peek(.expression)
            // A `}` ends the list too (`param(}`): the missing `)` is the one error, and the `}` still
            // closes the enclosing block.
            if t.kind == closer || t.kind == .endOfInput || t.kind == .rCurly { break }
            let before = pos
            let pstart = t.start
            var attrs: [AttributeOrType] = []
            while true {
                let b = peek(.expression)
                guard b.kind == .lBracket else { break }
                consume(b)
                attrs.append(parseBracketContent(open: b, allowAttribute: true))
                skipNewlines()
            }
            let v = peek(.expression)
            guard v.kind == .variable, case .variable(let path) = v.payload else {
                if v.kind == .splattedVariable, case .variable(let path) = v.payload {
                    report(.splattingNotPermitted(path.userPath), at: v.range)
                } else {
                    report(.invalidFunctionParameter, token: v)
                }
                // skip to the next comma or the closer
                while true {
                    let x = peek(.expression)
                    if x.kind == .comma || x.kind == closer || x.kind == .endOfInput { break }
                    consume(x)
                }
                let c = peek(.expression)
                if c.kind == .comma { consume(c); continue }
                break
            }
            consume(v)
            if !seen.insert(path.name.lowercased()).inserted {
                report(.duplicateFormalParameter(path.userPath), at: v.range)
            }
            var defaultValue: Expression?
            skipNewlines()
            let eq = peek(.expression)
            if eq.kind == .equals {
                consume(eq)
                skipNewlines()
                defaultValue = parseExpressionNoComma()
                if defaultValue == nil {
                    report(.expectedValueExpression(operator: "="), token: peek(.expression))
                }
            }
            params.append(ParameterNode(attributes: attrs, name: path, defaultValue: defaultValue,
                                        range: SourceRange(start: pstart, end: pos), nameRange: v.range))
            skipNewlines()
            let c = peek(.expression)
            if c.kind == .comma {
                consume(c)
                skipNewlines()
                let n = peek(.expression)
                if n.kind == closer {
                    report(.missingExpressionAfterToken(","), at: c.range)
                }
                continue
            }
            // Anything else ends the list quietly (PowerShell's ParameterListRule): the caller reports
            // the missing `)` after this parameter, and what follows is parsed as statements.
            if pos == before { consume(peek(.expression)) }
            break
        }
        return params
    }

    // MARK: Types and attributes

    /// Scans a dotted type name at the current position (after trivia); returns nil if none.
    private func scanTypeNameText() -> (String, SourceRange)? {
        _ = skipTrivia()
        let s = pos
        var i = s
        while i < end {
            let c = src[i]
            if isASCIILetter(c) || isDigit(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "+") || c == UInt8(ascii: "`") || c == UInt8(ascii: "#") {
                i += 1
            } else if c >= 0x80 && isNameChar(at: i) {
                i = nextChar(i)
            } else {
                break
            }
        }
        guard i > s else { return nil }
        rewind(to: i)
        recordToken(kind: "Identifier", start: s, end: i)
        return (string(s, i), SourceRange(start: s, end: i))
    }

    /// Parses a type name with generic arguments and array ranks, stopping before the closing `]`.
    func parseTypeName(allowAssembly: Bool = false) -> TypeName? {
        guard enter() else { leave(); return nil }
        defer { leave() }
        guard let (name, r) = scanTypeNameText() else { return nil }
        var tn = TypeName(name: name, range: r)
        while true {
            _ = skipTrivia()
            guard pos < end, src[pos] == UInt8(ascii: "[") else { break }
            let save = pos
            rewind(to: pos + 1)
            _ = skipTrivia()
            if pos < end && (src[pos] == UInt8(ascii: "]") || src[pos] == UInt8(ascii: ",")) { // [] or [,,]
                var rank = 1
                let firstComma = pos
                var lastCommaEnd = pos
                while pos < end && src[pos] == UInt8(ascii: ",") {
                    rank += 1
                    lastCommaEnd = pos + 1
                    rewind(to: pos + 1)
                    _ = skipTrivia()
                }
                // .NET's arrays have at most 32 dimensions: the commas are the error, a `]` after them
                // is taken as the array's, and the type ends there (PowerShell's CompleteArrayTypeName).
                if rank > 32 {
                    report(.arrayHasTooManyDimensions(rank), at: SourceRange(start: firstComma, end: lastCommaEnd))
                    if pos < end && src[pos] == UInt8(ascii: "]") { rewind(to: pos + 1) }
                    break
                }
                guard pos < end, src[pos] == UInt8(ascii: "]") else { rewind(to: save); break }
                rewind(to: pos + 1)
                tn.arrayRanks.append(rank)
                continue
            }
            guard tn.arrayRanks.isEmpty && tn.genericArguments.isEmpty else { rewind(to: save); break }
            // Generic arguments: T1, T2 (each optionally bracketed)
            var args: [TypeName] = []
            while true {
                _ = skipTrivia()
                var bracketed = false
                if pos < end && src[pos] == UInt8(ascii: "[") { bracketed = true; rewind(to: pos + 1) }
                // Only a bracketed argument can name its assembly: otherwise the comma separates arguments.
                guard let a = parseTypeName(allowAssembly: bracketed) else { break }
                args.append(a)
                _ = skipTrivia()
                if bracketed {
                    if pos < end && src[pos] == UInt8(ascii: "]") { rewind(to: pos + 1) } else { break }
                    _ = skipTrivia()
                }
                if pos < end && src[pos] == UInt8(ascii: ",") { rewind(to: pos + 1); continue }
                break
            }
            _ = skipTrivia()
            guard !args.isEmpty, pos < end, src[pos] == UInt8(ascii: "]") else {
                rewind(to: save)
                break
            }
            rewind(to: pos + 1)
            tn.genericArguments = args
        }
        tn.range = SourceRange(start: r.start, end: pos)
        if allowAssembly { tn.assemblyName = scanAssemblyName() }
        return tn
    }

    /// `, mscorlib, Version=4.0.0.0, ...` after a type name, up to (not including) the `]`; nil (and
    /// nothing consumed) when no comma follows.
    private func scanAssemblyName() -> String? {
        let save = pos
        _ = skipTrivia()
        guard pos < end, src[pos] == UInt8(ascii: ",") else { rewind(to: save); return nil }
        var j = pos + 1
        while j < end && src[j] != UInt8(ascii: "]") && src[j] != UInt8(ascii: "[") && !isNewline(src[j]) { j += 1 }
        guard j < end, src[j] == UInt8(ascii: "]") else { rewind(to: save); return nil }
        let name = string(pos + 1, j).trimmingSpaces()
        guard !name.isEmpty else { rewind(to: save); return nil }
        rewind(to: j)
        return name
    }

    /// What follows a member name: `[T1, T2]` type arguments of a generic method, or nothing of the kind.
    enum GenericMethodArguments {
        case none
        case arguments([TypeName])
        /// An identifier after `[` committed to type arguments that then did not close (reported).
        case failed
    }

    /// `[T1, T2]` right after a method name (`$list.ConvertAll[string](...)`), as PowerShell reads it:
    /// a `[` whose first token is a name commits to type arguments (errors are reported there); any
    /// other `[` is an index (`$x.Items[0]`, `$x.Items[[T]]`). Arguments not followed by `(` are read
    /// again as an index.
    func parseGenericMethodArguments() -> GenericMethodArguments {
        let save = pos
        guard pos < end, src[pos] == UInt8(ascii: "[") else { return .none }
        rewind(to: pos + 1)
        skipNewlines()
        guard pos < end, isASCIILetter(src[pos]) || src[pos] == UInt8(ascii: "_") else { rewind(to: save); return .none }
        var args: [TypeName] = []
        while true {
            _ = skipTrivia()
            if let a = parseTypeName() {
                args.append(a)
            } else {
                let t = peek(.expression)
                report(.missingTypename, at: SourceRange(start: t.start, end: t.start), incomplete: t.kind == .endOfInput)
            }
            _ = skipTrivia()
            if pos < end && src[pos] == UInt8(ascii: ",") { rewind(to: pos + 1); continue }
            break
        }
        guard pos < end, src[pos] == UInt8(ascii: "]") else {
            let t = peek(.expression)
            report(.endSquareBracketExpectedAtEndOfType, at: SourceRange(start: t.start, end: t.start), incomplete: t.kind == .endOfInput)
            return .failed
        }
        rewind(to: pos + 1)
        guard pos < end, src[pos] == UInt8(ascii: "(") else { rewind(to: save); return .none }
        return .arguments(args)
    }

    /// After `[` was consumed: a type `[T]` or an attribute `[Name(args)]`, including the `]`.
    func parseBracketContent(open: Token, allowAttribute: Bool) -> AttributeOrType {
        guard let tn = parseTypeName(allowAssembly: true) else {
            let t = peek(.expression)
            report(.missingTypename, at: SourceRange(start: open.start, end: open.end),
                   incomplete: t.kind == .endOfInput)
            skipToBracketEnd()
            return .type(TypeName(name: "", range: open.range))
        }
        _ = skipTrivia()
        if allowAttribute && pos < end && src[pos] == UInt8(ascii: "(") && tn.arrayRanks.isEmpty {
            recordToken(kind: "LParen", start: pos, end: pos + 1)
            rewind(to: pos + 1)
            var positional: [Expression] = []
            var named: [NamedAttributeArgument] = []
            while true {
                skipNewlines()
                let t = peek(.expression)
                if t.kind == .rParen || t.kind == .endOfInput { break }
                let before = pos
                if t.kind == .identifier, case .text(let name) = t.payload {
                    consume(t)
                    skipNewlines()
                    let eq = peek(.expression)
                    if eq.kind == .equals {
                        consume(eq)
                        skipNewlines()
                        let v = parseExpressionNoComma()
                        if v == nil {
                            report(.missingExpressionInNamedArgument, token: peek(.expression))
                        }
                        named.append(NamedAttributeArgument(name: name, value: v, range: SourceRange(start: t.start, end: pos)))
                    } else {
                        named.append(NamedAttributeArgument(name: name, value: nil, range: t.range))
                    }
                } else if let e = parseExpressionNoComma() {
                    positional.append(e)
                } else {
                    report(.unexpectedToken(tokenText(t)), token: t)
                }
                skipNewlines()
                let c = peek(.expression)
                if c.kind == .comma { consume(c); continue }
                if c.kind != .rParen {
                    if c.kind != .endOfInput {
                        report(.unexpectedToken(tokenText(c)), token: c)
                    }
                    if pos == before { consume(c) }
                    while true {
                        let x = peek(.expression)
                        if x.kind == .rParen || x.kind == .rBracket || x.kind == .endOfInput || x.kind == .newline { break }
                        consume(x)
                    }
                }
                break
            }
            expectClosingParen(else: .missingEndParenthesisInExpression)
            expectCloseBracket()
            return .attribute(AttributeNode(typeName: tn, positionalArguments: positional, namedArguments: named,
                                            range: SourceRange(start: open.start, end: pos)))
        }
        expectCloseBracket()
        var t2 = tn
        t2.range = tn.range
        return .type(t2)
    }

    private func expectCloseBracket() {
        _ = skipTrivia()
        if pos < end && src[pos] == UInt8(ascii: "]") {
            recordToken(kind: "RBracket", start: pos, end: pos + 1)
            rewind(to: pos + 1)
        } else {
            report(.endSquareBracketExpectedAtEndOfAttribute,
                   at: SourceRange(start: min(pos, end), end: min(pos, end)), incomplete: pos >= end)
            skipToBracketEnd()
        }
    }

    private func skipToBracketEnd() {
        while pos < end && src[pos] != UInt8(ascii: "]") && !isNewline(src[pos]) { pos += 1 }
        if pos < end && src[pos] == UInt8(ascii: "]") { pos += 1 }
        cacheStart = -1
    }
}
