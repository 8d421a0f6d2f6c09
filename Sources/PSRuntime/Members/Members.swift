import Foundation

/// Property access and method calls on values, with the .NET members scripts commonly use
/// (string, array, hashtable, DateTime, TimeSpan, ...) and PowerShell's member enumeration
/// (`(Get-VM).Name` collects each element's Name).
enum Members {
    static func methodNotFound(_ v: PSValue, _ name: String) -> PSRuntimeError {
        PSRuntimeError.message(
            "Method invocation failed because [\(v.typeFullName)] does not contain a method named '\(name)'.",
            errorId: "MethodNotFound", category: .invalidOperation,
            exceptionType: "System.Management.Automation.RuntimeException", target: v)
    }

    static func argCount(_ name: String, _ n: Int) -> PSRuntimeError {
        PSRuntimeError.message("Cannot find an overload for \"\(name)\" and the argument count: \"\(n)\".",
                               errorId: "MethodCountCouldNotFindBest", category: .notSpecified,
                               exceptionType: "System.Management.Automation.MethodException")
    }

    // MARK: Properties

    static func get(_ v: PSValue, _ name: String, session: ShellSession) throws -> PSValue {
        let lower = name.lowercased()
        switch v {
        case .null: return lower == "count" || lower == "length" ? .int(0) : .null
        case .object(let o):
            if let p = try o.property(name) { return p }
            if lower == "psobject" { return .object(psObjectView(v)) }
            if lower == "pstypenames" { return .array(PSArray(o.typeNames.map { .string($0) })) }
            if let b = o.baseValue { return try get(b, name, session: session) }
            // Every object counts as a collection of one (PowerShell 3+).
            if lower == "count" || lower == "length" { return .int(1) }
            return .null
        case .hashtable(let h):
            if let x = h[.string(name)] { return x }
            // `$Matches.0`: a numeric member name is the integer key.
            if let n = Int32(name), let x = h[.int(n)] { return x }
            switch lower {
            case "count": return .int(Int32(h.count))
            case "keys": return .array(PSArray(h.keys))
            case "values": return .array(PSArray(h.values))
            case "psobject": return .object(psObjectView(v))
            case "isreadonly", "isfixedsize", "issynchronized": return .false
            case "syncroot": return v
            default: return .null
            }
        case .array(let a):
            switch lower {
            case "count", "length": return .int(Int32(a.count))
            case "longlength": return .long(Int64(a.count))
            case "rank": return .int(Int32(a.dimensions?.count ?? 1))
            case "isfixedsize", "isreadonly": return .bool(!a.isResizable && lower == "isfixedsize")
            case "issynchronized": return .false
            case "psobject": return .object(psObjectView(v))
            case "syncroot": return v
            default:
                // Member enumeration: the property of every element that has it. An element that is a
                // collection enumerates again, so a list that holds itself recursed until the stack ran
                // out (evaluator fuzz finding): .NET's InsufficientExecutionStack error instead.
                if !a.elements.isEmpty { try StackGuard.ensureSufficientStack() }
                var out: [PSValue] = []
                for e in a.elements {
                    let r = try get(e, name, session: session)
                    if case .null = r { continue }
                    if case .array(let inner) = r { out += inner.elements } else { out.append(r) }
                }
                if out.isEmpty { return .null }
                return out.count == 1 ? out[0] : .array(PSArray(out))
            }
        case .string(let s):
            switch lower {
            case "length": return .int(Int32(s.utf16.count))
            case "count": return .int(1)
            case "psobject": return .object(psObjectView(v))
            default: return .null
            }
        case .dateTime, .timeSpan, .version, .guid, .ipAddress:
            return ValueProperties.value(v, lowercasedName: lower) ?? .null
        case .switchValue(let b):
            return lower == "ispresent" ? .bool(b) : .null
        case .enumValue(let e):
            switch lower {
            case "value__": return .long(e.rawValue)
            case "count", "length": return .int(1)
            default: return .null
            }
        case .type(let t):
            switch lower {
            case "name": return .string(t.name)
            case "fullname": return .string(t.fullName)
            case "isenum": if case .enumType = t { return .true }; return .false
            case "isarray": return .bool(t.isArray)
            case "basetype":
                if case .enumType = t { return .type(.named("System.Enum")) }
                return .type(.object)
            default: return .null
            }
        case .scriptBlock(let sb):
            switch lower {
            case "ast": return .string(sb.text)
            case "file": return .null
            default: return .null
            }
        case .regex(let r):
            if lower == "options" { return .string(r.ignoreCase ? "IgnoreCase" : "None") }
            return .null
        default:
            if lower == "psobject" { return .object(psObjectView(v)) }
            if lower == "pstypenames" { return .array(PSArray(v.typeNames.map { .string($0) })) }
            if lower == "count" || lower == "length" { return .int(1) }
            return .null
        }
    }

