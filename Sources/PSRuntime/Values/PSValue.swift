import Foundation

/// One PowerShell value. The common cases (null, bool, Int32, Int64, Double, String) are stored inline
/// so the evaluator's hot loops never allocate or box; reference types (arrays, hashtables, objects)
/// are classes because PowerShell gives them reference semantics (`$b = $a; $b[0] = 1` changes `$a`).
public enum PSValue {
    case null
    case bool(Bool)
    case int(Int32)
    case long(Int64)
    case double(Double)
    case string(String)
    case byte(UInt8)
    case sbyte(Int8)
    case int16(Int16)
    case uint16(UInt16)
    case uint32(UInt32)
    case uint64(UInt64)
    case single(Float)
    /// System.Decimal; `scale` is .NET's digit count after the point (`1.50d` prints 1.50), -1 when
    /// it is the value's own (made from an integer or a double). See `DecimalScale`.
    case decimal(Decimal, scale: Int8 = -1)
    /// A UTF-16 code unit, like .NET's System.Char.
    case char(UInt16)
    /// `[switch]` (System.Management.Automation.SwitchParameter).
    case switchValue(Bool)
    /// Object[] and other list-like collections.
    case array(PSArray)
    /// Hashtable or `[ordered]` dictionary, case-insensitive keys.
    case hashtable(PSHashtable)
    /// PSObject / PSCustomObject, or any module object with type names, properties and methods.
    case object(PSObject)
    case scriptBlock(PSScriptBlock)
    case enumValue(PSEnumValue)
    case guid(UUID)
    case dateTime(PSDateTime)
    case timeSpan(PSTimeSpan)
    case version(PSVersion)
    case ipAddress(PSIPAddress)
    case regex(PSRegex)
    /// A `[type]` literal used as a value (`[int]`, `[OnOffState]`).
    case type(PSType)
}

extension PSValue {
    public static var `true`: PSValue { .bool(true) }
    public static var `false`: PSValue { .bool(false) }
    public static var emptyString: PSValue { .string("") }

    public var isNull: Bool { if case .null = self { return true }; return false }

    /// Builds an Object[] from Swift values.
    public static func list(_ items: [PSValue]) -> PSValue { .array(PSArray(items)) }

    /// The .NET full type name PowerShell prints for `.GetType().FullName`.
    public var typeFullName: String {
        switch self {
        case .null: return "System.Object"  // $null.GetType() is an error; callers check null first
        case .bool: return "System.Boolean"
        case .int: return "System.Int32"
        case .long: return "System.Int64"
        case .double: return "System.Double"
        case .string: return "System.String"
        case .byte: return "System.Byte"
        case .sbyte: return "System.SByte"
        case .int16: return "System.Int16"
        case .uint16: return "System.UInt16"
        case .uint32: return "System.UInt32"
        case .uint64: return "System.UInt64"
        case .single: return "System.Single"
        case .decimal: return "System.Decimal"
        case .char: return "System.Char"
        case .switchValue: return "System.Management.Automation.SwitchParameter"
        case .array(let a): return a.typeFullName
        case .hashtable(let h):
            if let name = h.engineTypeName { return name }
            if let g = h.generic { return PSType.dictionary(g.key, g.value).fullName }
            return h.isOrdered ? "System.Collections.Specialized.OrderedDictionary" : "System.Collections.Hashtable"
        case .object(let o): return o.typeNames.first ?? "System.Management.Automation.PSCustomObject"
        case .scriptBlock: return "System.Management.Automation.ScriptBlock"
        case .enumValue(let e): return e.type.fullName
        case .guid: return "System.Guid"
        case .dateTime: return "System.DateTime"
        case .timeSpan: return "System.TimeSpan"
        case .version: return "System.Version"
        case .ipAddress: return "System.Net.IPAddress"
        case .regex: return "System.Text.RegularExpressions.Regex"
        case .type: return "System.RuntimeType"
        }
    }

    /// The short type name (`.GetType().Name`): the last dotted component of the full name.
    public var typeName: String { PSType.shortName(of: typeFullName) }

    /// The type names PowerShell lists in `.PSObject.TypeNames`, most specific first; format views
    /// are chosen by walking this list.
    public var typeNames: [String] {
        switch self {
        case .object(let o): return o.typeNames
        case .null: return []
        default:
            let full = typeFullName
            switch self {
            case .int, .long, .double, .byte, .sbyte, .int16, .uint16, .uint32, .uint64, .single, .decimal,
                 .bool, .char, .guid, .dateTime, .timeSpan, .switchValue:
                return [full, "System.ValueType", "System.Object"]
            case .enumValue: return [full, "System.Enum", "System.ValueType", "System.Object"]
            case .array(let a) where a.kind == .arrayList: return [full, "System.Object"]
            case .hashtable(let h) where h.engineTypeName == PSHashtable.orderedHashtableTypeName:
                return [full, "System.Collections.Hashtable", "System.Object"]
            // ConcurrentDictionary derives from Object, not from Dictionary.
            case .hashtable(let h) where ConcurrentDictionaries.isConcurrent(h): return [full, "System.Object"]
            case .hashtable(let h) where h.engineTypeName != nil:
                return [full, PSType.dictionary(h.generic?.key ?? .string, h.generic?.value ?? .object).fullName, "System.Object"]
            case .array(let a) where a.isResizable: return [full, "System.Object"]
            case .array: return [full, "System.Array", "System.Object"]
            default: return [full, "System.Object"]
            }
        }
    }

    /// True for the numeric primitive kinds (not bool, not char).
    public var isNumeric: Bool {
        switch self {
        case .int, .long, .double, .byte, .sbyte, .int16, .uint16, .uint32, .uint64, .single, .decimal: return true
        default: return false
        }
    }

    /// Whether the pipeline unrolls this value (arrays and lists do; strings and hashtables do not).
    public var isEnumerable: Bool {
        if case .array = self { return true }
        return false
    }

    /// The array's elements, or nil for scalars.
    public var arrayElements: [PSValue]? {
        if case .array(let a) = self { return a.elements }
        return nil
    }

    /// The PSObject behind this value, if it is one.
    public var asObject: PSObject? { if case .object(let o) = self { return o }; return nil }

    /// The value a plain output wrapper carries (`PSObject.isPlainWrapper`), else the value itself:
    /// what a compiled cmdlet's parameter receives unless it is typed [psobject].
    public var withoutPlainWrapper: PSValue {
        if case .object(let o) = self, o.isPlainWrapper, let base = o.baseValue { return base }
        return self
    }

    /// Unwraps a PSObject that merely wraps a primitive (e.g. one created by `New-Object psobject 5`).
    public var unwrapped: PSValue {
        if case .object(let o) = self, let base = o.baseValue { return base }
        return self
    }
}
