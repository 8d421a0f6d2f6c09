import Foundation

/// `-eq`, `-lt`, `-like`, `-match`, `-contains` ... with PowerShell's rules: the right operand is
/// converted to the left operand's type, strings compare case-insensitively unless `-c...`.
enum Comparison {
    static func equals(_ l: PSValue, _ r: PSValue, caseSensitive: Bool = false) -> Bool {
        switch (l, r) {
        case (.int(let a), .int(let b)): return a == b
        case (.string(let a), .string(let b)):
            return caseSensitive ? a == b : (a == b || a.caseInsensitiveCompare(b) == .orderedSame)
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.string(let a), _):
            let b = PSConvert.toString(r)
            return caseSensitive ? a == b : a.caseInsensitiveCompare(b) == .orderedSame
        case (.bool(let a), _), (.switchValue(let a), _): return a == PSConvert.toBool(r)
        case (.char(let a), .string(let s)):
            let u = Array(s.utf16)
            guard u.count == 1 else { return false }
            return caseSensitive ? a == u[0] : String(utf16CodeUnits: [a], count: 1).caseInsensitiveCompare(s) == .orderedSame
        case (.char(let a), .char(let b)):
            if caseSensitive { return a == b }
            return String(utf16CodeUnits: [a], count: 1).caseInsensitiveCompare(String(utf16CodeUnits: [b], count: 1)) == .orderedSame
        case (.enumValue(let e), _):
            if case .enumValue(let f) = r { return e.rawValue == f.rawValue }
            if let v = try? PSConvert.toEnum(r, e.type) { return v.rawValue == e.rawValue }
            return false
        case (.array(let a), .array(let b)): return a === b
        case (.hashtable(let a), .hashtable(let b)): return a === b
        case (.object(let a), .object(let b)):
            if a === b { return true }
            if let x = a.baseValue, let y = b.baseValue { return equals(x, y, caseSensitive: caseSensitive) }
            if let x = a.baseObject, let y = b.baseObject { return x === y }
            return false
        case (.object(let a), _):
            if let x = a.baseValue { return equals(x, r, caseSensitive: caseSensitive) }
            return false
        case (.scriptBlock(let a), .scriptBlock(let b)): return a === b
        case (.guid(let a), _):
            if case .guid(let b) = r { return a == b }
            if case .string(let s) = r { return UUID(uuidString: s) == a }
            return false
        case (.dateTime(let a), .dateTime(let b)): return a.ticks == b.ticks
        case (.timeSpan(let a), .timeSpan(let b)): return a == b
        case (.version(let a), _):
            if case .version(let b) = r { return a == b }
            if case .string(let s) = r { return PSVersion(parsing: s) == a }
            return false
        case (.ipAddress(let a), _):
            if case .ipAddress(let b) = r { return a == b }
            if case .string(let s) = r { return PSIPAddress(parsing: s) == a }
            return false
        case (.type(let a), .type(let b)): return a == b
        default:
            if l.isNumeric {
                guard let b = PSConvert.toNumber(r) else { return false }
                if case .string = r, case .string(let s) = r, s.trimmingCharacters(in: .whitespaces).isEmpty { return false }
                return compareNumbers(l, b) == 0
            }
            return false
        }
    }

    /// Numeric comparison in the common type.
    static func compareNumbers(_ a: PSValue, _ b: PSValue) -> Int {
        switch Arithmetic.common(Arithmetic.kind(a), Arithmetic.kind(b)) {
        case .int32, .int64, .uint32:
            let x = (try? PSConvert.toInt64(a)) ?? 0, y = (try? PSConvert.toInt64(b)) ?? 0
            return x < y ? -1 : (x > y ? 1 : 0)
        case .uint64:
            let x = (try? Arithmetic.uint64(a)) ?? 0, y = (try? Arithmetic.uint64(b)) ?? 0
            return x < y ? -1 : (x > y ? 1 : 0)
        case .decimal:
            let x = (try? PSConvert.toDecimal(a)) ?? 0, y = (try? PSConvert.toDecimal(b)) ?? 0
            return x < y ? -1 : (x > y ? 1 : 0)
        case .double:
            let x = (try? PSConvert.toDouble(a)) ?? 0, y = (try? PSConvert.toDouble(b)) ?? 0
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    /// Ordering for `-lt/-gt` and Sort-Object. Throws when the right side cannot become the left's type.
    static func compare(_ l: PSValue, _ r: PSValue, caseSensitive: Bool = false) throws -> Int {
        switch (l, r) {
        case (.int(let a), .int(let b)): return a < b ? -1 : (a > b ? 1 : 0)
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.string(let a), _):
            let b = PSConvert.toString(r)
            return compareStrings(a, b, caseSensitive: caseSensitive)
        case (.bool(let a), _), (.switchValue(let a), _):
            let b = PSConvert.toBool(r)
            return a == b ? 0 : (a ? 1 : -1)
        case (.char(let a), _):
            return compareStrings(String(utf16CodeUnits: [a], count: 1), PSConvert.toString(r), caseSensitive: caseSensitive)
        case (.dateTime(let a), _):
            let b = try PSConvert.convert(r, to: .dateTime)
            guard case .dateTime(let bd) = b else { return 0 }
            return a.ticks < bd.ticks ? -1 : (a.ticks > bd.ticks ? 1 : 0)
        case (.timeSpan(let a), _):
            guard case .timeSpan(let b) = try PSConvert.convert(r, to: .timeSpan) else { return 0 }
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.version(let a), _):
            guard case .version(let b) = try PSConvert.convert(r, to: .version) else { return 0 }
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.enumValue(let e), _):
            let b = try PSConvert.toEnum(r, e.type)
            return e.rawValue < b.rawValue ? -1 : (e.rawValue > b.rawValue ? 1 : 0)
        case (.object(let o), _) where o.baseValue != nil:
            return try compare(o.baseValue!, r, caseSensitive: caseSensitive)
        default:
            if l.isNumeric {
                guard let b = PSConvert.toNumber(r) else {
                    throw PSRuntimeError.message(
                        "Could not compare \"\(PSConvert.toString(l))\" to \"\(PSConvert.toString(r))\". Error: \"Cannot convert value \"\(PSConvert.toString(r))\" to type \"\(l.typeFullName)\". Error: \"The input string '\(PSConvert.toString(r))' was not in a correct format.\"\"",
                        errorId: "ComparisonFailure", category: .notSpecified)
                }
                return compareNumbers(l, b)
            }
            throw PSRuntimeError.message(
                "Cannot compare \"\(PSConvert.toString(l))\" because it is not IComparable.",
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

/// A compiled wildcard pattern (also used by cmdlets for `-Name` filters).
public struct WildcardPattern {
    enum Element { case literal(Character), any, one, set([ClosedRange<Character>], negated: Bool) }
    let elements: [Element]
    let caseSensitive: Bool

    public init(_ pattern: String, caseSensitive: Bool = false) {
        self.caseSensitive = caseSensitive
        var els: [Element] = []
        var chars = Array(caseSensitive ? pattern : pattern.lowercased())
        if !caseSensitive { chars = Array(pattern.lowercased()) }
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
