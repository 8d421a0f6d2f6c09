extension ParserEngine {
    /// `data [name] [-SupportedCommand a, b] { ... }`. A data section's body is a script block run in
    /// place: `data { 'a' }` writes what the block writes, `data name { ... }` stores it in `$name`.
    /// It is lowered here to `& { ... }` (or `$name = & { ... }`), so the rest of the engine sees only
    /// constructs it already knows. PowerShell also restricts the body to its restricted language; hvsh
    /// runs it unrestricted, so `-SupportedCommand` is parsed and has nothing left to widen.
    func parseDataSection(start: Int) -> Statement {
        var name: String?
        var nameRange = SourceRange.empty(at: start)
        let first = peek(.command)
        if first.kind == .generic {
            consume(first)
            name = text.text(first.range)
            nameRange = first.range
        }
        while peek(.command).kind == .parameter {
            let p = peek(.command)
            consume(p)
            _ = parseCommandArgument()
        }
        skipNewlines()
        let open = peek(.expression)
        guard open.kind == .lCurly else {
            report(.missingStatementBlockForDataSection, at: SourceRange(start: open.start, end: open.start),
                   incomplete: open.kind == .endOfInput)
            return .error(ErrorStatement(range: SourceRange(start: start, end: pos)))
        }
        consume(open)
        var body = parseScriptBlockBody(start: open.start, closer: .rCurly)
        let close = peek(.expression)
        if close.kind == .rCurly {
            consume(close)
        } else {
            report(.missingEndCurlyBrace, at: open.range, incomplete: close.kind == .endOfInput)
        }
        let range = SourceRange(start: start, end: pos)
        body.range = SourceRange(start: open.start, end: pos)
        let call = Command(invocation: .call, name: .scriptBlock(ScriptBlockExpr(body: body, range: body.range)),
                           elements: [], redirections: [], range: range)
        let run = Statement.pipeline(Pipeline(elements: [.command(call)], isBackground: false, range: range))
        guard let name else { return run }
        let target = Expression.variable(VariableExpr(path: VariablePath(name: name), isSplatted: false, range: nameRange))
        return .assignment(AssignmentStatement(target: target, op: .assign, value: run, range: range))
    }
}
