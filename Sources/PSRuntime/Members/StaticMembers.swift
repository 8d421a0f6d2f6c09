/// `[Type]::Member`, `[Type]::Member = value` and `[Type]::Method()`, answered from the one table of
/// static members (Static/StaticMemberTable.swift), which `Get-Member -Static` lists as well.
enum StaticMembers {
    static func noMember(_ type: PSType, _ name: String) -> PSRuntimeError {
        PSRuntimeError.message("Method invocation failed because [\(type.fullName)] does not contain a method named '\(name)'.",
                               errorId: "MethodNotFound", category: .invalidOperation)
    }

    /// `[Type]::Name`. A property the type lacks is $null, as in PowerShell, except under strict mode 2
    /// and later (`strictMode` is asked only then, as finding it walks the scopes).
    static func get(_ type: PSType, _ name: String, session: ShellSession, strictMode: () -> Int = { 0 }) throws -> PSValue {
        if let value = try lookup(type, name, session: session) { return value }
        return try missing(name, strictMode: strictMode())
    }

    /// What reading a static property the type lacks gives.
    static func missing(_ name: String, strictMode: Int) throws -> PSValue {
        if strictMode >= 2 { throw StrictMode.propertyNotFound(name) }
        return .null
    }

    /// The static property's value, nil when the type has no such property.
    static func lookup(_ type: PSType, _ name: String, session: ShellSession) throws -> PSValue? {
        if case .scriptClass(let c) = type {
            if let value = try ClassInstances.staticGet(c, name) { return value }
            // `[C]::Method` without a call: the method's PSMethod.
            if let method = ClassMethodReferences.staticMethod(c, name) { return method }
        }
        guard let property = StaticTypes.surface(of: type)?.property(name.lowercased()) else {
            // `[Math]::Round` without a call: the method's PSMethod.
            return MethodReferences.staticMethod(type, name, session: session)
        }
        return try property.read(session)
    }

    static func set(_ type: PSType, _ name: String, _ value: PSValue, session: ShellSession) throws {
        if case .scriptClass(let c) = type, try ClassInstances.staticSet(c, name, value) { return }
        if let write = StaticTypes.surface(of: type)?.property(name.lowercased())?.write {
            try write(value, session)
            return
        }
        throw PSRuntimeError.message("'\(name)' is a ReadOnly property.", errorId: "PropertyAssignmentException", category: .invalidOperation)
    }

    /// `[Type]::Method(args)`; nil means the method returns void. `new` constructs.
    static func invoke(_ type: PSType, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let lowercasedName = name.lowercased()
        if lowercasedName == "new" { return try TypeOperations.construct(type, args, session: session) }
        if case .scriptClass(let c) = type, let result = try ClassInstances.staticInvoke(c, name, args) { return result }
        guard let method = StaticTypes.surface(of: type)?.method(lowercasedName) else { throw noMember(type, name) }
        return try method.call(StaticCall(type: type, name: name, args: args, session: session))
    }

    /// The argument at `index` as .NET would receive a string ("" when it is missing).
    static func str(_ args: [PSValue], _ index: Int) -> String { index < args.count ? PSConvert.toString(args[index]) : "" }
}

/// One line of `Get-Member -Static`.
public struct StaticMemberListing: Sendable {
    public let name: String
    /// `Property` or `Method`.
    public let memberType: String
    public let definition: String

    /// The static members of a type, nil when hvsh implements none of them.
    public static func members(of type: PSType) -> [StaticMemberListing]? {
        if case .scriptClass(let c) = type {
            // A script class: its static properties and methods (its bases' too), and `new`.
            let ctors = c.constructors.isEmpty ? "\(c.name) new()" : c.constructors.map { m in
                "\(c.name) new(" + zip(m.parameterTypeTexts, m.parameterNames).map { "\($0) \($1)" }.joined(separator: ", ") + ")"
            }.joined(separator: ", ")
            var out = [StaticMemberListing(name: "new", memberType: "Method", definition: ctors)]
            for k in c.chain {
                for p in k.properties where p.isStatic && !p.isHidden {
                    out.append(StaticMemberListing(name: p.name, memberType: "Property",
                                                   definition: "static \(DefinitionTypeName.of(p.type?.fullName ?? "System.Object")) \(p.name) {get;set;}"))
                }
                for m in k.methods where m.isStatic && !m.isHidden {
                    out.append(StaticMemberListing(name: m.name, memberType: "Method", definition: m.definition))
                }
            }
            return out
        }
        guard let surface = StaticTypes.surface(of: type) else { return nil }
        return surface.properties.map { StaticMemberListing(name: $0.name, memberType: "Property", definition: $0.definition) }
            + surface.methods.map { StaticMemberListing(name: $0.name, memberType: "Method", definition: $0.definition) }
    }
}
