/// System.Collections.Generic.Dictionary[K,V] and HashSet[T]: construction and the methods whose
/// behaviour differs from Hashtable's and List's (typed entries, Add answering a Boolean on a set,
/// Remove and TryGetValue answering whether the key was there, set algebra).
enum GenericCollections {
    static func construct(_ t: PSType, _ args: [PSValue]) throws -> PSValue {
        // A comparer argument such as [StringComparer]::OrdinalIgnoreCase makes string keys case-insensitive.
        let ignoreCase = args.contains(where: UtilityTypes.isIgnoreCaseComparer)
        switch t {
        case .dictionary(let k, let v):
            let d = PSHashtable.dictionary(k, v, ignoreCase: ignoreCase)
            if let source = args.first, case .hashtable(let h) = source {
                for (key, value) in h.pairs { try add(d, key, value, methodName: ".ctor", argumentCount: args.count) }
            }
            return .hashtable(d)
        case .hashSet(let e):
            let set = PSArray([], kind: .hashSet(e))
            set.ignoresCase = ignoreCase
            if let source = args.first, let items = source.arrayElements {
                for item in items { _ = insert(try PSConvert.convert(item, to: e), into: set) }
            }
            return .array(set)
        default:
            return .null
        }
    }

    /// HashSet.Add: false when an equal element is there already (strings compare exactly).
    static func insert(_ v: PSValue, into set: PSArray) -> Bool {
        if set.elements.contains(where: { Comparison.equals($0, v, caseSensitive: !set.ignoresCase) }) { return false }
        set.elements.append(v)
        return true
    }

    /// Dictionary.Add: typed key and value; an existing key is .NET's ArgumentException.
    static func add(_ d: PSHashtable, _ key: PSValue, _ value: PSValue, methodName: String = "Add", argumentCount: Int = 2) throws {
        guard let g = d.generic else { return }
        let k = try PSConvert.convert(key, to: g.key), v = try PSConvert.convert(value, to: g.value)
        if d.containsKey(k) {
            throw StringMethods.methodError(methodName, Array(repeating: .null, count: argumentCount),
                                            "An item with the same key has already been added. Key: \(PSConvert.toString(k))",
                                            id: "ArgumentException")
        }
        d[k] = v
    }

    /// Methods of a Dictionary[K,V] that differ from Hashtable's; nil lets the Hashtable ones answer.
    static func callDictionary(_ d: PSHashtable, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue?? {
        guard let g = d.generic else { return .none }
        switch lower {
        case "add":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            try add(d, args[0], args[1])
            return .some(nil)
        case "remove":
            guard let k = args.first else { throw Members.argCount(name, 0) }
            let key = try PSConvert.convert(k, to: g.key)
            let had = d.containsKey(key)
            d.remove(key)
            return .some(.bool(had))
        case "trygetvalue":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            let key = try PSConvert.convert(args[0], to: g.key)
            let found = d[key]
            // Not found: the out argument gets default(V), 0 for numbers and False for Booleans.
            let none: PSValue = g.value.isNumeric || g.value == .bool ? try PSConvert.convert(.null, to: g.value) : .null
            try PSReference.assign(args[1], found ?? none)
            return .some(.bool(found != nil))
        case "containskey":
            guard let k = args.first else { throw Members.argCount(name, 0) }
            guard let key = try? PSConvert.convert(k, to: g.key) else { return .some(.false) }
            return .some(.bool(d.containsKey(key)))
        case "set_item":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            d[try PSConvert.convert(args[0], to: g.key)] = try PSConvert.convert(args[1], to: g.value)
            return .some(nil)
        default:
            return .none
        }
    }

    /// HashSet[T] methods; nil lets the list methods answer (Clear, Contains, ToArray, ...).
    static func callHashSet(_ set: PSArray, _ element: PSType, _ lower: String, _ name: String, _ args: [PSValue]) throws -> PSValue?? {
        func others() throws -> [PSValue] {
            guard let argument = args.first else { throw Members.argCount(name, 0) }
            return try (argument.arrayElements ?? (argument.isNull ? [] : [argument])).map { try PSConvert.convert($0, to: element) }
        }
        func has(_ list: [PSValue], _ value: PSValue) -> Bool { list.contains { Comparison.equals($0, value, caseSensitive: !set.ignoresCase) } }
        switch lower {
        case "add":
            guard args.count == 1 else { throw Members.argCount(name, args.count) }
            return .some(.bool(insert(try PSConvert.convert(args[0], to: element), into: set)))
        case "remove":
            guard args.count == 1 else { throw Members.argCount(name, args.count) }
            let value = try PSConvert.convert(args[0], to: element)
            guard let position = set.elements.firstIndex(where: { Comparison.equals($0, value, caseSensitive: !set.ignoresCase) }) else { return .some(.false) }
            set.elements.remove(at: position)
            return .some(.true)
        case "contains":
            guard args.count == 1 else { throw Members.argCount(name, args.count) }
            guard let value = try? PSConvert.convert(args[0], to: element) else { return .some(.false) }
            return .some(.bool(has(set.elements, value)))
        case "unionwith":
            for value in try others() { _ = insert(value, into: set) }
            return .some(nil)
        case "intersectwith":
            let otherItems = try others()
            set.elements.removeAll { !has(otherItems, $0) }
            return .some(nil)
        case "exceptwith":
            let otherItems = try others()
            set.elements.removeAll { has(otherItems, $0) }
            return .some(nil)
        case "symmetricexceptwith":
            let otherItems = try others()
            let mine = set.elements
            set.elements.removeAll { has(otherItems, $0) }
            for value in otherItems where !has(mine, value) { _ = insert(value, into: set) }
            return .some(nil)
        case "issubsetof": let otherItems = try others(); return .some(.bool(set.elements.allSatisfy { has(otherItems, $0) }))
        case "issupersetof": let otherItems = try others(); return .some(.bool(otherItems.allSatisfy { has(set.elements, $0) }))
        case "overlaps": let otherItems = try others(); return .some(.bool(set.elements.contains { has(otherItems, $0) }))
        case "setequals":
            let otherItems = try others()
            return .some(.bool(set.elements.allSatisfy { has(otherItems, $0) } && otherItems.allSatisfy { has(set.elements, $0) }))
        default:
            return .none
        }
    }
}
