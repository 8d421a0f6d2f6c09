// The members Get-Member reports for a value: the .NET catalog for built-in values, and for
// PSObjects their own members, named the way PowerShell names them (NoteProperty, ScriptMethod, ...).

import Foundation
import PSRuntime

enum MemberListing {
    /// Methods every object has (System.Object's).
    static let objectMethods: [CatalogMember] = [
        CatalogMember(name: "Equals", memberType: "Method", definition: "bool Equals(System.Object obj)"),
        CatalogMember(name: "GetHashCode", memberType: "Method", definition: "int GetHashCode()"),
        CatalogMember(name: "GetType", memberType: "Method", definition: "type GetType()"),
        CatalogMember(name: "ToString", memberType: "Method", definition: "string ToString()"),
    ]

    /// The .NET method `name` of a value, as its PSMethod shows it: the declared name and the overloads.
    static func methodOverloads(_ value: PSValue, _ name: String, _ session: ShellSession) -> (String, [String])? {
        // A built-in value's methods depend on its type alone: each type's are looked up once, as a
        // missing hashtable key (`if ($config.Optional)`) asks this on every read.
        let cacheable = session.typeData.isEmpty && { if case .object = value { return false }; return true }()
        if cacheable, let known = MethodCache.shared.methods(of: value.typeFullName) {
            return known[name.lowercased()]
        }
        var methods: [String: (String, [String])] = [:]
        for member in members(of: value, session: session) where member.memberType == "Method" {
            methods[member.name.lowercased()] = (member.name, MethodReferences.overloads(member.definition))
        }
        if cacheable { MethodCache.shared.store(methods, for: value.typeFullName) }
        return methods[name.lowercased()]
    }

    /// The methods of each built-in value type by lower-cased name, shared by the process's sessions.
    final class MethodCache: @unchecked Sendable {
        static let shared = MethodCache()
        private let lock = NSLock()
        private var byType: [String: [String: (String, [String])]] = [:]
        func methods(of type: String) -> [String: (String, [String])]? { lock.withLock { byType[type] } }
        func store(_ methods: [String: (String, [String])], for type: String) { lock.withLock { byType[type] = methods } }
    }

    /// `includeHidden`: a script class's `hidden` members too (Get-Member -Force).
    static func members(of v: PSValue, session: ShellSession, includeHidden: Bool = false) -> [CatalogMember] {
        withTypeData(ownMembers(of: v, session: session, includeHidden: includeHidden), of: v, session: session)
    }

    private static func ownMembers(of v: PSValue, session: ShellSession, includeHidden: Bool) -> [CatalogMember] {
        if case .object(let o) = v { return objectMembers(o, session: session, includeHidden: includeHidden) }
        if let known = DotNetMemberCatalog.members(of: v) { return known }
        // Other values: System.Object's methods and whatever properties the runtime exposes.
        return objectMethods + PropertyAccess.propertyNames(v).map { name in
            CatalogMember(name: name, memberType: "Property",
                          definition: "\(propertyTypeName(PropertyAccess.value(v, name) ?? .null)) \(name) {get;}")
        }
    }

    /// The members Update-TypeData gave the value's types, after its own (an own member of the same
    /// name stays; a .NET member of the same name gives way, as extended members come first).
    private static func withTypeData(_ list: [CatalogMember], of v: PSValue, session: ShellSession) -> [CatalogMember] {
        guard !session.typeData.isEmpty else { return list }
        var out = list
        var own = Set<String>()
        if case .object(let o) = v { own = Set(o.members.map { $0.name.lowercased() }) }
        for m in session.typeData.members(typeNames: v.typeNames) where !own.contains(m.name.lowercased()) {
            let definition: String
            switch m.kind {
            case .note(let value): definition = "\(noteTypeName(value)) \(m.name)=\(value.isNull ? "null" : dotNetText(value))"
            case .alias(let target, let type): definition = "\(m.name) = " + (type.map { "(\($0.fullName))" } ?? "") + target
            case .scriptProperty(let get, let set):
                definition = "System.Object \(m.name) {" + (get.map { "get=\($0.text);" } ?? "") + (set.map { "set=\($0.text);" } ?? "") + "}"
            case .scriptMethod: definition = "System.Object \(m.name)();"
            }
            out.removeAll { $0.name.caseInsensitiveCompare(m.name) == .orderedSame }
            out.append(CatalogMember(name: m.name, memberType: m.memberTypeName, definition: definition))
        }
        return out
    }

