/// A Hashtable (`@{}`) or OrderedDictionary (`[ordered]@{}`). String keys compare case-insensitively as
/// in PowerShell. Both kinds keep insertion order here: .NET's hash order for `@{}` is an implementation
/// detail nobody can rely on, and insertion order is what users expect to see.
public final class PSHashtable {
    public private(set) var keys: [PSValue] = []
    public private(set) var values: [PSValue] = []
    private var index: [PSHashKey: Int] = [:]
    public var isOrdered: Bool
    /// String keys compare exactly (ConvertFrom-Json -AsHashtable: `a` and `A` are two keys).
    public var caseSensitive = false {
        didSet { reindex() }
    }

    /// Key and value types of a generic Dictionary[K,V]: set entries are converted to them.
    public var generic: (key: PSType, value: PSType)?
    /// The .NET type a dictionary of the engine's own stands for (`$PSBoundParameters` is a
    /// PSBoundParametersDictionary, a Dictionary[string,object] underneath).
    public var engineTypeName: String?
    /// PowerShell 7.3's OrderedHashtable (what ConvertFrom-Json -AsHashtable makes): a Hashtable
    /// that keeps its keys in insertion order, as every PSHashtable here does.
    public static let orderedHashtableTypeName = "System.Management.Automation.OrderedHashtable"

    public init(ordered: Bool = false) { self.isOrdered = ordered }

    /// An empty Dictionary[K,V]: string keys compare exactly unless an ignore-case comparer is given.
    public static func dictionary(_ key: PSType, _ value: PSType, ignoreCase: Bool = false) -> PSHashtable {
        let h = PSHashtable()
        h.generic = (key, value)
        h.caseSensitive = !ignoreCase
        return h
    }

    /// Builds a hashtable from string-keyed pairs, keeping their order.
    public convenience init(ordered: Bool = false, _ pairs: KeyValuePairs<String, PSValue>) {
        self.init(ordered: ordered)
        for (k, v) in pairs { self[.string(k)] = v }
    }

    public var count: Int { keys.count }

    deinit {
        NestedRelease.release(&values)
        NestedRelease.release(&keys)
    }

    func detachEntries(into pending: inout [PSValue]) {
        pending.append(contentsOf: values)
        pending.append(contentsOf: keys)
        values = []
        keys = []
        index = [:]
    }

    public subscript(key: PSValue) -> PSValue? {
        get {
            guard let i = index[PSHashKey(key, caseSensitive: caseSensitive)] else { return nil }
            return values[i]
        }
        set {
            let hk = PSHashKey(key, caseSensitive: caseSensitive)
            if let v = newValue {
                if let i = index[hk] { values[i] = v } else {
                    index[hk] = keys.count
                    keys.append(key)
                    values.append(v)
                }
            } else if let i = index[hk] {
                keys.remove(at: i)
                values.remove(at: i)
                reindex()
            }
        }
    }

    public subscript(key: String) -> PSValue? {
        get { self[.string(key)] }
        set { self[.string(key)] = newValue }
    }

    public func containsKey(_ key: PSValue) -> Bool { index[PSHashKey(key, caseSensitive: caseSensitive)] != nil }

    /// Adds a key, failing like .NET's Hashtable.Add when it exists already.
    public func add(_ key: PSValue, _ value: PSValue) throws {
        if containsKey(key) {
            throw PSRuntimeError.message(
                "Item has already been added. Key in dictionary: '\(PSConvert.toString(key))'  Key being added: '\(PSConvert.toString(key))'",
                errorId: "ArgumentException")
        }
        self[key] = value
    }

    public func remove(_ key: PSValue) { self[key] = nil }

    /// Adds an entry even when an equal key is there, as a table whose comparer is reference
    /// equality does (the deserializer's last resort for clashing keys): lookups find the first.
    public func appendDistinct(_ key: PSValue, _ value: PSValue) {
        let hk = PSHashKey(key, caseSensitive: caseSensitive)
        if index[hk] == nil { index[hk] = keys.count }
        keys.append(key)
        values.append(value)
    }

