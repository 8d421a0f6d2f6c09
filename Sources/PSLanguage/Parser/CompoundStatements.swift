extension ParserEngine {
    func parseTry(start: Int) -> Statement {
        skipNewlines()
        guard let body = parseStatementBlock() else {
            let t = peek(.expression)
            report(.missingTryStatementBlock, at: SourceRange(start: t.start, end: t.start), incomplete: t.kind == .endOfInput)
            return .error(ErrorStatement(range: SourceRange(start: start, end: pos)))
        }
        var catches: [CatchClause] = []
        var finallyBody: StatementBlock?
        while let kw = acceptKeywordAcrossNewlines([.catch, .finally]) {
            let clauseStart = pos - (kw == .catch ? 5 : 7)
            if kw == .finally {
                let block = requireBlock(.missingFinallyStatementBlock)
                var flow = FinallyFlowCheck()
                flow.check(block)
                for r in flow.offenders { report(.controlLeavingFinally, at: r) }
                finallyBody = block
                break
            }
            var types: [TypeName] = []
            while true {
                skipNewlines()
                let t = peek(.expression)
                guard t.kind == .lBracket else { break }
                consume(t)
                if case .type(let tn) = parseBracketContent(open: t, allowAttribute: false) { types.append(tn) }
                skipNewlines()
                let c = peek(.expression)
                guard c.kind == .comma else { break }
                consume(c)
                skipNewlines()
                // `catch [T],` with no type after the comma: PowerShell stops at it.
                if peek(.expression).kind != .lBracket {
                    report(.missingTypeLiteralToken, at: .empty(at: c.end), incomplete: isAtEndOfScript(c.end))
                    return .error(ErrorStatement(range: SourceRange(start: start, end: pos)))
                }
            }
            let b = requireBlock(.missingCatchHandlerBlock)
            catches.append(CatchClause(types: types, body: b, range: SourceRange(start: clauseStart, end: pos)))
        }
        if catches.isEmpty && finallyBody == nil {
            let t = peek(.expression)
            report(.missingCatchOrFinally, at: SourceRange(start: t.start, end: t.start), incomplete: t.kind == .endOfInput)
        }
        return .try(TryStatement(body: body, catches: catches, finallyBody: finallyBody, range: SourceRange(start: start, end: pos)))
    }

    func parseTrap(start: Int) -> Statement {
        skipNewlines()
        var type: TypeName?
        let t = peek(.expression)
        if t.kind == .lBracket {
            consume(t)
            if case .type(let tn) = parseBracketContent(open: t, allowAttribute: false) { type = tn }
        }
        let body = requireBlock(.missingTrapStatement)
        return .trap(TrapStatement(type: type, body: body, range: SourceRange(start: start, end: pos)))
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
                if case .string(let s) = value { supported?.append(s.value) } else { supported = nil }
                let comma = peek(.command)
                guard comma.kind == .comma else { break }
                consume(comma)
                lastEnd = comma.end
            }
        }
        if failed { return .error(ErrorStatement(range: SourceRange(start: start, end: pos))) }
        // A missing block is reported just after the last thing read (the name, the last command, `data`).
        let lastEnd = pos
        skipNewlines()
        guard let block = parseStatementBlock() else {
            report(.missingStatementBlockForDataSection, at: .empty(at: lastEnd), incomplete: isAtEndOfScript(lastEnd))
            return .error(ErrorStatement(range: SourceRange(start: start, end: pos)))
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
        skipNewlines()
        var parameters: [ParameterNode] = []
        let open = peek(.expression)
        if open.kind == .lParen {
            consume(open)
            parameters = parseParameterList(closer: .rParen)
            if let close = expectClosingParen(else: .missingEndParenthesisInFunctionParameterList), close.kind == .endOfInput {
                return .error(ErrorStatement(range: SourceRange(start: start, end: pos)))
            }
            skipNewlines()
        }
        let lc = peek(.expression)
        guard lc.kind == .lCurly else {
            report(.missingFunctionBody, at: SourceRange(start: lc.start, end: lc.start), incomplete: lc.kind == .endOfInput)
            let empty = emptyScriptBlock(at: lc.start)
            return .function(FunctionDefinition(name: name, isFilter: isFilter, parameters: parameters, body: empty,
                                                range: SourceRange(start: start, end: pos)))
        }
        consume(lc)
        var body = parseScriptBlockBody(start: lc.start, closer: .rCurly, isFilter: isFilter)
        let rc = peek(.expression)
        if rc.kind == .rCurly {
            consume(rc)
        } else {
            report(.missingEndCurlyBrace, at: lc.range, incomplete: rc.kind == .endOfInput)
        }
        body.range = SourceRange(start: lc.start, end: pos)
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
