import PSLanguage

/// The check PowerShell's parser makes on the types a class names (SymbolResolver's TypeNotFound):
/// member, parameter and base types must be known (a type of the runtime, a class or enum of the same
/// script, or a .NET name hvsh takes as it is). `[Parser]::ParseInput` reports these as parse errors;
/// running a script reports them when its types are defined (ClassDefinitions).
enum ClassTypeCheck {
    static func errors(in sb: ScriptBlock, source: SourceText, session: ShellSession) -> [ParseError] {
        var definitions: [TypeDefinition] = []
        func block(_ b: StatementBlock) { for s in b.statements { statement(s) } }
        func statement(_ s: Statement) {
            switch s {
            case .typeDefinition(let t): definitions.append(t)
            case .if(let i): i.clauses.forEach { block($0.body) }; if let e = i.elseBody { block(e) }
            case .foreach(let f): block(f.body)
            case .for(let f): block(f.body)
            case .while(let w): block(w.body)
            case .doLoop(let d): block(d.body)
            case .try(let t): block(t.body); t.catches.forEach { block($0.body) }; if let f = t.finallyBody { block(f) }
            case .function(let f): scriptBlock(f.body)
            case .block(let b): block(b)
            default: break
            }
        }
        func scriptBlock(_ b: ScriptBlock) {
            for named in [b.beginBlock, b.processBlock, b.endBlock] { if let named { block(named.body) } }
        }
        scriptBlock(sb)
        let defined = Set(definitions.map { $0.name.lowercased() })
        var out: [ParseError] = []
        func check(_ t: TypeName) {
            guard t.genericArguments.isEmpty else { return }
            let name = t.name.lowercased()
            if defined.contains(name) || session.types.resolve(t.name) != nil || ClassDefinitions.dotNetBase(t.name) != nil { return }
            out.append(ParseError(id: "TypeNotFound", message: "Unable to find type [\(t.name)].", range: t.range,
                                  location: source.location(of: t.range.start), isIncomplete: false))
        }
        for d in definitions where d.kind == .class {
            d.baseTypes.forEach(check)
            for m in d.members {
                if let t = m.type { check(t) }
                for p in m.parameters { if let t = p.typeConstraint { check(t) } }
            }
        }
        return out
    }
}
