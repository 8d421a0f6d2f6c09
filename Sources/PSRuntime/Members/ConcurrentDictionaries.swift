/// System.Collections.Concurrent.ConcurrentDictionary[K,V]: the dictionary scripts share between
/// ForEach-Object -Parallel iterations and thread jobs (`$using:dict` is the same instance). A typed
/// dictionary whose own methods answer whether they did what was asked (TryAdd, TryRemove,
/// TryUpdate) or make the value on demand (GetOrAdd, AddOrUpdate with a value or a script block).
enum ConcurrentDictionaries {
    static let prefix = "System.Collections.Concurrent.ConcurrentDictionary`2[["

    static func typeName(_ key: PSType, _ value: PSType) -> String { prefix + key.fullName + "],[" + value.fullName + "]]" }

    static func isConcurrent(_ table: PSHashtable) -> Bool { table.engineTypeName?.hasPrefix(prefix) ?? false }

    /// `[ConcurrentDictionary[K,V]]::new()`, optionally from a dictionary or with a comparer.
    static func construct(_ lowercasedName: String, _ args: [PSValue], types: TypeRegistry) throws -> PSValue? {
        guard lowercasedName.hasPrefix(prefix.lowercased()), lowercasedName.hasSuffix("]]") else { return nil }
        let inner = String(lowercasedName.dropFirst(prefix.count - 2))
        let names = TypeRegistry.genericArguments(String(inner.dropFirst().dropLast()))
        guard names.count == 2, let key = types.resolve(names[0]), let value = types.resolve(names[1]) else { return nil }
        let ignoreCase = args.contains(where: UtilityTypes.isIgnoreCaseComparer)
        let table = PSHashtable.dictionary(key, value, ignoreCase: ignoreCase)
        table.engineTypeName = typeName(key, value)
        if let source = args.first, case .hashtable(let h) = source.unwrapped {
            for (k, v) in h.pairs { table[try PSConvert.convert(k, to: key, types: types)] = try PSConvert.convert(v, to: value, types: types) }
        }
        return .hashtable(table)
    }

    /// The methods ConcurrentDictionary has beyond Dictionary's; nil lets the others answer.
    static func call(_ table: PSHashtable, _ lower: String, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue?? {
        guard isConcurrent(table), let g = table.generic else { return .none }
        func key(_ v: PSValue) throws -> PSValue { try PSConvert.convert(v, to: g.key, types: session.types) }
        func value(_ v: PSValue) throws -> PSValue { try PSConvert.convert(v, to: g.value, types: session.types) }
        /// A value factory is a script block called with the key (and the old value).
        func make(_ factory: PSValue, _ arguments: [PSValue]) throws -> PSValue {
            if case .scriptBlock(let block) = factory.unwrapped {
                return try value(session.invokeCollectValue(block, dollarUnder: arguments.first, arguments: arguments))
            }
            return try value(factory)
        }
        switch lower {
        case "tryadd":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            let k = try key(args[0])
            if table.containsKey(k) { return .some(.false) }
            table[k] = try value(args[1])
            return .some(.true)
        case "tryremove":
            guard (1...2).contains(args.count) else { throw Members.argCount(name, args.count) }
            let k = try key(args[0])
            let old = table[k]
            if old != nil { table.remove(k) }
            if args.count == 2 { try PSReference.assign(args[1], old ?? .null) }
            return .some(.bool(old != nil))
        case "tryupdate":
            guard args.count == 3 else { throw Members.argCount(name, args.count) }
            let k = try key(args[0])
            guard let current = table[k], Comparison.equals(current, try value(args[2]), caseSensitive: true) else { return .some(.false) }
            table[k] = try value(args[1])
            return .some(.true)
        case "getoradd":
            guard args.count == 2 else { throw Members.argCount(name, args.count) }
            let k = try key(args[0])
            if let existing = table[k] { return .some(existing) }
            let made = try make(args[1], [k])
            table[k] = made
            return .some(made)
        case "addorupdate":
            guard args.count == 3 else { throw Members.argCount(name, args.count) }
            let k = try key(args[0])
            let updated = try table[k].map { try make(args[2], [k, $0]) } ?? make(args[1], [k])
            table[k] = updated
            return .some(updated)
        default:
            return .none
        }
    }
}
