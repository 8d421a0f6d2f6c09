// Reflection over generic types (`$list.GetType().GetGenericArguments()`, `IsGenericType`,
// `GetGenericTypeDefinition()`): the runtime's collection types carry their arguments; any other
// closed type is read from its .NET name, `Name`N[[Arg1],[Arg2]]`.

import Foundation

enum GenericTypeInfo {
    /// The arguments of a closed generic type, in order; empty for a type that is not generic.
    static func arguments(_ type: PSType, resolve: (String) -> PSType?) -> [PSType] {
        switch type {
        case .list(let e), .hashSet(let e), .collection(let e): return [e]
        case .dictionary(let k, let v): return [k, v]
        case .array, .arrayList, .hashtable, .ordered: return []
        default: return argumentNames(type.fullName).map { resolve($0) ?? .named($0) }
        }
    }

    /// `System.Collections.Generic.List`1` for a closed or open generic type; nil for any other.
    static func definitionName(_ type: PSType) -> String? {
        let full = type.fullName
        guard !full.hasSuffix("[]"), let tick = full.firstIndex(of: "`") else { return nil }
        let digits = full[full.index(after: tick)...].prefix { $0.isNumber }
        guard !digits.isEmpty else { return nil }
        return String(full[..<tick]) + "`" + digits
    }

    /// An open definition such as `System.Collections.Generic.List`1` (no arguments given).
    static func isDefinition(_ type: PSType) -> Bool {
        guard let definition = definitionName(type) else { return false }
        return definition == type.fullName
    }

    /// `X`2[[A],[B[[C]]]]` → ["A", "B[[C]]"]: the top-level bracketed arguments after the arity.
    static func argumentNames(_ fullName: String) -> [String] {
        guard let tick = fullName.firstIndex(of: "`"),
              let open = fullName[tick...].firstIndex(of: "["), fullName.hasSuffix("]") else { return [] }
        let inner = fullName[fullName.index(after: open)..<fullName.index(before: fullName.endIndex)]
        var names: [String] = []
        var depth = 0
        var current = ""
        for ch in inner {
            switch ch {
            case "[":
                if depth > 0 { current.append(ch) }
                depth += 1
            case "]":
                depth -= 1
                if depth > 0 { current.append(ch) } else { names.append(current); current = "" }
            case ",":
                if depth > 0 { current.append(ch) }
            default:
                if depth > 0 { current.append(ch) }
            }
        }
        // An assembly-qualified argument (`[System.Int32, System.Private.CoreLib, ...]`) keeps only its type.
        return names.map { name in
            var depth = 0
            for (i, ch) in zip(name.indices, name) {
                if ch == "[" { depth += 1 } else if ch == "]" { depth -= 1 } else if ch == ",", depth == 0 { return String(name[..<i]).trimmingCharacters(in: .whitespaces) }
            }
            return name.trimmingCharacters(in: .whitespaces)
        }
    }

    /// Type's generic-reflection methods, or nil when `lower` is none of them.
    static func call(_ type: PSType, _ lower: String, _ args: [PSValue], resolve: (String) -> PSType?) -> PSValue? {
        guard args.isEmpty else { return nil }
        switch lower {
        case "getgenericarguments":
            return .array(PSArray(arguments(type, resolve: resolve).map { .type($0) }, kind: .typed(.type)))
        case "getgenerictypedefinition":
            guard let definition = definitionName(type) else { return nil }
            return .type(resolve(definition) ?? .named(definition))
        default: return nil
        }
    }

    /// Type's generic-reflection properties, or nil when `lower` is none of them.
    static func property(_ type: PSType, _ lower: String, resolve: (String) -> PSType?) -> PSValue? {
        switch lower {
        case "isgenerictype": return .bool(definitionName(type) != nil)
        case "isgenerictypedefinition", "containsgenericparameters": return .bool(isDefinition(type))
        case "isconstructedgenerictype": return .bool(definitionName(type) != nil && !isDefinition(type))
        case "generictypearguments":
            return .array(PSArray(arguments(type, resolve: resolve).map { .type($0) }, kind: .typed(.type)))
        default: return nil
        }
    }
}
