extension ParserEngine {
    /// `switch [-flags] (pipeline) { clauses }` or `switch -file name { clauses }`. Errors follow
    /// PowerShell's recovery: each missing part is reported just after the last part that was there,
    /// and once an error was reported at the end of the input nothing after it is reported again.
    func parseSwitch(start: Int, label: String?) -> Statement {
        let keywordRange = SourceRange(start: pos - 6, end: pos)
        var flags: SwitchFlags = []
        // What a broken switch keeps (PowerShell's ErrorStatementAst for it): each flag once, the
        // `( )` condition, and the clauses' conditions and bodies read.
        var errorFlags: [ErrorFlag] = []
        var errorConditions: [ErrorPart] = []
        var errorBodies: [ErrorPart] = []
        func addFlag(_ name: String, _ token: SourceRange, _ argument: Statement?) {
            if !errorFlags.contains(where: { $0.name == name }) {
                errorFlags.append(ErrorFlag(name: name, token: token, argument: argument))
            }
        }
        var fileArgument: Expression?
        var hasError = false
        var incomplete = false
        /// Where the last part read ends: missing parts are reported there.
        var lastEnd = pos
        func missing(_ message: ParseMessage, at p: Int) {
            hasError = true
            let atEnd = isAtEndOfScript(p)
            report(message, at: .empty(at: p), incomplete: atEnd)
            incomplete = incomplete || atEnd
        }
        skipNewlines()
        let table: [(String, SwitchFlags)] = [("regex", .regex), ("wildcard", .wildcard), ("exact", .exact),
                                              ("casesensitive", .caseSensitive), ("file", .file), ("parallel", .parallel)]
        while true {
            let t = peek(.command)
            guard t.kind == .parameter, case .parameter(let name, _) = t.payload else { break }
            consume(t)
            lastEnd = t.end
            let n = name.lowercased()
            guard !n.isEmpty, let match = table.first(where: { $0.0.hasPrefix(n) }) else {
                hasError = true
                report(.invalidSwitchFlag(name), at: t.range)
                continue
            }
            flags.insert(match.1)
            guard match.1 == .file else { addFlag(match.0, t.range, nil); continue }
            skipNewlines()
            let nameStart = peek(.command)
            if nameStart.kind == .lCurly || atStatementEnd() {
                missing(.missingFilenameOption, at: t.end)
                addFlag("file", t.range, nil)
            } else if let f = parseCommandPrimary() {
                fileArgument = f
                lastEnd = pos
                addFlag("file", t.range, .pipeline(Pipeline(elements: [.expression(CommandExpression(expression: f, redirections: [], range: f.range))],
                                                            isBackground: false, range: f.range)))
            } else {
                missing(.missingFilenameOption, at: t.end)
                addFlag("file", t.range, nil)
            }
        }
        var condition: Statement = .error(ErrorStatement(range: .empty(at: pos)))
        if let f = fileArgument {
            condition = .pipeline(Pipeline(elements: [.expression(CommandExpression(expression: f, redirections: [], range: f.range))],
                                           isBackground: false, range: f.range))
        }
        let open = peek(.expression)
        if open.kind == .lParen {
            consume(open)
            lastEnd = open.end
            // `-file name (value)`: a file and a value both given.
            if flags.contains(.file) {
                hasError = true
                report(.pipelineValueRequired, at: open.range)
            }
            skipNewlines()
            let first = peek(.expression)
            if first.kind == .rParen || first.kind == .endOfInput {
                missing(.pipelineValueRequired, at: open.end)
            } else {
                condition = parsePipelineChain()
                errorConditions = [.statement(condition)]
                lastEnd = pos
            }
            skipNewlines()
            let close = peek(.expression)
            if close.kind == .rParen {
                consume(close)
                lastEnd = close.end
            } else if !incomplete {
                missing(.missingEndParenthesisInSwitchStatement, at: lastEnd)
            }
        } else if fileArgument == nil && !flags.contains(.file) {
            missing(.pipelineValueRequired, at: lastEnd)
        }
        skipNewlines()
        let lc = peek(.expression)
        var clauses: [SwitchClause] = []
        var defaultBody: StatementBlock?
        guard lc.kind == .lCurly else {
            if !incomplete { missing(.missingCurlyBraceInSwitchStatement, at: lastEnd) }
            return .error(ErrorStatement(range: SourceRange(start: start, end: lastEnd), kind: keywordRange, flags: errorFlags,
                                         conditions: errorConditions, bodies: errorBodies))
        }
        consume(lc)
        lastEnd = lc.end
        while true {
            skipNewlines(semicolons: true)
            let t = peek(.command)
            if t.kind == .rCurly { consume(t); break }
            let clauseStart = t.start
            var isDefault = false
            if t.kind == .generic, case .expression(.string(let s)) = t.payload, s.value.lowercased() == "default" {
                isDefault = true
                consume(t)
            }
            let pattern: Expression? = isDefault ? nil : (t.kind == .endOfInput ? nil : parseCommandPrimary())
            if !isDefault && pattern == nil {
                // Nothing like a condition, so no body either: only a `}` may still close the switch.
                missing(.missingSwitchConditionExpression, at: lastEnd)
                if peek(.command).kind == .rCurly { consume(peek(.command)) }
                break
            }
            lastEnd = pos
            errorBodies.append(.expression(pattern ?? .string(StringConstantExpr(value: text.text(t.range), quoteKind: .bare,
                                                                                  range: t.range))))
            skipNewlines()
            if let body = parseStatementBlock() {
                errorBodies.append(.block(body))
                lastEnd = pos
                if isDefault {
                    if defaultBody != nil {
                        hasError = true
                        report(.multipleSwitchDefaultClauses, at: SourceRange(start: clauseStart, end: clauseStart + 7))
                    }
                    defaultBody = body
                } else if let p = pattern {
                    clauses.append(SwitchClause(pattern: p, body: body, range: SourceRange(start: clauseStart, end: pos)))
                }
            } else {
                missing(.missingSwitchStatementClause, at: lastEnd)
            }
            skipNewlines(semicolons: true)
            let next = peek(.command)
            if next.kind == .rCurly { consume(next); break }
            if next.kind == .endOfInput {
                if !incomplete {
                    hasError = true
                    report(.missingEndCurlyBrace, at: lc.range, incomplete: true)
                }
                break
            }
        }
        if hasError {
            return .error(ErrorStatement(range: SourceRange(start: start, end: lastEnd), kind: keywordRange, flags: errorFlags,
                                         conditions: errorConditions, bodies: errorBodies))
        }
        let range = SourceRange(start: start, end: pos)
        if flags.contains(.parallel) { report(.keywordParameterReservedForFutureUse(keyword: "switch", parameter: "parallel"), at: range) }
        return .switch(SwitchStatement(label: label, flags: flags, condition: condition, clauses: clauses,
                                       defaultBody: defaultBody, range: range))
    }

    /// True when only spaces, newlines and comments follow `p` (PowerShell's test for whether an error
    /// is incomplete input, after which it reports nothing more for the construct).
    func isAtEndOfScript(_ p: Int) -> Bool {
        var i = p
        while i < end {
            let c = src[i]
            if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || isNewline(c) { i += 1; continue }
            if c == UInt8(ascii: "#") { while i < end && !isNewline(src[i]) { i += 1 }; continue }
            if c == UInt8(ascii: "<") && i + 1 < end && src[i + 1] == UInt8(ascii: "#") {
                i += 2
                while i + 1 < end && !(src[i] == UInt8(ascii: "#") && src[i + 1] == UInt8(ascii: ">")) { i += 1 }
                if i + 1 >= end { return true }
                i += 2
                continue
            }
            return false
        }
        return true
    }
}
