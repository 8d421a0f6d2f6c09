import Foundation

/// `-eq`, `-lt`, `-like`, `-match`, `-contains` ... with PowerShell's rules: the right operand is
/// converted to the left operand's type, strings compare case-insensitively unless `-c...`.
enum Comparison {
    @inline(__always)
    private static func isWrapper(_ value: PSValue) -> Bool {
        if case .object(let object) = value { return object.baseValue != nil }
        return false
    }

    static func equals(_ left: PSValue, _ right: PSValue, caseSensitive: Bool = false) -> Bool {
        if case .object = left, let c = BigIntegers.compare(left, right) ?? SemanticVersions.compareValues(left, right) { return c == 0 }
        if case .object = right, !(left.isNull), let c = BigIntegers.compare(left, right) ?? SemanticVersions.compareValues(left, right) { return c == 0 }
        switch (left, right) {
        case (.int(let leftPayload), .int(let rightPayload)): return leftPayload == rightPayload
        case (.string(let leftPayload), .string(let rightPayload)):
            return caseSensitive ? leftPayload == rightPayload : (leftPayload == rightPayload || leftPayload.caseInsensitiveCompare(rightPayload) == .orderedSame)
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        // A value wrapped in a PSObject (a command's output) compares as the value, on either side.
        case (_, .object(let rightPayload)) where rightPayload.baseValue != nil && !isWrapper(left):
            return equals(left, rightPayload.baseValue!, caseSensitive: caseSensitive)
        case (.string(let leftPayload), _):
            let rightPayload = PSConvert.toString(right)
            return caseSensitive ? leftPayload == rightPayload : leftPayload.caseInsensitiveCompare(rightPayload) == .orderedSame
        case (.bool(let leftPayload), _), (.switchValue(let leftPayload), _): return leftPayload == PSConvert.toBool(right)
        case (.char(let leftPayload), .string(let rightText)):
            let rightUnits = Array(rightText.utf16)
            guard rightUnits.count == 1 else { return false }
            return caseSensitive ? leftPayload == rightUnits[0] : String(utf16CodeUnits: [leftPayload], count: 1).caseInsensitiveCompare(rightText) == .orderedSame
        case (.char(let leftPayload), .char(let rightPayload)):
            if caseSensitive { return leftPayload == rightPayload }
            return String(utf16CodeUnits: [leftPayload], count: 1).caseInsensitiveCompare(String(utf16CodeUnits: [rightPayload], count: 1)) == .orderedSame
        case (.enumValue(let leftEnum), _):
            if case .enumValue(let rightEnum) = right { return leftEnum.rawValue == rightEnum.rawValue }
            if let converted = try? PSConvert.toEnum(right, leftEnum.type) { return converted.rawValue == leftEnum.rawValue }
            return false
        case (.array(let leftPayload), .array(let rightPayload)): return leftPayload === rightPayload
        case (.hashtable(let leftPayload), .hashtable(let rightPayload)): return leftPayload === rightPayload
        case (.object(let leftPayload), .object(let rightPayload)):
            if leftPayload === rightPayload { return true }
            if let leftBase = leftPayload.baseValue, let rightBase = rightPayload.baseValue { return equals(leftBase, rightBase, caseSensitive: caseSensitive) }
            if let leftBase = leftPayload.baseObject, let rightBase = rightPayload.baseObject { return leftBase === rightBase }
            return false
        case (.object(let leftPayload), _):
            if let leftBase = leftPayload.baseValue { return equals(leftBase, right, caseSensitive: caseSensitive) }
            return false
        case (.scriptBlock(let leftPayload), .scriptBlock(let rightPayload)): return leftPayload === rightPayload
        case (.guid(let leftPayload), _):
            if case .guid(let rightPayload) = right { return leftPayload == rightPayload }
            if case .string(let rightText) = right { return UUID(uuidString: rightText) == leftPayload }
            return false
        case (.dateTime(let leftPayload), .dateTime(let rightPayload)): return leftPayload.ticks == rightPayload.ticks
        case (.timeSpan(let leftPayload), .timeSpan(let rightPayload)): return leftPayload == rightPayload
        case (.version(let leftPayload), _):
            if case .version(let rightPayload) = right { return leftPayload == rightPayload }
            if case .string(let rightText) = right { return PSVersion(parsing: rightText) == leftPayload }
            return false
        case (.ipAddress(let leftPayload), _):
            if case .ipAddress(let rightPayload) = right { return leftPayload == rightPayload }
            if case .string(let rightText) = right { return PSIPAddress(parsing: rightText) == leftPayload }
            return false
        case (.type(let leftPayload), .type(let rightPayload)): return leftPayload == rightPayload || leftPayload.fullName == rightPayload.fullName
        // The right side is converted to a type, as PowerShell converts it to the left's (`[string] -eq 'string'`);
        // without the session only the runtime's own type names resolve, a name that does not is unequal.
        case (.type(let leftPayload), .string(let rightText)):
            guard let rightType = TypeRegistry().resolve(rightText) else { return false }
            return leftPayload == rightType || leftPayload.fullName == rightType.fullName
        default:
            if left.isNumeric {
                guard let rightNumber = PSConvert.toNumber(right) else { return false }
                if case .string = right, case .string(let rightText) = right, rightText.trimmingCharacters(in: .whitespaces).isEmpty { return false }
                return compareNumbers(left, rightNumber) == 0
            }
            return false
        }
    }

