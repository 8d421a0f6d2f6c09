/// What PowerShell's `Ast.SafeGetValue` accepts (its IsSafeValueVisitor), for Import-PowerShellDataFile:
/// constants, strings (expandable ones only around safe parts), `$true`/`$false`/`$null`/`$args`,
/// arrays, hashtables of at most 500 keys, `$( )`/`@( )`/`( )` around pure expressions, the unary
/// `-`, `+`, `-not`, `!`, `-bnot`, casts to primitive types, ternaries, indexing and script-block
/// literals. Anything else (commands, binary operators, members, type literals, assignments,
/// statements) is a dynamic expression, and more than 5000 visited nodes is too big, unless the
/// size limits are skipped (`-SkipLimitCheck`).
public struct SafeValueCheck {
    private var visits = 0
    private let maxVisits: Int
    private let maxKeys: Int

    public init(skipLimitCheck: Bool) {
        maxVisits = skipLimitCheck ? Int.max : 5000
        maxKeys = skipLimitCheck ? Int.max : 500
    }

    /// Whether the hashtable's value can be taken without running anything. The table itself may be
    /// written `[ordered]@{}` (PowerShell finds the hashtable inside that cast); a nested one may not,
    /// as `[ordered]` is no primitive type.
    public static func isSafe(_ table: HashtableExpr, skipLimitCheck: Bool) -> Bool {
        var check = SafeValueCheck(skipLimitCheck: skipLimitCheck)
        var plain = table
        plain.isOrdered = false
        return check.expression(.hashtable(plain)) && check.visits < check.maxVisits
    }

    /// Whether `Ast.SafeGetValue()` can take this expression's value (the default limits apply).
    public static func isSafe(_ expression: Expression) -> Bool {
        var check = SafeValueCheck(skipLimitCheck: false)
        return check.expression(expression) && check.visits < check.maxVisits
    }

    /// The first hashtable literal in the script, searching as `Ast.Find` does (outer before inner,
    /// in source order) without entering nested script blocks.
    public static func firstHashtable(in block: ScriptBlock) -> HashtableExpr? {
        HashtableFinder().scriptBlock(block, root: true)
    }

    /// The primitive .NET types (`Type.IsPrimitive`) a safe cast may name.
    private static let primitiveTypes: Set<String> = [
        "bool", "boolean", "char", "byte", "sbyte", "short", "int16", "ushort", "uint16", "int", "int32",
        "uint", "uint32", "long", "int64", "ulong", "uint64", "float", "single", "double",
    ]

    private mutating func expression(_ e: Expression) -> Bool {
        switch e {
        case .number, .string:
            visits += 1
            return true
        case .variable(let v):
            visits += 1
            return Self.isConstantVariable(v.path) && !v.isSplatted
        case .expandableString(let s):
            for part in s.parts {
                switch part {
                case .text: continue
                case .variable(let path, _):
                    visits += 2  // the nested expression, then the variable itself
                    if !Self.isConstantVariable(path) { return false }
                case .subExpression(let sub):
                    visits += 1
                    if !statements(sub.body) { return false }
                }
            }
            return true
        case .unary(let u):
            guard [.not, .bnot, .negate, .plus].contains(u.op), expression(u.operand) else { return false }
            visits += 1
            return true
        case .convert(let c):
            guard c.type.arrayRanks.isEmpty, c.type.genericArguments.isEmpty else { return false }
            var name = c.type.name.lowercased()
            if name.hasPrefix("system.") { name.removeFirst(7) }
            guard Self.primitiveTypes.contains(name) else { return false }
            visits += 1
            return expression(c.operand)
        case .index(let i): return expression(i.index) && expression(i.target)
        case .arrayLiteral(let a):
            for x in a.elements where !expression(x) { return false }
            return true
        case .arrayExpression(let a): return statements(a.body)
        case .subExpression(let s): return statements(s.body)
        case .paren(let p): return statement(p.pipeline)
        case .hashtable(let h):
            if h.isOrdered || h.entries.count > maxKeys { return false }
            for entry in h.entries where !(expression(entry.key) && statement(entry.value)) { return false }
            return true
        case .scriptBlock: return true
        case .ternary(let t): return expression(t.condition) && expression(t.ifTrue) && expression(t.ifFalse)
        case .binary, .typeLiteral, .member, .invokeMember, .attributed, .error: return false
        }
    }

    private mutating func statements(_ block: StatementBlock) -> Bool {
        guard block.traps.isEmpty else { return false }
        for s in block.statements {
            visits += 1
            if !statement(s) { return false }
        }
        return true
    }

    /// Only a pipeline that is one expression without redirections (`GetPureExpression`).
    private mutating func statement(_ s: Statement) -> Bool {
        guard case .pipeline(let p) = s, p.elements.count == 1, !p.isBackground,
              case .expression(let e) = p.elements[0], e.redirections.isEmpty else { return false }
        return expression(e.expression)
    }

