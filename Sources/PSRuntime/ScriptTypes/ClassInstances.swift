import Foundation
import PSLanguage

/// Instances of script classes: construction (property defaults, the constructor chain), method
/// calls with overloads chosen by argument count and type, static members, and conversion to a
/// class from a hashtable or through a one-argument constructor.
enum ClassInstances {
    /// The closure that runs one method or constructor body in a new scope under the class's
    /// defining scope, with `$this` and the converted arguments; the value is what `return` gave.
    static func runner(_ cm: Compiler.CompiledMethod, owner: PSClassType, returnType: PSType?, scope definingScope: Scope,
                       session: ShellSession) -> (PSObject?, [PSValue]) throws -> PSValue? {
        let code = cm.code
        let isConstructor = cm.member.kind == .constructor && !cm.member.isStatic
        let baseArguments = cm.baseArguments
        return { this, args in
            try session.enterCall()
            defer { session.leaveCall() }
            let scope = Scope(parent: definingScope, isScriptScope: false)
            if let this {
                let cell = scope.cell("this")
                cell.value = .object(this)
                cell.isSet = true
            }
            let frame = Frame(session: session, scope: scope, code: code)
            for (i, p) in code.parameters.enumerated() {
                let cell = frame.slots[p.slot]
                if i < args.count {
                    do { cell.value = try PSConvert.convert(args[i], to: p.declaration.type, types: session.types) } catch let e as PSRuntimeError {
                        // As .NET's method binder reports an argument it cannot convert.
                        throw PSRuntimeError.message(
                            "Cannot convert argument \"\(p.declaration.name)\", with value: \"\(PSConvert.toString(args[i]))\", for \"\(cm.member.kind == .constructor ? "new" : cm.member.name)\" to type \"\(p.declaration.type.fullName)\": \"\(e.record.message)\"",
                            errorId: "MethodArgumentConversionInvalidCastArgument", category: .notSpecified,
                            exceptionType: "System.Management.Automation.MethodException")
                    }
                } else {
                    cell.value = .null
                }
                cell.isSet = true
            }
            let savedScope = session.currentScope
            session.currentScope = scope
            // Every error ends a method, as if its body were in `try` (PowerShell compiles it so).
            session.tryDepth += 1
            defer {
                session.currentScope = savedScope
                session.tryDepth -= 1
            }
            if isConstructor, let this {
                // The base class's constructor first (with `: base(...)`'s arguments), then this
                // class's property defaults, then the body.
                if let base = owner.base {
                    let values = try baseArguments?.map { try $0(frame) } ?? []
                    try runConstructor(base, this, values, session: session)
                }
                try initializeProperties(owner, this)
            }
            var result: PSValue?
            let discard = ClosureSink { _ in }
            do {
                try code.begin?(frame, discard)
                try code.process?(frame, discard)
                try code.end?(frame, discard)
            } catch let signal as ReturnSignal {
                result = signal.pending.last
            }
            guard let returnType else { return nil }
            return try PSConvert.convert(result ?? .null, to: returnType, types: session.types)
        }
    }

    /// `[C]::new(args)`, `New-Object C -ArgumentList args`.
    static func construct(_ c: PSClassType, _ args: [PSValue], session: ShellSession) throws -> PSObject {
        for k in c.chain.reversed() { try initializeStatics(k) }
        let o = PSObject(typeNames: c.typeNames, baseObject: c)
        // Properties as .NET lists them, the class's own before its bases'; each starts at its type's default.
        for k in c.chain {
            for p in k.properties where !p.isStatic {
                var member = PSMember(name: p.name, kind: .note(defaultValue(p.type)), typeHint: p.typeText.map { DefinitionTypeName.of(p.type?.fullName ?? $0) } ?? "System.Object")
                member.declaredMemberType = "Property"
                member.typeConstraint = p.type
                member.isHidden = p.isHidden
                member.validate = p.validate
                o.add(member)
            }
        }
        addMethods(c, to: o, session: session)
        try runConstructor(c, o, args, session: session)
        return o
    }

