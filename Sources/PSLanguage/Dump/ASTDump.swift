/// Prints the AST as readable S-expressions (what `hvsh -DumpAst` shows and what tests compare).
/// The format: one list per node, head atom naming the node; strings quoted; numbers as `(num Type value)`.
public enum ASTDump {
    /// The whole script block.
    /// Rendering recurses as deep as the AST; it runs on the parser's large stack for the same reason,
    /// a thread of its own only when the caller's stack is short (starting one for every dump was a
    /// ninth of the parser fuzz target's time).
    public static func render(_ sb: ScriptBlock) -> String { ParserStack.run(levels: dumpLevels) { scriptBlock(sb, head: "script").render() } }

    /// The whole script block on one line (tests compare this form).
    public static func renderFlat(_ sb: ScriptBlock) -> String { ParserStack.run(levels: dumpLevels) { scriptBlock(sb, head: "script").flat() } }

    /// A parse result: the AST, or the errors when there are any.
    public static func render(_ result: ParseResult) -> String { render(result.scriptBlock) }

    /// One statement.
    public static func render(_ s: Statement) -> String { ParserStack.run(levels: dumpLevels) { statement(s).render() } }

    /// One expression.
    public static func render(_ e: Expression) -> String { ParserStack.run(levels: dumpLevels) { expression(e).render() } }

    /// The AST is at most `ParserEngine.maxDepth` deep; building the S-expression and rendering it
    /// each recurse through it, so twice the parser's allowance.
    static let dumpLevels = 2 * ParserEngine.maxDepth

    // MARK: Nodes

    private static func a(_ s: String) -> SExpr { .atom(s) }
    private static func l(_ items: SExpr...) -> SExpr { .list(items) }
    /// The start of a switch or loop: its keyword, then `(label name)` when it has a label.
    private static func loopHead(_ keyword: String, label: String?) -> [SExpr] {
        [a(keyword)] + (label.map { [l(a("label"), a($0))] } ?? [])
    }

    static func scriptBlock(_ sb: ScriptBlock, head: String) -> SExpr {
        var items: [SExpr] = [a(head)]
        for r in sb.requirements { items.append(l(a("requires"), .quoted(r))) }
        for u in sb.usingStatements { items.append(l(a("using"), .quoted(u))) }
        if let p = sb.paramBlock { items.append(paramBlock(p)) }
        for nb in [sb.dynamicParamBlock, sb.beginBlock, sb.processBlock, sb.endBlock, sb.cleanBlock] {
            guard let nb else { continue }
            if nb.isUnnamed {
                if nb.kind == .end { items.append(contentsOf: nb.body.statements.map(statement)) }
                else { items.append(.list([a(nb.kind.rawValue)] + nb.body.statements.map(statement))) }
            } else {
                items.append(.list([a(nb.kind.rawValue)] + nb.body.statements.map(statement)))
            }
        }
        return .list(items)
    }

    static func paramBlock(_ p: ParamBlock) -> SExpr {
        .list([a("param")] + p.attributes.map(attribute) + p.parameters.map(parameter))
    }

    static func parameter(_ p: ParameterNode) -> SExpr {
        var items: [SExpr] = [a("parameter"), a("$" + p.name.userPath)]
        for at in p.attributes {
            switch at {
            case .attribute(let x): items.append(attribute(x))
            case .type(let t): items.append(l(a("type"), a(t.fullName)))
            }
        }
        if let d = p.defaultValue { items.append(l(a("default"), expression(d))) }
        return .list(items)
    }

    static func attribute(_ x: AttributeNode) -> SExpr {
        var items: [SExpr] = [a("attribute"), a(x.typeName.fullName)]
        items += x.positionalArguments.map(expression)
        for n in x.namedArguments {
            if let v = n.value { items.append(l(a("named"), a(n.name), expression(v))) }
            else { items.append(l(a("named"), a(n.name))) }
        }
        return .list(items)
    }

    static func block(_ b: StatementBlock, head: String = "block") -> SExpr {
        .list([a(head)] + b.statements.map(statement))
    }

