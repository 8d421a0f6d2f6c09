/// The checks PowerShell's parser makes on a class's members beyond their syntax (SemanticChecks.cs,
/// SymbolResolver.cs): what a method may return and whether every path returns, the script-block
/// parts a method may not have, `$this` in static members, assignments that forgot `$this.`, labels
/// that name no loop, and attributes in the wrong place.
extension ParserEngine {
    func checkClass(_ members: [MemberDefinition], attributes: [AttributeNode], className: String) {
        for a in attributes where Self.isFlagsAttribute(a) { report(.attributeNotAllowedOnDeclaration(a.typeName.fullName, "enum"), at: a.range) }
        let instanceProperties = Set(members.filter { $0.kind == .property && !$0.isStatic }.map { $0.name.lowercased() })
        let staticProperties = Set(members.filter { $0.kind == .property && $0.isStatic }.map { $0.name.lowercased() })
        for m in members {
            for a in m.attributes where Self.isFlagsAttribute(a) { report(.attributeNotAllowedOnDeclaration(a.typeName.fullName, "enum"), at: a.range) }
            if m.kind == .property, m.isStatic, let i = m.initializer {
                MethodWalker(engine: self, isStatic: true).expression(i)
            }
            guard let body = m.body else { continue }
            if m.kind == .constructor && !m.isStatic && m.type != nil {
                report(.constructorCantHaveReturnType, at: SourceRange(start: m.range.start, end: m.nameRange.end))
            }
            for p in m.parameters {
                var types = 0
                for a in p.attributes {
                    switch a {
                    case .attribute(let node): report(.attributeNotAllowedOnDeclaration(node.typeName.fullName, "parameter"), at: node.range)
                    case .type(let t):
                        types += 1
                        if types == 2 { report(.multipleTypeConstraintsOnMethodParam, at: SourceRange(start: t.range.start - 1, end: t.range.end + 1)) }
                    }
                }
            }
            if let p = body.paramBlock { report(.paramBlockNotAllowedInMethod, at: p.range) }
            for named in [body.dynamicParamBlock, body.beginBlock, body.processBlock, body.endBlock, body.cleanBlock] {
                if let named, !named.isUnnamed { report(.namedBlockNotAllowedInMethod, at: named.range) }
            }
            guard let statements = body.endBlock?.body ?? body.processBlock?.body else { continue }
            let returnsValue = m.kind == .method && m.type.map { $0.name.lowercased() != "void" && $0.name.lowercased() != "system.void" } ?? false
            var walker = MethodWalker(engine: self, isStatic: m.isStatic)
            walker.returnsValue = returnsValue
            walker.checkReturns = m.kind == .method
            walker.parameters = Set(m.parameters.map { $0.name.name.lowercased() })
            walker.instanceProperties = instanceProperties
            walker.staticProperties = staticProperties
            walker.className = className
            walker.statements(statements)
            if returnsValue && !Self.alwaysExits(statements) {
                report(.methodHasCodePathNotReturn, at: m.nameRange)
            }
        }
    }

    static func isFlagsAttribute(_ a: AttributeNode) -> Bool {
        ["flags", "flagsattribute", "system.flags", "system.flagsattribute"].contains(a.typeName.fullName.lowercased())
    }

    /// Whether running the statements always ends in `return`, `throw` or `exit` (a method's
    /// value-returning check: loops may run no time, a catch may swallow the error).
    static func alwaysExits(_ block: StatementBlock) -> Bool { block.statements.contains(where: alwaysExits) }

    static func alwaysExits(_ s: Statement) -> Bool {
        switch s {
        case .return, .throw, .exit: return true
        case .if(let i): return i.elseBody.map(alwaysExits) ?? false && i.clauses.allSatisfy { alwaysExits($0.body) }
        case .switch(let w): return w.defaultBody.map(alwaysExits) ?? false && w.clauses.allSatisfy { alwaysExits($0.body) }
        case .try(let t):
            if let f = t.finallyBody, alwaysExits(f) { return true }
            return alwaysExits(t.body) && t.catches.allSatisfy { alwaysExits($0.body) }
        case .block(let b): return alwaysExits(b)
        // A do loop's body runs at least once.
        case .doLoop(let d): return alwaysExits(d.body)
        default: return false
        }
    }

    /// Walks one method's statements and expressions, not the script blocks or functions inside it.
    struct MethodWalker {
        unowned let engine: ParserEngine
        let isStatic: Bool
        var returnsValue = false
        var checkReturns = false
        var parameters: Set<String> = []
        var instanceProperties: Set<String> = []
        var staticProperties: Set<String> = []
        var className = ""
        var loopLabels: [String?] = []

