extension ParserEngine {
    /// A full expression: ternary `a ? b : c` over binary operators over comma arrays.
    func parseExpression() -> Expression? {
        guard enter() else { leave(); skipToEndForDepth(); return nil }
        defer { leave() }
        let start = positionAfterTrivia()
        guard let cond = parseBinary(minPrecedence: 1) else { return nil }
        let q = peek(.expression)
        // After a space `?.` and `?[` are not null-conditional: the `?` is a ternary's (`$x ?.name`).
        let spacedNullConditional = q.spaceBefore && (q.kind == .questionDot || q.kind == .questionLBracket)
        guard q.kind == .questionMark || spacedNullConditional else { return cond }
        if spacedNullConditional { rewind(to: q.start + 1) } else { consume(q) }
        let incompleteTernary = ErrorExpr(range: SourceRange(start: start, end: q.start + 1), isIncompleteTernary: true)
        skipNewlines()
        var trueBranch = parseExpression()
        if trueBranch == nil {
            // No value after the `?`: PowerShell's ErrorExpressionAst, unless a `:` follows, when the
            // ternary goes on with an error for its true branch (`$true ? : 3`).
            let n = peek(.expression)
            report(.expectedValueExpression(operator: "?"),
                   at: spacedNullConditional ? .empty(at: q.start + 1) : n.range, incomplete: n.kind == .endOfInput)
            guard n.kind == .colon else { return .error(incompleteTernary) }
            trueBranch = .error(ErrorExpr(range: .empty(at: n.start)))
        }
        let a = trueBranch!
        skipNewlines()
        let colon = peek(.expression)
        guard colon.kind == .colon else {
            report(.missingColonInTernaryExpression,
                   at: SourceRange(start: colon.start, end: colon.start), incomplete: colon.kind == .endOfInput)
            var e = incompleteTernary
            e.range.end = pos
            return .error(e)
        }
        consume(colon)
        skipNewlines()
        guard let b = parseExpression() else {
            report(.expectedValueExpression(operator: ":"), token: peek(.expression))
            return .ternary(TernaryExpr(condition: cond, ifTrue: a, ifFalse: .error(ErrorExpr(range: .empty(at: pos))),
                                        range: SourceRange(start: start, end: pos)))
        }
        return .ternary(TernaryExpr(condition: cond, ifTrue: a, ifFalse: b, range: SourceRange(start: start, end: pos)))
    }

    /// An expression in which a top-level comma separates items (method arguments, attribute
    /// arguments, parameter defaults) instead of building an array.
    func parseExpressionNoComma() -> Expression? {
        let saved = commaDisabled
        commaDisabled = true
        defer { commaDisabled = saved }
        return parseExpression()
    }

    private func binaryOperator(_ t: Token) -> BinaryOperator? {
        switch t.kind {
        case .plus: return .add
        case .minus: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .remainder: return .remainder
        case .dotDot: return .range
        case .questionQuestion: return .nullCoalesce
        case .dashOperator:
            if case .dashOperator(let b, _) = t.payload { return b }
            return nil
        default: return nil
        }
    }

    /// Precedence climbing over PowerShell's binary operators (all left-associative).
    func parseBinary(minPrecedence: Int) -> Expression? {
        guard var left = parseArrayLiteral() else { return nil }
        // Every operator applied deepens the (left-leaning) tree, so each one counts as a nesting level.
        var entered = 0
        defer { depth -= entered }
        while true {
            let t = peek(.expression)
            guard let op = binaryOperator(t), op.precedence >= minPrecedence else { break }
            consume(t)
            skipNewlines()
            entered += 1
            guard enter() else { skipToEndForDepth(); return left }
            let right = parseBinary(minPrecedence: op.precedence + 1)
            guard let r = right else {
                let n = peek(.expression)
                report(.expectedValueExpression(operator: tokenText(t)),
                       at: SourceRange(start: n.start, end: n.start), incomplete: n.kind == .endOfInput)
                return .binary(BinaryExpr(op: op, left: left, right: .error(ErrorExpr(range: .empty(at: n.start))),
                                          operatorRange: t.range, range: SourceRange(start: left.range.start, end: pos)))
            }
            left = .binary(BinaryExpr(op: op, left: left, right: r, operatorRange: t.range,
                                      range: SourceRange(start: left.range.start, end: r.range.end)))
        }
        return left
    }

