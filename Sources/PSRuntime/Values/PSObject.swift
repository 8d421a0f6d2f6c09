/// What kind of member a PSObject carries. Script properties and methods are Swift closures, so a
/// module can expose live values (a VM's State read from its worker at the moment it is printed).
public enum PSMemberKind {
    /// A stored value (NoteProperty), settable.
    case note(PSValue)
    /// Another name for an existing member (AliasProperty).
    case alias(target: String)
    /// A computed property (ScriptProperty / CodeProperty); setter optional.
    case computed(get: (PSObject) throws -> PSValue, set: ((PSObject, PSValue) throws -> Void)?)
    /// A method; receives the object and the evaluated arguments.
    case method((PSObject, [PSValue]) throws -> PSValue)
}

public struct PSMember {
    public let name: String
    public var kind: PSMemberKind
    /// The type name shown by Get-Member's Definition column for properties (e.g. "string", "int").
    public var typeHint: String?
    /// The MemberType Get-Member and `.PSObject.Properties` report when the storage kind would say
    /// otherwise: a module object's note that stands for a .NET property is a `Property`, PowerShell's
    /// type data members are `CodeProperty`/`ScriptProperty`.
    public var declaredMemberType: String?
    /// A script class property's type: assignments convert to it.
    public var typeConstraint: PSType?
    /// A `hidden` class member: Get-Member lists it only with -Force, formatting leaves it out.
    public var isHidden = false
    /// A script class property's validation attributes, run on each assignment (throws the message).
    public var validate: ((PSValue) throws -> Void)?

    public init(name: String, kind: PSMemberKind, typeHint: String? = nil) {
        self.name = name
        self.kind = kind
        self.typeHint = typeHint
    }

    public var isProperty: Bool {
        if case .method = kind { return false }
        return true
    }

    /// A property a script can assign (a note, an alias, a computed property with a setter).
    public var isSettable: Bool {
        switch kind {
        case .method: return false
        case .computed(_, let set): return set != nil
        default: return true
        }
    }

    /// Get-Member's MemberType column.
    public var memberTypeName: String {
        if let t = declaredMemberType { return t }
        switch kind {
        case .note: return "NoteProperty"
        case .alias: return "AliasProperty"
        case .computed: return "ScriptProperty"
        case .method: return "Method"
        }
    }
}

/// A PowerShell object: type names (most specific first; format views are chosen by them), ordered
/// members looked up case-insensitively, and optionally the Swift object or primitive it wraps.
public final class PSObject {
    public static let customObjectTypeNames = ["System.Management.Automation.PSCustomObject", "System.Object"]

    public var typeNames: [String]
    /// A primitive this object wraps (`[psobject]5`), if any.
    public var baseValue: PSValue? {
        get { storedBaseValue ?? ownerCollection.map { .array($0) } }
        set { storedBaseValue = newValue }
    }
    private var storedBaseValue: PSValue?
    /// The collection whose own members this object holds (`PSArray.instanceMembers`, from Add-Member):
    /// held weakly, as the collection holds this object, so that the two do not keep each other alive.
    public weak var ownerCollection: PSArray?
    /// The module's own model object behind this PSObject (for identity and for `as?` in cmdlets).
    public var baseObject: AnyObject?
    /// Properties formatting shows by default when no view exists (PSStandardMembers.DefaultDisplayPropertySet).
    public var defaultDisplayProperties: [String]?
    /// Overrides `ToString()` (and string conversion) for module objects.
    public var toStringHandler: ((PSObject) -> String)?

    public private(set) var members: [PSMember] = []
    /// `members`' names as `caseInsensitiveKey`s, in the same order.
    private var keys: [String] = []
    /// Position by key, kept only for objects with many members (a CSV row of hundreds of columns):
    /// most objects have a handful, and a scan of their keys is cheaper than hashing the name, which
    /// (with the dictionary's growth) was most of the cost of building an object.
    private var index: [String: Int]?
    private static let indexedMemberCount = 16

    /// Where the member `name` is, if there is one.
    private func position(_ name: String) -> Int? {
        if let index { return index[name.caseInsensitiveKey] }
        // The name a member was added with is usually the one it is asked for by (a column name, a
        // literal in a cmdlet): equal strings compare cheaply, before any case folding.
        if let i = members.firstIndex(where: { $0.name == name }) { return i }
        let key = name.caseInsensitiveKey
        return keys.firstIndex(of: key)
    }

    private func position(key: String) -> Int? {
        if let index { return index[key] }
        return keys.firstIndex(of: key)
    }

    public init(typeNames: [String] = PSObject.customObjectTypeNames, baseObject: AnyObject? = nil) {
        self.typeNames = typeNames
        self.baseObject = baseObject
    }

    /// A PSCustomObject with note properties in the given order.
    public convenience init(typeNames: [String] = PSObject.customObjectTypeNames, _ notes: KeyValuePairs<String, PSValue>) {
        self.init(typeNames: typeNames)
        for (k, v) in notes { addNote(k, v) }
    }

