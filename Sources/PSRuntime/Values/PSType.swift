/// A type as PowerShell scripts name it: cast targets (`[int]`), parameter types, `-is`, typed catch.
public indirect enum PSType: Hashable, Sendable, CustomStringConvertible {
    case object
    case bool, switchParameter
    case byte, sbyte, int16, uint16, int32, uint32, int64, uint64, single, double, decimal
    case char, string
    case array(PSType)
    case arrayList
    case list(PSType)
    /// System.Collections.Generic.Dictionary[K,V] (a PSHashtable with `generic` set).
    case dictionary(PSType, PSType)
    /// System.Collections.Generic.HashSet[T] (a PSArray of kind `.hashSet`).
    case hashSet(PSType)
    /// System.Collections.ObjectModel.Collection[T] (a PSArray of kind `.collection`).
    case collection(PSType)
    case hashtable, ordered
    case psObject, psCustomObject
    case scriptBlock
    case guid, dateTime, timeSpan, ipAddress, version, regex
    case enumType(PSEnumType)
    /// A class a script defined (`class Point { }`).
    case scriptClass(PSClassType)
    case type
    case void
    /// Any other type, matched against a PSObject's type names (module classes, ErrorRecord, ...).
    case named(String)

    public var fullName: String {
        switch self {
        case .object: return "System.Object"
        case .bool: return "System.Boolean"
        case .switchParameter: return "System.Management.Automation.SwitchParameter"
        case .byte: return "System.Byte"
        case .sbyte: return "System.SByte"
        case .int16: return "System.Int16"
        case .uint16: return "System.UInt16"
        case .int32: return "System.Int32"
        case .uint32: return "System.UInt32"
        case .int64: return "System.Int64"
        case .uint64: return "System.UInt64"
        case .single: return "System.Single"
        case .double: return "System.Double"
        case .decimal: return "System.Decimal"
        case .char: return "System.Char"
        case .string: return "System.String"
        case .array(let e): return e.fullName + "[]"
        case .arrayList: return "System.Collections.ArrayList"
        case .list(let e): return "System.Collections.Generic.List`1[[\(e.fullName)]]"
        case .dictionary(let k, let v): return "System.Collections.Generic.Dictionary`2[[\(k.fullName)],[\(v.fullName)]]"
        case .hashSet(let e): return "System.Collections.Generic.HashSet`1[[\(e.fullName)]]"
        case .collection(let e): return "System.Collections.ObjectModel.Collection`1[[\(e.fullName)]]"
        case .hashtable: return "System.Collections.Hashtable"
        case .ordered: return "System.Collections.Specialized.OrderedDictionary"
        case .psObject: return "System.Management.Automation.PSObject"
        // The accelerator [pscustomobject] names PSObject too; only the cast `[pscustomobject]@{...}`
        // makes a PSCustomObject (whose GetType() is `.named`, see Members.typeOf).
        case .psCustomObject: return "System.Management.Automation.PSObject"
        case .scriptBlock: return "System.Management.Automation.ScriptBlock"
        case .guid: return "System.Guid"
        case .dateTime: return "System.DateTime"
        case .timeSpan: return "System.TimeSpan"
        case .ipAddress: return "System.Net.IPAddress"
        case .version: return "System.Version"
        case .regex: return "System.Text.RegularExpressions.Regex"
        case .enumType(let e): return e.fullName
        case .scriptClass(let c): return c.name
        case .type: return "System.Type"
        case .void: return "System.Void"
        case .named(let n): return n
        }
    }

    public var name: String { PSType.shortName(of: fullName) }
    public var description: String { fullName }

    /// `System.Int32` → `Int32`; `System.Object[]` → `Object[]`.
    public static func shortName(of fullName: String) -> String {
        // Generic types: `System.Collections.Generic.List`1[[System.Int32]]` → `List`1`.
        if let tick = fullName.firstIndex(of: "`") {
            let head = fullName[..<(fullName[tick...].firstIndex(of: "[") ?? fullName.endIndex)]
            return head.lastIndex(of: ".").map { String(head[head.index(after: $0)...]) } ?? String(head)
        }
        guard let dot = fullName.lastIndex(of: ".") else { return fullName }
        return String(fullName[fullName.index(after: dot)...])
    }

    public var isNumeric: Bool {
        switch self {
        case .byte, .sbyte, .int16, .uint16, .int32, .uint32, .int64, .uint64, .single, .double, .decimal: return true
        default: return false
        }
    }

    public var isArray: Bool {
        switch self {
        case .array, .arrayList, .list, .hashSet, .collection: return true
        default: return false
        }
    }

    /// Type accelerators and full names the runtime knows without any module (case-insensitive keys).
    static let builtins: [String: PSType] = {
        var d: [String: PSType] = [:]
        let all: [PSType] = [.object, .bool, .switchParameter, .byte, .sbyte, .int16, .uint16, .int32, .uint32,
                             .int64, .uint64, .single, .double, .decimal, .char, .string, .arrayList, .hashtable,
                             .ordered, .psObject, .scriptBlock, .guid, .dateTime, .timeSpan,
                             .ipAddress, .version, .regex, .type, .void]
        for t in all {
            d[t.fullName.lowercased()] = t
            d[t.name.lowercased()] = t
        }
        let accelerators: [(String, PSType)] = [
            ("int", .int32), ("long", .int64), ("short", .int16), ("ushort", .uint16), ("uint", .uint32),
            ("ulong", .uint64), ("float", .single), ("bool", .bool), ("switch", .switchParameter),
            ("pscustomobject", .psCustomObject), ("psobject", .psObject),
            ("System.Management.Automation.PSCustomObject", .psCustomObject), ("array", .array(.object)),
            ("scriptblock", .scriptBlock), ("ipaddress", .ipAddress), ("string", .string), ("byte", .byte),
            ("sbyte", .sbyte), ("char", .char), ("decimal", .decimal), ("double", .double), ("single", .single),
            ("object", .object), ("hashtable", .hashtable), ("ordered", .ordered), ("guid", .guid),
            ("datetime", .dateTime), ("timespan", .timeSpan), ("version", .version), ("regex", .regex),
            ("type", .type), ("void", .void), ("System.Array", .array(.object)),
            ("errorrecord", .named("System.Management.Automation.ErrorRecord")),
            // The records the other streams carry (what `3>&1` or `3>variable:w` hands over).
            ("System.Management.Automation.WarningRecord", .named("System.Management.Automation.WarningRecord")),
            ("System.Management.Automation.VerboseRecord", .named("System.Management.Automation.VerboseRecord")),
            ("System.Management.Automation.DebugRecord", .named("System.Management.Automation.DebugRecord")),
            ("System.Management.Automation.InformationRecord", .named("System.Management.Automation.InformationRecord")),
            ("System.Management.Automation.InformationalRecord", .named("System.Management.Automation.InformationalRecord")),
            ("ref", .named("System.Management.Automation.PSReference")),
            ("powershell", .named("System.Management.Automation.PowerShell")),
            ("System.Management.Automation.PSReference", .named("System.Management.Automation.PSReference")),
            ("System.Collections.IDictionary", .hashtable),
            ("System.Collections.IList", .named("System.Collections.IList")),
            ("System.Collections.ICollection", .named("System.Collections.ICollection")),
            ("System.Collections.IEnumerable", .named("System.Collections.IEnumerable")),
            ("System.Collections.Specialized.OrderedDictionary", .ordered),
            ("experimentalfeature", .named("System.Management.Automation.ExperimentalFeature")),
            ("System.Management.Automation.ExperimentalFeature", .named("System.Management.Automation.ExperimentalFeature")),
            ("Microsoft.PowerShell.Commands.GroupInfo", .named("Microsoft.PowerShell.Commands.GroupInfo")),
            ("Microsoft.PowerShell.Commands.GroupInfoNoElement", .named("Microsoft.PowerShell.Commands.GroupInfoNoElement")),
        ]
        for (n, t) in accelerators + UtilityTypes.typeNames + DotNetClasses.typeNames + StaticTypes.runspaceTypeNames { d[n.lowercased()] = t }
        // Classes used only for their static members (`[math]::Round(...)`), so that `[math]` is a type
        // value too (`[math] | Get-Member -Static`).
        for full in ["System.Math", "System.Convert", "System.IO.Path", "System.IO.File", "System.IO.Directory",
                     "System.Environment", "System.Console", "System.Text.Encoding", "System.Text.UTF8Encoding", "System.Threading.Thread",
                     "System.Net.Dns", "System.Security.Principal.WindowsIdentity",
                     "System.Security.Principal.WindowsPrincipal", "System.Management.Automation.Host.ChoiceDescription",
                     "System.DateTimeOffset", "System.TimeZone", "System.TimeZoneInfo", "System.Management.Automation.PowerShell",
                     "System.Diagnostics.Stopwatch", "System.Management.Automation.Language.Parser",
                     "System.Management.Automation.Language.Ast", "System.Management.Automation.Language.ScriptBlockAst",
                     "System.Management.Automation.Language.ParseError", "System.Management.Automation.Cmdlet",
                     "System.Management.Automation.PSCmdlet", "System.Management.Automation.PSParser",
                     "System.Management.Automation.PSToken", "System.Management.Automation.PSParseError",
                     "System.Linq.Enumerable", StaticTypes.jsonObjectTypeName, "System.Management.Automation.Platform",
                     "System.IntPtr"] + ParserObjects.astTypeNames {
            // Full names only: `[math]` and `[io.path]` resolve through the implied `System.` prefix.
            d[full.lowercased()] = PSType.named(full)
        }
        d[TestHooks.typeName.lowercased()] = PSType.named(TestHooks.typeName)
        return d
    }()
}