    /// Unary expressions joined by `,` into an array literal.
    func parseArrayLiteral() -> Expression? {
        guard let first = parseUnary() else { return nil }
        if commaDisabled { return first }
        var t = peek(.expression)
        guard t.kind == .comma else { return first }
        var items = [first]
        while t.kind == .comma {
            consume(t)
            skipNewlines()
            guard let e = parseUnary() else {
                let n = peek(.expression)
                report(.missingExpressionAfterToken(","), at: t.range,
                       incomplete: n.kind == .endOfInput)
                break
            }
            items.append(e)
            t = peek(.expression)
        }
        return .arrayLiteral(ArrayLiteralExpr(elements: items, range: SourceRange(start: first.range.start, end: pos)))
    }

    /// True when `t` can begin a unary expression.
    func startsUnary(_ t: Token) -> Bool {
        switch t.kind {
        case .variable, .splattedVariable, .number, .stringLiteral, .stringExpandable, .hereStringLiteral,
             .hereStringExpandable, .lParen, .dollarParen, .atParen, .atCurly, .lCurly, .lBracket, .exclaim,
             .minus, .plus, .plusPlus, .minusMinus, .comma:
            return true
        case .dashOperator:
            if case .dashOperator(_, let u) = t.payload { return u != nil }
            return false
        default:
            return false
        }
    }

    func parseUnary() -> Expression? {
        guard enter() else { leave(); skipToEndForDepth(); return nil }
        defer { leave() }
        let t = peek(.expression)
        var op: UnaryOperator?
        switch t.kind {
        case .exclaim: op = .not
        case .minus: op = .negate
        case .plus: op = .plus
        case .plusPlus: op = .preIncrement
        case .minusMinus: op = .preDecrement
        case .dashOperator:
            if case .dashOperator(_, let u) = t.payload { op = u }
        case .comma:
            consume(t)
            skipNewlines()
            guard let e = parseUnary() else {
                report(.missingExpressionAfterUnaryOperator(","), token: peek(.expression))
                return .error(ErrorExpr(range: t.range))
            }
            return .arrayLiteral(ArrayLiteralExpr(elements: [e], range: SourceRange(start: t.start, end: e.range.end)))
        case .lBracket:
            return parseTypeOrCast(t)
        default:
            break
        }
        if let op {
            consume(t)
            // `-5`: fold the sign into the literal so `-2147483648` is an Int32 like in PowerShell.
            if op == .negate {
                let n = peek(.expression)
                if n.kind == .number, !n.spaceBefore, case .number(let v) = n.payload {
                    consume(n)
                    let folded = Expression.number(NumberExpr(value: negate(v), range: SourceRange(start: t.start, end: n.end)))
                    return parsePostfix(folded, start: t.start)
                }
            }
            guard let operand = parseUnary() else {
                let n = peek(.expression)
                report(.missingExpressionAfterUnaryOperator(tokenText(t)),
                       at: SourceRange(start: n.start, end: n.start), incomplete: n.kind == .endOfInput)
                return .unary(UnaryExpr(op: op, operand: .error(ErrorExpr(range: .empty(at: n.start))),
                                        range: SourceRange(start: t.start, end: pos)))
            }
            return .unary(UnaryExpr(op: op, operand: operand, range: SourceRange(start: t.start, end: operand.range.end)))
        }
        guard let p = parsePrimary() else { return nil }
        return parsePostfix(p, start: p.range.start)
    }