    /// `$true`, `$false`, `$null` (PowerShell's constant variables) and `$args`, unqualified or `local:`.
    private static func isConstantVariable(_ path: VariablePath) -> Bool {
        if let q = path.qualifier, q.lowercased() != "local" { return false }
        return ["true", "false", "null", "args"].contains(path.name.lowercased())
    }
}

/// A pre-order search for the first hashtable literal.
private struct HashtableFinder {
    func scriptBlock(_ b: ScriptBlock, root: Bool) -> HashtableExpr? {
        guard root else { return nil }
        if let p = b.paramBlock {
            for parameter in p.parameters {
                if let d = parameter.defaultValue, let h = expression(d) { return h }
            }
        }
        for named in [b.dynamicParamBlock, b.beginBlock, b.processBlock, b.endBlock, b.cleanBlock] {
            if let named, let h = statements(named.body) { return h }
        }
        return nil
    }

    func statements(_ block: StatementBlock) -> HashtableExpr? {
        // Traps and statements in source order.
        let all = block.statements.map { ($0.range.start, $0) } + block.traps.map { ($0.range.start, Statement.trap($0)) }
        for (_, s) in all.sorted(by: { $0.0 < $1.0 }) { if let h = statement(s) { return h } }
        return nil
    }

    func statement(_ s: Statement) -> HashtableExpr? {
        switch s {
        case .pipeline(let p): return pipeline(p)
        case .chain(let c): return statement(c.left) ?? pipeline(c.right)
        case .assignment(let a): return expression(a.target) ?? statement(a.value)
        case .if(let i):
            for clause in i.clauses { if let h = statement(clause.condition) ?? statements(clause.body) { return h } }
            return i.elseBody.flatMap { statements($0) }
        case .switch(let w):
            if let h = statement(w.condition) { return h }
            for clause in w.clauses { if let h = expression(clause.pattern) ?? statements(clause.body) { return h } }
            return w.defaultBody.flatMap { statements($0) }
        case .foreach(let f): return statement(f.iterable) ?? statements(f.body)
        case .for(let f):
            for part in [f.initializer, f.condition, f.iterator] { if let part, let h = statement(part) { return h } }
            return statements(f.body)
        case .while(let w): return statement(w.condition) ?? statements(w.body)
        case .doLoop(let d): return statements(d.body) ?? statement(d.condition)
        case .break(let j), .continue(let j): return j.label.flatMap { expression($0) }
        case .return(let e), .exit(let e), .throw(let e): return e.pipeline.flatMap { statement($0) }
        case .try(let t):
            if let h = statements(t.body) { return h }
            for c in t.catches { if let h = statements(c.body) { return h } }
            return t.finallyBody.flatMap { statements($0) }
        case .trap(let t): return statements(t.body)
        case .function, .typeDefinition: return nil
        case .block(let b): return statements(b)
        case .error: return nil
        }
    }

    func pipeline(_ p: Pipeline) -> HashtableExpr? {
        for element in p.elements {
            switch element {
            case .expression(let e): if let h = expression(e.expression) { return h }
            case .command(let c):
                if let h = expression(c.name) { return h }
                for element in c.elements {
                    switch element {
                    case .argument(let e): if let h = expression(e) { return h }
                    case .parameter(let p): if let a = p.argument, let h = expression(a) { return h }
                    case .verbatim: break
                    }
                }
            }
        }
        return nil
    }

    func expression(_ e: Expression) -> HashtableExpr? {
        switch e {
        case .hashtable(let h): return h
        case .number, .string, .typeLiteral, .error, .variable, .scriptBlock: return nil
        case .expandableString(let s):
            for part in s.parts { if case .subExpression(let sub) = part, let h = statements(sub.body) { return h } }
            return nil
        case .binary(let b): return expression(b.left) ?? expression(b.right)
        case .unary(let u): return expression(u.operand)
        case .convert(let c): return expression(c.operand)
        case .member(let m): return expression(m.target) ?? expression(m.member)
        case .invokeMember(let m):
            if let h = expression(m.target) ?? expression(m.member) { return h }
            for a in m.arguments { if let h = expression(a) { return h } }
            return nil
        case .index(let i): return expression(i.target) ?? expression(i.index)
        case .arrayLiteral(let a):
            for x in a.elements { if let h = expression(x) { return h } }
            return nil
        case .arrayExpression(let a): return statements(a.body)
        case .subExpression(let s): return statements(s.body)
        case .paren(let p): return statement(p.pipeline)
        case .ternary(let t): return expression(t.condition) ?? expression(t.ifTrue) ?? expression(t.ifFalse)
        case .attributed(let a): return expression(a.child)
        }
    }
}
