/// A script class's method named without a call (`$obj.Twice`, `[M]::Thrice`): PowerShell's PSMethod,
/// whose OverloadDefinitions list the overloads and whose Invoke calls the method; it converts to a
/// Func or Action delegate (`[Func[int, int]] [M]::Thrice`) through the overload whose signature the
/// delegate's matches, exactly first, else with variance (arguments to wider parameter types, the
/// result to a wider type), the first such in declaration order (PSMethod's delegate conversion).
enum ClassMethodReferences {
    final class Reference {
        let name: String
        let overloads: [ClassMethod]
        /// The instance the method runs on; nil for a static method.
        let target: PSObject?
        init(name: String, overloads: [ClassMethod], target: PSObject?) {
            self.name = name
            self.overloads = overloads
            self.target = target
        }
    }

    /// `$obj.Name` for an instance method of a class instance; nil when it has none of that name.
    static func instance(_ o: PSObject, _ name: String) -> PSValue? {
        guard let c = o.baseObject as? PSClassType else { return nil }
        let key = name.lowercased()
        let overloads = c.instanceMethods.filter { $0.name.lowercased() == key }
        guard let first = overloads.first else { return nil }
        return make(Reference(name: first.name, overloads: overloads, target: o))
    }

    /// `[C]::Name` for a static method of the class or a base; nil when there is none.
    static func staticMethod(_ c: PSClassType, _ name: String) -> PSValue? {
        let key = name.lowercased()
        for k in c.chain {
            let overloads = k.methods.filter { $0.isStatic && $0.name.lowercased() == key }
            if let first = overloads.first { return make(Reference(name: first.name, overloads: overloads, target: nil)) }
        }
        return nil
    }

    static func make(_ reference: Reference) -> PSValue {
        MethodReferences.make(name: reference.name, overloads: reference.overloads.map(\.definition), isInstance: reference.target != nil,
                              baseObject: reference) { args in try invoke(reference, args) }
    }

    /// Calls the method as `.Method(args)` would.
    static func invoke(_ reference: Reference, _ args: [PSValue]) throws -> PSValue? {
        let m = try ClassInstances.choose(reference.overloads, args, name: reference.name)
        return try run(m, reference, args)
    }

    private static func run(_ m: ClassMethod, _ reference: Reference, _ args: [PSValue]) throws -> PSValue? {
        if m.isStatic { try ClassInstances.initializeStatics(m.owner) }
        let converted = try zip(m.parameterTypes, args).map { try PSConvert.convert($1, to: $0) }
        return try m.run(reference.target, converted)
    }

    /// The delegate `[Func[...]]`/`[Action[...]]` (closed name `name`) made from a method reference;
    /// nil when `name` is no such delegate; a cast error when no overload fits its signature.
    static func delegate(_ reference: Reference, toNamed name: String, types: TypeRegistry?) throws -> PSValue? {
        guard let (isFunc, argumentNames) = Delegates.signature(name) else { return nil }
        let registry = types ?? TypeRegistry()
        let resolved = argumentNames.map { registry.resolve($0) ?? .named($0) }
        let parameters = isFunc ? Array(resolved.dropLast()) : resolved
        let result = isFunc ? resolved.last : nil
        let sameCount = reference.overloads.filter { $0.parameterTypes.count == parameters.count }
        let exact = sameCount.first { m in m.parameterTypes == parameters && (isFunc ? m.returnType == result : m.returnType == nil) }
        let variant = sameCount.first { m in
            zip(parameters, m.parameterTypes).allSatisfy { assignable($0, to: $1) }
                && (!isFunc || m.returnType.map { assignable($0, to: result!) } ?? false)
        }
        guard let chosen = exact ?? variant else { return nil }
        return Delegates.make(name: name, returnType: result) { args in
            guard args.count == parameters.count else { throw Members.argCount("Invoke", args.count) }
            return try run(chosen, reference, args) ?? .null
        }
    }

    /// Delegate variance: a reference type goes to itself, a base type or object; value types only to themselves.
    static func assignable(_ from: PSType, to: PSType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (.scriptClass(let a), .scriptClass(let b)): return a.derives(from: b)
        case (.scriptClass, .object): return true
        case (.named(let a), .object): return !valueTypes.contains(a.lowercased())
        case (.named(let a), .named(let b)): return (bases[a.lowercased()] ?? []).contains(b.lowercased())
        case (.string, .object), (.array, .object), (.hashtable, .object), (.scriptBlock, .object), (.type, .object),
             (.psObject, .object), (.arrayList, .object), (.list, .object), (.regex, .object), (.version, .object):
            return true
        default: return false
        }
    }

    private static let valueTypes: Set<String> = ["system.intptr", "system.uintptr", "system.datetimeoffset", "system.numerics.biginteger"]
    private static let bases: [String: [String]] = [
        "system.io.fileinfo": ["system.io.filesysteminfo", "system.marshalbyrefobject"],
        "system.io.directoryinfo": ["system.io.filesysteminfo", "system.marshalbyrefobject"],
    ]
}
