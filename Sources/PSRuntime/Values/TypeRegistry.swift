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

    public var enums: [PSEnumType] {
        var seen = Set<String>()
        return types.values.compactMap {
            if case .enumType(let e) = $0, seen.insert(e.fullName).inserted { return e }
            return nil
        }
    }

    /// Resolves a type name, or nil when unknown (the caller reports `Unable to find type [X].`).
    public func resolve(_ rawName: String) -> PSType? {
        var name = rawName.trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix("[]") {
            return resolve(String(name.dropLast(2))).map { .array($0) }
        }
        if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
            let generic = name[..<open].lowercased()
            let arg = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            if generic == "system.collections.generic.list" || generic == "collections.generic.list" || generic == "list" {
                return resolve(arg).map { .list($0) }
            }
            return nil
        }
        let key = name.lowercased()
        if let t = types[key] ?? PSType.builtins[key] { return t }
        if !key.hasPrefix("system."), let t = types["system." + key] ?? PSType.builtins["system." + key] { return t }
        return nil
    }
}

import Foundation