    /// `[T]`, `[T]operand`, `[T]::Member`, `[ordered]@{}`, `[Attr()]operand`.
    private func parseTypeOrCast(_ open: Token) -> Expression? {
        consume(open)
        let content = parseBracketContent(open: open, allowAttribute: true)
        let n = peek(.expression)
        switch content {
        case .attribute(let a):
            guard startsUnary(n), n.kind != .comma, let child = parseUnary() else {
                report(.unexpectedAttribute(a.typeName.fullName), at: a.range)
                return .error(ErrorExpr(range: a.range))
            }
            checkAttributeTarget(a, child: child)
            return .attributed(AttributedExpr(attribute: a, child: child, range: SourceRange(start: open.start, end: pos)))
        case .type(let tn):
            let lit = Expression.typeLiteral(TypeLiteralExpr(type: tn, range: SourceRange(start: open.start, end: pos)))
            if !n.spaceBefore && (n.kind == .doubleColon || n.kind == .dot) {
                return parsePostfix(lit, start: open.start)
            }
            guard startsUnary(n), n.kind != .comma else { return lit }
            guard let operand = parseUnary() else { return lit }
            if tn.name.lowercased() == "ordered", tn.genericArguments.isEmpty, tn.arrayRanks.isEmpty,
               case .hashtable(var h) = operand {
                h.isOrdered = true
                h.range = SourceRange(start: open.start, end: h.range.end)
                return .hashtable(h)
            }
            let range = SourceRange(start: open.start, end: operand.range.end)
            if tn.name.lowercased() == "ordered", tn.genericArguments.isEmpty, tn.arrayRanks.isEmpty {
                // `[ordered]` makes an OrderedDictionary of a hash literal and of nothing else.
                report(.orderedAttributeOnlyOnHashLiteral(tn.name), at: range)
            }
            checkReferenceCast(type: tn, operand: operand)
            return .convert(ConvertExpr(type: tn, operand: operand, range: range))
        }
    }

    /// Primary expressions: literals, variables, `( )`, `$( )`, `@( )`, `@{ }`, `{ }`.
    func parsePrimary() -> Expression? {
        let t = peek(.expression)
        switch t.kind {
        case .number:
            consume(t)
            guard case .number(let v) = t.payload else { return nil }
            return .number(NumberExpr(value: v, range: t.range))
        case .stringLiteral, .stringExpandable, .hereStringLiteral, .hereStringExpandable:
            consume(t)
            if case .expression(let e) = t.payload { return e }
            return nil
        case .variable:
            consume(t)
            guard case .variable(let path) = t.payload else { return nil }
            return .variable(VariableExpr(path: path, isSplatted: false, range: t.range))
        case .splattedVariable:
            consume(t)
            guard case .variable(let path) = t.payload else { return nil }
            report(.splattingNotPermitted(path.userPath), at: t.range)
            return .variable(VariableExpr(path: path, isSplatted: true, range: t.range))
        case .lParen:
            consume(t)
            return withCommas { parseParenthesized(t) }
        case .dollarParen:
            return .subExpression(withCommas { parseSubExpression(openAt: t.start) })
        case .atParen:
            consume(t)
            let body = withCommas { parseGroupedStatements(open: t) }
            return .arrayExpression(ArrayExpressionExpr(body: body, range: SourceRange(start: t.start, end: pos)))
        case .atCurly:
            consume(t)
            return withCommas { parseHashtable(t) }
        case .lCurly:
            consume(t)
            return withCommas { parseScriptBlockLiteral(t) }
        default:
            return nil
        }
    }

    /// Runs `body` with comma arrays allowed again (inside brackets of any kind).
    func withCommas<T>(_ body: () -> T) -> T {
        let saved = commaDisabled
        commaDisabled = false
        defer { commaDisabled = saved }
        return body()
    }

    private func parseParenthesized(_ open: Token) -> Expression {
        guard enter() else { leave(); skipToEndForDepth(); return .error(ErrorExpr(range: open.range)) }
        defer { leave() }
        skipNewlines()
        let first = peek(.command)
        if first.kind == .rParen || first.kind == .endOfInput {
            report(.expectedExpressionAfterOpenParenthesis,
                   at: SourceRange(start: first.start, end: first.start), incomplete: first.kind == .endOfInput)
            if first.kind == .rParen { consume(first) }
            return .error(ErrorExpr(range: SourceRange(start: open.start, end: pos)))
        }
        let inner = parseStatement() ?? .error(ErrorStatement(range: .empty(at: pos)))
        skipNewlines()
        if let found = expectClosingParen(else: .missingEndParenthesisInExpression), found.kind != .endOfInput {
            recoverToCloser(.rParen)
        }
        return .paren(ParenExpr(pipeline: inner, range: SourceRange(start: open.start, end: pos)))
    }