    /// A class instance's properties as .NET reflection sees them (hidden ones too, as serializers
    /// list them) and, apart, the ones Add-Member gave it; nil for an object that is no class instance.
    static func reflectedProperties(of o: PSObject) -> (declared: [String], added: [String])? {
        guard o.baseObject is PSClassType else { return nil }
        var declared: [String] = [], added: [String] = []
        for m in o.members where m.isProperty {
            if m.declaredMemberType == "Property" { declared.append(m.name) } else if !m.isHidden { added.append(m.name) }
        }
        return (declared, added)
    }

    /// The value a property of type `t` holds before anything is assigned (.NET's default).
    static func defaultValue(_ t: PSType?) -> PSValue {
        guard let t else { return .null }
        switch t {
        case .bool: return .false
        case .int32: return .int(0)
        case .int64: return .long(0)
        case .double: return .double(0)
        case .single: return .single(0)
        case .decimal: return .decimal(0)
        case .byte: return .byte(0)
        case .sbyte: return .sbyte(0)
        case .int16: return .int16(0)
        case .uint16: return .uint16(0)
        case .uint32: return .uint32(0)
        case .uint64: return .uint64(0)
        case .char: return .char(0)
        case .switchParameter: return .switchValue(false)
        case .enumType(let e): return .enumValue(e.value(0))
        // .NET structs start zeroed: DateTime.MinValue, TimeSpan.Zero, Guid.Empty.
        case .dateTime: return .dateTime(PSDateTime(ticks: 0))
        case .timeSpan: return .timeSpan(PSTimeSpan(ticks: 0))
        case .guid: return .guid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        // BigInteger is a struct too: zero.
        case .named(let name) where name.caseInsensitiveCompare(BigIntegers.typeName) == .orderedSame: return BigIntegers.object(BigInt.zero)
        default: return .null
        }
    }

    /// Runs `c`'s constructor chosen by the arguments (the implicit default one when it declares none).
    static func runConstructor(_ c: PSClassType, _ o: PSObject, _ args: [PSValue], session: ShellSession) throws {
        if c.constructors.isEmpty {
            guard args.isEmpty else { throw Members.argCount("new", args.count) }
            if let base = c.base { try runConstructor(base, o, [], session: session) }
            try initializeProperties(c, o)
            return
        }
        let ctor = try choose(c.constructors, args, name: "new")
        _ = try ctor.run(o, args)
    }

    /// Sets `c`'s own instance properties to their initializers' values.
    static func initializeProperties(_ c: PSClassType, _ o: PSObject) throws {
        for p in c.properties where !p.isStatic {
            guard let initializer = p.initializer, let i = o.memberIndex(p.name) else { continue }
            // The initializer converts to the property's type itself (its error is the cast's, not a setter's).
            o.setNote(at: i, try initializer())
        }
    }

    /// Static properties get their defaults and the static constructor runs, once, before first use.
    static func initializeStatics(_ c: PSClassType) throws {
        if let failure = c.staticsFailure { throw failure }
        guard !c.staticsInitialized else { return }
        c.staticsInitialized = true
        if let base = c.base { try initializeStatics(base) }
        do {
            for p in c.properties where p.isStatic {
                var v = defaultValue(p.type)
                if let initializer = p.initializer { v = try initializer() }
                c.staticValues[p.name.lowercased()] = v
            }
            if let s = c.staticConstructor { _ = try s.run(nil, []) }
        } catch let e as PSRuntimeError {
            // .NET's TypeInitializationException around the error, for this and every later use.
            let outer = PSException("The type initializer for '\(c.name)' threw an exception.", type: "System.TypeInitializationException",
                                    inner: e.record.exception)
            let failure = PSRuntimeError(ErrorRecord(outer, errorId: "TypeInitializationException", category: .notSpecified))
            c.staticsFailure = failure
            throw failure
        }
    }