    public var isCustomObject: Bool { typeNames.first == PSObject.customObjectTypeNames[0] }

    /// What a cmdlet writes to the pipeline (PowerShell's `WriteObject` wraps every object in a
    /// PSObject, so `(Write-Output 'x') -is [psobject]` while `'x' -is [psobject]` is not): a scalar
    /// goes out wrapped; objects already are PSObjects, and collections, dictionaries and `$null`
    /// go as they are, as do script blocks and types (which the language runs and resolves as they are).
    @inline(__always)
    public static func asOutput(_ value: PSValue) -> PSValue {
        switch value {
        case .null, .object, .array, .hashtable, .scriptBlock, .type: return value
        default:
            let wrapper = PSObject(typeNames: value.typeNames)
            wrapper.baseValue = value
            wrapper.outputWrapperTypeNameCount = wrapper.typeNames.count
            return .object(wrapper)
        }
    }

    /// Set by `asOutput`: the type-name count the wrapper was made with (-1 for other objects).
    private var outputWrapperTypeNameCount = -1

    /// A wrapper made by `asOutput` that nothing was added to since (no members, no type names):
    /// it carries nothing but the value, so a cmdlet can be handed the value itself.
    public var isPlainWrapper: Bool { outputWrapperTypeNameCount == typeNames.count && members.isEmpty }

    // MARK: Adding members

    /// Room for `count` members without regrowing (for objects built with many members at once).
    public func reserveMembers(_ count: Int) {
        members.reserveCapacity(count)
        keys.reserveCapacity(count)
        if count > Self.indexedMemberCount { index?.reserveCapacity(count) }
    }

    /// Adds or replaces a member, keeping the original position when replacing.
    public func add(_ member: PSMember) {
        let key = member.name.caseInsensitiveKey
        if let i = position(key: key) {
            members[i] = member
            keys[i] = key
        } else {
            if index != nil {
                index![key] = members.count
            } else if members.count == Self.indexedMemberCount {
                var built = [String: Int](minimumCapacity: 2 * Self.indexedMemberCount)
                for (i, k) in keys.enumerated() { built[k] = i }
                built[key] = members.count
                index = built
            }
            keys.append(key)
            members.append(member)
        }
    }

    public func addNote(_ name: String, _ value: PSValue) { add(PSMember(name: name, kind: .note(value))) }

    public func addAlias(_ name: String, target: String) { add(PSMember(name: name, kind: .alias(target: target))) }

    public func addProperty(_ name: String, get: @escaping (PSObject) throws -> PSValue,
                            set: ((PSObject, PSValue) throws -> Void)? = nil) {
        add(PSMember(name: name, kind: .computed(get: get, set: set)))
    }

    public func addMethod(_ name: String, _ body: @escaping (PSObject, [PSValue]) throws -> PSValue) {
        add(PSMember(name: name, kind: .method(body)))
    }

    /// A method that returns nothing (.NET `void`): calling it as a statement writes no output.
    public func addVoidMethod(_ name: String, _ body: @escaping (PSObject, [PSValue]) throws -> Void) {
        add(PSMember(name: name, kind: .method({ o, a in try body(o, a); return .null })))
        voidMethods.insert(name.lowercased())
    }

    /// Lower-cased names of the methods added with `addVoidMethod`.
    public private(set) var voidMethods: Set<String> = []

    /// Sets the MemberType a member reports (see `PSMember.declaredMemberType`).
    /// `typeHint`, when given, is what Get-Member's definition shows (an alias's `(System.UInt32)Age`,
    /// a script property's accessor blocks).
    public func setMemberType(_ name: String, _ memberType: String, typeHint: String? = nil) {
        guard let i = position(name) else { return }
        members[i].declaredMemberType = memberType
        if let typeHint { members[i].typeHint = typeHint }
    }

    /// Marks a member `hidden` (a script class's hidden property or method).
    public func setHidden(_ name: String) {
        guard let i = position(name) else { return }
        members[i].isHidden = true
    }

    /// Drops every member (an adapted object whose members follow what it wraps builds them again).
    public func removeAllMembers() {
        members.removeAll()
        keys.removeAll()
        index = nil
    }

    public func removeMember(_ name: String) {
        guard let i = position(name) else { return }
        members.remove(at: i)
        keys.remove(at: i)
        if index != nil {
            index!.removeAll(keepingCapacity: true)
            for (j, k) in keys.enumerated() { index![k] = j }
        }
    }

    // MARK: Lookup

    /// Where the member `name` (any case) is in `members`.
    public func memberIndex(_ name: String) -> Int? { position(name) }

    /// Gives the member at `index` (from `memberIndex`) a note value: rows made from one template
    /// object's `copy()` (ConvertFrom-Csv) share its names and index instead of adding each again.
    public func setNote(at index: Int, _ value: PSValue) { members[index].kind = .note(value) }