        init(engine: ParserEngine, isStatic: Bool) {
            self.engine = engine
            self.isStatic = isStatic
        }

        mutating func statements(_ block: StatementBlock) {
            for s in block.statements { statement(s) }
        }

        mutating func loop(_ label: String?, _ body: StatementBlock) {
            loopLabels.append(label?.lowercased())
            statements(body)
            loopLabels.removeLast()
        }

        mutating func statement(_ s: Statement) {
            switch s {
            case .pipeline(let p): pipeline(p)
            case .chain(let c): statement(c.left); pipeline(c.right)
            case .assignment(let a):
                assignmentTarget(a.target)
                expression(a.target)
                statement(a.value)
            case .if(let i):
                for clause in i.clauses { statement(clause.condition); statements(clause.body) }
                if let e = i.elseBody { statements(e) }
            case .switch(let w):
                statement(w.condition)
                loopLabels.append(w.label?.lowercased())
                for clause in w.clauses { statements(clause.body) }
                if let d = w.defaultBody { statements(d) }
                loopLabels.removeLast()
            case .foreach(let f): statement(f.iterable); loop(f.label, f.body)
            case .for(let f):
                for part in [f.initializer, f.condition, f.iterator] { if let part { statement(part) } }
                loop(f.label, f.body)
            case .while(let w): statement(w.condition); loop(w.label, w.body)
            case .doLoop(let d): loop(d.label, d.body); statement(d.condition)
            case .break(let j), .continue(let j):
                // A label must name a loop of this method (the loops of its callers are out of reach).
                if let l = j.label, case .string(let name) = l, !loopLabels.contains(name.value.lowercased()) {
                    engine.report(.labelNotFound(name.value), at: l.range)
                }
            case .return(let e):
                if checkReturns {
                    if returnsValue && e.pipeline == nil { engine.report(.nonVoidMethodMissingReturnValue, at: e.range) }
                    if !returnsValue && e.pipeline != nil { engine.report(.voidMethodHasReturn, at: e.range) }
                }
                if let p = e.pipeline { statement(p) }
            case .exit(let e), .throw(let e): if let p = e.pipeline { statement(p) }
            case .try(let t):
                statements(t.body)
                for c in t.catches { statements(c.body) }
                if let f = t.finallyBody { statements(f) }
            case .trap(let t): statements(t.body)
            case .block(let b): statements(b)
            case .function, .typeDefinition, .error: break
            }
        }

        /// `$name = ...` where `name` is a property of the class: PowerShell wants `$this.name` (or `[C]::name`).
        func assignmentTarget(_ e: Expression) {
            var target = e
            while case .convert(let c) = target { target = c.operand }
            guard case .variable(let v) = target, v.path.qualifier == nil else { return }
            let key = v.path.name.lowercased()
            guard !parameters.contains(key) else { return }
            if staticProperties.contains(key) {
                engine.report(.missingTypeInStaticPropertyAssignment("[\(className)]::", v.path.name), at: v.range)
            } else if instanceProperties.contains(key) {
                engine.report(.missingThis("$this.", v.path.name), at: v.range)
            }
        }

        func pipeline(_ p: Pipeline) {
            for element in p.elements {
                switch element {
                case .expression(let e): expression(e.expression)
                case .command(let c):
                    for element in c.elements {
                        switch element {
                        case .argument(let e): expression(e)
                        case .parameter(let p): if let a = p.argument { expression(a) }
                        case .verbatim: break
                        }
                    }
                }
            }
        }

        func expression(_ e: Expression) {
            switch e {
            case .variable(let v):
                if isStatic, v.path.qualifier == nil, v.path.name.lowercased() == "this" {
                    engine.report(.nonStaticMemberAccessInStaticMember("$this"), at: v.range)
                }
            case .binary(let b): expression(b.left); expression(b.right)
            case .unary(let u): expression(u.operand)
            case .convert(let c): expression(c.operand)
            case .member(let m): expression(m.target)
            case .invokeMember(let m): expression(m.target); for a in m.arguments { expression(a) }
            case .index(let i): expression(i.target); expression(i.index)
            case .arrayLiteral(let a): for x in a.elements { expression(x) }
            case .paren(let p): if case .pipeline(let pl) = p.pipeline { pipeline(pl) }
            case .ternary(let t): expression(t.condition); expression(t.ifTrue); expression(t.ifFalse)
            case .attributed(let a): expression(a.child)
            default: break
            }
        }
    }
}
