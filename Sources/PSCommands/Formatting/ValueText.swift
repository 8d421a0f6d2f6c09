// How a value looks inside a table cell, a list value or a group header (PowerShell's
// SmartToString): collections as `{a, b, c, d…}` up to $FormatEnumerationLimit items, null as
// empty, and in tables floating-point numbers with two decimals.

import PSRuntime

enum ValueText {
    static let ellipsis = "\u{2026}"

    /// `$global:FormatEnumerationLimit`, 4 by default (negative: no limit). PowerShell reads the global
    /// variable only, and only an int: a script or function setting its own copy changes nothing.
    static func enumerationLimit(_ session: ShellSession) -> Int {
        guard case .int(let n)? = session.globalScope.lookup("FormatEnumerationLimit")?.value.unwrapped else { return 4 }
        return Int(n)
    }

    static func cell(_ value: PSValue, limit: Int, isTable: Bool) -> String {
        switch value {
        case .null: return ""
        case .array(let a):
            return enumerated(a.elements, limit: limit)
        case .hashtable(let h):
            let entries = zip(h.keys, h.values).map { "[\(PSConvert.toString($0)), \(PSConvert.toString($1))]" }
            return enumeratedStrings(entries, limit: limit)
        case .double(let d) where isTable:
            return fixed2(d)
        case .single(let f) where isTable:
            return fixed2(Double(f))
        case .decimal(let d, _) where isTable:
            return NSDecimalNumberBridge.fixed2(d)
        case .dateTime(let d):
            return DateFormatting.format(DateParts(d), DateFormatting.cellPattern)
        case .object(let o):
            if let base = o.baseValue { return cell(base, limit: limit, isTable: isTable) }
            return PSConvert.toString(value)
        // Formatting shows a type as Type.ToString() does, not as the string conversion names it.
        case .type(let type):
            return TypeDisplayNames.dotNetName(type.fullName)
        default:
            return PSConvert.toString(value)
        }
    }

    static func enumerated(_ items: [PSValue], limit: Int) -> String {
        var out = "{"
        for (i, e) in items.enumerated() {
            if limit >= 0 && i == limit { out += ellipsis; break }
            if i > 0 { out += ", " }
            out += elementName(e)
        }
        return out + "}"
    }

    static func enumeratedStrings(_ items: [String], limit: Int) -> String {
        var out = "{"
        for (i, e) in items.enumerated() {
            if limit >= 0 && i == limit { out += ellipsis; break }
            if i > 0 { out += ", " }
            out += e
        }
        return out + "}"
    }

    /// An item of a collection shown in a cell (PowerShell's GetObjectName): an array as its string
    /// form, items joined by spaces (`{x 0 y 0, x 1 y 1}`).
    static func elementName(_ v: PSValue) -> String {
        switch v {
        case .array: return PSConvert.toString(v)
        case .type(let type): return TypeDisplayNames.dotNetName(type.fullName)
        default:
            // A regex group lists by its name (Groups : {0, 1}), its default display property.
            if case .object(let o) = v, o.typeNames.contains("System.Text.RegularExpressions.Group"),
               let name = PropertyAccess.value(v, "Name") { return PSConvert.toString(name) }
            return PSConvert.toString(v)
        }
    }

    /// .NET's "F" format in the invariant culture: two decimals, no group separators.
    static func fixed2(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        // Past 2^53 a Double is a whole number, and its cents no longer fit the Int64 path below;
        // printf gives its exact digits, as .NET does.
        if abs(d) >= 9_007_199_254_740_992 { return String(format: "%.2f", d) }
        let scaled = (abs(d) * 100).rounded(.toNearestOrAwayFromZero)
        let whole = Int64(scaled / 100)
        let cents = Int64(scaled.truncatingRemainder(dividingBy: 100))
        // .NET keeps the sign of a Double that rounds to zero ("-0.00"), unlike a decimal's.
        let sign = d.sign == .minus ? "-" : ""
        return sign + String(whole) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}

import Foundation

enum NSDecimalNumberBridge {
    /// A decimal's "F2" text: rounded half away from zero to two places in decimal arithmetic,
    /// so a 29-digit value keeps every digit instead of going through Double.
    static func fixed2(_ d: Decimal) -> String {
        var value = d, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        // A decimal that rounds to zero loses its sign, as in .NET.
        return DecimalScale.format(rounded.isZero ? 0 : rounded, scale: 2)
    }
}