    /// The overload a call means: by argument count, then the one whose parameter types the
    /// arguments already have, then the first the arguments convert to.
    static func choose(_ candidates: [ClassMethod], _ args: [PSValue], name: String) throws -> ClassMethod {
        let sameCount = candidates.filter { $0.parameterTypes.count == args.count }
        guard !sameCount.isEmpty else { throw Members.argCount(name, args.count) }
        if sameCount.count == 1 { return sameCount[0] }
        func exact(_ m: ClassMethod) -> Bool {
            zip(m.parameterTypes, args).allSatisfy { t, a in t == .object || PSConvert.isInstance(a, of: t) || a.typeFullName == t.fullName }
        }
        if let m = sameCount.first(where: exact) { return m }
        if let m = sameCount.first(where: { m in zip(m.parameterTypes, args).allSatisfy { (try? PSConvert.convert($1, to: $0)) != nil } }) { return m }
        return sameCount[0]
    }

    /// The instance methods as members of the object: one per name, choosing among the overloads
    /// when called; a derived class's method overrides its base's.
    static func addMethods(_ c: PSClassType, to o: PSObject, session: ShellSession) {
        var byName: [(String, [ClassMethod])] = []
        for m in c.instanceMethods {
            if let i = byName.firstIndex(where: { $0.0.lowercased() == m.name.lowercased() }) { byName[i].1.append(m) } else { byName.append((m.name, [m])) }
        }
        for (name, overloads) in byName {
            let allVoid = overloads.allSatisfy { $0.returnType == nil }
            let body: (PSObject, [PSValue]) throws -> PSValue = { this, args in
                let m = try choose(overloads, args, name: name)
                return try m.run(this, args) ?? .null
            }
            if allVoid { o.addVoidMethod(name) { this, args in _ = try body(this, args) } } else { o.addMethod(name, body) }
            o.setMemberType(name, "Method", typeHint: overloads.map(\.definition).joined(separator: ", "))
            if overloads.contains(where: \.isHidden) { o.setHidden(name) }
            if name.lowercased() == "tostring", let noArgs = overloads.first(where: { $0.parameterTypes.isEmpty }) {
                o.toStringHandler = { this in ((try? noArgs.run(this, [])) ?? nil).map { PSConvert.toString($0) } ?? c.name }
            }
        }
    }

    /// `([Base]$this).Method(args)`: the base class's own implementation, not the override.
    static func callAs(_ c: PSClassType, _ this: PSObject, _ name: String, _ args: [PSValue]) throws -> PSValue?? {
        let key = name.lowercased()
        for k in c.chain {
            let found = k.methods.filter { !$0.isStatic && $0.name.lowercased() == key }
            if !found.isEmpty {
                let m = try choose(found, args, name: name)
                return .some(try m.run(this, args))
            }
        }
        return nil
    }

    // MARK: Comparison

    /// `-eq` on an instance: the class's `Equals(object)` when it declares one, else reference identity.
    static func equals(_ o: PSObject, _ other: PSValue) -> Bool {
        if let c = o.baseObject as? PSClassType,
           let m = c.instanceMethods.first(where: { $0.name.lowercased() == "equals" && $0.parameterTypes.count == 1 }) {
            return ((try? m.run(o, [other])) ?? nil).map(PSConvert.toBool) ?? false
        }
        if case .object(let r) = other { return r === o }
        return false
    }

    /// `-lt` and Sort-Object on an instance: the class's `CompareTo(object)`, nil when it has none.
    static func compare(_ o: PSObject, _ other: PSValue) throws -> Int? {
        guard let c = o.baseObject as? PSClassType,
              let m = c.instanceMethods.first(where: { $0.name.lowercased() == "compareto" && $0.parameterTypes.count == 1 }) else { return nil }
        return try PSConvert.toInt(try m.run(o, [other]) ?? .int(0))
    }

    // MARK: Statics

