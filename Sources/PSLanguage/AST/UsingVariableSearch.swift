/// The `$using:` variables a ForEach-Object -Parallel script block reads in its own calling scope:
/// every `$using:name` in the block and in script blocks nested in it (`& { $using:x }`), except
/// those inside a script block passed to a nested `ForEach-Object -Parallel` (or `foreach`/`%`),
/// which that inner call collects from its own runspace (as PowerShell's
/// GetUsingValuesForEachParallel filters them).
public enum UsingVariableSearch {
    public static func find(in block: ScriptBlock) -> [VariablePath] {
        var found: [VariablePath] = []
        Walker(found: { found.append($0) }).scriptBlock(block)
        return found
    }

    private struct Walker {
        let found: (VariablePath) -> Void

        func scriptBlock(_ b: ScriptBlock) {
            if let p = b.paramBlock {
                for parameter in p.parameters { if let d = parameter.defaultValue { expression(d) } }
            }
            for named in [b.dynamicParamBlock, b.beginBlock, b.processBlock, b.endBlock, b.cleanBlock] {
                if let named { statements(named.body) }
            }
        }

        func statements(_ block: StatementBlock) {
            for s in block.statements { statement(s) }
            for t in block.traps { statements(t.body) }
        }

        func statement(_ s: Statement) {
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
                for parameter in f.parameters { if let d = parameter.defaultValue { expression(d) } }
                scriptBlock(f.body)
            case .block(let b): statements(b)
            case .typeDefinition(let t):
                for m in t.members {
                    if let i = m.initializer { expression(i) }
                    if let b = m.body { scriptBlock(b) }
                }
            case .error: break
            }
        }

        func pipeline(_ p: Pipeline) {
            for element in p.elements {
                switch element {
                case .expression(let e): expression(e.expression)
                case .command(let c): command(c)
                }
            }
        }

        func command(_ c: Command) {
            expression(c.name)
            let nested = Self.isParallelForEach(c)
            for element in c.elements {
                switch element {
                case .argument(let e): argument(e, skipBlocks: nested)
                case .parameter(let p): if let a = p.argument { argument(a, skipBlocks: nested) }
                case .verbatim: break
                }
            }
            for r in c.redirections { if case .file(_, _, let target, _) = r { expression(target) } }
        }

        func argument(_ e: Expression, skipBlocks: Bool) {
            if skipBlocks, case .scriptBlock = e { return }
            expression(e)
        }

        /// `ForEach-Object -Parallel ...`, by its name or the aliases `foreach` and `%`.
        static func isParallelForEach(_ c: Command) -> Bool {
            guard let name = c.nameText?.lowercased(), ["foreach-object", "foreach", "%"].contains(name) else { return false }
            return c.elements.contains { element in
                guard case .parameter(let p) = element else { return false }
                let n = p.name.lowercased()
                return n.count >= 2 && "parallel".hasPrefix(n)
            }
        }

        func expression(_ e: Expression) {
            switch e {
            case .number, .string, .typeLiteral, .error: break
            case .variable(let v): variable(v.path)
            case .expandableString(let s):
                for part in s.parts {
                    switch part {
                    case .text: break
                    case .variable(let path, _): variable(path)
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
            case .scriptBlock(let s): scriptBlock(s.body)
            case .ternary(let t): expression(t.condition); expression(t.ifTrue); expression(t.ifFalse)
            case .attributed(let a): expression(a.child)
            }
        }

        func variable(_ path: VariablePath) {
            if path.qualifier?.lowercased() == "using" { found(path) }
        }
    }
}
