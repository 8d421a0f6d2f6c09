extension ParserEngine {
    func parseSwitch(start: Int, label: String?) -> Statement {
        var flags: SwitchFlags = []
        var fileArgument: Expression?
        while true {
            let t = peek(.command)
            guard t.kind == .parameter, case .parameter(let name, _) = t.payload else { break }
            consume(t)
            let n = name.lowercased()
            let table: [(String, SwitchFlags)] = [("regex", .regex), ("wildcard", .wildcard), ("exact", .exact),
                                                  ("casesensitive", .caseSensitive), ("file", .file), ("parallel", .parallel)]
            if !n.isEmpty, let match = table.first(where: { $0.0.hasPrefix(n) }) {
                flags.insert(match.1)
                if match.1 == .file {
                    if atStatementEnd() || peek(.command).kind == .lCurly {
                        report(.missingFilenameOption, at: t.range)
                    } else {
                        fileArgument = parseCommandPrimary()
                    }
                }
            } else {
                report(.invalidSwitchFlag(name), at: t.range)
            }
        }
        var condition: Statement
        if let f = fileArgument {
            condition = .pipeline(Pipeline(elements: [.expression(CommandExpression(expression: f, redirections: [], range: f.range))],
                                           isBackground: false, range: f.range))
        } else {
            skipNewlines()
            let open = peek(.expression)
            if open.kind == .lParen {
                consume(open)
                skipNewlines()
                let first = peek(.expression)
                if first.kind == .rParen || first.kind == .endOfInput {
                    report(.missingSwitchValueExpression,
                           at: SourceRange(start: first.start, end: first.start), incomplete: first.kind == .endOfInput)
                    condition = .error(ErrorStatement(range: .empty(at: first.start)))
                } else {
                    condition = parsePipelineChain()
                }
                skipNewlines()
                expectClosingParen(else: .missingEndParenthesisInSwitchStatement)
            } else {
                report(.pipelineValueRequired,
                       at: SourceRange(start: open.start, end: open.start), incomplete: open.kind == .endOfInput)
                condition = .error(ErrorStatement(range: .empty(at: open.start)))
            }
        }
        skipNewlines()
        let lc = peek(.expression)
        var clauses: [SwitchClause] = []
        var defaultBody: StatementBlock?
        guard lc.kind == .lCurly else {
            report(.missingCurlyBraceInSwitchStatement,
                   at: SourceRange(start: lc.start, end: lc.start), incomplete: lc.kind == .endOfInput)
            return .switch(SwitchStatement(label: label, flags: flags, condition: condition, clauses: [], defaultBody: nil,
                                           range: SourceRange(start: start, end: pos)))
        }
        consume(lc)
        while true {
            skipNewlines(semicolons: true)
            let t = peek(.command)
            if t.kind == .rCurly { consume(t); break }
            if t.kind == .endOfInput {
                report(.missingEndCurlyBrace, at: lc.range, incomplete: true)
                break
            }
            let clauseStart = t.start
            let before = pos
            var isDefault = false
            if t.kind == .generic, case .expression(.string(let s)) = t.payload, s.value.lowercased() == "default" {
                isDefault = true
                consume(t)
            }
            let pattern: Expression? = isDefault ? nil : parseCommandPrimary()
            if !isDefault && pattern == nil {
                report(.missingSwitchConditionExpression, token: t)
            }
            let body = requireBlock(.missingSwitchStatementClause)
            if isDefault {
                if defaultBody != nil {
                    report(.multipleSwitchDefaultClauses, at: SourceRange(start: clauseStart, end: clauseStart + 7))
                }
                defaultBody = body
            } else if let p = pattern {
                clauses.append(SwitchClause(pattern: p, body: body, range: SourceRange(start: clauseStart, end: pos)))
            }
            if pos == before { consume(peek(.command)) }
        }
        return .switch(SwitchStatement(label: label, flags: flags, condition: condition, clauses: clauses,
                                       defaultBody: defaultBody, range: SourceRange(start: start, end: pos)))
    }

    func parseTry(start: Int) -> Statement {
        let body = requireBlock(.missingTryStatementBlock)
        var catches: [CatchClause] = []
        var finallyBody: StatementBlock?
        while let kw = acceptKeywordAcrossNewlines([.catch, .finally]) {
            let clauseStart = pos - (kw == .catch ? 5 : 7)
            if kw == .finally {
                finallyBody = requireBlock(.missingFinallyStatementBlock)
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
                if c.kind == .comma { consume(c) } else { break }
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
        if peek(.command).kind == .parameter {
            consume(peek(.command))
            // The supported command names, up to the block.
            while true {
                let t = peek(.command)
                guard t.kind == .generic || t.kind == .comma || t.kind == .stringLiteral || t.kind == .stringExpandable else { break }
                consume(t)
                switch t.kind {
                case .generic: supported?.append(text.text(t.range))
                case .stringLiteral, .stringExpandable:
                    if case .expression(let e) = t.payload, case .string(let s) = e { supported?.append(s.value) } else { supported = nil }
                default: break
                }
            }
        }
        let block = requireBlock(.missingStatementBlockForDataSection)
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
        }
        skipNewlines()
        var parameters: [ParameterNode] = []
        let open = peek(.expression)
        if open.kind == .lParen {
            consume(open)
            parameters = parseParameterList(closer: .rParen)
            expectClosingParen(else: .missingEndParenthesisInFunctionParameterList)
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
