import Foundation
import PSLanguage

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

    private static func toString(_ value: PSValue, separator: String, nesting: Int, budget: inout Int) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        case .int(let number): return String(number)
        case .long(let number): return String(number)
        case .double(let number): return NumberFormatting.format(number)
        case .bool(let flag), .switchValue(let flag): return flag ? "True" : "False"
        case .byte(let number): return String(number)
        case .sbyte(let number): return String(number)
        case .int16(let number): return String(number)
        case .uint16(let number): return String(number)
        case .uint32(let number): return String(number)
        case .uint64(let number): return String(number)
        case .single(let number): return NumberFormatting.format(number)
        case .decimal(let number, let scale): return DecimalScale.format(number, scale: scale)
        case .char(let unit): return String(utf16CodeUnits: [unit], count: 1)
        case .array(let array):
            return array.elements.map { item -> String in
                if case .array(let inner) = item { return inner.typeFullName }
                return toString(item, separator: separator, nesting: nesting, budget: &budget)
            }.joined(separator: separator)
        case .hashtable(let table): return table.isOrdered ? "System.Collections.Specialized.OrderedDictionary" : "System.Collections.Hashtable"
        case .object(let object): return objectToString(object, nesting: nesting, budget: &budget)
        case .scriptBlock(let block): return block.text
        case .enumValue(let enumValue): return enumValue.description
        case .guid(let guid): return guid.uuidString.lowercased()
        case .dateTime(let date): return date.invariantString
        case .timeSpan(let interval): return interval.description
        case .version(let ver): return ver.description
        case .ipAddress(let ip): return ip.description
        case .regex(let regex): return regex.pattern
        case .type(let type): return TypeDisplayNames.powerShellName(type.fullName)
        }
    }

    static func objectToString(_ object: PSObject, nesting: Int, budget: inout Int) -> String {
        if let handler = object.toStringHandler { return handler(object) }
        if let base = object.baseValue { return toString(base, separator: " ", nesting: nesting, budget: &budget) }
        if object.isCustomObject || object.typeNames.isEmpty {
            if nesting > 0 {
                if nesting >= maxStringNesting || budget <= 0 { return object.typeNames.first ?? "System.Object" }
                budget -= 1
            }
            var parts: [String] = []
            for property in object.properties {
                let value = (try? object.property(property.name)) ?? nil
                parts.append("\(property.name)=\(memberValueString(value ?? .null, nesting: nesting + 1, budget: &budget))")
            }
            return "@{" + parts.joined(separator: "; ") + "}"
        }
        return object.typeNames[0]
    }

    /// A property value inside `@{...}`: PowerShell converts it without recursing (ToStringEmptyBaseObject),
    /// so a collection is its type name and a custom object its own (empty) ToString: `@{a=System.Object[]; b=}`.
    private static func memberValueString(_ value: PSValue, nesting: Int, budget: inout Int) -> String {
        switch value {
        case .array(let array): return array.typeFullName
        case .object(let object) where object.toStringHandler == nil && object.baseValue == nil && object.isCustomObject:
            return ""
        case .object(let object):
            if let base = object.baseValue, case .array(let array) = base { return array.typeFullName }
            return toString(value, separator: " ", nesting: nesting, budget: &budget)
        default:
            return toString(value, separator: " ", nesting: nesting, budget: &budget)
        }
    }

    // MARK: Truthiness

    /// PowerShell's truthiness: `$null`, 0, "", empty arrays and `@(0)`-like single falsy elements are false.
    public static func toBool(_ value: PSValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag), .switchValue(let flag): return flag
        case .int(let number): return number != 0
        case .long(let number): return number != 0
        case .double(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .byte(let number): return number != 0
        case .sbyte(let number): return number != 0
        case .int16(let number): return number != 0
        case .uint16(let number): return number != 0
        case .uint32(let number): return number != 0
        case .uint64(let number): return number != 0
        case .single(let number): return number != 0
        case .decimal(let number, _): return !number.isZero
        case .char(let unit): return unit != 0
        case .enumValue(let enumValue): return enumValue.rawValue != 0
        case .array(let array):
            if array.count == 0 { return false }
            if array.count == 1 { return toBool(array.elements[0]) }
            return true
        case .object(let object): return object.baseValue.map(toBool) ?? true
        default: return true
        }
    }

    // MARK: Numbers

    /// Converts to a number for arithmetic: numbers as they are, strings parsed, bool/char/enum/null as integers.
    /// Returns nil when the value has no numeric meaning.
    public static func toNumber(_ value: PSValue) -> PSValue? {
        switch value {
        case .int, .long, .double, .byte, .sbyte, .int16, .uint16, .uint32, .uint64, .single, .decimal: return value
        case .null: return .int(0)
        case .bool(let flag), .switchValue(let flag): return .int(flag ? 1 : 0)
        case .char(let unit): return .int(Int32(unit))
        case .enumValue(let enumValue): return Int32(exactly: enumValue.rawValue).map { .int($0) } ?? .long(enumValue.rawValue)
        case .string(let text):
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return .int(0) }
            return NumberFormatting.parse(text)
        case .object(let object):
            if let big = object.baseObject as? BigIntegers.Box { return BigIntegers.number(big.value) }
            return object.baseValue.flatMap(toNumber)
        default: return nil
        }
    }

    public static func toDouble(_ value: PSValue) throws -> Double {
        guard let number = toNumber(value) else { throw cannotConvert(value, to: .double) }
        switch number {
        case .int(let integer): return Double(integer)
        case .long(let integer): return Double(integer)
        case .double(let double): return double
        case .byte(let integer): return Double(integer)
        case .sbyte(let integer): return Double(integer)
        case .int16(let integer): return Double(integer)
        case .uint16(let integer): return Double(integer)
        case .uint32(let integer): return Double(integer)
        case .uint64(let integer): return Double(integer)
        case .single(let single): return Double(single)
        case .decimal(let decimal, _): return NSDecimalNumber(decimal: decimal).doubleValue
        default: throw cannotConvert(value, to: .double)
        }
    }

    /// Whether System.Decimal (2^96 - 1 at most) holds a binary floating-point value.
    private static func fitsDecimal(_ d: Double) -> Bool {
        d.isFinite && abs(d) < 79_228_162_514_264_337_593_543_950_336.0
    }

    public static func toDecimal(_ value: PSValue) throws -> Decimal {
        guard let number = toNumber(value) else { throw cannotConvert(value, to: .decimal) }
        let tooLarge = "Value was either too large or too small for a Decimal."
        switch number {
        case .decimal(let decimal, _):
            guard abs(decimal) <= DecimalScale.maxMantissa else { throw cannotConvert(value, to: .decimal, detail: tooLarge) }
            return decimal
        case .double(let double):
            guard fitsDecimal(double) else { throw cannotConvert(value, to: .decimal, detail: tooLarge) }
            return Decimal(string: NumberFormatting.format(double).replacingOccurrences(of: "E", with: "e")) ?? Decimal(double)
        case .single(let single):
            guard fitsDecimal(Double(single)) else { throw cannotConvert(value, to: .decimal, detail: tooLarge) }
            return Decimal(Double(single))
        case .uint64(let unsigned): return Decimal(unsigned)
        default: return Decimal(try toInt64(number))
        }
    }

    /// Rounds half to even, as .NET's Convert does for `[int]2.5` (2) and `[int]3.5` (4).
    static func roundedInteger(_ number: Double) -> Double { number.rounded(.toNearestOrEven) }

    /// Integer conversion with banker's rounding and range checks; `bits` / `signed` pick the target.
    static func toInteger(_ value: PSValue, min: Double, max: Double, target: PSType) throws -> Int64 {
        guard let number = toNumber(value) else {
            if case .string(let text) = value {
                // PowerShell reads `0x` text with Convert.ToUInt32/ToUInt64, whose overflow it reports.
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if (target == .int32 || target == .int64), trimmed.count > 2, trimmed.lowercased().hasPrefix("0x"),
                   trimmed.dropFirst(2).allSatisfy(\.isHexDigit) {
                    throw cannotConvert(value, to: target, detail: "Value was either too large or too small for a \(target == .int32 ? "UInt32" : "UInt64").")
                }
                throw cannotConvert(value, to: target, detail: "The input string '\(text)' was not in a correct format.")
            }
            throw cannotConvert(value, to: target)
        }
        let tooBig = "Value was either too large or too small for \(article(target.name)) \(target.name)."
        switch number {
        case .decimal(let decimal, _):
            // Exact: a decimal holds 64-bit integers that a Double would round (UInt64.MaxValue).
            var exact = decimal, rounded = Decimal()
            NSDecimalRound(&rounded, &exact, 0, .bankers)
            let lowest = Decimal(string: String(format: "%.0f", min)) ?? Decimal(min)
            let highest = max >= 1.8e19 ? Decimal(UInt64.max) : max >= 9.2e18 ? Decimal(Int64.max) : Decimal(max)
            guard rounded >= lowest && rounded <= highest else { throw cannotConvert(value, to: target, detail: tooBig) }
            if rounded > Decimal(Int64.max) {
                return Int64(bitPattern: UInt64(NSDecimalNumber(decimal: rounded).stringValue) ?? 0)
            }
            return Int64(NSDecimalNumber(decimal: rounded).stringValue) ?? 0
        case .double, .single:
            let double = try toDouble(number)
            guard double.isFinite else { throw cannotConvert(value, to: target, detail: tooBig) }
            let rounded = roundedInteger(double)
            // `max` of Int64/UInt64 is not exact as a Double (it rounds up to 2^63 / 2^64), so the
            // upper bound there is exclusive.
            let aboveMax = max >= 9.2e18 ? rounded >= max : rounded > max
            guard rounded >= min && !aboveMax else { throw cannotConvert(value, to: target, detail: tooBig) }
            // UInt64 values above Int64.max travel as their bit pattern (the caller reads them back).
            if rounded >= 9.223372036854775808e18 { return Int64(bitPattern: UInt64(rounded)) }
            return Int64(rounded)
        case .uint64(let unsigned):
            if target == .uint64 { return Int64(bitPattern: unsigned) }
            guard unsigned <= UInt64(Int64.max), Double(unsigned) <= max else { throw cannotConvert(value, to: target, detail: tooBig) }
            return Int64(unsigned)
        default:
            let integer = try integerValue(number)
            guard Double(integer) >= min && Double(integer) <= max else { throw cannotConvert(value, to: target, detail: tooBig) }
            return integer
        }
    }

    private static func article(_ word: String) -> String {
        guard let initial = word.first?.lowercased() else { return "a" }
        return "aeiou".contains(initial) ? "an" : "a"
    }

    private static func integerValue(_ number: PSValue) throws -> Int64 {
        switch number {
        case .int(let integer): return Int64(integer)
        case .long(let integer): return integer
        case .byte(let integer): return Int64(integer)
        case .sbyte(let integer): return Int64(integer)
        case .int16(let integer): return Int64(integer)
        case .uint16(let integer): return Int64(integer)
        case .uint32(let integer): return Int64(integer)
        default: throw cannotConvert(number, to: .int64)
        }
    }

    public static func toInt32(_ value: PSValue) throws -> Int32 {
        if case .int(let integer) = value { return integer }
        return Int32(try toInteger(value, min: Double(Int32.min), max: Double(Int32.max), target: .int32))
    }

    public static func toInt64(_ value: PSValue) throws -> Int64 {
        switch value {
        case .int(let integer): return Int64(integer)
        case .long(let integer): return integer
        default: return try toInteger(value, min: -9_223_372_036_854_775_808.0, max: 9_223_372_036_854_775_807.0, target: .int64)
        }
    }

    /// An Int for Swift-side use (indexes, counts).
    public static func toInt(_ value: PSValue) throws -> Int { Int(try toInt64(value)) }

    // MARK: General conversion

    /// `[T]$v`: converts a value to a type, throwing PowerShell's conversion error on failure.
    public static func convert(_ value: PSValue, to type: PSType, types: TypeRegistry? = nil) throws -> PSValue {
        // A value wrapped in a PSObject (a command's output) converts as the value itself, except to a
        // string where the wrapper says how it reads (a number argument written `5.0` or `0x10`).
        if case .object(let object) = value, let base = object.baseValue, type != .object, type != .psObject {
            if type == .string || type == .version, let text = object.toStringHandler?(object) {
                // `-PowerShellVersion 5.0` is the version 5.0, read from the text, not from the double 5.
                return type == .string ? .string(text) : try convert(.string(text), to: type, types: types)
            }
            return try convert(base, to: type, types: types)
        }
        if case .null = value {
            // .NET reference types take null as it is.
            switch type {
            case .hashtable, .ordered, .scriptBlock, .version, .ipAddress, .regex, .type: return .null
            default: break
            }
        }
        switch type {
        case .object: return value
        // `[psobject]'x'` wraps the value (PSObject.AsPSObject), as a command's output is.
        case .psObject: return PSObject.asOutput(value)
        case .void: return .null
        case .string:
            if case .null = value { return .string("") }
            return .string(toString(value))
        case .bool: return .bool(toBool(value))
        case .switchParameter: return .switchValue(toBool(value))
        case .int32: return .int(try toInt32(value))
        case .int64: return .long(try toInt64(value))
        case .int16: return .int16(Int16(try toInteger(value, min: -32768, max: 32767, target: .int16)))
        case .uint16: return .uint16(UInt16(try toInteger(value, min: 0, max: 65535, target: .uint16)))
        case .byte: return .byte(UInt8(try toInteger(value, min: 0, max: 255, target: .byte)))
        case .sbyte: return .sbyte(Int8(try toInteger(value, min: -128, max: 127, target: .sbyte)))
        case .uint32: return .uint32(UInt32(try toInteger(value, min: 0, max: 4_294_967_295, target: .uint32)))
        case .uint64:
            if case .uint64 = value { return value }
            return .uint64(UInt64(bitPattern: try toInteger(value, min: 0, max: 18_446_744_073_709_551_615.0, target: .uint64)))
        case .double:
            if case .string(let text) = value, toNumber(value) == nil {
                throw cannotConvert(value, to: type, detail: "The input string '\(text)' was not in a correct format.")
            }
            return .double(try toDouble(value))
        case .single:
            if case .string(let text) = value, toNumber(value) == nil {
                throw cannotConvert(value, to: type, detail: "The input string '\(text)' was not in a correct format.")
            }
            return .single(Float(try toDouble(value)))
        case .decimal:
            if case .string(let text) = value, toNumber(value) == nil {
                throw cannotConvert(value, to: type, detail: "The input string '\(text)' was not in a correct format.")
            }
            if case .decimal = value { return value }
            let decimal = try toDecimal(value)
            // Decimal.Parse keeps the digits written after the point: [decimal]'1.50' is 1.50.
            if case .string(let text) = value { return .decimal(decimal, scale: DecimalText.scale(of: text.trimmingCharacters(in: .whitespaces))) }
            return .decimal(decimal)
        case .char:
            switch value {
            case .char: return value
            case .string(let text) where text.utf16.count == 1: return .char(text.utf16.first!)
            case .string: throw cannotConvert(value, to: type, detail: "String must be exactly one character long.")
            default: return .char(UInt16(try toInteger(value, min: 0, max: 65535, target: .char)))
            }
        case .enumType(let enumeration): return .enumValue(try toEnum(value, enumeration))
        case .scriptClass(let c): return try ClassInstances.convert(value, to: c)
        case .array(let elementType):
            switch value {
            case .null: return .null
            case .string(let text) where elementType == .char:
                return .array(PSArray(text.utf16.map { .char($0) }, kind: .typed(.char)))
            case .array(let array):
                if array.kind == .typed(elementType) || (elementType == .object && array.kind == .objectArray) { return value }
                return .array(PSArray(try array.elements.map { try convert($0, to: elementType, types: types) },
                                      kind: elementType == .object ? .objectArray : .typed(elementType)))
            default:
                return .array(PSArray([try convert(value, to: elementType, types: types)], kind: elementType == .object ? .objectArray : .typed(elementType)))
            }
        case .arrayList:
            if case .array(let array) = value { return .array(PSArray(array.elements, kind: .arrayList)) }
            if case .null = value { return .array(PSArray([], kind: .arrayList)) }
            return .array(PSArray([value], kind: .arrayList))
        case .list(let elementType):
            // $null cast to a collection class stays $null (it is a reference type).
            if value.isNull { return .null }
            let items = value.arrayElements ?? [value]
            return .array(PSArray(try items.map { try convert($0, to: elementType, types: types) }, kind: .genericList(elementType)))
        case .collection(let elementType):
            // Built as PowerShell does, through the constructor taking an IList[T] of the converted elements.
            if value.isNull { return .null }
            if case .array(let array) = value, array.kind == .collection(elementType) { return value }
            let items = value.arrayElements ?? [value]
            return .array(PSArray(try items.map { try convert($0, to: elementType, types: types) }, kind: .collection(elementType)))
        case .hashSet(let elementType):
            if value.isNull { return .null }
            if case .array(let array) = value, array.kind == .hashSet(elementType) { return value }
            let set = PSArray([], kind: .hashSet(elementType))
            for item in value.arrayElements ?? (value.isNull ? [] : [value]) { _ = GenericCollections.insert(try convert(item, to: elementType, types: types), into: set) }
            return .array(set)
        case .dictionary(let keyType, let valueType):
            guard case .hashtable(let table) = value else { throw cannotConvert(value, to: type) }
            if let generic = table.generic, generic.key == keyType, generic.value == valueType { return value }
            let dictionary = PSHashtable.dictionary(keyType, valueType)
            for (entryKey, entryValue) in table.pairs { dictionary[try convert(entryKey, to: keyType, types: types)] = try convert(entryValue, to: valueType, types: types) }
            return .hashtable(dictionary)
        case .hashtable:
            if case .hashtable(let table) = value { return table.isOrdered ? .hashtable({ let c = table.copy(); c.isOrdered = false; return c }()) : value }
            throw cannotConvert(value, to: type)
        case .ordered:
            if case .hashtable(let table) = value, table.isOrdered { return value }
            throw cannotConvert(value, to: type)
        case .psCustomObject:
            if case .hashtable(let table) = value {
                let object = PSObject()
                for (entryKey, entryValue) in table.pairs {
                    // A PSTypeName key names the object's type instead of becoming a property.
                    let name = toString(entryKey)
                    if name.lowercased() == "pstypename" { object.typeNames.insert(toString(entryValue), at: 0); continue }
                    // Keys differing only in case (a case-sensitive table): the last value under the first spelling.
                    let spelled = object.member(name)?.name ?? name
                    object.addNote(spelled, entryValue)
                }
                return .object(object)
            }
            return value
        case .scriptBlock:
            if case .scriptBlock = value { return value }
            throw cannotConvert(value, to: type)
        case .guid:
            if case .guid = value { return value }
            if case .string(let text) = value {
                if let uuid = GuidParsing.parse(text) { return .guid(uuid) }
                throw cannotConvert(value, to: type, detail: "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).")
            }
            throw cannotConvert(value, to: type)
        case .dateTime:
            if case .dateTime = value { return value }
            if case .string(let text) = value, let date = DateParsing.parse(text) { return .dateTime(date) }
            if case .string(let text) = value {
                throw cannotConvert(value, to: type, detail: "String '\(text)' was not recognized as a valid DateTime.")
            }
            if let number = toNumber(value), !(number.isNull) {
                let ticks = try toInt64(number)
                do { return .dateTime(try PSDateTime(checkedTicks: ticks)) } catch let error as PSRuntimeError {
                    throw cannotConvert(value, to: type, detail: error.record.exception.message)
                }
            }
            throw cannotConvert(value, to: type)
        case .timeSpan:
            if case .timeSpan = value { return value }
            if case .string(let text) = value {
                if let interval = DateParsing.parseTimeSpan(text) { return .timeSpan(interval) }
                throw cannotConvert(value, to: type, detail: "String '\(text)' was not recognized as a valid TimeSpan.")
            }
            if value.isNumeric { return .timeSpan(PSTimeSpan(ticks: try toInt64(value))) }
            throw cannotConvert(value, to: type)
        case .ipAddress:
            if case .ipAddress = value { return value }
            if case .string(let text) = value {
                if let address = PSIPAddress(parsing: text) { return .ipAddress(address) }
                throw cannotConvert(value, to: type, detail: "An invalid IP address was specified.")
            }
            throw cannotConvert(value, to: type)
        case .version:
            if case .version = value { return value }
            if case .string(let text) = value {
                if let version = PSVersion(parsing: text) { return .version(version) }
                throw cannotConvert(value, to: type, detail: "Version string portion was too short or too long.")
            }
            if case .double(let number) = value, let version = PSVersion(parsing: NumberFormatting.format(number)) { return .version(version) }
            throw cannotConvert(value, to: type)
        case .regex:
            if case .regex = value { return value }
            return .regex(try PSRegex(toString(value)))
        case .type:
            if case .type = value { return value }
            if case .string(let text) = value, let resolved = (types ?? TypeRegistry()).resolve(text) { return .type(resolved) }
            throw cannotConvert(value, to: type)
        case .named(let name):
            let lower = name.lowercased()
            // A parameter type compiled before the script defined it (`param([MyEnum]$x)` above `enum MyEnum`).
            if let types, let resolved = types.resolve(name), resolved != type {
                if case .named = resolved {} else { return try convert(value, to: resolved, types: types) }
            }
            if lower == "system.management.automation.psreference" {
                if PSReference.isReference(value) { return value }
                throw PSRuntimeError.message("Reference type is expected in argument.", errorId: "InvalidCastExceptionReferenceTypeExpected",
                                             category: .invalidArgument, exceptionType: "System.Management.Automation.PSInvalidCastException")
            }
            // A pointer-sized integer is an Int64 here (hvsh has no IntPtr value); $null is IntPtr.Zero.
            if lower == "system.intptr" || lower == "system.uintptr" {
                if value.isNull { return .long(0) }
                if case .long = value { return value }
                return .long(try toInt64(value))
            }
            // BigInteger is a value type: $null is 0n.
            if lower == BigIntegers.typeName.lowercased() { return try BigIntegers.cast(value) }
            if value.isNull { return value }
            if case .scriptBlock = value, TypeRegistry.isDelegate(lower) { return value }
            if case .scriptBlock(let block) = value, let made = try Delegates.convert(block, toNamed: name, types: types) { return made }
            if case .object(let o) = value, let reference = o.baseObject as? ClassMethodReferences.Reference {
                if let made = try ClassMethodReferences.delegate(reference, toNamed: name, types: types) { return made }
                throw cannotConvert(value, to: type)
            }
            if value.typeNames.contains(where: { $0.lowercased() == lower || PSType.shortName(of: $0).lowercased() == lower }) { return value }
            if isInstance(value, of: type) { return value }
            // PowerShell converts through a one-argument constructor: `[ChoiceDescription[]]('&Yes', '&No')`.
            if lower == ChoicePrompt.typeName.lowercased(), case .string(let label) = value { return ChoicePrompt.description(label: label) }
            if case .hashtable(let table) = value, let made = try DotNetClasses.fromHashtable(table, toNamed: lower, fullName: name) { return made }
            if let made = try UtilityTypes.convert(value, toNamed: lower) { return made }
            if let convert = types?.converter(to: lower), let made = try convert(value) { return made }
            if let made = try DotNetClasses.convert(value, toNamed: lower) { return made }
            if lower == PSTypeNames.typeName.lowercased() { return try PSTypeNames.cast(value, types: types ?? TypeRegistry()) }
            if lower == "system.datetimeoffset", let moment = DateTimeOffsets.value(from: value) { return DateTimeOffsets.object(moment) }
            // An exception type converts a string through its message constructor: `throw [ArgumentException] 'text'`.
            if lower.hasSuffix("exception"), case .string(let message) = value {
                return .object(ErrorRecordObjects.wrap(PSException(message, type: name.contains(".") ? name : "System." + name)))
            }
            throw cannotConvert(value, to: type)
        }
    }

    /// Parses an enum value from a name (case-insensitive), a comma list for flags, or a number.
    public static func toEnum(_ value: PSValue, _ enumType: PSEnumType) throws -> PSEnumValue {
        switch value {
        case .enumValue(let enumValue) where enumValue.type == enumType: return enumValue
        case .string(let text):
            var raw: Int64 = 0
            // An empty name matches no enumerator (.NET's Enum.Parse refuses it too).
            var parsed = true
            for part in text.isEmpty ? [""] : text.split(separator: ",") {
                let name = part.trimmingCharacters(in: .whitespaces)
                if let member = enumType.value(named: name) { raw |= member.rawValue; continue }
                if let number = Int64(name) { raw |= number; continue }
                parsed = false
                break
            }
            if parsed { return PSEnumValue(type: enumType, rawValue: raw) }
            return try disambiguate(text, value, enumType)
        case .null:
            throw cannotConvert(value, to: .enumType(enumType))
        default:
            if let number = toNumber(value) {
                let raw = try toInt64(number)
                try checkDefined(raw, value, enumType)
                return PSEnumValue(type: enumType, rawValue: raw)
            }
            throw cannotConvert(value, to: .enumType(enumType))
        }
    }

    /// LanguagePrimitives' last try for a string Enum.Parse refuses (EnumMinimumDisambiguation): the
    /// one enumerator name it begins (`-ErrorAction Ig` is Ignore), an exact name among several.
    static func disambiguate(_ text: String, _ value: PSValue, _ enumType: PSEnumType) throws -> PSEnumValue {
        let prefix = text.lowercased()
        let matches = text.isEmpty ? [] : enumType.memberNames.filter { $0.lowercased().hasPrefix(prefix) }
        let chosen = matches.count == 1 ? matches[0] : matches.first { $0.lowercased() == prefix }
        if let chosen, let member = enumType.value(named: chosen) { return PSEnumValue(type: enumType, rawValue: member.rawValue) }
        if matches.count > 1 {
            throw cannotConvert(value, to: .enumType(enumType), detail:
                "The identifier name \(text) cannot be processed because it is either too similar or identical to the following enumerator names: \(matches.joined(separator: ", ")). Use a more specific identifier name.")
        }
        throw cannotConvert(value, to: .enumType(enumType), detail:
            "Unable to match the identifier name \(text) to a valid enumerator name. Specify one of the following enumerator names and try again:\n"
            + enumType.memberNames.joined(separator: ", "))
    }

    /// LanguagePrimitives' rule for a number made an enum: a value the enum does not define (for flags,
    /// a bit no member has; any negative value) is refused, unless the enum has negative members.
    static func checkDefined(_ raw: Int64, _ value: PSValue, _ enumType: PSEnumType) throws {
        let members = enumType.members
        if members.contains(where: { $0.value < 0 }) { return }
        let defined: Bool
        if raw < 0 {
            defined = false
        } else if enumType.isFlags {
            let all = members.reduce(Int64(0)) { $0 | $1.value }
            defined = (raw | all) ^ all == 0
        } else {
            defined = members.contains { $0.value == raw }
        }
        guard !defined else { return }
        let text = "Cannot convert value \"\(toString(value))\" to type \"\(enumType.fullName)\" due to enumeration values that are not valid. Specify one of the following enumeration values and try again. The possible enumeration values are \"\(enumType.memberNames.joined(separator: ","))\"."
        throw PSRuntimeError.message(text, errorId: "RuntimeException", category: .invalidArgument,
                                     exceptionType: "System.Management.Automation.PSInvalidCastException")
    }

    /// Whether a value already is of the type (binding's "exact match" pass).
    public static func isInstance(_ value: PSValue, of type: PSType) -> Bool {
        switch (type, value) {
        case (.object, _), (.psObject, _): return true
        case (.string, .string), (.bool, .bool), (.int32, .int), (.int64, .long), (.double, .double),
             (.switchParameter, .switchValue), (.byte, .byte), (.sbyte, .sbyte), (.int16, .int16), (.uint16, .uint16),
             (.uint32, .uint32), (.uint64, .uint64), (.single, .single), (.decimal, .decimal), (.char, .char),
             (.scriptBlock, .scriptBlock), (.guid, .guid), (.dateTime, .dateTime), (.timeSpan, .timeSpan),
             (.ipAddress, .ipAddress), (.version, .version), (.regex, .regex), (.type, .type):
            return true
        case (.hashtable, .hashtable): return true
        case (.ordered, .hashtable(let table)): return table.isOrdered
        case (.enumType(let enumType), .enumValue(let enumValue)): return enumValue.type == enumType
        case (.scriptClass(let c), .object(let object)): return (object.baseObject as? PSClassType)?.derives(from: c) ?? false
        case (.psCustomObject, .object(let object)): return object.isCustomObject
        case (.array(let elementType), .array(let array)):
            if elementType == .object { return true }
            return array.kind == .typed(elementType)
        case (.arrayList, .array(let array)): return array.kind == .arrayList
        case (.list(let elementType), .array(let array)): return array.kind == .genericList(elementType)
        case (.hashSet(let elementType), .array(let array)): return array.kind == .hashSet(elementType)
        case (.collection(let elementType), .array(let array)): return array.kind == .collection(elementType)
        case (.dictionary(let keyType, let valueType), .hashtable(let table)):
            guard !ConcurrentDictionaries.isConcurrent(table) else { return false }
            return table.generic.map { $0.key == keyType && $0.value == valueType } ?? false
        case (.named(let name), _):
            let lowered = name.lowercased()
            // The collection interfaces: arrays and lists are ILists; dictionaries are collections too.
            switch (lowered, value.unwrapped) {
            case ("system.collections.ilist", .array), ("system.collections.icollection", .array),
                 ("system.collections.icollection", .hashtable), ("system.collections.ienumerable", .array),
                 ("system.collections.ienumerable", .hashtable), ("system.collections.ienumerable", .string),
                 ("system.collections.idictionary", .hashtable):
                return true
            default: break
            }
            // .NET's comparable and formattable values.
            switch (lowered, value.unwrapped) {
            case ("system.icomparable", .string), ("system.icomparable", .char), ("system.icomparable", .bool),
                 ("system.icomparable", .dateTime), ("system.icomparable", .timeSpan), ("system.icomparable", .version),
                 ("system.icomparable", .guid), ("system.icomparable", .enumValue),
                 ("system.iformattable", .dateTime), ("system.iformattable", .timeSpan), ("system.iformattable", .guid),
                 ("system.iformattable", .enumValue), ("system.icloneable", .string), ("system.icloneable", .array):
                return true
            case ("system.icomparable", let v), ("system.iformattable", let v): if v.isNumeric { return true }
            default: break
            }
            // A script class's interfaces (`class C : System.IComparable`) are not among its type names.
            if case .object(let o) = value.unwrapped, let c = o.baseObject as? PSClassType,
               c.implements(lowered) || c.implements("system." + lowered) { return true }
            return value.typeNames.contains { name in
                // Get-Error's view names (`...ErrorRecord#PSExtendedError`) stand in for the .NET type.
                let own = name.hasSuffix("#PSExtendedError") ? String(name.dropLast(16)) : name
                return own.lowercased() == lowered || PSType.shortName(of: own).lowercased() == lowered
            }
        default: return false
        }
    }

    // MARK: Errors

    /// `Cannot convert value "abc" to type "System.Int32". Error: "..."` or, with no detail,
    /// `Cannot convert the "x" value of type "T" to type "U".`
    public static func cannotConvert(_ value: PSValue, to type: PSType, detail: String? = nil) -> PSRuntimeError {
        let text: String
        if let detail {
            text = "Cannot convert value \"\(toString(value))\" to type \"\(type.fullName)\". Error: \"\(detail)\""
        } else if case .null = value {
            text = "Cannot convert null to type \"\(type.fullName)\"."
        } else {
            text = "Cannot convert the \"\(toString(value))\" value of type \"\(value.typeFullName)\" to type \"\(type.fullName)\"."
        }
        var errorId = "ConvertToFinalInvalidCastException"
        if case .string = value, type.isNumeric { errorId = "InvalidCastFromStringToInteger" }
        if case .enumType = type { errorId = "RuntimeException" }
        return PSRuntimeError.message(text, errorId: errorId, category: .invalidArgument,
                                      exceptionType: "System.Management.Automation.PSInvalidCastException", target: value)
    }
}
