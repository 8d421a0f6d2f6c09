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
        /// Each property's validation attributes (`[ValidateRange(0, 16)]`), by lower-cased name.
        let validations: [String: [ParameterValidation]]
        /// Each property's attributes with constant arguments (`[Parameter(Mandatory)]`), by lower-cased name.
        let attributes: [String: [AttributeArguments]]
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
        var validations: [String: [ParameterValidation]] = [:]
        var attributes: [String: [AttributeArguments]] = [:]
        for m in t.members {
            switch m.kind {
            case .method, .constructor: methods.append(Compiler.compileMethod(m, session: session, source: source))
            case .property:
                if let e = m.initializer { initializers[m.name.lowercased()] = compileExpression(e) }
                let rules = m.attributes.compactMap { validationRule($0) }
                if !rules.isEmpty { validations[m.name.lowercased()] = rules }
                attributes[m.name.lowercased()] = m.attributes.map { attributeArguments($0) }
            case .enumerator: break
            }
        }
        return PendingClass(definition: t, methods: methods, initializers: initializers, validations: validations, attributes: attributes)
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
            var defined = Set<ObjectIdentifier>()
            for (pending, shell) in zip(classes, shells) {
                try ClassDefinitions.define(pending, shell, frame: frame, session: session, source: source,
                                            pendingShells: Set(shells.map(ObjectIdentifier.init)).subtracting(defined))
                defined.insert(ObjectIdentifier(shell))
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
        // A .NET type hvsh does not model (`[System.IFormatProvider]`) stands as its name.
        if t.genericArguments.isEmpty, t.arrayRanks.isEmpty, let named = dotNetBase(t.fullName) { return named }
        throw EnumDefinitions.error("TypeNotFound", "Unable to find type [\(t.fullName)].", t.range, source)
    }

    /// The .NET types a script class cannot derive from (sealed: strings and the value types).
    static let sealedTypes: Set<PSType> = [.string, .bool, .byte, .sbyte, .int16, .uint16, .int32, .uint32, .int64, .uint64, .single,
                                           .double, .decimal, .char, .guid, .dateTime, .timeSpan, .switchParameter, .version]

    /// Methods an interface obliges a class to have (name, parameter count); .NET refuses the type without them.
    static let interfaceMethods: [String: (String, Int)] = [
        "system.icomparable": ("CompareTo", 1), "system.idisposable": ("Dispose", 0),
        "system.collections.ienumerable": ("GetEnumerator", 0), "system.iequatable": ("Equals", 1),
    ]

    /// Interfaces scripts implement by their short names (`class C : IComparable`).
    static let knownInterfaces = ["IComparable", "IDisposable", "IEquatable", "IFormattable", "ICloneable", "IComparer",
                                  "IEqualityComparer", "IEnumerable", "IValidateSetValuesGenerator", "IArgumentCompleter"]

    /// A .NET base hvsh does not model, taken by its name: `System.`/`Microsoft.` types and the common
    /// interfaces. A name that fits neither is TypeNotFound, as PowerShell finds no such type.
    static func dotNetBase(_ name: String) -> PSType? {
        let lower = name.lowercased()
        if lower.hasPrefix("system.") || lower.hasPrefix("microsoft.") { return .named(name) }
        if let known = knownInterfaces.first(where: { $0.lowercased() == lower }) {
            return .named((known.hasPrefix("IValidate") || known.hasPrefix("IArgument") ? "System.Management.Automation." : "System.") + known)
        }
        return nil
    }

    static func define(_ p: Compiler.PendingClass, _ c: PSClassType, frame: Frame, session: ShellSession, source: SourceInfo,
                       pendingShells: Set<ObjectIdentifier>) throws {
        let t = p.definition
        func fail(_ id: String, _ message: String, _ range: SourceRange) -> PSRuntimeError { EnumDefinitions.error(id, message, range, source) }
        // Bases: a script class or .NET class first, then interfaces. A script base must be defined
        // above the class (PowerShell resolves it as it defines the types in order).
        for (i, b) in t.baseTypes.enumerated() {
            if b.isArray { throw fail("SubtypeArray", "Invalid base type '\(b.fullName)'. Base type cannot be an array.", b.range) }
            if b.name.contains("`") && b.genericArguments.isEmpty {
                throw fail("SubtypeUnclosedGeneric", "Invalid base type '\(b.fullName)'. Base type cannot be a generic with unspecified parameters.", b.range)
            }
            guard let resolved = session.types.resolve(b.fullName) ?? dotNetBase(b.fullName) else {
                throw fail("TypeNotFound", "Unable to find type [\(b.fullName)].", b.range)
            }
            if case .scriptClass(let baseClass) = resolved {
                if pendingShells.contains(ObjectIdentifier(baseClass)) { throw fail("TypeNotFound", "Unable to find type [\(b.fullName)].", b.range) }
                guard i == 0 else { throw fail("InterfaceNameExpected", "'\(b.fullName)': Interface name expected.", b.range) }
                c.base = baseClass
                continue
            }
            if i == 0 && sealedTypes.contains(resolved) {
                throw fail("SealedBaseClass", "Cannot inherit from sealed class '\(resolved.name)'.", b.range)
            }
            if i > 0 && !ClassNames.isInterface(resolved.fullName) {
                throw fail("InterfaceNameExpected", "'\(b.fullName)': Interface name expected.", b.range)
            }
            c.dotNetBases.append(resolved.fullName)
        }
        // A base whose constructors all take arguments must be called through `: base(...)`.
        if let base = c.base, !base.constructors.isEmpty, !base.constructors.contains(where: { $0.parameterTypes.isEmpty }) {
            let ctors = t.members.filter { $0.kind == .constructor && !$0.isStatic }
            if ctors.isEmpty || ctors.contains(where: { $0.baseArguments == nil }) {
                throw fail("BaseClassNoDefaultCtor", "Base class '\(base.name)' does not contain a parameterless constructor.", t.range)
            }
        }
        for n in c.dotNetBases {
            guard let (method, count) = interfaceMethods[n.lowercased()] else { continue }
            let found = t.members.contains { $0.kind == .method && !$0.isStatic && $0.name.lowercased() == method.lowercased()
                && $0.parameters.count == count && (method == "Dispose" || ($0.type.map { $0.name.lowercased() != "void" } ?? false)) }
            if !found {
                throw fail("TypeCreationError", "Error during creation of type \"\(t.name)\". Error message:\nMethod '\(method)' in type '\(t.name)' does not have an implementation.",
                           SourceRange(start: t.range.start, end: t.range.start))
            }
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
            let extent = m.initializer.map { source.extent($0.range) }
            let initializer = p.initializers[m.name.lowercased()].map { eval in
                { () throws -> PSValue in
                    do {
                        let v = try eval(frame)
                        return try type.map { try PSConvert.convert(v, to: $0, types: session.types) } ?? v
                    } catch let e as PSRuntimeError {
                        if e.record.position == nil { e.record.position = extent }
                        throw e
                    }
                }
            }
            let validate = p.validations[m.name.lowercased()].map { rules in
                { (v: PSValue) throws -> Void in
                    for rule in rules {
                        if let message = Validation.check(rule, v) {
                            throw PSRuntimeError.message(message, errorId: "ValidationMetadataException", category: .metadataError,
                                                         exceptionType: "System.Management.Automation.ValidationMetadataException")
                        }
                    }
                }
            }
            var property = ClassProperty(name: m.name, type: type, typeText: m.type?.fullName, isStatic: m.isStatic,
                                         isHidden: m.isHidden, initializer: initializer, validate: validate)
            property.attributes = p.attributes[m.name.lowercased()] ?? []
            c.properties.append(property)
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
