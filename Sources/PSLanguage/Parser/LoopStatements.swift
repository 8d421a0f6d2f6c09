/// `if` and the loops, recovering from a broken statement as PowerShell's parser does: each missing
/// part is reported just after the last part that was read, nothing after it is looked for, and the
/// statement becomes an ErrorStatement that spans what was read and keeps it (its NestedAst), so
/// `$ast.FindAll` sees the same nodes as in PowerShell. The next token then starts a new statement.
extension ParserEngine {
    /// PowerShell's ReportIncompleteInput(After(extent)): an empty range at `p`, incomplete input when
    /// only trivia follows.
    func reportAfter(_ message: ParseMessage, _ p: Int) {
        report(message, at: .empty(at: p), incomplete: isAtEndOfScript(p))
    }

    /// True when the next token cannot start a pipeline (PowerShell's PipelineChainRule finds nothing).
    func noPipelineFollows() -> Bool {
        switch peek(.expression).kind {
        case .rParen, .endOfInput, .semicolon, .rCurly: return true
        default: return false
        }
    }

    func parseIf(start: Int) -> Statement {
        var clauses: [IfClause] = []
        var elseBody: StatementBlock?
        var components: [ErrorPart] = []
        var kw = "if"
        var kwEnd = pos
        var clauseStart = start
        while true {
            skipNewlines()
            let open = peek(.expression)
            guard open.kind == .lParen else {
                reportAfter(.missingOpenParenthesisInIfStatement(kw), kwEnd)
                return .error(ErrorStatement(range: SourceRange(start: start, end: kwEnd), nested: components))
            }
            consume(open)
            skipNewlines()
            var condition: Statement
            if noPipelineFollows() {
                reportAfter(.ifStatementMissingCondition(kw), open.end)
                condition = .error(ErrorStatement(range: .empty(at: open.end)))
            } else {
                condition = parsePipelineChain()
                components.append(.statement(condition))
            }
            skipNewlines()
            let close = peek(.expression)
            guard close.kind == .rParen else {
                if case .error = condition {} else {
                    report(.missingEndParenthesisAfterStatement(kw), at: .empty(at: close.start),
                           incomplete: close.kind == .endOfInput)
                }
                return .error(ErrorStatement(range: SourceRange(start: start, end: close.start), nested: components))
            }
            consume(close)
            skipNewlines()
            guard let body = parseStatementBlock() else {
                // PowerShell places this one on the `)` itself.
                report(.missingStatementBlockAfterCondition(kw), at: close.range, incomplete: isAtEndOfScript(close.end))
                return .error(ErrorStatement(range: SourceRange(start: start, end: close.end), nested: components))
            }
            components.append(.block(body))
            clauses.append(IfClause(condition: condition, body: body, range: SourceRange(start: clauseStart, end: pos)))
            clauseStart = positionAfterTrivia()
            guard let next = acceptKeywordAcrossNewlines([.elseif, .else]) else { break }
            if next == .else {
                let elseEnd = pos
                skipNewlines()
                guard let b = parseStatementBlock() else {
                    reportAfter(.missingStatementBlockAfterElse, elseEnd)
                    return .error(ErrorStatement(range: SourceRange(start: start, end: elseEnd), nested: components))
                }
                elseBody = b
                break
            }
            kw = "elseif"
            kwEnd = pos
        }
        return .if(IfStatement(clauses: clauses, elseBody: elseBody, range: SourceRange(start: start, end: pos)))
    }

