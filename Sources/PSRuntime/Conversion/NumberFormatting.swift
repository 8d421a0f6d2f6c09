import Foundation

/// Number ↔ text the way .NET does it under the invariant culture (what PowerShell prints).
public enum NumberFormatting {
    /// PowerShell prints doubles with 15 significant digits (so `0.1 + 0.2` shows `0.3` and
    /// `[math]::PI` shows `3.14159265358979`), switching to `E+XX` notation when the decimal
    /// exponent is at least 15 or below -4; singles use 7 digits.
    public static func format(_ d: Double) -> String {
        format(shortest: String(format: "%.15g", d), isNaN: d.isNaN, isInfinite: d.isInfinite, negative: d.sign == .minus, threshold: 15)
    }

    public static func format(_ f: Float) -> String {
        format(shortest: String(format: "%.7g", Double(f)), isNaN: f.isNaN, isInfinite: f.isInfinite, negative: f.sign == .minus, threshold: 7)
    }

    private static func format(shortest: String, isNaN: Bool, isInfinite: Bool, negative: Bool, threshold: Int) -> String {
        if isNaN { return "NaN" }
        if isInfinite { return negative ? "-Infinity" : "Infinity" }
        var s = Substring(shortest)
        if s.first == "-" { s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts[0]
        let fracPart = parts.count > 1 ? parts[1] : ""
        var digits = Array(intPart + fracPart)
        var point = intPart.count + exponent
        while let f = digits.first, f == "0", digits.count > 1 { digits.removeFirst(); point -= 1 }
        while let l = digits.last, l == "0", digits.count > 1 { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits == ["0"] { return negative ? "-0" : "0" }
        let sci = point - 1
        if sci >= threshold || sci < -4 {
            var m = String(digits[0])
            if digits.count > 1 { m += "." + String(digits[1...]) }
            let e = abs(sci)
            return sign + m + "E" + (sci < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }

    public static func format(_ d: Decimal) -> String {
        var v = d
        return NSDecimalString(&v, Locale(identifier: "en_US_POSIX"))
    }

    /// Parses text as PowerShell parses a number in a string conversion: optional sign and
    /// whitespace, hex `0x`, decimal/exponent forms, type suffixes and `kb`..`pb` multipliers.
    /// Returns Int32, Int64, Decimal or Double following the literal rules; nil when not a number.
    public static func parse(_ text: String) -> PSValue? {
        var s = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        if s.isEmpty { return nil }
        var negative = false
        if let f = s.first, f == "-" || f == "+" || f == "\u{2013}" || f == "\u{2014}" || f == "\u{2015}" {
            negative = f != "+"
            s = s.dropFirst()
        }
        if s.isEmpty { return nil }
        let lower = s.lowercased()
        var body = Substring(lower)
        var multiplier: Int64 = 1
        for (suffix, m) in [("kb", Int64(1) << 10), ("mb", Int64(1) << 20), ("gb", Int64(1) << 30), ("tb", Int64(1) << 40), ("pb", Int64(1) << 50)] where body.hasSuffix(suffix) {
            multiplier = m
            body = body.dropLast(2)
            break
        }
        if body.hasPrefix("0x") {
            var hex = body.dropFirst(2)
            var suffix = ""
            for sfx in ["ul", "us", "uy", "u", "l", "s", "y", "n"] where hex.hasSuffix(sfx) && hex.count > sfx.count {
                // `0xFFs` style suffixes; `0xab` must not lose its `b`, so only non-hex letters count.
                if sfx.allSatisfy({ !$0.isHexDigit }) || sfx == "ul" || sfx == "us" || sfx == "uy" { suffix = sfx; hex = hex.dropLast(sfx.count); break }
            }
            guard !hex.isEmpty, hex.count <= 16, let raw = UInt64(hex, radix: 16) else { return nil }
            return makeInteger(hexBits: raw, digits: hex.count, suffix: suffix, negative: negative, multiplier: multiplier)
        }
        var suffix = ""
        for sfx in ["ul", "us", "uy", "u", "l", "s", "y", "n", "d"] where body.hasSuffix(sfx) && body.count > sfx.count {
            let before = body.dropLast(sfx.count)
            if sfx == "d" || sfx.count == 1, let last = before.last, !last.isNumber && last != "." { continue }
            suffix = sfx; body = before; break
        }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "e" || $0 == "+" || $0 == "-") }),
              body.first?.isNumber == true || (body.first == "." && body.count > 1) else { return nil }
        // A sign only right after the exponent mark (`1e+5`): `1+` or `1-2` is not a number, though
        // Foundation's Decimal(string:) would read its leading digits.
        for (i, c) in body.enumerated() where c == "+" || c == "-" {
            guard i > 0, body[body.index(body.startIndex, offsetBy: i - 1)] == "e", i + 1 < body.count else { return nil }
        }
        if body.filter({ $0 == "e" }).count > 1 || body.filter({ $0 == "." }).count > 1 { return nil }
        let isReal = body.contains(".") || body.contains("e")
        if suffix == "d" {
            guard var dec = Decimal(string: String(body), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
            dec *= Decimal(multiplier)
            return .decimal(negative ? -dec : dec)
        }
        if isReal {
            guard let d = Double(body) else { return nil }
            let v = (negative ? -d : d) * Double(multiplier)
            return narrowReal(v, suffix: suffix)
        }
        if let u = UInt64(body) {
            let (m, overflow) = u.multipliedReportingOverflow(by: UInt64(multiplier))
            if overflow { return .double((negative ? -1 : 1) * Double(u) * Double(multiplier)) }
            return makeInteger(decimal: m, negative: negative, suffix: suffix)
        }
        // Too long for UInt64: decimal, then double.
        if let dec = Decimal(string: String(body)) {
            let v = dec * Decimal(multiplier)
            return .decimal(negative ? -v : v)
        }
        return Double(body).map { .double((negative ? -$0 : $0) * Double(multiplier)) }
    }

    private static func narrowReal(_ v: Double, suffix: String) -> PSValue? {
        switch suffix {
        case "": return .double(v)
        case "l": return v.rounded() == v && abs(v) < 9.2e18 ? .long(Int64(v)) : nil
        case "u", "ul": return v >= 0 && v.rounded() == v && v < 1.8e19 ? .uint64(UInt64(v)) : nil
        default: return Int32(exactly: v).map { .int($0) }
        }
    }

    private static func makeInteger(decimal u: UInt64, negative: Bool, suffix: String) -> PSValue? {
        switch suffix {
        case "y": guard let v = Int8(exactly: negative ? -Int64(u) : Int64(u)) else { return nil }; return .sbyte(v)
        case "uy": guard !negative, let v = UInt8(exactly: u) else { return nil }; return .byte(v)
        case "s": guard u <= UInt64(Int16.max) + (negative ? 1 : 0) else { return nil }; return .int16(Int16(truncatingIfNeeded: negative ? -Int64(u) : Int64(u)))
        case "us": guard !negative, let v = UInt16(exactly: u) else { return nil }; return .uint16(v)
        case "l": guard u <= UInt64(Int64.max) + (negative ? 1 : 0) else { return nil }; return .long(negative ? Int64(truncatingIfNeeded: 0 &- u) : Int64(u))
        case "u":
            guard !negative else { return nil }
            if let v = UInt32(exactly: u) { return .uint32(v) }
            return .uint64(u)
        case "ul": guard !negative else { return nil }; return .uint64(u)
        case "n": return .decimal(negative ? -Decimal(u) : Decimal(u))
        default:
            if negative {
                if u <= 2_147_483_648 { return .int(Int32(truncatingIfNeeded: 0 &- Int64(u))) }
                if u <= UInt64(Int64.max) + 1 { return .long(Int64(truncatingIfNeeded: 0 &- u)) }
                return .decimal(-Decimal(u))
            }
            if u <= UInt64(Int32.max) { return .int(Int32(u)) }
            if u <= UInt64(Int64.max) { return .long(Int64(u)) }
            return .decimal(Decimal(u))
        }
    }

    /// Hex literals take the narrowest signed type whose *bit width* holds them, so `0xFFFFFFFF` is -1.
    private static func makeInteger(hexBits raw: UInt64, digits: Int, suffix: String, negative: Bool, multiplier: Int64) -> PSValue? {
        var value: PSValue
        switch suffix {
        case "y": guard raw <= 0xFF else { return nil }; value = .sbyte(Int8(truncatingIfNeeded: raw))
        case "uy": guard raw <= 0xFF else { return nil }; value = .byte(UInt8(raw))
        case "s": guard raw <= 0xFFFF else { return nil }; value = .int16(Int16(truncatingIfNeeded: raw))
        case "us": guard raw <= 0xFFFF else { return nil }; value = .uint16(UInt16(raw))
        case "l": value = .long(Int64(bitPattern: raw))
        case "u": value = raw <= 0xFFFF_FFFF ? .uint32(UInt32(raw)) : .uint64(raw)
        case "ul": value = .uint64(raw)
        case "n": value = .decimal(Decimal(raw))
        default: value = raw <= 0xFFFF_FFFF ? .int(Int32(bitPattern: UInt32(raw))) : .long(Int64(bitPattern: raw))
        }
        if multiplier != 1 {
            guard let n = try? PSConvert.toInt64(value) else { return nil }
            let (m, o) = n.multipliedReportingOverflow(by: multiplier)
            value = o ? .double(Double(n) * Double(multiplier)) : (Int32(exactly: m).map { .int($0) } ?? .long(m))
        }
        if negative {
            switch value {
            case .int(let i): value = i == Int32.min ? .long(-Int64(i)) : .int(-i)
            case .long(let i): value = .long(0 &- i)
            case .int16(let i): value = .int16(0 &- i)
            case .sbyte(let i): value = .sbyte(0 &- i)
            case .decimal(let d, let s): value = .decimal(-d, scale: s)
            case .double(let d): value = .double(-d)
            default: return nil
            }
        }
        return value
    }
}