    /// Numeric comparison in the common type.
    static func compareNumbers(_ left: PSValue, _ right: PSValue) -> Int {
        switch Arithmetic.common(Arithmetic.kind(left), Arithmetic.kind(right)) {
        case .int32, .int64, .uint32:
            let leftNumber = (try? PSConvert.toInt64(left)) ?? 0, rightNumber = (try? PSConvert.toInt64(right)) ?? 0
            return leftNumber < rightNumber ? -1 : (leftNumber > rightNumber ? 1 : 0)
        case .uint64:
            let leftNumber = (try? Arithmetic.uint64(left)) ?? 0, rightNumber = (try? Arithmetic.uint64(right)) ?? 0
            return leftNumber < rightNumber ? -1 : (leftNumber > rightNumber ? 1 : 0)
        case .decimal:
            let leftNumber = (try? PSConvert.toDecimal(left)) ?? 0, rightNumber = (try? PSConvert.toDecimal(right)) ?? 0
            return leftNumber < rightNumber ? -1 : (leftNumber > rightNumber ? 1 : 0)
        case .double:
            let leftNumber = (try? PSConvert.toDouble(left)) ?? 0, rightNumber = (try? PSConvert.toDouble(right)) ?? 0
            return leftNumber < rightNumber ? -1 : (leftNumber > rightNumber ? 1 : 0)
        }
    }

    /// Ordering for `-lt/-gt` and Sort-Object. Throws when the right side cannot become the left's type.
    static func compare(_ left: PSValue, _ right: PSValue, caseSensitive: Bool = false) throws -> Int {
        if case .object = left, let c = BigIntegers.compare(left, right) ?? SemanticVersions.compareValues(left, right) { return c }
        if case .object = right, !(left.isNull), let c = BigIntegers.compare(left, right) ?? SemanticVersions.compareValues(left, right) { return c }
        switch (left, right) {
        case (.int(let leftPayload), .int(let rightPayload)): return leftPayload < rightPayload ? -1 : (leftPayload > rightPayload ? 1 : 0)
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (_, .object(let rightObject)) where rightObject.baseValue != nil && !isWrapper(left):
            return try compare(left, rightObject.baseValue!, caseSensitive: caseSensitive)
        case (.string(let leftPayload), _):
            let rightPayload = PSConvert.toString(right)
            return compareStrings(leftPayload, rightPayload, caseSensitive: caseSensitive)
        case (.bool(let leftPayload), _), (.switchValue(let leftPayload), _):
            let rightPayload = PSConvert.toBool(right)
            return leftPayload == rightPayload ? 0 : (leftPayload ? 1 : -1)
        case (.char(let leftPayload), _):
            return compareStrings(String(utf16CodeUnits: [leftPayload], count: 1), PSConvert.toString(right), caseSensitive: caseSensitive)
        case (.dateTime(let leftPayload), _):
            let rightPayload = try PSConvert.convert(right, to: .dateTime)
            guard case .dateTime(let rightDate) = rightPayload else { return 0 }
            return leftPayload.ticks < rightDate.ticks ? -1 : (leftPayload.ticks > rightDate.ticks ? 1 : 0)
        case (.timeSpan(let leftPayload), _):
            guard case .timeSpan(let rightPayload) = try PSConvert.convert(right, to: .timeSpan) else { return 0 }
            return leftPayload < rightPayload ? -1 : (leftPayload > rightPayload ? 1 : 0)
        case (.version(let leftPayload), _):
            guard case .version(let rightPayload) = try PSConvert.convert(right, to: .version) else { return 0 }
            return leftPayload < rightPayload ? -1 : (leftPayload > rightPayload ? 1 : 0)
        case (.enumValue(let leftEnum), _):
            let rightPayload = try PSConvert.toEnum(right, leftEnum.type)
            return leftEnum.rawValue < rightPayload.rawValue ? -1 : (leftEnum.rawValue > rightPayload.rawValue ? 1 : 0)
        case (.object(let leftObject), _) where leftObject.baseValue != nil:
            return try compare(leftObject.baseValue!, right, caseSensitive: caseSensitive)
        default:
            if left.isNumeric {
                guard let rightNumber = PSConvert.toNumber(right) else {
                    throw PSRuntimeError.message(
                        "Could not compare \"\(PSConvert.toString(left))\" to \"\(PSConvert.toString(right))\". Error: \"Cannot convert value \"\(PSConvert.toString(right))\" to type \"\(left.typeFullName)\". Error: \"The input string '\(PSConvert.toString(right))' was not in a correct format.\"\"",
                        errorId: "ComparisonFailure", category: .notSpecified)
                }
                return compareNumbers(left, rightNumber)
            }
            throw PSRuntimeError.message(
                "Cannot compare \"\(PSConvert.toString(left))\" because it is not IComparable.",
                errorId: "NotIcomparable", category: .invalidOperation)
        }
    }

