extension ParserEngine {
    /// `try { } catch [T], [U] { } finally { }`. A broken one is an ErrorStatement holding the body, the
    /// catch clauses read and the types of a catch left without its block (PowerShell's recovery).
    func parseTry(start: Int) -> Statement {
        let kwEnd = pos
        skipNewlines()
        guard let body = parseStatementBlock() else {
            reportAfter(.missingTryStatementBlock, kwEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: kwEnd)))
        }
        var catches: [CatchClause] = []
        var finallyBody: StatementBlock?
        var errorEnd: Int?
        var errorTypes: [ErrorPart] = []
        catchLoop: while let kw = acceptKeywordAcrossNewlines([.catch]) {
            let catchEnd = pos
            let clauseStart = pos - 5
            _ = kw
            var types: [TypeName] = []
            var typeRanges: [SourceRange] = []
            var comma: Token?
            while true {
                skipNewlines()
                let t = peek(.expression)
                guard t.kind == .lBracket else {
                    // `catch [T],` with no type after the comma.
                    if let c = comma {
                        reportAfter(.missingTypeLiteralToken, c.end)
                        errorEnd = c.end
                    }
                    break
                }
                consume(t)
                if case .type(let tn) = parseBracketContent(open: t, allowAttribute: false) {
                    types.append(tn)
                    typeRanges.append(SourceRange(start: t.start, end: pos))
                }
                skipNewlines()
                let c = peek(.expression)
                guard c.kind == .comma else { comma = nil; break }
                consume(c)
                comma = c
            }
            skipNewlines()
            guard let b = parseStatementBlock() else {
                if comma == nil {
                    let e = typeRanges.last?.end ?? catchEnd
                    reportAfter(.missingCatchHandlerBlock, e)
                    errorEnd = e
                }
                errorTypes += zip(types, typeRanges).map { ErrorPart.typeConstraint($0, $1) }
                break catchLoop
            }
            catches.append(CatchClause(types: types, typeRanges: typeRanges, body: b,
                                       range: SourceRange(start: clauseStart, end: pos)))
        }
        if acceptKeywordAcrossNewlines([.finally]) != nil {
            let finallyEnd = pos
            skipNewlines()
            if let block = parseStatementBlock() {
                var flow = FinallyFlowCheck()
                flow.check(block)
                for r in flow.offenders { report(.controlLeavingFinally, at: r) }
                finallyBody = block
            } else {
                reportAfter(.missingFinallyStatementBlock, finallyEnd)
                errorEnd = finallyEnd
            }
        }
        if catches.isEmpty && finallyBody == nil && errorEnd == nil {
            reportAfter(.missingCatchOrFinally, body.range.end)
            errorEnd = body.range.end
        }
        if let errorEnd {
            return .error(ErrorStatement(range: SourceRange(start: start, end: errorEnd),
                                         nested: [.block(body)] + catches.map(ErrorPart.catchClause) + errorTypes))
        }
        return .try(TryStatement(body: body, catches: catches, finallyBody: finallyBody, range: SourceRange(start: start, end: pos)))
    }

    func parseTrap(start: Int) -> Statement {
        let kwEnd = pos
        skipNewlines()
        var type: TypeName?
        var typeRange: SourceRange?
        let t = peek(.expression)
        if t.kind == .lBracket {
            consume(t)
            if case .type(let tn) = parseBracketContent(open: t, allowAttribute: false) {
                type = tn
                typeRange = SourceRange(start: t.start, end: pos)
            }
        }
        skipNewlines()
        guard let body = parseStatementBlock() else {
            let e = typeRange?.end ?? kwEnd
            reportAfter(.missingTrapStatement, e)
            var nested: [ErrorPart] = []
            if let type, let typeRange { nested.append(.typeConstraint(type, typeRange)) }
            return .error(ErrorStatement(range: SourceRange(start: start, end: e), nested: nested))
        }
        return .trap(TrapStatement(type: type, body: body, range: SourceRange(start: start, end: pos), typeRange: typeRange))
    }

    /// `data [Name] [-SupportedCommand Cmd, ...] { ... }`: the block's output, assigned to `$Name` when
    /// named. Its body is held to PowerShell's restricted language (`DataSectionChecker`).
    func parseDataSection(start: Int) -> Statement {
        var name: String?
        let nameToken = peek(.command)
        if nameToken.kind == .generic {
            consume(nameToken)
            name = text.text(nameToken.range)
        }
        var supported: [String]? = []
        var commands: [ErrorPart] = []
        var failed = false
        let parameter = peek(.command)
        if parameter.kind == .parameter, case .parameter(let pname, _) = parameter.payload {
            consume(parameter)
            if pname.isEmpty || !"supportedcommand".hasPrefix(pname.lowercased()) {
                failed = true
                report(.invalidParameterForDataSection(pname), at: parameter.range)
            }
            // The supported command names, up to the block; as in PowerShell, a missing name is
            // reported just after the parameter or comma before it, and the block is not looked for.
            var lastEnd = parameter.end
            while true {
                skipNewlines()
                let t = peek(.command)
                let value: Expression? = t.kind == .lCurly ? nil : parseCommandPrimary()
                guard let value else {
                    if !failed {
                        report(.missingValueForSupportedCommand, at: .empty(at: lastEnd), incomplete: isAtEndOfScript(lastEnd))
                    }
                    failed = true
                    break
                }
                commands.append(.expression(value))
                if case .string(let s) = value { supported?.append(s.value) } else { supported = nil }
                let comma = peek(.command)
                guard comma.kind == .comma else { break }
                consume(comma)
                lastEnd = comma.end
            }
        }
        if failed { return .error(ErrorStatement(range: SourceRange(start: start, end: pos), nested: commands)) }
        // A missing block is reported just after the last thing read (the name, the last command, `data`).
        let lastEnd = pos
        skipNewlines()
        guard let block = parseStatementBlock() else {
            report(.missingStatementBlockForDataSection, at: .empty(at: lastEnd), incomplete: isAtEndOfScript(lastEnd))
            return .error(ErrorStatement(range: SourceRange(start: start, end: lastEnd), nested: commands))
        }
        var checker = DataSectionChecker(supportedCommands: supported, source: text)
        checker.check(block)
        for (restriction, range) in checker.problems { report(.dataSection(restriction), at: range) }
        let body = Statement.block(block)
        guard let name else { return body }
        let target = Expression.variable(VariableExpr(path: VariablePath(name: name), isSplatted: false, range: nameToken.range))
        return .assignment(AssignmentStatement(target: target, op: .assign, value: body, range: SourceRange(start: start, end: pos)))
    }

    func parseFunction(start: Int, isFilter: Bool, keyword: String) -> Statement {
        let nameToken = peek(.command)
        var name = ""
        switch nameToken.kind {
        case .generic, .stringLiteral, .stringExpandable, .parameter, .number:
            consume(nameToken)
            if case .expression(let e) = nameToken.payload, case .string(let s) = e { name = s.value }
            else { name = text.text(nameToken.range) }
        default:
            report(.missingNameAfterKeyword(keyword),
                   at: SourceRange(start: nameToken.start, end: nameToken.start), incomplete: nameToken.kind == .endOfInput)
            return .error(ErrorStatement(range: SourceRange(start: start, end: pos)))
        }
        // Where a missing body is reported: after the `)` of the parameters, else after the name.
        var lastEnd = pos
        skipNewlines()
        var parameters: [ParameterNode] = []
        let open = peek(.expression)
        if open.kind == .lParen {
            consume(open)
            parameters = parseParameterList(closer: .rParen)
            skipNewlines()
            let close = peek(.expression)
            if close.kind == .rParen {
                consume(close)
                lastEnd = close.end
            } else {
                // PowerShell assumes a body follows; without one the statement ends at the last parameter.
                let e = parameters.last?.range.end ?? open.end
                reportAfter(.missingEndParenthesisInFunctionParameterList, e)
                if close.kind != .lCurly {
                    return .error(ErrorStatement(range: SourceRange(start: start, end: e), nested: parameters.map(ErrorPart.parameter)))
                }
            }
            skipNewlines()
        }
        let lc = peek(.expression)
        guard lc.kind == .lCurly else {
            reportAfter(.missingFunctionBody, lastEnd)
            return .error(ErrorStatement(range: SourceRange(start: start, end: lastEnd), nested: parameters.map(ErrorPart.parameter)))
        }
        consume(lc)
        let body = parseCurlyBody(after: lc, isFilter: isFilter)
        if !parameters.isEmpty && body.paramBlock != nil {
            report(.onlyOneParameterListAllowed, at: body.paramBlock!.range)
        }
        return .function(FunctionDefinition(name: name, isFilter: isFilter, parameters: parameters, body: body,
                                            range: SourceRange(start: start, end: pos)))
    }

    func emptyScriptBlock(at p: Int) -> ScriptBlock {
        ScriptBlock(requirements: [], usingStatements: [], paramBlock: nil, dynamicParamBlock: nil, beginBlock: nil,
                    processBlock: nil,
                    endBlock: NamedBlock(kind: .end, body: StatementBlock(statements: [], traps: [], range: .empty(at: p)),
                                         isUnnamed: true, range: .empty(at: p)),
                    cleanBlock: nil, range: .empty(at: p))
    }
}