    func parseWhile(start: Int, label: String?) -> Statement {
        let kwEnd = pos
        skipNewlines()
        let open = peek(.expression)
        guard open.kind == .lParen else {
            reportAfter(.missingOpenParenthesisAfterKeyword("while"), kwEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: kwEnd)))
        }
        consume(open)
        skipNewlines()
        var condition: Statement?
        if noPipelineFollows() {
            reportAfter(.missingLoopCondition("while"), open.end)
        } else {
            condition = parsePipelineChain()
        }
        let nested = condition.map { [ErrorPart.statement($0)] } ?? []
        skipNewlines()
        let close = peek(.expression)
        guard close.kind == .rParen else {
            if let c = condition { reportAfter(.missingEndParenthesisAfterStatement("while"), c.range.end) }
            return .error(ErrorStatement(range: SourceRange(start: start, end: condition?.range.end ?? open.end), nested: nested))
        }
        consume(close)
        skipNewlines()
        guard let body = parseStatementBlock() else {
            reportAfter(.missingLoopStatement("while"), close.end)
            return .error(ErrorStatement(range: SourceRange(start: start, end: close.end), nested: nested))
        }
        return .while(WhileStatement(label: label, condition: condition ?? .error(ErrorStatement(range: .empty(at: open.end))),
                                     body: body, range: SourceRange(start: start, end: pos)))
    }

    func parseDo(start: Int, label: String?) -> Statement {
        let kwEnd = pos
        skipNewlines()
        guard let body = parseStatementBlock() else {
            reportAfter(.missingLoopStatement("do"), kwEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: kwEnd)))
        }
        let bodyPart = ErrorPart.block(body)
        guard let kw = acceptKeywordAcrossNewlines([.while, .until]) else {
            reportAfter(.missingWhileOrUntilInDoWhile, body.range.end)
            return .error(ErrorStatement(range: SourceRange(start: start, end: body.range.end), nested: [bodyPart]))
        }
        let whileEnd = pos
        skipNewlines()
        let open = peek(.expression)
        guard open.kind == .lParen else {
            reportAfter(.missingOpenParenthesisAfterKeyword(kw.rawValue), whileEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: whileEnd), nested: [bodyPart]))
        }
        consume(open)
        skipNewlines()
        var condition: Statement?
        var errorEnd: Int?
        if noPipelineFollows() {
            reportAfter(.missingLoopCondition(kw.rawValue), open.end)
            errorEnd = open.end
        } else {
            condition = parsePipelineChain()
        }
        skipNewlines()
        let close = peek(.expression)
        if close.kind == .rParen {
            consume(close)
        } else if let c = condition {
            reportAfter(.missingEndParenthesisAfterStatement(kw.rawValue), c.range.end)
            errorEnd = c.range.end
        }
        if let errorEnd {
            return .error(ErrorStatement(range: SourceRange(start: start, end: errorEnd),
                                         nested: [bodyPart] + (condition.map { [ErrorPart.statement($0)] } ?? [])))
        }
        return .doLoop(DoLoopStatement(label: label, body: body, condition: condition!, isUntil: kw == .until,
                                       range: SourceRange(start: start, end: pos)))
    }

    func parseFor(start: Int, label: String?) -> Statement {
        let kwEnd = pos
        skipNewlines()
        let open = peek(.expression)
        guard open.kind == .lParen else {
            reportAfter(.missingOpenParenthesisAfterKeyword("for"), kwEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: kwEnd)))
        }
        consume(open)
        var parts: [Statement?] = []
        // Where a broken header's error goes: after the last part or `;` read.
        var lastEnd = open.end
        for k in 0..<3 {
            skipNewlines()
            if noPipelineFollows() {
                parts.append(nil)
            } else {
                let part = parsePipelineChain()
                parts.append(part)
                lastEnd = part.range.end
            }
            if k < 2 {
                let sep = peek(.expression)
                if sep.kind == .semicolon {
                    consume(sep)
                    lastEnd = sep.end
                }
            }
        }
        let nested = parts.compactMap { $0.map(ErrorPart.statement) }
        skipNewlines()
        let close = peek(.expression)
        guard close.kind == .rParen else {
            reportAfter(.missingEndParenthesisAfterStatement("for"), lastEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: lastEnd), nested: nested))
        }
        consume(close)
        skipNewlines()
        guard let body = parseStatementBlock() else {
            reportAfter(.missingLoopStatement("for"), close.end)
            return .error(ErrorStatement(range: SourceRange(start: start, end: close.end), nested: nested))
        }
        return .for(ForStatement(label: label, initializer: parts[0], condition: parts[1], iterator: parts[2], body: body,
                                 range: SourceRange(start: start, end: pos)))
    }

    func parseForEach(start: Int, label: String?) -> Statement {
        let kwEnd = pos
        var parallel = false
        var throttleLimit = false
        while true {
            skipNewlines()
            let t = peek(.command)
            guard t.kind == .parameter, case .parameter(let name, _) = t.payload else { break }
            consume(t)
            let lower = name.lowercased()
            if !lower.isEmpty, "parallel".hasPrefix(lower) {
                parallel = true
            } else if !lower.isEmpty, "throttlelimit".hasPrefix(lower) {
                throttleLimit = true
                skipNewlines()
                if !atStatementEnd(), peek(.command).kind != .lParen { _ = parseCommandPrimary() }
            } else {
                report(.invalidForeachFlag(name), at: t.range)
            }
        }
        skipNewlines()
        let open = peek(.expression)
        guard open.kind == .lParen else {
            reportAfter(.missingOpenParenthesisAfterKeyword("foreach"), kwEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: kwEnd)))
        }
        consume(open)
        skipNewlines()
        let v = peek(.expression)
        guard v.kind == .variable || v.kind == .splattedVariable, case .variable(let path) = v.payload else {
            reportAfter(.missingVariableNameAfterForeach, open.end)
            return .error(ErrorStatement(range: SourceRange(start: start, end: open.end)))
        }
        consume(v)
        if v.kind == .splattedVariable { report(.splattingNotPermitted(path.userPath), at: v.range) }
        let variable = VariableExpr(path: path, isSplatted: false, range: v.range)
        var nested = [ErrorPart.expression(.variable(variable))]
        skipNewlines()
        guard let (kw, inEnd) = keyword(at: positionAfterTrivia()), kw == .in else {
            reportAfter(.missingInInForeach, v.end)
            return .error(ErrorStatement(range: SourceRange(start: start, end: v.end), nested: nested))
        }
        rewind(to: inEnd)
        skipNewlines()
        if noPipelineFollows() {
            reportAfter(.missingForeachExpression, inEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: inEnd), nested: nested))
        }
        let iterable = parsePipelineChain()
        nested.append(.statement(iterable))
        skipNewlines()
        let close = peek(.expression)
        guard close.kind == .rParen else {
            reportAfter(.missingEndParenthesisAfterForeach, iterable.range.end)
            return .error(ErrorStatement(range: SourceRange(start: start, end: iterable.range.end), nested: nested))
        }
        consume(close)
        skipNewlines()
        guard let body = parseStatementBlock() else {
            reportAfter(.missingForeachStatement, close.end)
            return .error(ErrorStatement(range: SourceRange(start: start, end: close.end), nested: nested))
        }
        let range = SourceRange(start: start, end: pos)
        // The flags parse, but outside a workflow PowerShell's semantic checks refuse them.
        if parallel { report(.keywordParameterReservedForFutureUse(keyword: "foreach", parameter: "parallel"), at: range) }
        if throttleLimit {
            report(.keywordParameterReservedForFutureUse(keyword: "foreach", parameter: "throttlelimit"), at: range)
            if !parallel { report(.throttleLimitRequiresParallelFlag, at: range) }
        }
        return .foreach(ForEachStatement(label: label, variable: variable, iterable: iterable, body: body,
                                         isParallel: parallel, range: range))
    }
}