    /// OrderedDictionary.Insert: a new key at a position.
    public func insert(at i: Int, key: PSValue, value: PSValue) throws {
        guard i >= 0 && i <= keys.count else {
            throw PSRuntimeError.message("Exception calling \"Insert\" with \"3\" argument(s): \"Index must be within the bounds of the List. (Parameter 'index')\"",
                                         errorId: "ArgumentOutOfRangeException",
                                         exceptionType: "System.Management.Automation.MethodInvocationException")
        }
        try add(key, value)
        let k = keys.removeLast(), v = values.removeLast()
        keys.insert(k, at: i)
        values.insert(v, at: i)
        reindex()
    }

    public func removeAll() {
        keys.removeAll(); values.removeAll(); index.removeAll()
    }

    public var pairs: Zip2Sequence<[PSValue], [PSValue]> { zip(keys, values) }

    public func copy() -> PSHashtable {
        let h = PSHashtable(ordered: isOrdered)
        h.caseSensitive = caseSensitive
        h.generic = generic
        h.keys = keys; h.values = values; h.index = index
        return h
    }

    private func reindex() {
        index.removeAll(keepingCapacity: true)
        for (i, k) in keys.enumerated() where index[PSHashKey(k, caseSensitive: caseSensitive)] == nil {
            index[PSHashKey(k, caseSensitive: caseSensitive)] = i
        }
    }
}

/// Hashing for dictionary keys: strings case-insensitively; numbers by type and value (in .NET the
/// keys `1` and `1L` are different); reference types by identity.
public struct PSHashKey: Hashable {
    private enum Repr: Hashable {
        case string(String)
        case integer(Int64, kind: UInt8)
        case unsigned(UInt64)
        case double(Double)
        case identity(ObjectIdentifier)
        case other(String)
    }
    private let repr: Repr

    public init(_ value: PSValue, caseSensitive: Bool = false) {
        repr = Self.repr(value, caseSensitive: caseSensitive)
    }

    private static func repr(_ value: PSValue, caseSensitive: Bool) -> Repr {
        // A PSObject wrapping a value is the same key as the value (PowerShell hashes the base object).
        if case .object(let object) = value, let base = object.baseValue { return repr(base, caseSensitive: caseSensitive) }
        let repr: Repr
        switch value {
        case .string(let text): repr = .string(caseSensitive ? text : text.lowercased())
        case .int(let integer): repr = .integer(Int64(integer), kind: 0)
        case .long(let integer): repr = .integer(integer, kind: 1)
        case .byte(let integer): repr = .integer(Int64(integer), kind: 2)
        case .sbyte(let integer): repr = .integer(Int64(integer), kind: 3)
        case .int16(let integer): repr = .integer(Int64(integer), kind: 4)
        case .uint16(let integer): repr = .integer(Int64(integer), kind: 5)
        case .uint32(let integer): repr = .integer(Int64(integer), kind: 6)
        case .char(let unit): repr = .integer(Int64(unit), kind: 7)
        case .bool(let flag): repr = .integer(flag ? 1 : 0, kind: 8)
        case .uint64(let unsigned): repr = .unsigned(unsigned)
        case .double(let double): repr = .double(double)
        case .single(let single): repr = .double(Double(single))
        case .array(let array): repr = .identity(ObjectIdentifier(array))
        case .hashtable(let table): repr = .identity(ObjectIdentifier(table))
        case .object(let object): repr = .identity(ObjectIdentifier(object))
        case .scriptBlock(let block): repr = .identity(ObjectIdentifier(block))
        case .enumValue(let enumValue): repr = .other(enumValue.type.fullName + ":" + String(enumValue.rawValue))
        default: repr = .other(value.typeFullName + ":" + PSConvert.toString(value))
        }
        return repr
    }
}