    /// Skips to (and over) the matching closer after an error inside brackets.
    func recoverToCloser(_ closer: TokenKind) {
        var nesting = 0
        while true {
            let t = peek(.command)
            switch t.kind {
            case .endOfInput: return
            case .lParen, .lCurly, .atParen, .atCurly, .dollarParen: nesting += 1
            case .rParen, .rCurly:
                if nesting == 0 {
                    if t.kind == closer { consume(t) }
                    return
                }
                nesting -= 1
            default: break
            }
            consume(t)
        }
    }

    /// Statements up to `)` after `$(` or `@(`; consumes the `)`.
    func parseGroupedStatements(open: Token) -> StatementBlock {
        guard enter() else { leave(); skipToEndForDepth(); return StatementBlock(statements: [], traps: [], range: open.range) }
        defer { leave() }
        let body = parseStatementList(closer: .rParen)
        expectClosingParen(else: .missingEndParenthesisInSubexpression)
        return StatementBlock(statements: body.statements, traps: body.traps, range: SourceRange(start: open.start, end: pos))
    }

    /// `$( ... )` starting at `s` (the `$`); leaves `pos` after the `)`.
    func parseSubExpression(openAt s: Int) -> SubExpressionExpr {
        rewind(to: s + 2)
        let open = Token(kind: .dollarParen, start: s, end: s + 2, spaceBefore: false, payload: .none)
        let body = withCommas { parseGroupedStatements(open: open) }
        return SubExpressionExpr(body: body, range: SourceRange(start: s, end: pos))
    }

    private func parseHashtable(_ open: Token) -> Expression {
        guard enter() else { leave(); skipToEndForDepth(); return .error(ErrorExpr(range: open.range)) }
        defer { leave() }
        var entries: [HashtableEntry] = []
        while true {
            skipNewlines(semicolons: true)
            let t = peek(.expression)
            if t.kind == .rCurly { consume(t); break }
            if t.kind == .endOfInput {
                // Just after the `@{`, where PowerShell puts it.
                report(.missingEndCurlyBrace, at: .empty(at: open.end), incomplete: true)
                break
            }
            let before = pos
            var key: Expression?
            if t.kind == .identifier, case .text(let name) = t.payload {
                consume(t)
                key = .string(StringConstantExpr(value: name, quoteKind: .bare, range: t.range))
            } else if t.kind == .equals {
                report(.missingKeyInHashLiteral, at: t.range)
            } else {
                key = parseExpressionNoCommaUnary()
            }
            guard let k = key else {
                if t.kind != .equals {
                    report(.missingEqualsInHashLiteral, token: t)
                }
                recoverToStatementEnd(.expression)
                if pos == before { consume(peek(.expression)) }
                continue
            }
            let eq = peek(.expression)
            guard eq.kind == .equals else {
                report(.missingEqualsInHashLiteral,
                       at: SourceRange(start: eq.start, end: eq.start), incomplete: eq.kind == .endOfInput)
                recoverToStatementEnd(.expression)
                if pos == before { consume(peek(.expression)) }
                continue
            }
            consume(eq)
            skipNewlines()
            let v = peek(.command)
            var value: Statement
            if [.rCurly, .semicolon, .endOfInput].contains(v.kind) {
                report(.missingStatementInHashLiteral,
                       at: SourceRange(start: v.start, end: v.start), incomplete: v.kind == .endOfInput)
                value = .error(ErrorStatement(range: .empty(at: v.start)))
            } else {
                value = parseStatement() ?? .error(ErrorStatement(range: .empty(at: v.start)))
            }
            entries.append(HashtableEntry(key: k, value: value, range: SourceRange(start: k.range.start, end: pos)))
            let sep = peek(.expression)
            if sep.kind != .newline && sep.kind != .semicolon && sep.kind != .rCurly && sep.kind != .endOfInput {
                report(.missingEndCurlyBrace, at: .empty(at: open.end))
                recoverToStatementEnd(.expression)
            }
            if pos == before { consume(peek(.expression)) }
        }
        return .hashtable(HashtableExpr(entries: entries, isOrdered: false, range: SourceRange(start: open.start, end: pos)))
    }

