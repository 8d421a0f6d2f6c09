// What a System.Type shows in PowerShell's RuntimeType view (`[int]`, `$x.GetType()`): its name, its
// base type and the IsPublic / IsSerial flags, for the types the runtime models; `[int].BaseType`
// and `$x.GetType().IsSerializable` read the same facts.

public enum TypeFacts {
    /// The full name of the base type; nil for System.Object (which has none).
    public static func baseTypeName(_ t: PSType) -> String? {
        switch t {
        case .object: return nil
        case .bool, .byte, .sbyte, .int16, .uint16, .int32, .uint32, .int64, .uint64, .single, .double, .decimal,
             .char, .guid, .dateTime, .timeSpan, .void, .switchParameter:
            return "System.ValueType"
        case .enumType: return "System.Enum"
        case .scriptClass(let c): return c.base?.name ?? c.typeNames.dropFirst(c.chain.count).first ?? "System.Object"
        case .array: return "System.Array"
        case .type: return "System.Reflection.TypeInfo"
        default: return "System.Object"
        }
    }

    /// Type.IsSerializable: the [Serializable] .NET types; PowerShell's own PSCustomObject and
    /// ScriptBlock (and the types modeled by name only) are not.
    public static func isSerializable(_ t: PSType) -> Bool {
        switch t {
        case .psCustomObject, .scriptBlock, .named, .ipAddress, .type, .switchParameter, .scriptClass: return false
        default: return true
        }
    }

    /// A type's property as a value (Name, FullName, Namespace, BaseType, IsPublic, IsSerial), or nil.
    public static func property(_ t: PSType, _ name: String) -> PSValue? {
        switch name.lowercased() {
        case "name": return .string(t.name)
        case "fullname": return .string(t.fullName)
        case "namespace":
            let full = t.fullName
            guard let dot = full.lastIndex(of: "."), !full.hasSuffix("]") else { return .null }
            return .string(String(full[..<dot]))
        case "basetype": return baseTypeName(t).map { .string($0) } ?? .null
        case "ispublic": return .true
        case "isserial", "isserializable": return .bool(isSerializable(t))
        default: return nil
        }
    }
}
