// Ordering and equality of values for Sort-Object, Group-Object, Compare-Object, -Unique and
// Measure-Object: numbers numerically, strings case-insensitively unless asked otherwise, dates
// and time spans by ticks, anything else by its string form; $null sorts first.

import Foundation
import PSRuntime

enum ValueComparer {
    static func number(_ v: PSValue) -> Double? {
        if case .int(let i) = v { return Double(i) }  // the usual pipeline object, without unwrapping
        switch v.unwrapped {
        case .int(let i): return Double(i)
        case .long(let i): return Double(i)
        case .double(let d): return d
        case .single(let f): return Double(f)
        case .decimal(let d, _): return NSDecimalNumber(decimal: d).doubleValue
        case .byte(let b): return Double(b)
        case .sbyte(let b): return Double(b)
        case .int16(let b): return Double(b)
        case .uint16(let b): return Double(b)
        case .uint32(let b): return Double(b)
        case .uint64(let b): return Double(b)
        case .enumValue(let e): return Double(e.rawValue)
        default: return nil
        }
    }

    static func compare(_ a: PSValue, _ b: PSValue, caseSensitive: Bool = false) -> Int {
        let x = a.unwrapped, y = b.unwrapped
        switch (x, y) {
        case (.null, .null): return 0
        // Null is below everything except negative signed numbers (LanguagePrimitives.CompareObjectToNull).
        case (.null, _): return isNegativeSigned(y) ? 1 : -1
        case (_, .null): return isNegativeSigned(x) ? -1 : 1
        case (.dateTime(let p), .dateTime(let q)): return p.ticks < q.ticks ? -1 : (p.ticks > q.ticks ? 1 : 0)
        case (.timeSpan(let p), .timeSpan(let q)): return p.ticks < q.ticks ? -1 : (p.ticks > q.ticks ? 1 : 0)
        case (.bool(let p), .bool(let q)): return p == q ? 0 : (p ? 1 : -1)
        case (.version(let p), .version(let q)): return p < q ? -1 : (q < p ? 1 : 0)
        // [bigint] and [semver] order by their own CompareTo.
        case (.object, _), (_, .object): if let c = ComparableObjects.compare(x, y) { return c }
        // A string beside a date, time span or version is converted to the left side's type first, as
        // LanguagePrimitives.Compare does ("0:0:1" equals [timespan]"0:0:1", the other way round not).
        case (.dateTime, .string), (.timeSpan, .string), (.version, .string):
            let target: PSType
            switch x { case .dateTime: target = .dateTime; case .timeSpan: target = .timeSpan; default: target = .version }
            if let converted = try? PSConvert.convert(y, to: target) { return compare(x, converted, caseSensitive: caseSensitive) }
        default: break
        }
        if let p = number(x) {
            if let q = number(y) ?? Double(PSConvert.toString(y).trimmingCharacters(in: .whitespaces)) {
                return p < q ? -1 : (p > q ? 1 : 0)
            }
        } else if number(y) != nil, case .string(let s) = x, let p = Double(s.trimmingCharacters(in: .whitespaces)), let q = number(y) {
            return p < q ? -1 : (p > q ? 1 : 0)
        }
        return compareStrings(PSConvert.toString(x), PSConvert.toString(y), caseSensitive: caseSensitive)
    }

    private static func isNegativeSigned(_ v: PSValue) -> Bool {
        switch v {
        case .int16(let n): return n < 0
        case .int(let n): return n < 0
        case .long(let n): return n < 0
        case .sbyte(let n): return n < 0
        case .single(let n): return n < 0
        case .double(let n): return n < 0
        case .decimal(let n, _): return n < 0
        default: return false
        }
    }

    /// Culture string order, the same as the runtime's `-lt`/`-gt`.
    static func compareStrings(_ a: String, _ b: String, caseSensitive: Bool) -> Int {
        CultureCollation.compare(a, b, caseSensitive: caseSensitive)
    }

    static func equal(_ a: PSValue, _ b: PSValue, caseSensitive: Bool = false) -> Bool {
        if case .object(let p) = a, case .object(let q) = b, p.baseValue == nil, q.baseValue == nil {
            if p === q { return true }
            // An IComparable object (a class with CompareTo) is equal when CompareTo says 0, as
            // LanguagePrimitives.Compare decides before falling back on the strings.
            if let c = ComparableObjects.compare(a, b) { return c == 0 }
            return PSConvert.toString(a) == PSConvert.toString(b) || (!caseSensitive && PSConvert.toString(a).lowercased() == PSConvert.toString(b).lowercased())
        }
        return compare(a, b, caseSensitive: caseSensitive) == 0
    }

    /// A key for hashing values into groups (strings case-folded unless caseSensitive).
    static func key(_ v: PSValue, caseSensitive: Bool) -> String {
        if let n = number(v) { return "n:" + String(n) }
        let s = PSConvert.toString(v)
        return "s:" + (caseSensitive ? s : s.lowercased())
    }
}
