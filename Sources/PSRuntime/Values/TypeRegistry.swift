/// Resolves type names written in scripts (`[OnOffState]`, `[string[]]`, `[System.Collections.Generic.List[string]]`)
/// to PSType. Modules add their enums and object type names here.
public final class TypeRegistry {
    private var types: [String: PSType] = [:]

    public init() {}

    /// Makes an enum usable by its short and full name (`[VMSwitchType]'internal'`).
    public func register(enum e: PSEnumType) {
        types[e.name.lowercased()] = .enumType(e)
        types[e.fullName.lowercased()] = .enumType(e)
    }

    /// Makes an object type name usable in casts-as-checks (`-is`) and parameter types.
    public func register(typeName: String) {
        let t = PSType.named(typeName)
        types[typeName.lowercased()] = t
        types[PSType.shortName(of: typeName).lowercased()] = t
    }

    /// Conversions to .NET types a module models (`[System.IO.FileInfo]'a.txt'`): by lowercased full
    /// name, answering nil when the value is not one they convert.
    private var converters: [String: (PSValue) throws -> PSValue?] = [:]

    public func register(converterTo typeName: String, _ convert: @escaping (PSValue) throws -> PSValue?) {
        converters[typeName.lowercased()] = convert
    }

    func converter(to lowercasedName: String) -> ((PSValue) throws -> PSValue?)? { converters[lowercasedName] }

    /// Accelerators added by `[TypeAccelerators]::Add`, in the order added.
    public private(set) var userAccelerators: [(name: String, type: PSType)] = []

    func addAccelerator(_ name: String, _ type: PSType) {
        userAccelerators.removeAll { $0.name.lowercased() == name.lowercased() }
        userAccelerators.append((name, type))
        generation += 1
    }

    /// Removes an accelerator added by Add (the built-in ones stay); whether there was one.
    func removeAccelerator(_ name: String) -> Bool {
        let before = userAccelerators.count
        userAccelerators.removeAll { $0.name.lowercased() == name.lowercased() }
        generation += 1
        return userAccelerators.count != before
    }

    /// Bumped whenever a script (re)defines a type, so resolutions cached by compiled code are redone.
    public private(set) var generation = 0

    /// An enum a script defined (`enum Color { Red }`): known by its name, replacing an earlier one.
    public func register(scriptEnum e: PSEnumType) {
        types[e.fullName.lowercased()] = .enumType(e)
        generation += 1
    }

    /// A class a script defined, replacing an earlier one of the same name.
    public func register(scriptClass c: PSClassType) {
        types[c.name.lowercased()] = .scriptClass(c)
        generation += 1
    }

    /// Another name for a type (Add-Type's namespace-qualified names of the types it defines).
    public func register(alias name: String, for type: PSType) {
        types[name.lowercased()] = type
        generation += 1
    }

    public var enums: [PSEnumType] {
        var seen = Set<String>()
        return types.values.compactMap {
            if case .enumType(let e) = $0, seen.insert(e.fullName).inserted { return e }
            return nil
        }
    }

    /// `string, int` or `[string],[List[int]]` → the argument names, split at top-level commas.
    static func genericArguments(_ text: String) -> [String] {
        var out: [String] = [], depth = 0, current = ""
        for c in text {
            if c == "[" { depth += 1 } else if c == "]" { depth -= 1 }
            if c == "," && depth == 0 { out.append(current); current = ""; continue }
            current.append(c)
        }
        out.append(current)
        return out.map { a in
            var t = a.trimmingCharacters(in: .whitespaces)
            // `[[System.String]]`-style arguments come bracketed.
            if t.hasPrefix("[") && t.hasSuffix("]") && !t.hasSuffix("[]") { t = String(t.dropFirst().dropLast()) }
            return t
        }
    }