    /// A PSObject's members. Objects that stand for .NET types (not PSCustomObjects) report their
    /// stored and computed properties as `Property` and their methods as `Method`, unless a member
    /// says otherwise (Add-Member's notes stay NoteProperty).
    static func objectMembers(_ o: PSObject, session: ShellSession, includeHidden: Bool = false) -> [CatalogMember] {
        var out: [CatalogMember] = []
        if let base = o.baseValue { out = members(of: base, session: session) } else { out = objectMethods }
        // A wrapped .NET value's own members come from its base; what the wrapper adds (Add-Member,
        // Select-Object -ExpandProperty with -Property) are notes.
        let standsForDotNetType = o.baseValue == nil && !o.typeNames.contains(PSObject.customObjectTypeNames[0])
        let isClassInstance = o.baseObject is PSClassType
        for m in o.members where includeHidden || !m.isHidden {
            let entry: CatalogMember
            switch m.kind {
            case .note(let value):
                let type = m.declaredMemberType ?? (standsForDotNetType ? "Property" : "NoteProperty")
                // A note holding a value that came through the pipeline (a calculated property, Compare-Object's
                // InputObject) carries its full type name, as PowerShell's PSObject-wrapped values show.
                entry = CatalogMember(name: m.name, memberType: type, definition: type == "NoteProperty"
                    ? "\(m.typeHint ?? noteTypeName(value)) \(m.name)=\(value.isNull ? "null" : dotNetText(value))"
                    : propertyDefinition(m, type: type, value: value, settable: isClassInstance))
            case .alias(let target):
                entry = CatalogMember(name: m.name, memberType: m.declaredMemberType ?? "AliasProperty", definition: "\(m.name) = \(target)")
            case .computed(let get, let set):
                let type = m.declaredMemberType ?? (standsForDotNetType ? "Property" : "ScriptProperty")
                let value = m.typeHint == nil ? ((try? get(o)) ?? .null) : .null
                entry = CatalogMember(name: m.name, memberType: type,
                                      definition: propertyDefinition(m, type: type, value: value, settable: set != nil))
            case .method:
                let type = m.declaredMemberType ?? (standsForDotNetType ? "Method" : "ScriptMethod")
                // PSScriptMethod's definition ends in "();", a .NET method's in "()"; a class's method
                // lists its overloads' signatures.
                if isClassInstance, let signatures = m.typeHint {
                    entry = CatalogMember(name: m.name, memberType: type, definition: signatures)
                } else {
                    entry = CatalogMember(name: m.name, memberType: type, definition: "System.Object \(m.name)()" + (type == "ScriptMethod" ? ";" : ""))
                }
            }
            // An object's own member replaces the base member of that name (ToString overridden, ...).
            out.removeAll { $0.name.caseInsensitiveCompare(m.name) == .orderedSame }
            out.append(entry)
        }
        return out
    }

    private static func propertyDefinition(_ m: PSMember, type: String, value: PSValue, settable: Bool) -> String {
        let valueType = m.typeHint ?? propertyTypeName(value)
        switch type {
        case "CodeProperty": return "\(m.typeHint ?? (value.isNull ? "System.Object" : value.typeFullName)) \(m.name){get=\(m.name);}"
        case "ScriptProperty":
            // Add-Member keeps the accessor blocks' text in the hint; other script properties show none.
            if let accessors = m.typeHint, accessors.hasPrefix("{get=") || accessors.hasPrefix("{set=") { return "System.Object \(m.name) \(accessors)" }
            return "System.Object \(m.name) {get;\(settable ? "set;" : "")}"
        case "AliasProperty": return "\(m.name) = \(m.typeHint ?? "")"
        default: return "\(valueType) \(m.name) {get;\(settable ? "set;" : "")}"
        }
    }

    /// The type in a property definition: PowerShell's short names for common types, else the full name.
    static func propertyTypeName(_ v: PSValue) -> String {
        switch v.unwrapped {
        case .null: return "System.Object"
        case .object(let o): return o.typeNames.first ?? "System.Object"
        case .array(let a): return DotNetMemberCatalog.shortName(a.typeFullName)
        case .hashtable(let h): return h.isOrdered ? "System.Collections.Specialized.OrderedDictionary" : "hashtable"
        default: return DotNetMemberCatalog.shortName(v.typeFullName)
        }
    }

    /// The type of a NoteProperty's value as its definition names it: the first type name of an
    /// object, else the type without its namespace (`Object[]`), with short names for common types.
    /// A note for a value PowerShell would hold wrapped in a PSObject: Get-Member names its type in full.
    static func wrappedNote(_ name: String, _ value: PSValue) -> PSMember {
        switch value.unwrapped {
        case .null, .object: return PSMember(name: name, kind: .note(value))
        default: return PSMember(name: name, kind: .note(value), typeHint: value.typeFullName)
        }
    }

    static func noteTypeName(_ v: PSValue) -> String {
        switch v.unwrapped {
        case .null: return "object"
        case .object(let o): return o.typeNames.first ?? "System.Object"
        default:
            let short = DotNetMemberCatalog.shortName(v.typeFullName)
            if short != v.typeFullName { return short }
            let full = v.typeFullName
            if full.hasSuffix("[]") {
                let element = String(full.dropLast(2))
                let s = DotNetMemberCatalog.shortName(element)
                return (s != element ? s : PSType.shortName(of: element)) + "[]"
            }
            return PSType.shortName(of: full)
        }
    }

    /// .NET's ToString() of a note's value (collections print their type name, not their elements).
    static func dotNetText(_ v: PSValue) -> String {
        switch v.unwrapped {
        case .array(let a): return a.typeFullName
        case .hashtable(let h): return h.isOrdered ? "System.Collections.Specialized.OrderedDictionary" : "System.Collections.Hashtable"
        // ToString() of a date is the current culture's (en-US) form.
        case .dateTime(let d): return DateFormatting.format(DateParts(d), DateFormatting.cellPattern)
        default: return PSConvert.toString(v)
        }
    }

    /// PSMemberTypes filter: names, wildcards, and the `Properties`, `Methods` and `All` groups.
    static func memberTypeMatches(_ memberType: String, _ patterns: [String]) -> Bool {
        if patterns.isEmpty { return true }
        for p in patterns {
            switch p.lowercased() {
            case "all": return true
            case "properties": if memberType.hasSuffix("Property") && memberType != "ParameterizedProperty" { return true }
            case "methods": if memberType.hasSuffix("Method") { return true }
            default: if WildcardPattern(p).matches(memberType) { return true }
            }
        }
        return false
    }

    /// Get-Member's order: MemberType, then Name, both compared ordinally ignoring case.
    static func precedes(_ a: CatalogMember, _ b: CatalogMember) -> Bool {
        let (ta, tb) = (a.memberType.uppercased(), b.memberType.uppercased())
        if ta != tb { return ta < tb }
        return a.name.uppercased() < b.name.uppercased()
    }
}
