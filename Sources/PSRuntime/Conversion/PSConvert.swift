import Foundation

/// Conversions with PowerShell's LanguagePrimitives semantics: string form, truthiness, numeric casts
/// (banker's rounding), enums, arrays, and PowerShell-worded failures.
public enum PSConvert {
    // MARK: Strings

    /// The string form PowerShell uses for `"$x"`, `[string]$x` and string parameters
    /// (invariant culture; arrays joined by a space, as with the default `$OFS`).
    public static func toString(_ v: PSValue, separator: String = " ") -> String {
        var budget = objectExpansionBudget
        return toString(v, separator: separator, nesting: 0, budget: &budget)
    }

    /// How deep `@{a=@{b=...}}` nests, and how many inner objects one string form expands, before
    /// inner objects are shown by their type name: an object that contains itself would otherwise have an
    /// endless string form, and one that holds itself twice an exponential one.
    static let maxStringNesting = 64
    static let objectExpansionBudget = 10_000

    private static func toString(_ v: PSValue, separator: String, nesting: Int, budget: inout Int) -> String {
        switch v {
        case .null: return ""
        case .string(let s): return s
        case .int(let i): return String(i)
        case .long(let i): return String(i)
        case .double(let d): return NumberFormatting.format(d)
        case .bool(let b), .switchValue(let b): return b ? "True" : "False"
        case .byte(let i): return String(i)
        case .sbyte(let i): return String(i)
        case .int16(let i): return String(i)
        case .uint16(let i): return String(i)
        case .uint32(let i): return String(i)
        case .uint64(let i): return String(i)
        case .single(let f): return NumberFormatting.format(f)
        case .decimal(let d): return NumberFormatting.format(d)
        case .char(let c): return String(utf16CodeUnits: [c], count: 1)
        case .array(let a):
            return a.elements.map { e -> String in
                if case .array(let inner) = e { return inner.typeFullName }
                return toString(e, separator: separator, nesting: nesting, budget: &budget)
            }.joined(separator: separator)
        case .hashtable(let h): return h.isOrdered ? "System.Collections.Specialized.OrderedDictionary" : "System.Collections.Hashtable"
        case .object(let o): return objectToString(o, nesting: nesting, budget: &budget)
        case .scriptBlock(let s): return s.text
        case .enumValue(let e): return e.description
        case .guid(let g): return g.uuidString.lowercased()
        case .dateTime(let d): return d.invariantString
        case .timeSpan(let t): return t.description
        case .version(let ver): return ver.description
        case .ipAddress(let ip): return ip.description
        case .regex(let r): return r.pattern
        case .type(let t): return t.fullName
        }
    }

    static func objectToString(_ o: PSObject, nesting: Int, budget: inout Int) -> String {
        if let h = o.toStringHandler { return h(o) }
        if let base = o.baseValue { return toString(base, separator: " ", nesting: nesting, budget: &budget) }
        if o.isCustomObject || o.typeNames.isEmpty {
            if nesting > 0 {
                if nesting >= maxStringNesting || budget <= 0 { return o.typeNames.first ?? "System.Object" }
                budget -= 1
            }
            var parts: [String] = []
            for m in o.properties {
                let value = (try? o.property(m.name)) ?? nil
                parts.append("\(m.name)=\(toString(value ?? .null, separator: " ", nesting: nesting + 1, budget: &budget))")
            }
            return "@{" + parts.joined(separator: "; ") + "}"
        }
        return o.typeNames[0]
    }

    // MARK: Truthiness