    /// `$x.PSObject`: TypeNames, Properties (with Name/Value/MemberType), BaseObject, Members.
    static func psObjectView(_ v: PSValue) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.PSObject", "System.Object"])
        o.addNote("TypeNames", .array(PSArray(v.typeNames.map { .string($0) })))
        o.addNote("BaseObject", v)
        o.addNote("ImmediateBaseObject", v)
        var props: [PSValue] = []
        switch v {
        case .object(let obj):
            for m in obj.properties {
                let p = PSObject(typeNames: ["System.Management.Automation.PS\(m.memberTypeName)", "System.Management.Automation.PSPropertyInfo", "System.Object"])
                p.addNote("Name", .string(m.name))
                p.addProperty("Value", get: { _ in (try obj.property(m.name)) ?? .null }, set: { _, nv in try obj.setProperty(m.name, nv) })
                p.addNote("MemberType", .string(m.memberTypeName))
                p.addProperty("TypeNameOfValue") { _ in .string(((try? obj.property(m.name)) ?? nil)?.typeFullName ?? "System.Object") }
                p.addNote("IsSettable", .bool({ if case .computed(_, let s) = m.kind { return s != nil }; return true }()))
                p.addNote("IsGettable", .true)
                let name = m.name
                p.toStringHandler = { _ in "\(m.typeHint ?? "System.Object") \(name)" }
                props.append(.object(p))
            }
        case .hashtable(let h):
            let builtins: [(String, PSValue)] = [("Count", .int(Int32(h.count))), ("IsReadOnly", .false),
                                                 ("Keys", .array(PSArray(h.keys))), ("Values", .array(PSArray(h.values)))]
            for (k, value) in builtins {
                let p = PSObject(typeNames: ["System.Management.Automation.PSProperty", "System.Object"])
                p.addNote("Name", .string(k))
                p.addNote("Value", value)
                p.addNote("MemberType", .string("Property"))
                props.append(.object(p))
            }
        default: break
        }
        let properties = PSArray(props)
        if case .object(let obj) = v { properties.memberOwner = obj }
        o.addNote("Properties", .array(properties))
        o.addMethod("Copy") { _, _ in
            if case .object(let obj) = v { return .object(obj.copy()) }
            return v
        }
        return o
    }

    // MARK: Setting

    static func set(_ target: PSValue, _ name: String, _ value: PSValue) throws {
        switch target {
        case .object(let o):
            if o.member(name) != nil { try o.setProperty(name, value); return }
            throw PSRuntimeError.message(
                "The property '\(name)' cannot be found on this object. Verify that the property exists and can be set.",
                errorId: "PropertyNotFound", category: .invalidOperation)
        case .hashtable(let h): h[.string(name)] = value
        case .null:
            throw PSRuntimeError.message("The property '\(name)' cannot be found on this object. Verify that the property exists and can be set.",
                                         errorId: "PropertyNotFound", category: .invalidOperation)
        case .array(let a):
            for e in a.elements { try set(e, name, value) }
        default:
            throw PSRuntimeError.message("'\(name)' is a ReadOnly property.", errorId: "PropertyAssignmentException",
                                         category: .invalidOperation)
        }
    }

    // MARK: Methods

    /// Calls a method; nil means void (nothing is written).
    static func invoke(_ v: PSValue, _ name: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let lower = name.lowercased()
        if case .null = v {
            throw PSRuntimeError.message("You cannot call a method on a null-valued expression.", errorId: "InvokeMethodOnNull",
                                         category: .invalidOperation)
        }
        switch lower {
        case "gettype" where args.isEmpty:
            if case .object(let o) = v, let r = try o.callMethod(name, args) { return r }
            return .type(typeOf(v, session: session))
        case "tostring":
            if case .object(let o) = v, let r = try o.callMethod(name, args) { return r }
            // .NET collections print their type name; only PowerShell's string conversion joins them.
            if case .array(let a) = v, args.isEmpty { return .string(a.typeFullName) }
            if let f = args.first {
                switch v {
                case .int, .long, .double, .decimal, .single, .byte, .int16, .uint16, .uint32, .uint64, .sbyte, .dateTime, .timeSpan, .enumValue:
                    let spec = PSConvert.toString(f)
                    return .string(try DotNetErrors.asMethodError(name, args.count) { try PSFormat.formatValue(v, spec: spec) })
                default: break
                }
            }
            return .string(PSConvert.toString(v))
        case "equals" where args.count == 1:
            if case .object(let o) = v, let r = try o.callMethod(name, args) { return r }
            return .bool(Comparison.equals(v, args[0], caseSensitive: true))
        case "gethashcode" where args.isEmpty:
            return .int(Int32(truncatingIfNeeded: PSConvert.toString(v).hashValue))
        case "compareto" where args.count == 1:
            return .int(Int32(try Comparison.compare(v, args[0], caseSensitive: true)))
        case "equals", "compareto", "gethashcode", "gettype":
            // System.Object's methods exist on every value; only the argument count is wrong.
            if case .object = v { break }
            if case .null = v { break }
            throw argCount(name, args.count)
        default: break
        }
        if lower == "foreach" || lower == "where", !v.isEnumerable {
            // The intrinsic `.ForEach()`/`.Where()` treat a single value as a collection of one.
            if case .object(let o) = v, let r = try o.callMethod(name, args) { return r }
            return try CollectionMethods.callArray(PSArray([v]), lower, name, args, session: session)
        }
        switch v {
        case .null:
            throw PSRuntimeError.message("You cannot call a method on a null-valued expression.", errorId: "InvokeMethodOnNull",
                                         category: .invalidOperation)
        case .object(let o):
            if let r = try o.callMethod(name, args) { return o.voidMethods.contains(lower) ? nil : r }
            if let b = o.baseValue { return try invoke(b, name, args, session: session) }
            throw methodNotFound(v, name)
        case .string(let s): return try StringMethods.call(s, lower, name, args, session: session)
        case .array(let a):
            if case .hashSet(let e) = a.kind, let r = try GenericCollections.callHashSet(a, e, lower, name, args) { return r }
            return try CollectionMethods.callArray(a, lower, name, args, session: session)
        case .hashtable(let h):
            if let r = try GenericCollections.callDictionary(h, lower, name, args) { return r }
            return try CollectionMethods.callHashtable(h, lower, name, args)
        case .dateTime(let d): return try DateMethods.callDate(d, lower, name, args)
        case .timeSpan(let t): return try DateMethods.callTimeSpan(t, lower, name, args)
        case .scriptBlock(let sb):
            switch lower {
            case "invoke", "invokereturnasis":
                let out = try session.invoke(sb, arguments: args)
                return out.count == 1 && lower == "invokereturnasis" ? out[0] : .array(PSArray(out))
            case "getnewclosure": return v
            default: throw methodNotFound(v, name)
            }
        case .regex(let r): return try StaticMembers.regexInstance(r, lower, name, args, session: session)
        case .enumValue(let e):
            if lower == "hasflag" {
                guard args.count == 1 else { throw argCount(name, args.count) }
                let fv = try PSConvert.toEnum(args[0], e.type)
                return .bool(e.rawValue & fv.rawValue == fv.rawValue)
            }
            throw methodNotFound(v, name)
        case .ipAddress(let ip):
            if lower == "getaddressbytes" { return .array(PSArray(ip.bytes.map { .byte($0) }, kind: .typed(.byte))) }
            throw methodNotFound(v, name)
        case .int, .long, .double, .decimal, .single, .byte, .int16, .uint16, .uint32, .uint64, .sbyte:
            throw methodNotFound(v, name)
        default:
            throw methodNotFound(v, name)
        }
    }

    /// `[object]::ReferenceEquals`: the same instance of a reference type (value types are boxed
    /// anew for each call, so they never are).
    static func sameReference(_ a: PSValue, _ b: PSValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.array(let x), .array(let y)): return x === y
        case (.hashtable(let x), .hashtable(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y || (x.baseObject != nil && x.baseObject === y.baseObject)
        case (.scriptBlock(let x), .scriptBlock(let y)): return x === y
        default: return false
        }
    }

    /// The `[type]` of a value for `.GetType()` and `-is`.
    static func typeOf(_ v: PSValue, session: ShellSession) -> PSType {
        switch v {
        case .bool: return .bool
        case .int: return .int32
        case .long: return .int64
        case .double: return .double
        case .string: return .string
        case .byte: return .byte
        case .sbyte: return .sbyte
        case .int16: return .int16
        case .uint16: return .uint16
        case .uint32: return .uint32
        case .uint64: return .uint64
        case .single: return .single
        case .decimal: return .decimal
        case .char: return .char
        case .switchValue: return .switchParameter
        case .array(let a):
            switch a.kind {
            case .objectArray: return .array(.object)
            case .typed(let t):
                if let dims = a.dimensions { return .named(MultiDimensionalArrays.typeName(element: t.fullName, rank: dims.count)) }
                return .array(t)
            case .arrayList: return .arrayList
            case .genericList(let t): return .list(t)
            case .collection: return .named("System.Collections.ObjectModel.Collection`1[[System.Management.Automation.PSObject]]")
            case .hashSet(let t): return .hashSet(t)
            }
        case .hashtable(let h):
            if let g = h.generic { return .dictionary(g.key, g.value) }
            return h.isOrdered ? .ordered : .hashtable
        case .object(let o): return o.isCustomObject ? .psCustomObject : .named(o.typeNames.first ?? "System.Object")
        case .scriptBlock: return .scriptBlock
        case .enumValue(let e): return .enumType(e.type)
        case .guid: return .guid
        case .dateTime: return .dateTime
        case .timeSpan: return .timeSpan
        case .version: return .version
        case .ipAddress: return .ipAddress
        case .regex: return .regex
        case .type: return .named("System.RuntimeType")
        case .null: return .object
        }
    }
}

