/// Walks a script's statements and expressions in source order and reports the nodes searches ask
/// about (variables, commands). Searches configure it instead of each carrying its own copy of the
/// tree's shape: UsingVariableSearch, CommandSearch.
public struct ASTWalker {
    /// Called for every variable reference, including `$name` parts of expandable strings, with
    /// where it is written.
    public var onVariable: (VariablePath, SourceRange) -> Void = { _, _ in }
    /// Called for every command element of a pipeline (`Get-Item x`, `& $sb`), before its arguments.
    public var onCommand: (Command) -> Void = { _ in }
    /// Whether to walk into script block literals (`{ ... }`); function bodies count as script blocks.
    public var entersScriptBlocks = true
    /// The script block arguments of the commands this selects are not walked.
    public var skipsBlockArguments: (Command) -> Bool = { _ in false }

    public init() {}

    public func scriptBlock(_ b: ScriptBlock) {
        if let p = b.paramBlock {
            for parameter in p.parameters { if let d = parameter.defaultValue { expression(d) } }
        }
        for named in [b.dynamicParamBlock, b.beginBlock, b.processBlock, b.endBlock, b.cleanBlock] {
            if let named { statements(named.body) }
        }
    }

    public func statements(_ block: StatementBlock) {
        for s in block.statements { statement(s) }
        for t in block.traps { statements(t.body) }
    }

    public func statement(_ s: Statement) {
        switch s {
        case .pipeline(let p): pipeline(p)
        case .chain(let c): statement(c.left); pipeline(c.right)
        case .assignment(let a): expression(a.target); statement(a.value)
        case .if(let i):
            for clause in i.clauses { statement(clause.condition); statements(clause.body) }
            if let e = i.elseBody { statements(e) }
        case .switch(let w):
            statement(w.condition)
            for clause in w.clauses { expression(clause.pattern); statements(clause.body) }
            if let d = w.defaultBody { statements(d) }
        case .foreach(let f): statement(f.iterable); statements(f.body)
        case .for(let f):
            for part in [f.initializer, f.condition, f.iterator] { if let part { statement(part) } }
            statements(f.body)
        case .while(let w): statement(w.condition); statements(w.body)
        case .doLoop(let d): statements(d.body); statement(d.condition)
        case .break(let j), .continue(let j): if let l = j.label { expression(l) }
        case .return(let e), .exit(let e), .throw(let e): if let p = e.pipeline { statement(p) }
        case .try(let t):
            statements(t.body)
            for c in t.catches { statements(c.body) }
            if let f = t.finallyBody { statements(f) }
        case .trap(let t): statements(t.body)
        case .function(let f):
            guard entersScriptBlocks else { return }
            for parameter in f.parameters { if let d = parameter.defaultValue { expression(d) } }
            scriptBlock(f.body)
        case .block(let b): statements(b)
        case .typeDefinition(let t):
            guard entersScriptBlocks else { return }
            for m in t.members {
                if let i = m.initializer { expression(i) }
                if let b = m.body { scriptBlock(b) }
            }
        case .error: break
        }
    }

    public func pipeline(_ p: Pipeline) {
        for element in p.elements {
            switch element {
            case .expression(let e): expression(e.expression)
            case .command(let c): command(c)
            }
        }
    }

    public func command(_ c: Command) {
        onCommand(c)
        expression(c.name)
        let skipBlocks = skipsBlockArguments(c)
        for element in c.elements {
            switch element {
            case .argument(let e): argument(e, skipBlocks: skipBlocks)
            case .parameter(let p): if let a = p.argument { argument(a, skipBlocks: skipBlocks) }
            case .verbatim: break
            }
        }
        for r in c.redirections { if case .file(_, _, let target, _) = r { expression(target) } }
    }

    private func argument(_ e: Expression, skipBlocks: Bool) {
        if skipBlocks, case .scriptBlock = e { return }
        expression(e)
    }

    public func expression(_ e: Expression) {
        switch e {
        case .number, .string, .typeLiteral, .error: break
        case .variable(let v): onVariable(v.path, v.range)
        case .expandableString(let s):
            for part in s.parts {
                switch part {
                case .text: break
                case .variable(let path, let range): onVariable(path, range)
                case .subExpression(let sub): statements(sub.body)
                }
            }
        case .binary(let b): expression(b.left); expression(b.right)
        case .unary(let u): expression(u.operand)
        case .convert(let c): expression(c.operand)
        case .member(let m): expression(m.target); expression(m.member)
        case .invokeMember(let m):
            expression(m.target); expression(m.member)
            for a in m.arguments { expression(a) }
        case .index(let i): expression(i.target); expression(i.index)
        case .arrayLiteral(let a): for x in a.elements { expression(x) }
        case .arrayExpression(let a): statements(a.body)
        case .subExpression(let s): statements(s.body)
        case .paren(let p): statement(p.pipeline)
        case .hashtable(let h): for entry in h.entries { expression(entry.key); statement(entry.value) }
        case .scriptBlock(let s): if entersScriptBlocks { scriptBlock(s.body) }
        case .ternary(let t): expression(t.condition); expression(t.ifTrue); expression(t.ifFalse)
        case .attributed(let a): expression(a.child)
        }
    }
}

/// Whether a statement runs a command outside nested script blocks: a condition that does gets `$?`
/// set back to true after it is evaluated, as PowerShell's compiler does, so a failed probe
/// (`if (Get-Item x -ea Ignore) ...`) does not leave `$?` false in the body.
public enum CommandSearch {
    public static func containsCommand(_ statement: Statement) -> Bool {
        var found = false
        var walker = ASTWalker()
        walker.entersScriptBlocks = false
        walker.onCommand = { _ in found = true }
        walker.statement(statement)
        return found
    }
}
