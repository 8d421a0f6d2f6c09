/// The session's extended type data (what Update-TypeData adds and Get-TypeData lists): members every
/// object of a type answers, as PowerShell's types.ps1xml entries do, and the type's standard members
/// (the default display property set that formatting follows, the serialization settings). A member
/// found here comes after the object's own members and before its .NET ones; the most specific of the
/// object's type names that has the member wins.
public final class TypeDataTable {
    public enum MemberKind {
        case note(PSValue)
        /// `Value` names the property it stands for; `SecondValue` a type to convert the value to.
        case alias(target: String, type: PSType?)
        case scriptProperty(get: PSScriptBlock?, set: PSScriptBlock?)
        case scriptMethod(PSScriptBlock)
    }

    public struct Member {
        public var name: String
        public var kind: MemberKind

        public init(name: String, kind: MemberKind) {
            self.name = name
            self.kind = kind
        }

        /// Get-Member's MemberType for it.
        public var memberTypeName: String {
            switch kind {
            case .note: return "NoteProperty"
            case .alias: return "AliasProperty"
            case .scriptProperty: return "ScriptProperty"
            case .scriptMethod: return "ScriptMethod"
            }
        }
    }

    /// One type's entry (PowerShell's System.Management.Automation.Runspaces.TypeData).
    public final class Entry {
        public let typeName: String
        /// Members in the order they were added, keyed by `caseInsensitiveKey`.
        public private(set) var members: [(key: String, member: Member)] = []
        /// PSStandardMembers: DefaultDisplayPropertySet, DefaultKeyPropertySet, DefaultDisplayProperty,
        /// SerializationMethod, SerializationDepth, ... as they were given.
        public var standardMembers: [(name: String, value: PSValue)] = []

        init(typeName: String) { self.typeName = typeName }

        public func member(_ name: String) -> Member? {
            let key = name.caseInsensitiveKey
            return members.first { $0.key == key }?.member
        }

        public func set(_ member: Member) {
            let key = member.name.caseInsensitiveKey
            if let i = members.firstIndex(where: { $0.key == key }) { members[i].member = member } else { members.append((key, member)) }
        }

        public func standardMember(_ name: String) -> PSValue? {
            standardMembers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public func setStandardMember(_ name: String, _ value: PSValue) {
            if let i = standardMembers.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                standardMembers[i].value = value
            } else {
                standardMembers.append((name, value))
            }
        }

        public var isEmpty: Bool { members.isEmpty && standardMembers.isEmpty }

        public func removeMember(_ name: String) {
            let key = name.caseInsensitiveKey
            members.removeAll { $0.key == key }
        }

        public func removeStandardMember(_ name: String) {
            standardMembers.removeAll { $0.name.lowercased() == name.lowercased() }
        }
    }

    private var entries: [String: Entry] = [:]
    /// The types.ps1xml files Update-TypeData loaded, in load order (each is read again on the next update).
    public var files: [String] = []
    /// Type names in the order their entries were made (Get-TypeData lists them so).
    private var order: [String] = []

    public init() {}

    /// A SerializationMethod as PowerShell's type table keeps it: the enum name (`string` is String).
    public static func serializationMethod(_ text: String) -> String {
        ["AllPublicProperties", "String", "SpecificProperties"].first { $0.lowercased() == text.lowercased() } ?? text
    }

    /// True until something is added: member lookups skip the table entirely then.
    public var isEmpty: Bool { entries.isEmpty }

    public var all: [Entry] { order.compactMap { entries[$0] } }

    public func entry(_ typeName: String) -> Entry? { entries[Self.key(typeName)] }

    /// The entry for `typeName`, made when there is none.
    public func entryMaking(_ typeName: String) -> Entry {
        let key = Self.key(typeName)
        if let e = entries[key] { return e }
        let e = Entry(typeName: typeName)
        entries[key] = e
        order.append(key)
        return e
    }

    public func remove(_ typeName: String) -> Bool {
        let key = Self.key(typeName)
        guard entries.removeValue(forKey: key) != nil else { return false }
        order.removeAll { $0 == key }
        return true
    }

    public func removeAll() {
        files = []
        entries = [:]
        order = []
    }