    static func staticGet(_ c: PSClassType, _ name: String) throws -> PSValue? {
        guard let (owner, _) = c.staticProperty(name) else { return nil }
        try initializeStatics(owner)
        return owner.staticValues[name.lowercased()] ?? .null
    }

    static func staticSet(_ c: PSClassType, _ name: String, _ value: PSValue) throws -> Bool {
        guard let (owner, p) = c.staticProperty(name) else { return false }
        try initializeStatics(owner)
        do {
            owner.staticValues[name.lowercased()] = try p.type.map { try PSConvert.convert(value, to: $0) } ?? value
        } catch let e as PSRuntimeError {
            throw PSRuntimeError.message("Exception setting \"\(p.name)\": \"\(e.record.message)\"", errorId: "ExceptionWhenSetting",
                                         category: .notSpecified, exceptionType: "System.Management.Automation.SetValueInvocationException")
        }
        return true
    }

    /// `[C]::Method(args)`; `.some(nil)` for a void method, nil when there is no such static method.
    static func staticInvoke(_ c: PSClassType, _ name: String, _ args: [PSValue]) throws -> PSValue?? {
        let key = name.lowercased()
        for k in c.chain {
            let found = k.methods.filter { $0.isStatic && $0.name.lowercased() == key }
            if !found.isEmpty {
                try initializeStatics(k)
                let m = try choose(found, args, name: name)
                return .some(try m.run(nil, args))
            }
        }
        return nil
    }

    // MARK: Conversion

    /// `[C]$value`: an instance of C (or a subclass) as it is; a hashtable sets the properties of a
    /// new instance made by the default constructor; anything else goes to a one-argument constructor.
    static func convert(_ value: PSValue, to c: PSClassType) throws -> PSValue {
        if case .object(let o) = value, let k = o.baseObject as? PSClassType, k.derives(from: c) { return value }
        if value.isNull { return .null }
        guard let construct = c.construct else { throw PSConvert.cannotConvert(value, to: .scriptClass(c)) }
        // A constructor taking the hashtable itself comes first; else the default constructor and
        // the keys set as properties (LanguagePrimitives' ConvertViaConstructor, then CreateFromHashtable).
        let takesDictionary = c.constructors.contains { m in
            m.parameterTypes.count == 1 && [PSType.hashtable, .object, .named("System.Collections.IDictionary")].contains(m.parameterTypes[0])
        }
        if case .hashtable(let table) = value, !takesDictionary,
           c.constructors.isEmpty || c.constructors.contains(where: { $0.parameterTypes.isEmpty }) {
            let o = try construct([])
            func creationError(_ detail: String) -> PSRuntimeError {
                PSRuntimeError.message("Cannot create object of type \"\(c.name)\". \(detail)", errorId: "ObjectCreationError",
                                       category: .invalidArgument, exceptionType: "System.Management.Automation.PSInvalidCastException")
            }
            for key in table.keys {
                let name = PSConvert.toString(key)
                guard let member = o.member(name) else {
                    let settable = o.properties.map { "[\($0.name) <\($0.typeConstraint?.fullName ?? "System.Object")>]" }.joined(separator: ", ")
                    throw creationError("The property '\(name)' was not found for the '\(c.name)' object. The settable properties are: \(settable).")
                }
                do {
                    if let t = member.typeConstraint, let i = o.memberIndex(name) {
                        o.setNote(at: i, try PSConvert.convert(table[key] ?? .null, to: t))
                    } else {
                        try o.setProperty(name, table[key] ?? .null)
                    }
                } catch let e as PSRuntimeError {
                    throw creationError(e.record.message)
                }
            }
            return .object(o)
        }
        if c.constructors.contains(where: { $0.parameterTypes.count == 1 }) {
            do { return .object(try construct([value])) } catch let e as PSRuntimeError {
                throw PSConvert.cannotConvert(value, to: .scriptClass(c), detail: e.record.message)
            }
        }
        throw PSConvert.cannotConvert(value, to: .scriptClass(c))
    }
}