    private func parseExpressionNoCommaUnary() -> Expression? {
        let saved = commaDisabled
        commaDisabled = true
        defer { commaDisabled = saved }
        return parseUnary()
    }

    private func parseScriptBlockLiteral(_ open: Token) -> Expression {
        let body = parseScriptBlockBody(start: open.start, closer: .rCurly)
        let close = peek(.expression)
        if close.kind == .rCurly {
            consume(close)
        } else {
            report(.missingEndCurlyBrace, at: open.range, incomplete: close.kind == .endOfInput)
        }
        var b = body
        b.range = SourceRange(start: open.start, end: pos)
        return .scriptBlock(ScriptBlockExpr(body: b, range: b.range))
    }

    // MARK: Postfix

    /// Member access, method calls, indexing and `++`/`--` written directly after an expression.
    func parsePostfix(_ base: Expression, start: Int) -> Expression {
        var e = base
        // Each member access or index wraps the tree once more: count it as a nesting level.
        var entered = 0
        defer { depth -= entered }
        while true {
            // A postfix operator must touch the expression: look at the next byte before lexing.
            guard pos < end else { return e }
            let c = src[pos]
            guard c == UInt8(ascii: ".") || c == UInt8(ascii: ":") || c == UInt8(ascii: "[") || c == UInt8(ascii: "?") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
                    || (c >= 0x80 && isDash(at: pos) > 0) else { return e }
            if c == UInt8(ascii: "."), pos + 1 < end, isDigit(src[pos + 1]) {
                // `$Matches.0`: the lexer would read `.0` as a number; after an expression it is a member name.
                var j = pos + 1
                while j < end && isDigit(src[j]) { j += 1 }
                let nameRange = SourceRange(start: pos + 1, end: j)
                rewind(to: j)
                let name = Expression.string(StringConstantExpr(value: text.text(nameRange), quoteKind: .bare, range: nameRange))
                e = .member(MemberExpr(target: e, member: name, isStatic: false, isNullConditional: false,
                                       range: SourceRange(start: start, end: pos)))
                continue
            }
            let t = peek(.expression)
            if t.spaceBefore { return e }
            entered += 1
            guard enter() else { skipToEndForDepth(); return e }
            switch t.kind {
            case .dot, .doubleColon, .questionDot:
                consume(t)
                // pwsh 7 lets the member name follow on the next line (`$ps.AddCommand('x').` NL `Invoke()`).
                skipNewlines()
                let isStatic = t.kind == .doubleColon
                let nullCond = t.kind == .questionDot
                guard let member = parseMemberName() else {
                    let n = peek(.expression)
                    report(.missingPropertyName,
                           at: SourceRange(start: n.start, end: n.start), incomplete: n.kind == .endOfInput)
                    return .member(MemberExpr(target: e, member: .error(ErrorExpr(range: .empty(at: pos))), isStatic: isStatic,
                                              isNullConditional: nullCond, range: SourceRange(start: start, end: pos)))
                }
                var typeArguments: [TypeName] = []
                switch parseGenericMethodArguments() {
                case .arguments(let a): typeArguments = a
                case .none: break
                case .failed:
                    return .member(MemberExpr(target: e, member: member, isStatic: isStatic, isNullConditional: nullCond,
                                              range: SourceRange(start: start, end: pos)))
                }
                let n = peek(.expression)
                if n.kind == .lParen && !n.spaceBefore {
                    consume(n)
                    let args = parseMethodArguments(open: n)
                    e = .invokeMember(InvokeMemberExpr(target: e, member: member, arguments: args, isStatic: isStatic,
                                                       isNullConditional: nullCond, range: SourceRange(start: start, end: pos),
                                                       genericArguments: typeArguments))
                } else if n.kind == .lCurly && !n.spaceBefore {
                    // `.ForEach{ ... }` / `.Where{ ... }`: a script block as the only argument.
                    consume(n)
                    let sb = withCommas { parseScriptBlockLiteral(n) }
                    e = .invokeMember(InvokeMemberExpr(target: e, member: member, arguments: [sb], isStatic: isStatic,
                                                       isNullConditional: nullCond, range: SourceRange(start: start, end: pos)))
                } else {
                    e = .member(MemberExpr(target: e, member: member, isStatic: isStatic, isNullConditional: nullCond,
                                           range: SourceRange(start: start, end: pos)))
                }
            case .lBracket, .questionLBracket:
                consume(t)
                skipNewlines()
                let first = peek(.expression)
                var index: Expression
                // A missing index is reported just after the `[` (PowerShell's After(lBracket)).
                if first.kind == .rBracket {
                    reportAfter(.missingArrayIndexExpression, t.end)
                    index = .error(ErrorExpr(range: .empty(at: first.start)))
                } else {
                    index = withCommas { parseExpression() } ?? {
                        reportAfter(.missingArrayIndexExpression, t.end)
                        return .error(ErrorExpr(range: .empty(at: first.start)))
                    }()
                }
                skipNewlines()
                let close = peek(.expression)
                if close.kind == .rBracket {
                    consume(close)
                } else {
                    // A missing index was reported already; PowerShell does not add the missing bracket.
                    if case .error = index {} else {
                        report(.missingEndSquareBracket,
                               at: SourceRange(start: close.start, end: close.start), incomplete: close.kind == .endOfInput)
                    }
                    return .index(IndexExpr(target: e, index: index, isNullConditional: t.kind == .questionLBracket,
                                            range: SourceRange(start: start, end: pos)))
                }
                e = .index(IndexExpr(target: e, index: index, isNullConditional: t.kind == .questionLBracket,
                                     range: SourceRange(start: start, end: pos)))
            case .plusPlus, .minusMinus:
                consume(t)
                return .unary(UnaryExpr(op: t.kind == .plusPlus ? .postIncrement : .postDecrement, operand: e,
                                        range: SourceRange(start: start, end: pos)))
            default:
                return e
            }
        }
    }