    /// Culture-style string ordering: case-insensitive first, lowercase before uppercase on ties.
    /// Culture order (see CultureCollation), as `-lt`/`-gt` and Sort-Object compare strings.
    static func compareStrings(_ a: String, _ b: String, caseSensitive: Bool) -> Int {
        CultureCollation.compare(a, b, caseSensitive: caseSensitive)
    }

    // MARK: Wildcards

    /// `-like` matching: `*`, `?`, `[abc]`, `[a-z]`, backtick escapes; whole-string match.
    static func like(_ text: String, _ pattern: String, caseSensitive: Bool = false) -> Bool {
        WildcardPattern(pattern, caseSensitive: caseSensitive).matches(text)
    }
}

/// A compiled wildcard pattern: the one matcher behind `-like`, the cmdlets' `-Name`/`-Property`/`-Include`
/// filters and Hyper-V's `Get-VM -Name` (PowerShell has one WildcardPattern class for all of them).
public struct WildcardPattern: Sendable {
    enum Element: Sendable { case literal(Character), any, one, set([ClosedRange<Character>], negated: Bool) }
    let elements: [Element]
    let caseSensitive: Bool

    public init(_ pattern: String, caseSensitive: Bool = false) {
        self.caseSensitive = caseSensitive
        var els: [Element] = []
        let chars = Array(caseSensitive ? pattern : pattern.lowercased())
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "`" where i + 1 < chars.count: els.append(.literal(chars[i + 1])); i += 2; continue
            case "*": if case .any? = els.last {} else { els.append(.any) }
            case "?": els.append(.one)
            case "[":
                if let close = chars[(i + 1)...].firstIndex(of: "]"), close > i + 1 {
                    var ranges: [ClosedRange<Character>] = []
                    var j = i + 1
                    var negated = false
                    if chars[j] == "!" { negated = true; j += 1 }
                    while j < close {
                        if j + 2 < close, chars[j + 1] == "-" { ranges.append(min(chars[j], chars[j + 2])...max(chars[j], chars[j + 2])); j += 3 }
                        else { ranges.append(chars[j]...chars[j]); j += 1 }
                    }
                    els.append(.set(ranges, negated: negated))
                    i = close + 1
                    continue
                }
                els.append(.literal(c))
            default: els.append(.literal(c))
            }
            i += 1
        }
        elements = els
    }

    /// True when the pattern has no wildcard characters (so it names exactly one thing).
    public var isLiteral: Bool { elements.allSatisfy { if case .literal = $0 { return true }; return false } }

    /// A `*`, `?` or a closed `[...]` set outside backticks: a name that matched nothing is then no error.
    public var hasWildcards: Bool { !isLiteral }

    /// The quick test the cmdlets make on a name before deciding it names one thing: any `*`, `?` or `[`
    /// (escapes not considered, as the cmdlets did with their own copy of the matcher).
    public static func containsWildcard(_ text: String) -> Bool {
        text.contains("*") || text.contains("?") || text.contains("[")
    }

    public func matches(_ text: String) -> Bool {
        let t = Array(caseSensitive ? text : text.lowercased())
        return match(0, t, 0)
    }

    private func match(_ pi: Int, _ t: [Character], _ ti: Int) -> Bool {
        var pi = pi, ti = ti
        while pi < elements.count {
            switch elements[pi] {
            case .any:
                if pi == elements.count - 1 { return true }
                var k = ti
                while k <= t.count {
                    if match(pi + 1, t, k) { return true }
                    k += 1
                }
                return false
            case .one:
                if ti >= t.count { return false }
            case .literal(let c):
                if ti >= t.count || t[ti] != c { return false }
            case .set(let ranges, let negated):
                if ti >= t.count { return false }
                let inSet = ranges.contains { $0.contains(t[ti]) }
                if inSet == negated { return false }
            }
            pi += 1; ti += 1
        }
        return ti == t.count
    }
}
