import PSLanguage

/// `class` statements made into `PSClassType`s. Bodies and initializers are compiled with the rest of
/// the script; the type itself is built when the statement list that holds it starts to run (as
/// PowerShell 7 defines a script's types before its first statement), so code before the statement
/// can use it.
extension Compiler {
    /// A compiled method or constructor body, with a constructor's `: base(...)` arguments compiled
    /// in the same frame (they read the constructor's parameters).
    struct CompiledMethod {
        let member: MemberDefinition
        let code: CompiledBlock
        let baseArguments: [Eval]?
    }

    /// A class compiled, waiting to be defined.
    struct PendingClass {
        let definition: TypeDefinition
        let methods: [CompiledMethod]
        let initializers: [String: Eval]
    }

    /// Compiles a method body: `return` gives the method's value, other output is dropped.
    static func compileMethod(_ m: MemberDefinition, session: ShellSession, source: SourceInfo) -> CompiledMethod {
        let body = m.body!
        let cb = CompiledBlock(source: source, text: Compiler.innerText(source.text.text(body.range)))
        cb.name = m.name
        let c = Compiler(session: session, source: source, block: cb)
        c.isMethodBody = true
        c.compileParameters(body.paramBlock, extra: m.parameters)
        let baseArguments = m.baseArguments.map { $0.map { c.compileExpression($0) } }
        if let b = body.beginBlock { cb.begin = c.compileNamedBlock(b) }
        if let b = body.processBlock { cb.process = c.compileNamedBlock(b) }
        if let b = body.endBlock { cb.end = c.compileNamedBlock(b) }
        cb.dollarUnderSlot = c.slotIndexFor("_")
        return CompiledMethod(member: m, code: cb, baseArguments: baseArguments)
    }

    /// The type of a cast that is the whole target of a member call (`([Base]$this)`), if it is one.
    static func castType(_ e: PSExpr) -> TypeName? {
        switch e {
        case .convert(let c): return c.type
        case .paren(let p):
            if case .pipeline(let pl) = p.pipeline, pl.elements.count == 1, case .expression(let x) = pl.elements[0] { return castType(x.expression) }
            return nil
        default: return nil
        }
    }

    func compileClass(_ t: TypeDefinition) -> PendingClass {
        var methods: [CompiledMethod] = []
        var initializers: [String: Eval] = [:]
        for m in t.members {
            switch m.kind {
            case .method, .constructor: methods.append(Compiler.compileMethod(m, session: session, source: source))
            case .property:
                if let e = m.initializer { initializers[m.name.lowercased()] = compileExpression(e) }
            case .enumerator: break
            }
        }
        return PendingClass(definition: t, methods: methods, initializers: initializers)
    }

    /// The type definitions of one statement list, defined before its first statement runs.
    func compileTypeDefinitions(_ definitions: [TypeDefinition]) -> (Frame) throws -> Void {
        let enums = definitions.filter { $0.kind == .enum }.map { compileEnum($0) }
        let classes = definitions.filter { $0.kind == .class }.map { compileClass($0) }
        let session = self.session, source = self.source
        return { frame in
            // Classes first as empty shells, so enums and classes may name each other.
            let shells = classes.map { ClassDefinitions.shell($0, session: session) }
            try EnumDefinitions.define(enums, frame: frame, session: session, source: source)
            for (pending, shell) in zip(classes, shells) {
                try ClassDefinitions.define(pending, shell, frame: frame, session: session, source: source)
            }
        }
    }
}

enum ClassDefinitions {
    static func shell(_ p: Compiler.PendingClass, session: ShellSession) -> PSClassType {
        let c = PSClassType(name: p.definition.name)
        session.types.register(scriptClass: c)
        return c
    }

    /// Resolves a member's type as written, or throws PowerShell's TypeNotFound parse error.
    static func resolve(_ t: TypeName, session: ShellSession, source: SourceInfo) throws -> PSType {
        if let found = session.types.resolve(t.fullName) { return found }
        throw EnumDefinitions.error("TypeNotFound", "Unable to find type [\(t.fullName)].", t.range, source)
    }

    static func define(_ p: Compiler.PendingClass, _ c: PSClassType, frame: Frame, session: ShellSession, source: SourceInfo) throws {
        let t = p.definition
        // Bases: a script class (first only), then .NET classes and interfaces by name.
        for (i, b) in t.baseTypes.enumerated() {
            let resolved = session.types.resolve(b.fullName)
            if i == 0, case .scriptClass(let baseClass)? = resolved {
                if baseClass.derives(from: c) {
                    throw EnumDefinitions.error("CycleInClassHierarchy", "Cannot define class because of a cycle in the class hierarchy.", b.range, source)
                }
                c.base = baseClass
                continue
            }
            c.dotNetBases.append(resolved.map { $0.fullName } ?? b.fullName)
        }
        let definingScope = frame.scope
        var seenProperties = Set<String>()
        for m in t.members where m.kind == .property {
            guard seenProperties.insert(m.name.lowercased()).inserted else {
                throw EnumDefinitions.error("MemberAlreadyDefined", "The member '\(m.name)' is already defined.", m.range, source)
            }
            let type = try m.type.map { try resolve($0, session: session, source: source) }
            if type == .void {
                throw EnumDefinitions.error("VoidTypeConstraintNotAllowed", "[void] cannot be used as a parameter type, or on the left side of an assignment.",
                                            m.type!.range, source)
            }
            let initializer = p.initializers[m.name.lowercased()].map { eval in { () throws -> PSValue in try eval(frame) } }
            c.properties.append(ClassProperty(name: m.name, type: type, typeText: m.type?.fullName, isStatic: m.isStatic,
                                              isHidden: m.isHidden, initializer: initializer))
        }
        var signatures = Set<String>()
        for cm in p.methods {
            let m = cm.member
            let returnType = try m.type.map { try resolve($0, session: session, source: source) }
            let parameterTypes = try m.parameters.map { try $0.typeConstraint.map { try resolve($0, session: session, source: source) } ?? .object }
            let signature = (m.isStatic ? "static " : "") + m.name.lowercased() + "(" + parameterTypes.map(\.fullName).joined(separator: ",") + ")"
            guard signatures.insert(signature).inserted else {
                throw EnumDefinitions.error("MemberAlreadyDefined", "The member '\(m.name)' is already defined.", m.range, source)
            }
            if m.kind == .constructor && m.isStatic && !m.parameters.isEmpty {
                throw EnumDefinitions.error("StaticConstructorCantHaveParameters", "A static constructor cannot have any parameters.", m.range, source)
            }
            let isVoid = returnType == nil || returnType == .void
            let method = ClassMethod(
                name: m.name, returnType: isVoid ? nil : returnType,
                returnTypeText: isVoid ? "void" : m.type.map { DefinitionTypeName.of(returnType?.fullName ?? $0.fullName) } ?? "void",
                parameterTypes: parameterTypes, parameterNames: m.parameters.map(\.name.name),
                parameterTypeTexts: parameterTypes.map { DefinitionTypeName.of($0.fullName) },
                isStatic: m.isStatic, isHidden: m.isHidden, owner: c,
                run: ClassInstances.runner(cm, owner: c, returnType: isVoid ? nil : returnType, scope: definingScope, session: session))
            switch m.kind {
            case .constructor where m.isStatic: c.staticConstructor = method
            case .constructor: c.constructors.append(method)
            default: c.methods.append(method)
            }
        }
        c.construct = { args in try ClassInstances.construct(c, args, session: session) }
        c.initializeStatics = { try ClassInstances.initializeStatics(c) }
    }
}