    static func statement(_ s: Statement) -> SExpr {
        switch s {
        case .pipeline(let p): return pipeline(p)
        case .chain(let c):
            var items: [SExpr] = [a("chain"), a(c.isAnd ? "&&" : "||"), statement(c.left), pipeline(c.right)]
            if c.isBackground { items.append(a("&")) }
            return .list(items)
        case .assignment(let x):
            return l(a("assign"), a(x.op.rawValue), expression(x.target), statement(x.value))
        case .if(let x):
            var items: [SExpr] = [a("if")]
            for c in x.clauses { items.append(l(a("clause"), statement(c.condition), block(c.body))) }
            if let e = x.elseBody { items.append(block(e, head: "else")) }
            return .list(items)
        case .switch(let x):
            var items = loopHead("switch", label: x.label)
            var flags: [String] = []
            if x.flags.contains(.regex) { flags.append("-regex") }
            if x.flags.contains(.wildcard) { flags.append("-wildcard") }
            if x.flags.contains(.exact) { flags.append("-exact") }
            if x.flags.contains(.caseSensitive) { flags.append("-casesensitive") }
            if x.flags.contains(.file) { flags.append("-file") }
            if x.flags.contains(.parallel) { flags.append("-parallel") }
            if !flags.isEmpty { items.append(.list(flags.map(a))) }
            items.append(statement(x.condition))
            for c in x.clauses { items.append(l(a("case"), expression(c.pattern), block(c.body))) }
            if let d = x.defaultBody { items.append(block(d, head: "default")) }
            return .list(items)
        case .foreach(let x):
            var items = loopHead("foreach", label: x.label)
            if x.isParallel { items.append(a("-parallel")) }
            items += [expression(.variable(x.variable)), statement(x.iterable), block(x.body)]
            return .list(items)
        case .for(let x):
            var items = loopHead("for", label: x.label)
            for part in [x.initializer, x.condition, x.iterator] {
                items.append(part.map(statement) ?? a("nil"))
            }
            items.append(block(x.body))
            return .list(items)
        case .while(let x):
            var items = loopHead("while", label: x.label)
            items += [statement(x.condition), block(x.body)]
            return .list(items)
        case .doLoop(let x):
            var items = loopHead(x.isUntil ? "do-until" : "do-while", label: x.label)
            items += [block(x.body), statement(x.condition)]
            return .list(items)
        case .break(let j): return .list([a("break")] + (j.label.map { [expression($0)] } ?? []))
        case .continue(let j): return .list([a("continue")] + (j.label.map { [expression($0)] } ?? []))
        case .return(let e): return .list([a("return")] + (e.pipeline.map { [statement($0)] } ?? []))
        case .exit(let e): return .list([a("exit")] + (e.pipeline.map { [statement($0)] } ?? []))
        case .throw(let e): return .list([a("throw")] + (e.pipeline.map { [statement($0)] } ?? []))
        case .try(let x):
            var items: [SExpr] = [a("try"), block(x.body)]
            for c in x.catches {
                items.append(.list([a("catch")] + c.types.map { a("[" + $0.fullName + "]") } + [block(c.body)]))
            }
            if let f = x.finallyBody { items.append(block(f, head: "finally")) }
            return .list(items)
        case .trap(let t):
            return .list([a("trap")] + (t.type.map { [a("[" + $0.fullName + "]")] } ?? []) + [block(t.body)])
        case .function(let f):
            var items: [SExpr] = [a(f.isFilter ? "filter" : "function"), .quoted(f.name)]
            if !f.parameters.isEmpty { items.append(.list([a("parameters")] + f.parameters.map(parameter))) }
            items.append(scriptBlock(f.body, head: "body"))
            return .list(items)
        case .block(let b): return block(b)
        case .typeDefinition(let t):
            var items: [SExpr] = [a(t.kind.rawValue), .quoted(t.name)]
            if !t.baseTypes.isEmpty { items.append(.list([a("base")] + t.baseTypes.map { a("[" + $0.fullName + "]") })) }
            for m in t.members {
                var member: [SExpr] = [a("\(m.kind)"), .quoted(m.name)]
                if m.isStatic { member.append(a("static")) }
                if m.isHidden { member.append(a("hidden")) }
                if let ty = m.type { member.append(a("[" + ty.fullName + "]")) }
                if !m.parameters.isEmpty { member.append(.list([a("parameters")] + m.parameters.map(parameter))) }
                if let i = m.initializer { member.append(expression(i)) }
                if let b = m.body { member.append(scriptBlock(b, head: "body")) }
                items.append(.list(member))
            }
            return .list(items)
        case .error: return a("(error)")
        }
    }

    static func pipeline(_ p: Pipeline) -> SExpr {
        var items: [SExpr] = [a("pipeline")]
        for e in p.elements {
            switch e {
            case .command(let c): items.append(command(c))
            case .expression(let x):
                var ex: [SExpr] = [a("expr"), expression(x.expression)]
                ex += x.redirections.map(redirection)
                items.append(.list(ex))
            }
        }
        if p.isBackground { items.append(a("&")) }
        return .list(items)
    }