/// A few .NET enums that built-in members return.
enum DotNetEnums {
    static let stringSplitOptions = PSEnumType(fullName: "System.StringSplitOptions", members: [("None", 0), ("RemoveEmptyEntries", 1), ("TrimEntries", 2)], isFlags: true)
    static let stringComparison = PSEnumType(fullName: "System.StringComparison", names: ["CurrentCulture", "CurrentCultureIgnoreCase", "InvariantCulture", "InvariantCultureIgnoreCase", "Ordinal", "OrdinalIgnoreCase"])
    static let consoleColor = PSEnumType(fullName: "System.ConsoleColor", names: ["Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray", "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"])
    static let errorCategory = PSEnumType(fullName: "System.Management.Automation.ErrorCategory", names: ErrorCategory.allCases.map(\.rawValue))
    static let midpointRounding = PSEnumType(fullName: "System.MidpointRounding", names: ["ToEven", "AwayFromZero", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity"])
    /// The enums a new session knows by name.
    static var all: [PSEnumType] { [stringSplitOptions, stringComparison, consoleColor, errorCategory, midpointRounding, dayOfWeek, dateTimeKind, addressFamily, windowsBuiltInRole] + UtilityTypes.enums }

    static let dayOfWeek = PSEnumType(fullName: "System.DayOfWeek", names: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"])
    /// Lab scripts test `IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)`; the enum
    /// exists in .NET on Linux (getting a WindowsIdentity to ask is what fails).
    static let windowsBuiltInRole = PSEnumType(fullName: "System.Security.Principal.WindowsBuiltInRole",
                                               members: [("Administrator", 544), ("User", 545), ("Guest", 546), ("PowerUser", 547),
                                                         ("AccountOperator", 548), ("SystemOperator", 549), ("PrintOperator", 550),
                                                         ("BackupOperator", 551), ("Replicator", 552)])
    static let dateTimeKind = PSEnumType(fullName: "System.DateTimeKind", names: ["Unspecified", "Utc", "Local"])
    static let addressFamily = PSEnumType(fullName: "System.Net.Sockets.AddressFamily",
                                          members: [("Unspecified", 0), ("Unix", 1), ("InterNetwork", 2), ("InterNetworkV6", 23)])
}