    public func member(_ name: String) -> PSMember? {
        guard let i = position(name) else { return nil }
        return members[i]
    }

    /// Property members in declaration order (what Format-List and Select-Object * walk).
    /// The properties scripts and formatting see (a `hidden` class property is left out).
    public var properties: [PSMember] { members.filter { $0.isProperty && !$0.isHidden } }

    public var propertyNames: [String] { members.compactMap { $0.isProperty && !$0.isHidden ? $0.name : nil } }

    /// The value of a property, or nil when there is no such property (PowerShell then yields $null
    /// in non-strict mode). Alias chains are followed.
    public func property(_ name: String) throws -> PSValue? {
        guard let m = member(try aliasTarget(name)) else { return nil }
        switch m.kind {
        case .note(let v): return v
        case .alias, .method: return nil
        case .computed(let get, _): return try get(self)
        }
    }

    /// The name an alias chain ends at (the name itself when it is no alias). Aliases are names, so
    /// `A -> B -> A` is possible: PowerShell reports the cycle (CycleInAliasLookup) instead of following
    /// it forever.
    private func aliasTarget(_ name: String) throws -> String {
        var current = name
        var hops = 0
        while let m = member(current), case .alias(let target) = m.kind {
            hops += 1
            if hops > members.count {
                throw PSRuntimeError.message("The alias property '\(name)' refers to itself through a cycle of aliases.",
                                             errorId: "CycleInAliasLookup", category: .notSpecified,
                                             exceptionType: "System.Management.Automation.ExtendedTypeSystemException")
            }
            current = target
        }
        return current
    }

    /// Sets a property; a missing one is an error, as in PowerShell (use addNote to create).
    public func setProperty(_ name: String, _ value: PSValue) throws {
        guard let i = position(name) else {
            throw PSRuntimeError.message(
                "The property '\(name)' cannot be found on this object. Verify that the property exists and can be set.",
                errorId: "PropertyNotFound", category: .invalidOperation)
        }
        switch members[i].kind {
        case .note:
            if members[i].typeConstraint != nil || members[i].validate != nil {
                do {
                    var converted = value
                    if let t = members[i].typeConstraint { converted = try PSConvert.convert(value, to: t) }
                    try members[i].validate?(converted)
                    members[i].kind = .note(converted)
                } catch let e as PSRuntimeError {
                    throw PSRuntimeError.message("Exception setting \"\(members[i].name)\": \"\(e.record.message)\"", errorId: "ExceptionWhenSetting",
                                                 category: .notSpecified, exceptionType: "System.Management.Automation.SetValueInvocationException")
                }
                return
            }
            members[i].kind = .note(value)
        case .alias: try setProperty(try aliasTarget(name), value)
        case .computed(_, let set):
            guard let set else {
                throw PSRuntimeError.message("'\(members[i].name)' is a ReadOnly property.",
                                             errorId: "PropertyAssignmentException", category: .invalidOperation)
            }
            try set(self, value)
        case .method:
            throw PSRuntimeError.message("Cannot set property '\(name)': it is a method.",
                                         errorId: "PropertyAssignmentException", category: .invalidOperation)
        }
    }

    /// Calls a method member; nil when the object has no such method.
    public func callMethod(_ name: String, _ args: [PSValue]) throws -> PSValue? {
        guard let m = member(name), case .method(let body) = m.kind else { return nil }
        return try body(self, args)
    }

    deinit {
        guard members.contains(where: { if case .note(let v) = $0.kind { return v.isContainer }; return false })
                || storedBaseValue?.isContainer == true else { return }
        var values: [PSValue] = []
        detachValues(into: &values)
        NestedRelease.release(&values)
    }

    /// Moves the note values and the base value out (for NestedRelease), leaving the members in place.
    func detachValues(into pending: inout [PSValue]) {
        for i in members.indices {
            if case .note(let v) = members[i].kind, v.isContainer {
                pending.append(v)
                members[i].kind = .note(.null)
            }
        }
        if let b = storedBaseValue, b.isContainer {
            pending.append(b)
            storedBaseValue = nil
        }
    }

    /// A shallow copy with the same type names and members (`.PSObject.Copy()`).
    public func copy() -> PSObject {
        let o = PSObject(typeNames: typeNames, baseObject: baseObject)
        o.baseValue = baseValue
        o.members = members
        o.keys = keys
        o.index = index
        o.defaultDisplayProperties = defaultDisplayProperties
        o.voidMethods = voidMethods
        o.toStringHandler = toStringHandler
        return o
    }
}

extension PSValue {
    /// The object to add members to: the value itself when it is already an object, otherwise a new
    /// PSObject wrapping it (as PowerShell wraps a string that gets a NoteProperty).
    public func withAddedMembers() -> PSObject {
        if case .object(let o) = self { return o }
        let o = PSObject(typeNames: typeNames)
        o.baseValue = self
        return o
    }
}
