import Foundation

/// .NET composite formatting (`"{0,-10:N2}" -f $x`) and format specifiers under the invariant culture.
public enum PSFormat {
    /// `format -f args`.
    public static func format(_ format: String, _ args: [PSValue]) throws -> String {
        var out = ""
        let chars = Array(format)
        var i = 0
        func bad() -> PSRuntimeError {
            PSRuntimeError.message(
                "Error formatting a string: Input string was not in a correct format..",
                errorId: "FormatError", category: .notSpecified, exceptionType: "System.FormatException")
        }
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count && chars[i + 1] == "{" { out.append("{"); i += 2; continue }
                guard let close = chars[i...].firstIndex(of: "}") else { throw bad() }
                let spec = String(chars[(i + 1)..<close])
                var indexPart = Substring(spec), fmt: String? = nil, align = 0
                if let colon = spec.firstIndex(of: ":") { indexPart = spec[..<colon]; fmt = String(spec[spec.index(after: colon)...]) }
                if let comma = indexPart.firstIndex(of: ",") {
                    // .NET refuses widths of a million or more (and so never pads to gigabytes).
                    guard let a = Int(indexPart[indexPart.index(after: comma)...].trimmingCharacters(in: .whitespaces)),
                          a.magnitude < widthLimit else { throw bad() }
                    align = a
                    indexPart = indexPart[..<comma]
                }
                guard let idx = Int(indexPart.trimmingCharacters(in: .whitespaces)), idx >= 0, idx < widthLimit else { throw bad() }
                guard idx < args.count else {
                    throw PSRuntimeError.message(
                        "Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..",
                        errorId: "FormatError", category: .notSpecified, exceptionType: "System.FormatException")
                }
                var text: String
                do { text = try formatValue(args[idx], spec: fmt) } catch let e as PSRuntimeError {
                    throw PSRuntimeError.message("Error formatting a string: \(e.record.exception.message).",
                                                 errorId: "FormatError", category: .notSpecified,
                                                 exceptionType: e.record.exception.typeFullName)
                }
                if align > 0 && text.count < align { text = String(repeating: " ", count: align - text.count) + text }
                if align < 0 && text.count < -align { text += String(repeating: " ", count: -align - text.count) }
                out += text
                i = close + 1
                continue
            }
            if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" { out.append("}"); i += 2; continue }
                throw bad()
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// .NET's bound on composite-format indexes and alignments.
    static let widthLimit = 1_000_000
    /// .NET's largest precision in a standard numeric format (`F999999999`); more is a FormatException.
    static let maxPrecision = 999_999_999

    /// Formats one value with an optional specifier (`N2`, `D3`, `X`, `0.00`, `yyyy-MM-dd`). Throws
    /// FormatException for a precision beyond .NET's, OutOfMemoryException for a result too large.
    public static func formatValue(_ given: PSValue, spec: String?) throws -> String {
        guard let spec, !spec.isEmpty else { return PSConvert.toString(given) }
        // A number or date wrapped in a PSObject (a command's output) formats as itself.
        let v = given.unwrapped
        switch v {
        case .dateTime(let d): return formatDate(d, spec)
        case .timeSpan(let t): return formatTimeSpan(t, spec)
        case .int, .long, .byte, .sbyte, .int16, .uint16, .uint32, .uint64, .double, .single, .decimal:
            return try formatNumber(v, spec)
        case .enumValue(let e):
            switch spec.uppercased() {
            case "D": return e.type.underlying == .uint64 ? String(UInt64(bitPattern: e.rawValue)) : String(e.rawValue)
            case "X": return e.hexText
            case "F": return e.text(asFlags: true)
            case "G": return e.description
            default: throw DotNetErrors.format("Format string can be only \"G\", \"g\", \"X\", \"x\", \"F\", \"f\", \"D\" or \"d\".")
            }
        default: return PSConvert.toString(v)
        }
    }

    static func formatNumber(_ value: PSValue, _ spec: String) throws -> String {
        let first = spec.first!
        let digitsText = spec.dropFirst()
        let isStandard = "CcDdEeFfGgNnPpRrXx".contains(first) && digitsText.allSatisfy { $0 >= "0" && $0 <= "9" }
        if isStandard && !digitsText.isEmpty && (digitsText.count > 9 || Int(digitsText)! > maxPrecision) {
            throw DotNetErrors.format()
        }
        let precision = Int(digitsText)
        // The longest number text is a few hundred characters plus the precision's digits.
        if let precision { try ResourceLimits.checkString(length: precision + 400) }
        let number = (try? PSConvert.toDouble(value)) ?? 0
        let isInteger: Bool = { switch value { case .double, .single, .decimal: return false; default: return true } }()
        if !isStandard { return customNumber(number, spec) }
        switch first {
        case "D", "d":
            guard isInteger, let integer = try? PSConvert.toInt64(value) else { return PSConvert.toString(value) }
            let digits = String(integer.magnitude)
            let padded = String(repeating: "0", count: max(0, (precision ?? 0) - digits.count)) + digits
            return (integer < 0 ? "-" : "") + padded
        case "X", "x":
            guard isInteger, let integer = try? PSConvert.toInt64(value) else { return PSConvert.toString(value) }
            var digits: String
            switch value {
            case .int(let narrow): digits = String(UInt32(bitPattern: narrow), radix: 16)
            case .int16(let narrow): digits = String(UInt16(bitPattern: narrow), radix: 16)
            case .sbyte(let narrow): digits = String(UInt8(bitPattern: narrow), radix: 16)
            default: digits = String(UInt64(bitPattern: integer), radix: 16)
            }
            if first == "X" { digits = digits.uppercased() }
            return String(repeating: "0", count: max(0, (precision ?? 0) - digits.count)) + digits
        case "N", "n": return grouped(number, decimals: precision ?? 2)
        case "F", "f": return fixed(number, decimals: precision ?? 2)
        case "P", "p": return grouped(number * 100, decimals: precision ?? 2) + " %"
        case "C", "c": return (number < 0 ? "-" : "") + "¤" + grouped(abs(number), decimals: precision ?? 2)
        case "E", "e":
            let precisionDigits = precision ?? 6
            var digits = String(format: "%.\(precisionDigits)e", number)
            if let exponentRange = digits.range(of: "e") {
                let mantissa = digits[..<exponentRange.lowerBound]
                var exponent = String(digits[exponentRange.upperBound...])
                let sign = exponent.hasPrefix("-") ? "-" : "+"
                exponent = exponent.trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
                exponent = String(repeating: "0", count: max(0, 3 - exponent.count)) + exponent
                digits = mantissa + (first == "E" ? "E" : "e") + sign + exponent
            }
            return digits
        case "G", "g", "R", "r":
            if let precisionDigits = precision, precisionDigits > 0, !isInteger {
                return NumberFormatting.format(Double(String(format: "%.\(precisionDigits)g", number)) ?? number)
            }
            return PSConvert.toString(value)
        default: return PSConvert.toString(value)
        }
    }

    static func fixed(_ d: Double, decimals: Int) -> String {
        // Past 15 decimals the rounding fix-up has nothing to fix (and 10^decimals overflows); past
        // 1100 every digit of a Double's exact expansion is a zero, so those are padded on.
        guard decimals > 15 else { return String(format: "%.\(decimals)f", roundAwayFromZero(d, decimals)) }
        guard d.isFinite else { return NumberFormatting.format(d) }
        let exact = min(decimals, 1100)
        return String(format: "%.\(exact)f", d) + String(repeating: "0", count: decimals - exact)
    }

    /// .NET rounds half away from zero when formatting.
    static func roundAwayFromZero(_ d: Double, _ decimals: Int) -> Double {
        let m = pow(10.0, Double(decimals))
        let scaled = (d * m)
        let r = scaled.rounded(.toNearestOrAwayFromZero)
        // Guard against representation error like 2.675 → 267.49999.
        let alt = (Double(String(format: "%.\(min(15, decimals + 3))f", d)) ?? d) * m
        return (abs(alt - scaled) < 1e-9 ? alt.rounded(.toNearestOrAwayFromZero) : r) / m
    }

    static func grouped(_ d: Double, decimals: Int) -> String {
        let s = fixed(abs(d), decimals: decimals)
        let parts = s.split(separator: ".", maxSplits: 1)
        var intPart = String(parts[0])
        var groups: [String] = []
        while intPart.count > 3 {
            groups.insert(String(intPart.suffix(3)), at: 0)
            intPart = String(intPart.dropLast(3))
        }
        groups.insert(intPart, at: 0)
        var out = groups.joined(separator: ",")
        if parts.count > 1 { out += "." + parts[1] }
        let isZero = Double(s) == 0
        return (d < 0 && !isZero ? "-" : "") + out
    }

    /// Custom numeric formats: `0`, `#`, `.`, `,` grouping, `%`, literal text.
    static func customNumber(_ d: Double, _ spec: String) -> String {
        // `pos;neg[;zero]`: the negative section prints the magnitude (its own text carries any
        // sign); an empty negative section falls back to the first with a minus sign.
        let sections = numberSections(spec)
        if sections.count > 1 {
            if d < 0 { return sections[1].isEmpty ? customNumber(d, sections[0]) : customNumber(-d, sections[1]) }
            if d == 0, sections.count > 2, !sections[2].isEmpty { return customNumber(0, sections[2]) }
            return customNumber(d, sections[0])
        }
        var value = d
        if spec.contains("%") { value *= 100 }
        let sectionSpec = spec
        guard let firstPlaceholder = sectionSpec.firstIndex(where: { $0 == "0" || $0 == "#" }) else { return sectionSpec }
        let lastPlaceholder = sectionSpec.lastIndex(where: { $0 == "0" || $0 == "#" || $0 == "." || $0 == "," })!
        let prefix = String(sectionSpec[..<firstPlaceholder])
        let core = String(sectionSpec[firstPlaceholder...lastPlaceholder])
        let suffix = String(sectionSpec[sectionSpec.index(after: lastPlaceholder)...])
        let intSpec: Substring, fracSpec: Substring
        if let dot = core.firstIndex(of: ".") { intSpec = core[..<dot]; fracSpec = core[core.index(after: dot)...] } else { intSpec = Substring(core); fracSpec = "" }
        let useGrouping = intSpec.contains(",")
        let minInt = intSpec.filter { $0 == "0" }.count
        let maxFrac = fracSpec.filter { $0 == "0" || $0 == "#" }.count
        let minFrac = fracSpec.filter { $0 == "0" }.count
        let r = roundAwayFromZero(abs(value), maxFrac)
        var text = String(format: "%.\(maxFrac)f", r)
        var ip = String(text.split(separator: ".").first ?? "0")
        var fp = text.contains(".") ? String(text.split(separator: ".")[1]) : ""
        while fp.count > minFrac && fp.hasSuffix("0") { fp.removeLast() }
        if ip == "0" && minInt == 0 { ip = "" }
        if ip.count < minInt { ip = String(repeating: "0", count: minInt - ip.count) + ip }
        if useGrouping && ip.count > 3 {
            var groups: [String] = []
            var rest = ip
            while rest.count > 3 { groups.insert(String(rest.suffix(3)), at: 0); rest = String(rest.dropLast(3)) }
            groups.insert(rest, at: 0)
            ip = groups.joined(separator: ",")
        }
        text = ip + (fp.isEmpty ? "" : "." + fp)
        let negative = value < 0 && (Double(text.replacingOccurrences(of: ",", with: "")) ?? 0) != 0
        return (negative ? "-" : "") + prefix + text + suffix
    }

    /// A custom format's sections, split at semicolons outside quotes and not escaped.
    static func numberSections(_ spec: String) -> [String] {
        var sections: [String] = [], current = "", quote: Character?
        var escaped = false
        for ch in spec {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" && quote == nil { current.append(ch); escaped = true; continue }
            if let q = quote { if ch == q { quote = nil }; current.append(ch); continue }
            if ch == "'" || ch == "\"" { quote = ch; current.append(ch); continue }
            if ch == ";" { sections.append(current); current = ""; continue }
            current.append(ch)
        }
        sections.append(current)
        return Array(sections.prefix(3))
    }

    // MARK: Dates

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Standard (`d`, `D`, `t`, `T`, `g`, `G`, `s`, `u`, `U`, `o`, `r`, `f`, `F`, `m`, `y`) and custom date formats, en-US.
    /// The `K` specifier (and the end of `o`): `Z` for UTC, the local offset (`+01:00`) for a local
    /// time, nothing for an unspecified one.
    static func kindSuffix(_ d: PSDateTime) -> String {
        switch d.kind {
        case .utc: return "Z"
        case .local:
            let minutes = Int((d.ticks - d.toUniversal().ticks) / 600_000_000)
            let a = abs(minutes)
            return (minutes < 0 ? "-" : "+") + String(format: "%02d:%02d", a / 60, a % 60)
        default: return ""
        }
    }

    public static func formatDate(_ d: PSDateTime, _ spec: String) -> String {
        switch spec {
        case "d": return formatDate(d, "M/d/yyyy")
        case "D": return formatDate(d, "dddd, MMMM d, yyyy")
        case "t": return formatDate(d, "h:mm tt")
        case "T": return formatDate(d, "h:mm:ss tt")
        case "g": return formatDate(d, "M/d/yyyy h:mm tt")
        case "G": return formatDate(d, "M/d/yyyy h:mm:ss tt")
        case "f": return formatDate(d, "dddd, MMMM d, yyyy h:mm tt")
        case "F": return formatDate(d, "dddd, MMMM d, yyyy h:mm:ss tt")
        case "s": return formatDate(d, "yyyy-MM-ddTHH:mm:ss")
        case "u": return formatDate(d, "yyyy-MM-dd HH:mm:ssZ")
        case "o", "O": return formatDate(d, "yyyy-MM-ddTHH:mm:ss.fffffff") + kindSuffix(d)
        // RFC 1123 and the universal full form: a local time is shown converted to UTC.
        case "R", "r": return formatDate(d.kind == .local ? d.toUniversal() : d, "ddd, dd MMM yyyy HH:mm:ss") + " GMT"
        case "U": return formatDate(d.kind == .local ? d.toUniversal() : d, "dddd, MMMM d, yyyy h:mm:ss tt")
        case "M", "m": return formatDate(d, "MMMM d")
        case "Y", "y": return formatDate(d, "MMMM yyyy")
        default: break
        }
        let c = d.components
        var out = ""
        let chars = Array(spec)
        var i = 0
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        while i < chars.count {
            let ch = chars[i]
            var n = 1
            while i + n < chars.count && chars[i + n] == ch { n += 1 }
            switch ch {
            case "y": out += n <= 2 ? pad(c.year % 100, n) : pad(c.year, n)
            case "M":
                out += n == 1 ? String(c.month) : n == 2 ? pad(c.month, 2) : n == 3 ? String(monthNames[c.month - 1].prefix(3)) : monthNames[c.month - 1]
            case "d":
                out += n == 1 ? String(c.day) : n == 2 ? pad(c.day, 2) : n == 3 ? String(dayNames[d.dayOfWeek].prefix(3)) : dayNames[d.dayOfWeek]
            case "H": out += n == 1 ? String(c.hour) : pad(c.hour, 2)
            case "h":
                let h12 = c.hour % 12 == 0 ? 12 : c.hour % 12
                out += n == 1 ? String(h12) : pad(h12, 2)
            case "m": out += n == 1 ? String(c.minute) : pad(c.minute, 2)
            case "s": out += n == 1 ? String(c.second) : pad(c.second, 2)
            case "f", "F":
                let frac = pad(Int(c.fraction), 7).prefix(n)
                out += ch == "F" ? String(frac.reversed().drop { $0 == "0" }.reversed()) : String(frac)
            case "t": out += n == 1 ? (c.hour < 12 ? "A" : "P") : (c.hour < 12 ? "AM" : "PM")
            case "z":
                let off = TimeZone.current.secondsFromGMT() / 60
                let sign = off < 0 ? "-" : "+"
                out += n == 1 ? sign + String(abs(off) / 60) : n == 2 ? sign + pad(abs(off) / 60, 2) : sign + pad(abs(off) / 60, 2) + ":" + pad(abs(off) % 60, 2)
            case "K": out += kindSuffix(d)
            case "'", "\"":
                var j = i + 1
                while j < chars.count && chars[j] != ch { out.append(chars[j]); j += 1 }
                i = j + 1
                continue
            case "\\":
                if i + 1 < chars.count { out.append(chars[i + 1]) }
                i += 2
                continue
            default: out += String(repeating: String(ch), count: n)
            }
            i += n
        }
        return out
    }

    static func formatTimeSpan(_ t: PSTimeSpan, _ spec: String) -> String {
        switch spec {
        case "c", "t", "T": return t.description
        case "g":
            var s = t.ticks < 0 ? "-" : ""
            if t.days != 0 { s += "\(abs(t.days)):" }
            s += "\(abs(t.hours)):" + String(format: "%02d:%02d", abs(t.minutes), abs(t.seconds))
            let f = t.ticks.magnitude % 10_000_000
            if f > 0 { s += "." + String(String(format: "%07d", Int(f)).reversed().drop { $0 == "0" }.reversed()) }
            return s
        default:
            var out = ""
            let chars = Array(spec)
            var i = 0
            while i < chars.count {
                let ch = chars[i]
                var n = 1
                while i + n < chars.count && chars[i + n] == ch { n += 1 }
                switch ch {
                case "d": out += String(format: "%0\(n)d", abs(t.days))
                case "h": out += String(format: "%0\(n)d", abs(t.hours))
                case "m": out += String(format: "%0\(n)d", abs(t.minutes))
                case "s": out += String(format: "%0\(n)d", abs(t.seconds))
                case "f": out += String(String(format: "%07d", Int(t.ticks.magnitude % 10_000_000)).prefix(n))
                case "\\": if i + 1 < chars.count { out.append(chars[i + 1]) }; i += 2; continue
                default: out += String(repeating: String(ch), count: n)
                }
                i += n
            }
            return out
        }
    }
}