    /// PowerShell's truthiness: `$null`, 0, "", empty arrays and `@(0)`-like single falsy elements are false.
    public static func toBool(_ v: PSValue) -> Bool {
        switch v {
        case .null: return false
        case .bool(let b), .switchValue(let b): return b
        case .int(let i): return i != 0
        case .long(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .byte(let i): return i != 0
        case .sbyte(let i): return i != 0
        case .int16(let i): return i != 0
        case .uint16(let i): return i != 0
        case .uint32(let i): return i != 0
        case .uint64(let i): return i != 0
        case .single(let f): return f != 0
        case .decimal(let d): return !d.isZero
        case .char(let c): return c != 0
        case .enumValue(let e): return e.rawValue != 0
        case .array(let a):
            if a.count == 0 { return false }
            if a.count == 1 { return toBool(a.elements[0]) }
            return true
        case .object(let o): return o.baseValue.map(toBool) ?? true
        default: return true
        }
    }

    // MARK: Numbers

    /// Converts to a number for arithmetic: numbers as they are, strings parsed, bool/char/enum/null as integers.
    /// Returns nil when the value has no numeric meaning.
    public static func toNumber(_ v: PSValue) -> PSValue? {
        switch v {
        case .int, .long, .double, .byte, .sbyte, .int16, .uint16, .uint32, .uint64, .single, .decimal: return v
        case .null: return .int(0)
        case .bool(let b), .switchValue(let b): return .int(b ? 1 : 0)
        case .char(let c): return .int(Int32(c))
        case .enumValue(let e): return Int32(exactly: e.rawValue).map { .int($0) } ?? .long(e.rawValue)
        case .string(let s):
            if s.trimmingCharacters(in: .whitespaces).isEmpty { return .int(0) }
            return NumberFormatting.parse(s)
        case .object(let o): return o.baseValue.flatMap(toNumber)
        default: return nil
        }
    }

    public static func toDouble(_ v: PSValue) throws -> Double {
        guard let n = toNumber(v) else { throw cannotConvert(v, to: .double) }
        switch n {
        case .int(let i): return Double(i)
        case .long(let i): return Double(i)
        case .double(let d): return d
        case .byte(let i): return Double(i)
        case .sbyte(let i): return Double(i)
        case .int16(let i): return Double(i)
        case .uint16(let i): return Double(i)
        case .uint32(let i): return Double(i)
        case .uint64(let i): return Double(i)
        case .single(let f): return Double(f)
        case .decimal(let d): return NSDecimalNumber(decimal: d).doubleValue
        default: throw cannotConvert(v, to: .double)
        }
    }

    public static func toDecimal(_ v: PSValue) throws -> Decimal {
        guard let n = toNumber(v) else { throw cannotConvert(v, to: .decimal) }
        switch n {
        case .decimal(let d): return d
        case .double(let d):
            guard d.isFinite else { throw cannotConvert(v, to: .decimal, detail: "Value was either too large or too small for a Decimal.") }
            return Decimal(string: NumberFormatting.format(d).replacingOccurrences(of: "E", with: "e")) ?? Decimal(d)
        case .single(let f): return Decimal(Double(f))
        case .uint64(let u): return Decimal(u)
        default: return Decimal(try toInt64(n))
        }
    }

    /// Rounds half to even, as .NET's Convert does for `[int]2.5` (2) and `[int]3.5` (4).
    static func roundedInteger(_ d: Double) -> Double { d.rounded(.toNearestOrEven) }

    /// Integer conversion with banker's rounding and range checks; `bits` / `signed` pick the target.
    static func toInteger(_ v: PSValue, min: Double, max: Double, target: PSType) throws -> Int64 {
        guard let n = toNumber(v) else {
            if case .string(let s) = v {
                throw cannotConvert(v, to: target, detail: "The input string '\(s)' was not in a correct format.")
            }
            throw cannotConvert(v, to: target)
        }
        let tooBig = "Value was either too large or too small for \(article(target.name)) \(target.name)."
        switch n {
        case .decimal(let dec):
            // Exact: a decimal holds 64-bit integers that a Double would round (UInt64.MaxValue).
            var x = dec, rounded = Decimal()
            NSDecimalRound(&rounded, &x, 0, .bankers)
            let lowest = Decimal(string: String(format: "%.0f", min)) ?? Decimal(min)
            let highest = max >= 1.8e19 ? Decimal(UInt64.max) : max >= 9.2e18 ? Decimal(Int64.max) : Decimal(max)
            guard rounded >= lowest && rounded <= highest else { throw cannotConvert(v, to: target, detail: tooBig) }
            if rounded > Decimal(Int64.max) {
                return Int64(bitPattern: UInt64(NSDecimalNumber(decimal: rounded).stringValue) ?? 0)
            }
            return Int64(NSDecimalNumber(decimal: rounded).stringValue) ?? 0
        case .double, .single:
            let d = try toDouble(n)
            guard d.isFinite else { throw cannotConvert(v, to: target, detail: tooBig) }
            let r = roundedInteger(d)
            // `max` of Int64/UInt64 is not exact as a Double (it rounds up to 2^63 / 2^64), so the
            // upper bound there is exclusive.
            let aboveMax = max >= 9.2e18 ? r >= max : r > max
            guard r >= min && !aboveMax else { throw cannotConvert(v, to: target, detail: tooBig) }
            // UInt64 values above Int64.max travel as their bit pattern (the caller reads them back).
            if r >= 9.223372036854775808e18 { return Int64(bitPattern: UInt64(r)) }
            return Int64(r)
        case .uint64(let u):
            if target == .uint64 { return Int64(bitPattern: u) }
            guard u <= UInt64(Int64.max), Double(u) <= max else { throw cannotConvert(v, to: target, detail: tooBig) }
            return Int64(u)
        default:
            let i = try integerValue(n)
            guard Double(i) >= min && Double(i) <= max else { throw cannotConvert(v, to: target, detail: tooBig) }
            return i
        }
    }

    private static func article(_ word: String) -> String {
        guard let f = word.first?.lowercased() else { return "a" }
        return "aeiou".contains(f) ? "an" : "a"
    }

    private static func integerValue(_ n: PSValue) throws -> Int64 {
        switch n {
        case .int(let i): return Int64(i)
        case .long(let i): return i
        case .byte(let i): return Int64(i)
        case .sbyte(let i): return Int64(i)
        case .int16(let i): return Int64(i)
        case .uint16(let i): return Int64(i)
        case .uint32(let i): return Int64(i)
        default: throw cannotConvert(n, to: .int64)
        }
    }

    public static func toInt32(_ v: PSValue) throws -> Int32 {
        if case .int(let i) = v { return i }
        return Int32(try toInteger(v, min: Double(Int32.min), max: Double(Int32.max), target: .int32))
    }

    public static func toInt64(_ v: PSValue) throws -> Int64 {
        switch v {
        case .int(let i): return Int64(i)
        case .long(let i): return i
        default: return try toInteger(v, min: -9_223_372_036_854_775_808.0, max: 9_223_372_036_854_775_807.0, target: .int64)
        }
    }

    /// An Int for Swift-side use (indexes, counts).
    public static func toInt(_ v: PSValue) throws -> Int { Int(try toInt64(v)) }

    // MARK: General conversion

    /// `[T]$v`: converts a value to a type, throwing PowerShell's conversion error on failure.
    public static func convert(_ v: PSValue, to type: PSType, types: TypeRegistry? = nil) throws -> PSValue {
        if case .null = v {
            // .NET reference types take null as it is.
            switch type {
            case .hashtable, .ordered, .scriptBlock, .version, .ipAddress, .regex, .type: return .null
            default: break
            }
        }
        switch type {
        case .object, .psObject: return v
        case .void: return .null
        case .string:
            if case .null = v { return .string("") }
            return .string(toString(v))
        case .bool: return .bool(toBool(v))
        case .switchParameter: return .switchValue(toBool(v))
        case .int32: return .int(try toInt32(v))
        case .int64: return .long(try toInt64(v))
        case .int16: return .int16(Int16(try toInteger(v, min: -32768, max: 32767, target: .int16)))
        case .uint16: return .uint16(UInt16(try toInteger(v, min: 0, max: 65535, target: .uint16)))
        case .byte: return .byte(UInt8(try toInteger(v, min: 0, max: 255, target: .byte)))
        case .sbyte: return .sbyte(Int8(try toInteger(v, min: -128, max: 127, target: .sbyte)))
        case .uint32: return .uint32(UInt32(try toInteger(v, min: 0, max: 4_294_967_295, target: .uint32)))
        case .uint64:
            if case .uint64 = v { return v }
            return .uint64(UInt64(bitPattern: try toInteger(v, min: 0, max: 18_446_744_073_709_551_615.0, target: .uint64)))
        case .double:
            if case .string(let s) = v, toNumber(v) == nil {
                throw cannotConvert(v, to: type, detail: "The input string '\(s)' was not in a correct format.")
            }
            return .double(try toDouble(v))
        case .single:
            if case .string(let s) = v, toNumber(v) == nil {
                throw cannotConvert(v, to: type, detail: "The input string '\(s)' was not in a correct format.")
            }
            return .single(Float(try toDouble(v)))
        case .decimal:
            if case .string(let s) = v, toNumber(v) == nil {
                throw cannotConvert(v, to: type, detail: "The input string '\(s)' was not in a correct format.")
            }
            return .decimal(try toDecimal(v))
        case .char:
            switch v {
            case .char: return v
            case .string(let s) where s.utf16.count == 1: return .char(s.utf16.first!)
            case .string: throw cannotConvert(v, to: type, detail: "String must be exactly one character long.")
            default: return .char(UInt16(try toInteger(v, min: 0, max: 65535, target: .char)))
            }
        case .enumType(let e): return .enumValue(try toEnum(v, e))
        case .array(let elem):
            switch v {
            case .null: return .null
            case .string(let s) where elem == .char:
                return .array(PSArray(s.utf16.map { .char($0) }, kind: .typed(.char)))
            case .array(let a):
                if a.kind == .typed(elem) || (elem == .object && a.kind == .objectArray) { return v }
                return .array(PSArray(try a.elements.map { try convert($0, to: elem, types: types) },
                                      kind: elem == .object ? .objectArray : .typed(elem)))
            default:
                return .array(PSArray([try convert(v, to: elem, types: types)], kind: elem == .object ? .objectArray : .typed(elem)))
            }
        case .arrayList:
            if case .array(let a) = v { return .array(PSArray(a.elements, kind: .arrayList)) }
            if case .null = v { return .array(PSArray([], kind: .arrayList)) }
            return .array(PSArray([v], kind: .arrayList))
        case .list(let elem):
            // $null cast to a collection class stays $null (it is a reference type).
            if v.isNull { return .null }
            let items = v.arrayElements ?? [v]
            return .array(PSArray(try items.map { try convert($0, to: elem, types: types) }, kind: .genericList(elem)))
        case .hashSet(let elem):
            if v.isNull { return .null }
            if case .array(let a) = v, a.kind == .hashSet(elem) { return v }
            let set = PSArray([], kind: .hashSet(elem))
            for item in v.arrayElements ?? (v.isNull ? [] : [v]) { _ = GenericCollections.insert(try convert(item, to: elem, types: types), into: set) }
            return .array(set)
        case .dictionary(let key, let value):
            guard case .hashtable(let h) = v else { throw cannotConvert(v, to: type) }
            if let g = h.generic, g.key == key, g.value == value { return v }
            let d = PSHashtable.dictionary(key, value)
            for (k, x) in h.pairs { d[try convert(k, to: key, types: types)] = try convert(x, to: value, types: types) }
            return .hashtable(d)
        case .hashtable:
            if case .hashtable(let h) = v { return h.isOrdered ? .hashtable({ let c = h.copy(); c.isOrdered = false; return c }()) : v }
            throw cannotConvert(v, to: type)
        case .ordered:
            if case .hashtable(let h) = v, h.isOrdered { return v }
            throw cannotConvert(v, to: type)
        case .psCustomObject:
            if case .hashtable(let h) = v {
                let o = PSObject()
                for (k, val) in h.pairs { o.addNote(toString(k), val) }
                return .object(o)
            }
            return v
        case .scriptBlock:
            if case .scriptBlock = v { return v }
            throw cannotConvert(v, to: type)
        case .guid:
            if case .guid = v { return v }
            if case .string(let s) = v {
                let t = s.trimmingCharacters(in: CharacterSet(charactersIn: "{}() "))
                if let u = UUID(uuidString: t) { return .guid(u) }
                if t.count == 32, t.allSatisfy(\.isHexDigit) {
                    var d = t; for i in [8, 13, 18, 23] { d.insert("-", at: d.index(d.startIndex, offsetBy: i)) }
                    if let u = UUID(uuidString: d) { return .guid(u) }
                }
                throw cannotConvert(v, to: type, detail: "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).")
            }
            throw cannotConvert(v, to: type)
        case .dateTime:
            if case .dateTime = v { return v }
            if case .string(let s) = v, let d = DateParsing.parse(s) { return .dateTime(d) }
            if case .string(let s) = v {
                throw cannotConvert(v, to: type, detail: "String '\(s)' was not recognized as a valid DateTime.")
            }
            if let n = toNumber(v), !(n.isNull) {
                let ticks = try toInt64(n)
                do { return .dateTime(try PSDateTime(checkedTicks: ticks)) } catch let e as PSRuntimeError {
                    throw cannotConvert(v, to: type, detail: e.record.exception.message)
                }
            }
            throw cannotConvert(v, to: type)
        case .timeSpan:
            if case .timeSpan = v { return v }
            if case .string(let s) = v {
                if let t = DateParsing.parseTimeSpan(s) { return .timeSpan(t) }
                throw cannotConvert(v, to: type, detail: "String '\(s)' was not recognized as a valid TimeSpan.")
            }
            if v.isNumeric { return .timeSpan(PSTimeSpan(ticks: try toInt64(v))) }
            throw cannotConvert(v, to: type)
        case .ipAddress:
            if case .ipAddress = v { return v }
            if case .string(let s) = v {
                if let ip = PSIPAddress(parsing: s) { return .ipAddress(ip) }
                throw cannotConvert(v, to: type, detail: "An invalid IP address was specified.")
            }
            throw cannotConvert(v, to: type)
        case .version:
            if case .version = v { return v }
            if case .string(let s) = v {
                if let ver = PSVersion(parsing: s) { return .version(ver) }
                throw cannotConvert(v, to: type, detail: "Version string portion was too short or too long.")
            }
            if case .double(let d) = v, let ver = PSVersion(parsing: NumberFormatting.format(d)) { return .version(ver) }
            throw cannotConvert(v, to: type)
        case .regex:
            if case .regex = v { return v }
            return .regex(try PSRegex(toString(v)))
        case .type:
            if case .type = v { return v }
            if case .string(let s) = v, let t = (types ?? TypeRegistry()).resolve(s) { return .type(t) }
            throw cannotConvert(v, to: type)
        case .named(let name):
            let lower = name.lowercased()
            if lower == "system.management.automation.psreference" {
                if PSReference.isReference(v) { return v }
                throw PSRuntimeError.message("Reference type is expected in argument.", errorId: "InvalidCastExceptionReferenceTypeExpected",
                                             category: .invalidArgument, exceptionType: "System.Management.Automation.PSInvalidCastException")
            }
            if v.isNull { return v }
            if v.typeNames.contains(where: { $0.lowercased() == lower || PSType.shortName(of: $0).lowercased() == lower }) { return v }
            // PowerShell converts through a one-argument constructor: `[ChoiceDescription[]]('&Yes', '&No')`.
            if lower == ChoicePrompt.typeName.lowercased(), case .string(let label) = v { return ChoicePrompt.description(label: label) }
            throw cannotConvert(v, to: type)
        }
    }

    /// Parses an enum value from a name (case-insensitive), a comma list for flags, or a number.
    public static func toEnum(_ v: PSValue, _ e: PSEnumType) throws -> PSEnumValue {
        switch v {
        case .enumValue(let ev) where ev.type == e: return ev
        case .string(let s):
            var raw: Int64 = 0
            for part in s.split(separator: ",") {
                let name = part.trimmingCharacters(in: .whitespaces)
                if let m = e.value(named: name) { raw |= m.rawValue; continue }
                if let n = Int64(name) { raw |= n; continue }
                throw cannotConvert(v, to: .enumType(e), detail:
                    "Unable to match the identifier name \(s) to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
                    + e.memberNames.joined(separator: ", "))
            }
            return PSEnumValue(type: e, rawValue: raw)
        case .null:
            throw cannotConvert(v, to: .enumType(e))
        default:
            if let n = toNumber(v) { return PSEnumValue(type: e, rawValue: try toInt64(n)) }
            throw cannotConvert(v, to: .enumType(e))
        }
    }

    /// Whether a value already is of the type (binding's "exact match" pass).
    public static func isInstance(_ v: PSValue, of type: PSType) -> Bool {
        switch (type, v) {
        case (.object, _), (.psObject, _): return true
        case (.string, .string), (.bool, .bool), (.int32, .int), (.int64, .long), (.double, .double),
             (.switchParameter, .switchValue), (.byte, .byte), (.sbyte, .sbyte), (.int16, .int16), (.uint16, .uint16),
             (.uint32, .uint32), (.uint64, .uint64), (.single, .single), (.decimal, .decimal), (.char, .char),
             (.scriptBlock, .scriptBlock), (.guid, .guid), (.dateTime, .dateTime), (.timeSpan, .timeSpan),
             (.ipAddress, .ipAddress), (.version, .version), (.regex, .regex), (.type, .type):
            return true
        case (.hashtable, .hashtable): return true
        case (.ordered, .hashtable(let h)): return h.isOrdered
        case (.enumType(let e), .enumValue(let ev)): return ev.type == e
        case (.psCustomObject, .object(let o)): return o.isCustomObject
        case (.array(let elem), .array(let a)):
            if elem == .object { return true }
            return a.kind == .typed(elem)
        case (.arrayList, .array(let a)): return a.kind == .arrayList
        case (.list(let e), .array(let a)): return a.kind == .genericList(e)
        case (.hashSet(let e), .array(let a)): return a.kind == .hashSet(e)
        case (.dictionary(let k, let x), .hashtable(let h)): return h.generic.map { $0.key == k && $0.value == x } ?? false
        case (.named(let n), _):
            let l = n.lowercased()
            return v.typeNames.contains { $0.lowercased() == l || PSType.shortName(of: $0).lowercased() == l }
        default: return false
        }
    }

    // MARK: Errors

    /// `Cannot convert value "abc" to type "System.Int32". Error: "..."` or, with no detail,
    /// `Cannot convert the "x" value of type "T" to type "U".`
    public static func cannotConvert(_ v: PSValue, to type: PSType, detail: String? = nil) -> PSRuntimeError {
        let text: String
        if let detail {
            text = "Cannot convert value \"\(toString(v))\" to type \"\(type.fullName)\". Error: \"\(detail)\""
        } else if case .null = v {
            text = "Cannot convert null to type \"\(type.fullName)\"."
        } else {
            text = "Cannot convert the \"\(toString(v))\" value of type \"\(v.typeFullName)\" to type \"\(type.fullName)\"."
        }
        var errorId = "ConvertToFinalInvalidCastException"
        if case .string = v, type.isNumeric { errorId = "InvalidCastFromStringToInteger" }
        if case .enumType = type { errorId = "RuntimeException" }
        return PSRuntimeError.message(text, errorId: errorId, category: .invalidArgument,
                                      exceptionType: "System.Management.Automation.PSInvalidCastException", target: v)
    }
}