    /// The name after `.`/`::`: a word, a variable, a string, or a parenthesised expression.
    private func parseMemberName() -> Expression? {
        let t = peek(.expression)
        switch t.kind {
        case .identifier:
            consume(t)
            guard case .text(let s) = t.payload else { return nil }
            return .string(StringConstantExpr(value: s, quoteKind: .bare, range: t.range))
        case .number:
            // `$x.0`: a numeric member name is its text
            consume(t)
            return .string(StringConstantExpr(value: text.text(t.range), quoteKind: .bare, range: t.range))
        case .variable, .stringLiteral, .stringExpandable, .lParen, .dollarParen:
            return parsePrimary()
        // Any value names a member by its text: `$o.{.ctor}()` (MemberNameRule's `value`).
        case .lCurly, .atParen, .atCurly:
            return parsePrimary()
        case .dashOperator, .parameter:
            return nil
        default:
            return nil
        }
    }

    /// Comma-separated method arguments after `(`; consumes the `)`.
    private func parseMethodArguments(open: Token) -> [Expression] {
        var args: [Expression] = []
        let saved = commaDisabled
        commaDisabled = true
        defer { commaDisabled = saved }
        skipNewlines()
        if peek(.expression).kind == .rParen { consume(peek(.expression)); return args }
        while true {
            skipNewlines()
            let before = pos
            guard let a = parseExpression() else {
                let n = peek(.expression)
                report(.missingExpressionAfterToken(args.isEmpty ? "(" : ","),
                       at: SourceRange(start: n.start, end: n.start), incomplete: n.kind == .endOfInput)
                if n.kind != .endOfInput && n.kind != .rParen { recoverToCloser(.rParen) }
                else if n.kind == .rParen { consume(n) }
                return args
            }
            args.append(a)
            skipNewlines()
            let c = peek(.expression)
            if c.kind == .comma { consume(c); continue }
            if c.kind == .rParen { consume(c); return args }
            report(.missingEndParenthesisInMethodCall,
                   at: SourceRange(start: c.start, end: c.start), incomplete: c.kind == .endOfInput)
            if c.kind != .endOfInput { recoverToCloser(.rParen) }
            if pos == before { return args }
            return args
        }
    }
}