    /// The member `name` for an object with these type names (most specific first).
    public func member(_ name: String, typeNames: [String]) -> Member? {
        for t in typeNames {
            if let e = entries[Self.key(t)], let m = e.member(name) { return m }
        }
        return nil
    }

    /// A standard member (DefaultDisplayPropertySet, ...) for an object with these type names.
    public func standardMember(_ name: String, typeNames: [String]) -> PSValue? {
        for t in typeNames {
            if let e = entries[Self.key(t)], let v = e.standardMember(name) { return v }
        }
        return nil
    }

    /// Every member the object's types give it, the most specific type's first, each name once.
    public func members(typeNames: [String]) -> [Member] {
        var seen = Set<String>()
        var out: [Member] = []
        for t in typeNames {
            guard let e = entries[Self.key(t)] else { continue }
            for (key, m) in e.members where !seen.contains(key) {
                seen.insert(key)
                out.append(m)
            }
        }
        return out
    }

    /// `System.String` and `string` name the same entry; PowerShell keys by the full name, which the
    /// cmdlets resolve before they get here.
    static func key(_ typeName: String) -> String { typeName.caseInsensitiveKey }
}

extension ShellSession {
    /// A type-data property of `value`, or nil when its types declare none named so.
    public func typeDataProperty(_ value: PSValue, _ name: String) throws -> PSValue? {
        guard !typeData.isEmpty else { return nil }
        if name.caseInsensitiveKey == "psstandardmembers" { return try standardMembersObject(value) }
        guard let member = typeData.member(name, typeNames: value.typeNames) else { return nil }
        switch member.kind {
        case .note(let v): return v
        case .alias(let target, let type):
            let v = try Members.get(value, target, session: self)
            guard let type else { return v }
            return try PSConvert.convert(v, to: type, types: types)
        case .scriptProperty(let get, _):
            guard let get else { return .null }
            return try runWithThis(get, this: value, arguments: [])
        case .scriptMethod:
            return nil
        }
    }

    /// `$x.PSStandardMembers` of an object whose types have standard members: each as given, the
    /// serialization source as the value of the property it names (an alias, as PowerShell makes it).
    private func standardMembersObject(_ value: PSValue) throws -> PSValue? {
        var found: [(name: String, value: PSValue)] = []
        for t in value.typeNames {
            guard let e = typeData.entry(t) else { continue }
            for m in e.standardMembers where !found.contains(where: { $0.name.lowercased() == m.name.lowercased() }) { found.append(m) }
        }
        guard !found.isEmpty else { return nil }
        let o = PSObject(typeNames: ["System.Management.Automation.PSMemberSet", "System.Object"])
        for (name, v) in found {
            switch name {
            case "StringSerializationSource":
                o.addNote(name, try Members.get(value, PSConvert.toString(v), session: self))
            case "DefaultDisplayPropertySet", "DefaultKeyPropertySet", "PropertySerializationSet":
                let set = PSObject(typeNames: ["System.Management.Automation.PSPropertySet", "System.Object"])
                set.addNote("ReferencedPropertyNames", v)
                o.addNote(name, .object(set))
            default:
                o.addNote(name, v)
            }
        }
        return .object(o)
    }

    /// A type-data ScriptMethod of `value` called with `arguments`, or nil when there is none.
    func callTypeDataMethod(_ value: PSValue, _ name: String, _ arguments: [PSValue]) throws -> PSValue? {
        guard !typeData.isEmpty, let member = typeData.member(name, typeNames: value.typeNames),
              case .scriptMethod(let body) = member.kind else { return nil }
        return try runWithThis(body, this: value, arguments: arguments)
    }

    /// Runs an extended member's script block with `$this` set to the object, giving one value or a list.
    private func runWithThis(_ block: PSScriptBlock, this: PSValue, arguments: [PSValue]) throws -> PSValue {
        let saved = variable("this")
        setVariable("this", this)
        defer { setVariable("this", saved ?? .null) }
        let out = try invokeCollect(block, dollarUnder: this, arguments: arguments)
        return out.isEmpty ? .null : (out.count == 1 ? out[0] : .list(out))
    }
}
