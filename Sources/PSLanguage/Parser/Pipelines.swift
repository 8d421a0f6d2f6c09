extension ParserEngine {
    /// `pipeline (&& | || pipeline)* [&]`.
    func parsePipelineChain() -> Statement {
        let start = positionAfterTrivia()
        var left = parsePipeline()
        while true {
            let t = peek(.command)
            guard t.kind == .andAnd || t.kind == .orOr else { break }
            consume(t)
            if case .pipeline(let p) = left, p.isBackground {
                report(.backgroundOperatorInPipelineChain, at: p.range)
            }
            skipNewlines()
            let n = peek(.command)
            if [.endOfInput, .semicolon, .rCurly, .rParen, .pipe, .andAnd, .orOr].contains(n.kind) {
                report(.emptyPipelineChainElement, at: t.range, incomplete: n.kind == .endOfInput)
                break
            }
            let rightStmt = parsePipeline()
            var right: Pipeline
            switch rightStmt {
            case .pipeline(let p): right = p
            default:
                right = Pipeline(elements: [], isBackground: false, range: rightStmt.range)
            }
            let bg = right.isBackground
            right.isBackground = false
            left = .chain(PipelineChain(left: left, isAnd: t.kind == .andAnd, right: right, isBackground: bg,
                                        range: SourceRange(start: start, end: pos)))
        }
        return left
    }

    /// One pipeline, or an assignment statement when the first expression is followed by `=`, `+=`, ...
    func parsePipeline() -> Statement {
        let start = positionAfterTrivia()
        var elements: [PipelineElement] = []
        if isExpressionStart(at: start) {
            let expr = parseExpression() ?? .error(ErrorExpr(range: .empty(at: start)))
            let t = peek(.expression)
            if let op = assignmentOperator(t.kind) {
                consume(t)
                return parseAssignment(target: expr, op: op, opToken: t, start: start)
            }
            let redirs = parseRedirections()
            elements.append(.expression(CommandExpression(expression: expr, redirections: redirs,
                                                          range: SourceRange(start: start, end: pos))))
        } else if let c = parseCommand() {
            elements.append(.command(c))
        } else if peekKind(.command) == .pipe {
            // `| b`: the empty first element is the error; the rest is still read as a pipeline.
            report(.emptyPipeElement, at: peek(.command).range)
        } else {
            let t = peek(.command)
            report(.unexpectedToken(tokenText(t)), token: t)
            consume(t)
            return .error(ErrorStatement(range: t.range))
        }
        var background = false
        while true {
            let t = peek(.command)
            if t.kind == .ampersand {
                consume(t)
                background = true
                break
            }
            if t.kind == .newline, let pipe = leadingPipeOnNextLine() {
                rewind(to: pipe)
                continue
            }
            guard t.kind == .pipe else { break }
            consume(t)
            skipNewlines()
            let p = positionAfterTrivia()
            let n = peek(.command)
            if [.endOfInput, .pipe, .semicolon, .rCurly, .rParen, .newline, .andAnd, .orOr].contains(n.kind) {
                report(.emptyPipeElement, at: .empty(at: t.end),
                       incomplete: n.kind == .endOfInput)
                if n.kind == .pipe { continue } // `a | | b`: skip the empty stage, keep the pipeline
                break
            }
            if isExpressionStart(at: p) {
                report(.expressionsMustBeFirstInPipeline, at: SourceRange(start: p, end: p + 1))
                let e = parseExpression() ?? .error(ErrorExpr(range: .empty(at: p)))
                elements.append(.expression(CommandExpression(expression: e, redirections: parseRedirections(),
                                                              range: SourceRange(start: p, end: pos))))
            } else if let c = parseCommand() {
                elements.append(.command(c))
            } else {
                report(.emptyPipeElement, at: t.range)
                break
            }
        }
        return .pipeline(Pipeline(elements: elements, isBackground: background, range: SourceRange(start: start, end: pos)))
    }

    private func assignmentOperator(_ k: TokenKind) -> AssignmentOperator? {
        switch k {
        case .equals: return .assign
        case .plusEquals: return .add
        case .minusEquals: return .subtract
        case .multiplyEquals: return .multiply
        case .divideEquals: return .divide
        case .remainderEquals: return .remainder
        case .questionQuestionEquals: return .nullCoalesce
        default: return nil
        }
    }

    private func parseAssignment(target: Expression, op: AssignmentOperator, opToken: Token, start: Int) -> Statement {
        if !isAssignable(target, allowList: op == .assign) {
            report(.invalidLeftHandSide, at: target.range)
        }
        checkReferenceConstraint(target)
        checkAutomaticConstraint(target)
        skipNewlines()
        let n = peek(.command)
        var value: Statement
        if [.endOfInput, .semicolon, .rCurly, .rParen, .pipe].contains(n.kind) {
            report(.expectedValueExpression(operator: op.rawValue),
                   at: SourceRange(start: n.start, end: n.start), incomplete: n.kind == .endOfInput)
            value = .error(ErrorStatement(range: .empty(at: n.start)))
        } else {
            value = parseStatement() ?? .error(ErrorStatement(range: .empty(at: n.start)))
        }
        return .assignment(AssignmentStatement(target: target, op: op, value: value, range: SourceRange(start: start, end: pos)))
    }

    private func isAssignable(_ e: Expression, allowList: Bool) -> Bool {
        switch e {
        case .variable(let v): return !v.isSplatted
        // `$x?.p = 1`, `$x?[0] = 1`: PowerShell does not assign through a null-conditional access.
        case .member(let m): return !m.isNullConditional
        case .index(let i): return !i.isNullConditional
        case .convert(let c): return isAssignable(c.operand, allowList: false)
        case .attributed(let a): return isAssignable(a.child, allowList: false)
        case .arrayLiteral(let a): return allowList && a.elements.allSatisfy { isAssignable($0, allowList: false) }
        case .paren(let p):
            if case .pipeline(let pl) = p.pipeline, pl.elements.count == 1,
               case .expression(let ce) = pl.elements[0] { return isAssignable(ce.expression, allowList: allowList) }
            return false
        case .error(let e): return !e.isIncompleteTernary
        default: return false
        }
    }

    /// Decides whether a pipeline element at `p` is an expression (true) or a command (false).
    func isExpressionStart(at p: Int) -> Bool {
        guard p < end else { return false }
        let c = src[p]
        switch c {
        case UInt8(ascii: "$"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "!"), UInt8(ascii: ","): return true // $ ( [ { ! ,
        case UInt8(ascii: "@"): // @( @{ @' @" @name
            return p + 1 < end
        case UInt8(ascii: "+"): // +1, ++$x, +'7'
            return p + 1 < end && (isDigit(src[p + 1]) || src[p + 1] == UInt8(ascii: "$") || src[p + 1] == UInt8(ascii: "+") || src[p + 1] == UInt8(ascii: "(")
                                   || isSingleQuote(at: p + 1) > 0 || isDoubleQuote(at: p + 1) > 0)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            switch scanNumber(at: p) {
            case .value(_, let e), .outOfRange(let e):
                return e >= end || !(isNameChar(at: e) || src[e] == UInt8(ascii: "\\") || src[e] == UInt8(ascii: ":"))
            default:
                break
            }
            return false
        case UInt8(ascii: "."): // .5
            return p + 1 < end && isDigit(src[p + 1])
        default:
            break
        }
        let (k, n) = special(at: p)
        switch k {
        case .singleQuote, .doubleQuote: return true
        case .dash:
            let a = p + n
            guard a < end else { return false }
            if isDigit(src[a]) || src[a] == UInt8(ascii: "$") || src[a] == UInt8(ascii: "(") || src[a] == UInt8(ascii: "[") { return true }
            // `-'4'`: negation of a quoted string
            if isSingleQuote(at: a) > 0 || isDoubleQuote(at: a) > 0 { return true }
            // `- $x`, `- 5`: a lone dash followed by an operand is negation
            if spaceLength(at: a) > 0 {
                var j = a
                while j < end && spaceLength(at: j) > 0 { j += spaceLength(at: j) }
                return j < end && (isDigit(src[j]) || src[j] == UInt8(ascii: "$") || src[j] == UInt8(ascii: "("))
            }
            if src[a] == UInt8(ascii: ".") && a + 1 < end && isDigit(src[a + 1]) { return true }
            // (A dash may be several bytes: an en dash at the very end must not read past it.)
            let second = isDash(at: a)
            if second > 0 { return a + second < end && src[a + second] == UInt8(ascii: "$") }
            if isASCIILetter(src[a]) {
                var j = a
                while j < end && isASCIILetter(src[j]) { j += 1 }
                if let (_, u) = dashOperatorTable[string(a, j).lowercased()], u != nil,
                   j >= end || !isNameChar(at: j) { return true }
            }
            return false
        default:
            return false
        }
    }

    // MARK: Commands

    /// A command: optional `&`/`.`, a name, then parameters, arguments and redirections.
    func parseCommand() -> Command? {
        let start = positionAfterTrivia()
        guard start < end else { return nil }
        var invocation = InvocationOperator.none
        var name: Expression
        let first = peek(.command)
        if first.kind == .ampersand {
            consume(first)
            invocation = .call
        } else if src[start] == UInt8(ascii: "."), start + 1 < end,
                  spaceLength(at: start + 1) > 0 || [UInt8(ascii: "$"), UInt8(ascii: "("), UInt8(ascii: "{"), UInt8(ascii: "&")].contains(src[start + 1])
                    || isSingleQuote(at: start + 1) > 0 || isDoubleQuote(at: start + 1) > 0 {
            rewind(to: start + 1)
            invocation = .dotSource
        }
        if invocation != .none {
            guard let n = parseCommandPrimary() else {
                let t = peek(.command)
                // PowerShell reports it on the `&` / `.` itself, as a plain error (never incomplete input).
                report(.missingCommandAfterInvocationOperator(invocation.rawValue), at: SourceRange(start: start, end: start + 1))
                return Command(invocation: invocation, name: .error(ErrorExpr(range: .empty(at: t.start))), elements: [],
                               redirections: [], range: SourceRange(start: start, end: pos))
            }
            name = n
        } else {
            let t = peek(.command)
            switch t.kind {
            case .generic, .parameter, .number, .stopParsing, .minusMinus:
                consume(t)
                if case .expression(let e) = t.payload { name = e }
                else { name = .string(StringConstantExpr(value: text.text(t.range), quoteKind: .bare, range: t.range)) }
            default:
                return nil
            }
        }
        var elements: [CommandElement] = []
        var redirections: [Redirection] = []
        var endOfParameters = false
        loop: while true {
            let t = peek(.command)
            let before = pos
            switch t.kind {
            case .newline, .semicolon, .endOfInput, .rParen, .rCurly, .pipe, .andAnd, .orOr, .ampersand:
                break loop
            case .redirection:
                if let r = parseRedirection() { redirections.append(r) }
            case .parameter:
                consume(t)
                guard case .parameter(let pname, let colon) = t.payload else { break }
                if endOfParameters {
                    elements.append(.argument(.string(StringConstantExpr(value: text.text(t.range), quoteKind: .bare, range: t.range))))
                    continue
                }
                var arg: Expression?
                if colon {
                    let n = peek(.command)
                    if [.newline, .semicolon, .endOfInput, .rParen, .rCurly, .pipe, .andAnd, .orOr].contains(n.kind) {
                        report(.parameterRequiresArgument(pname), at: .empty(at: t.end),
                               incomplete: n.kind == .endOfInput)
                    } else {
                        arg = parseCommandArgument()
                    }
                }
                elements.append(.parameter(CommandParameter(name: pname, argument: arg, hasColon: colon,
                                                            range: SourceRange(start: t.start, end: pos))))
            case .stopParsing:
                consume(t)
                var j = pos
                while j < end && (src[j] == UInt8(ascii: " ") || src[j] == UInt8(ascii: "\t")) { j += 1 }
                let vs = j
                while j < end && !isNewline(src[j]) { j += 1 }
                rewind(to: j)
                elements.append(.verbatim(string(vs, j), SourceRange(start: t.start, end: j)))
            case .minusMinus where !endOfParameters:
                consume(t)
                endOfParameters = true
            case .comma:
                consume(t)
                report(.missingArgument, at: t.range)
            default:
                if let a = parseCommandArgument() {
                    elements.append(.argument(a))
                } else {
                    report(.unexpectedToken(tokenText(t)), token: t)
                    consume(t)
                }
            }
            if pos == before { consume(peek(.command)) }
        }
        return Command(invocation: invocation, name: name, elements: elements, redirections: redirections,
                       range: SourceRange(start: start, end: pos))
    }

    /// One argument value, or a comma-separated list of them (`a,b`, `1, 2`).
    func parseCommandArgument() -> Expression? {
        guard let first = parseCommandPrimary() else { return nil }
        var t = peek(.command)
        guard t.kind == .comma else { return first }
        var items = [first]
        while t.kind == .comma {
            consume(t)
            skipNewlines()
            if let e = parseCommandPrimary() {
                if case .variable(let v) = e, v.isSplatted {
                    report(.splattingNotPermittedInArgumentList(v.path.userPath), at: v.range)
                }
                items.append(e)
            } else {
                // PowerShell's MissingExpression ("... after ',' in pipeline element"), just after the comma.
                let n = peek(.command)
                report(.missingCommandAfterInvocationOperator(","), at: .empty(at: t.end),
                       incomplete: n.kind == .endOfInput)
                break
            }
            t = peek(.command)
        }
        return .arrayLiteral(ArrayLiteralExpr(elements: items, range: SourceRange(start: first.range.start, end: pos)))
    }

    /// A single command-mode value: a bareword, string, number, variable (with member access), `(...)`,
    /// `$(...)`, `@(...)`, `@{...}`, `{...}`, or `@splat`.
    func parseCommandPrimary() -> Expression? {
        let t = peek(.command)
        switch t.kind {
        case .generic, .stringLiteral, .stringExpandable, .hereStringLiteral, .hereStringExpandable:
            consume(t)
            if case .expression(let e) = t.payload { return e }
            return .string(StringConstantExpr(value: text.text(t.range), quoteKind: .bare, range: t.range))
        case .number:
            consume(t)
            if case .number(let v) = t.payload { return .number(NumberExpr(value: v, range: t.range)) }
            return nil
        case .splattedVariable:
            consume(t)
            guard case .variable(let path) = t.payload else { return nil }
            return .variable(VariableExpr(path: path, isSplatted: true, range: t.range))
        case .variable:
            consume(t)
            // `$HOME\file.txt`, `$name-suffix`: a variable glued to more text is an expandable word.
            if pos < end && !isBarewordTerminator(at: pos) && src[pos] != UInt8(ascii: ".") && src[pos] != UInt8(ascii: "[")
                && !(src[pos] == UInt8(ascii: ":") && pos + 1 < end && src[pos + 1] == UInt8(ascii: ":")) {
                rewind(to: t.start)
                let e = scanBareword(at: t.start)
                cacheStart = -1
                return e
            }
            guard case .variable(let path) = t.payload else { return nil }
            return parsePostfix(.variable(VariableExpr(path: path, isSplatted: false, range: t.range)), start: t.start)
        case .lParen, .dollarParen, .atParen, .atCurly, .lCurly:
            guard let p = parsePrimary() else { return nil }
            return parsePostfix(p, start: t.start)
        default:
            return nil
        }
    }

    // MARK: Redirections

    func parseRedirections() -> [Redirection] {
        var rs: [Redirection] = []
        while peek(.command).kind == .redirection {
            let before = pos
            if let r = parseRedirection() { rs.append(r) }
            if pos == before { break }
        }
        return rs
    }

    func parseRedirection() -> Redirection? {
        let t = next(.command)
        guard case .redirection(let op) = t.payload else { return nil }
        switch op {
        case .input:
            report(.redirectionNotSupported, at: t.range)
            return nil
        case .merge(let from, let to):
            if to != .output {
                report(.redirectionStreamCanOnlyMergeToOutputStream, at: t.range)
            }
            return .merge(from: from, to: to, range: t.range)
        case .toFile(let stream, let append):
            guard let target = parseCommandPrimary() else {
                let n = peek(.command)
                report(.missingFileSpecification, at: t.range,
                       incomplete: n.kind == .endOfInput)
                return nil
            }
            return .file(stream: stream, append: append, target: target, range: SourceRange(start: t.start, end: pos))
        }
    }
}