    static func command(_ c: Command) -> SExpr {
        var items: [SExpr] = [a("command")]
        if c.invocation != .none { items.append(a(c.invocation.rawValue)) }
        items.append(expression(c.name))
        for e in c.elements {
            switch e {
            case .parameter(let p):
                if let v = p.argument { items.append(l(a("param"), a(p.name), expression(v))) }
                else { items.append(l(a("param"), a(p.name + (p.hasColon ? ":" : "")))) }
            case .argument(let x): items.append(expression(x))
            case .verbatim(let s, _): items.append(l(a("verbatim"), .quoted(s)))
            }
        }
        items += c.redirections.map(redirection)
        return .list(items)
    }

    static func redirection(_ r: Redirection) -> SExpr {
        switch r {
        case .file(let s, let append, let target, _):
            return l(a("redirect"), a((s == .output ? "" : s.rawValue) + (append ? ">>" : ">")), expression(target))
        case .merge(let from, let to, _):
            return l(a("redirect"), a(from.rawValue + ">&" + to.rawValue))
        }
    }

    static func expression(_ e: Expression) -> SExpr {
        switch e {
        case .number(let n): return l(a("num"), a(n.value.typeName), a(n.value.description))
        case .string(let s):
            switch s.quoteKind {
            case .bare: return l(a("bare"), .quoted(s.value))
            case .singleQuoted: return l(a("str"), .quoted(s.value))
            case .doubleQuoted: return l(a("dstr"), .quoted(s.value))
            case .singleQuotedHereString: return l(a("here"), .quoted(s.value))
            case .doubleQuotedHereString: return l(a("dhere"), .quoted(s.value))
            }
        case .expandableString(let x):
            let head: String
            switch x.quoteKind {
            case .bare: head = "expand-bare"
            case .doubleQuotedHereString: head = "expand-here"
            default: head = "expand"
            }
            var items: [SExpr] = [a(head)]
            for p in x.parts {
                switch p {
                case .text(let t): items.append(.quoted(t))
                case .variable(let v, _): items.append(l(a("var"), a(v.userPath)))
                case .subExpression(let s): items.append(block(s.body, head: "$()"))
                }
            }
            return .list(items)
        case .variable(let v): return l(a(v.isSplatted ? "splat" : "var"), a(v.path.userPath))
        case .binary(let b): return l(a(b.op.rawValue), expression(b.left), expression(b.right))
        case .unary(let u):
            let name: String
            switch u.op {
            case .negate: name = "neg"
            case .plus: name = "pos"
            default: name = u.op.rawValue
            }
            return l(a(name), expression(u.operand))
        case .convert(let c): return l(a("cast"), a("[" + c.type.fullName + "]"), expression(c.operand))
        case .typeLiteral(let t): return l(a("type"), a("[" + t.type.fullName + "]"))
        case .member(let m):
            return l(a(m.isStatic ? "::" : (m.isNullConditional ? "?." : ".")), expression(m.target), memberName(m.member))
        case .invokeMember(let m):
            let op = m.isStatic ? "::" : (m.isNullConditional ? "?." : ".")
            let generic = m.genericArguments.isEmpty ? [] : [a("[" + m.genericArguments.map(\.fullName).joined(separator: ",") + "]")]
            return .list([a("invoke"), a(op), expression(m.target), memberName(m.member)] + generic + m.arguments.map(expression))
        case .index(let i): return l(a(i.isNullConditional ? "?index" : "index"), expression(i.target), expression(i.index))
        case .arrayLiteral(let x): return .list([a("array")] + x.elements.map(expression))
        case .arrayExpression(let x): return block(x.body, head: "@()")
        case .subExpression(let x): return block(x.body, head: "$()")
        case .paren(let p): return l(a("paren"), statement(p.pipeline))
        case .hashtable(let h):
            return .list([a(h.isOrdered ? "ordered-hash" : "hash")]
                         + h.entries.map { l(a("entry"), expression($0.key), statement($0.value)) })
        case .scriptBlock(let s): return scriptBlock(s.body, head: "scriptblock")
        case .ternary(let t): return l(a("?:"), expression(t.condition), expression(t.ifTrue), expression(t.ifFalse))
        case .attributed(let x): return l(a("attributed"), attribute(x.attribute), expression(x.child))
        case .error: return a("(error)")
        }
    }

    private static func memberName(_ e: Expression) -> SExpr {
        if case .string(let s) = e, s.quoteKind == .bare { return a(s.value) }
        return expression(e)
    }
}