    /// Resolves a type name, or nil when unknown (the caller reports `Unable to find type [X].`).
    public func resolve(_ rawName: String) -> PSType? {
        var name = rawName.trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix("[]") {
            return resolve(String(name.dropLast(2))).map { .array($0) }
        }
        if let multi = MultiDimensionalArrays.parse(name) {
            return resolve(multi.element).map { .named(MultiDimensionalArrays.typeName(element: $0.fullName, rank: multi.rank)) }
        }
        if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
            var generic = name[..<open].lowercased()
            // The arity .NET writes after a generic type's name (`Collection`1[...]`; doubled as a
            // type literal escapes it) says nothing the arguments do not.
            if let tick = generic.firstIndex(of: "`"), generic[generic.index(after: tick)...].allSatisfy({ $0 == "`" || $0.isNumber }) {
                generic = String(generic[..<tick])
            }
            let arg = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            let args = TypeRegistry.genericArguments(arg)
            let short = generic.hasPrefix("system.") ? String(generic.dropFirst(7)) : String(generic)
            switch (short, args.count) {
            case ("collections.generic.list", 1), ("list", 1):
                return resolve(args[0]).map { .list($0) }
            case ("collections.generic.queue", 1), ("queue", 1), ("collections.generic.stack", 1), ("stack", 1):
                return resolve(args[0]).map { .named(QueueStacks.genericName(short.hasSuffix("stack"), $0)) }
            case ("collections.objectmodel.observablecollection", 1):
                return resolve(args[0]).map { .named(ObservableCollections.typeName($0)) }
            case ("collections.generic.hashset", 1), ("hashset", 1):
                return resolve(args[0]).map { .hashSet($0) }
            case ("collections.objectmodel.collection", 1):
                return resolve(args[0]).map { .collection($0) }
            case ("collections.concurrent.concurrentdictionary", 2):
                guard let k = resolve(args[0]), let v = resolve(args[1]) else { return nil }
                return .named(ConcurrentDictionaries.typeName(k, v))
            case ("collections.generic.dictionary", 2), ("dictionary", 2):
                guard let k = resolve(args[0]), let v = resolve(args[1]) else { return nil }
                return .dictionary(k, v)
            case ("func", _), ("action", _):
                let resolved = args.compactMap { resolve($0) }
                guard resolved.count == args.count else { return nil }
                return Delegates.closedName(short, resolved).map { .named($0) }
            default:
                // A closed name as the runtime spells it (`System.Func`1[[System.Int32]]`).
                if Delegates.signature(name) != nil { return .named(name) }
                return nil
            }
        }
        let key = name.lowercased()
        if let user = userAccelerators.last(where: { $0.name.lowercased() == key }) { return user.type }
        if let t = types[key] ?? PSType.builtins[key] { return t }
        if !key.hasPrefix("system."), let t = types["system." + key] ?? PSType.builtins["system." + key] { return t }
        // PowerShell's other accelerators (`[ValidateSet]`, `[NullString]`) and their types' full names.
        if let full = TypeAccelerators.byName[key] ?? TypeAccelerators.fullNames[key]
            ?? (key.hasPrefix("system.") ? nil : TypeAccelerators.fullNames["system." + key]) {
            if let t = PSType.builtins[full.lowercased()] { return t }
            return .named(full)
        }
        // The exception types the runtime knows (`$_.Exception -is [System.InvalidOperationException]`),
        // also without `System.`; exceptions carry their base types as type names.
        if let exception = PSException.properName(key) ?? (key.hasPrefix("system.") ? nil : PSException.properName("system." + key)) {
            return .named(exception)
        }
        if let delegate = TypeRegistry.delegateTypes[key] ?? TypeRegistry.delegateTypes["system." + key] { return .named(delegate) }
        if let open = Delegates.openName(key) ?? Delegates.openName("system." + key) { return .named(open) }
        if key == "system.delegate" || key == "delegate" { return .named("System.Delegate") }
        if let iface = TypeRegistry.interfaces[key] ?? TypeRegistry.interfaces["system." + key] { return .named(iface) }
        if key == "system.multicastdelegate" || key == "multicastdelegate" { return .named("System.MulticastDelegate") }
        return nil
    }

    /// Delegate types a script block converts to as it is (`{ ... } -as [MatchEvaluator]` for -replace).
    static let delegateTypes: [String: String] = Dictionary(uniqueKeysWithValues: [
        "System.Text.RegularExpressions.MatchEvaluator", "System.Action", "System.Threading.ThreadStart",
    ].map { ($0.lowercased(), $0) })

    /// Interfaces scripts name in `-is` tests and class bases (the values that implement them are
    /// decided in PSConvert.isInstance).
    static let interfaces: [String: String] = Dictionary(uniqueKeysWithValues: [
        "System.IComparable", "System.IDisposable", "System.IFormattable", "System.ICloneable", "System.IFormatProvider",
        "System.Collections.IComparer", "System.Collections.IEqualityComparer",
    ].map { ($0.lowercased(), $0) })

    static func isDelegate(_ lowercasedName: String) -> Bool { delegateTypes[lowercasedName] != nil
    }
}

import Foundation
