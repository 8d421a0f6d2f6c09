// The .NET numeric format strings views and calculated properties use (`{0:N2}`, `N0`, `F1`,
// `D3`, `X`, `P1`), invariant culture. Anything else falls back to the value's string form.

import PSRuntime

enum DotNetFormat {
    /// Applies a composite (`"{0:N2} MB"`) or plain (`"N2"`) format string to one value.
    static func apply(_ format: String, to value: PSValue) -> String {
        if format.contains("{0") {
            var out = ""
            var rest = Substring(format)
            while let open = rest.firstIndex(of: "{") {
                out += rest[..<open]
                guard let close = rest[open...].firstIndex(of: "}") else { out += rest[open...]; return out }
                let inner = rest[rest.index(after: open)..<close]
                var spec = ""
                var alignment = 0
                var head = Substring(inner)
                if let colon = inner.firstIndex(of: ":") {
                    spec = String(inner[inner.index(after: colon)...])
                    head = inner[..<colon]
                }
                if let comma = head.firstIndex(of: ",") { alignment = Int(head[head.index(after: comma)...].trimmingCharacters(in: .whitespaces)) ?? 0 }
                // .NET refuses widths of a million or more; a view's format string cannot fail, so ignore it.
                if alignment.magnitude >= 1_000_000 { alignment = 0 }
                var piece = spec.isEmpty ? PSConvert.toString(value) : single(spec, value)
                if alignment > 0, piece.count < alignment { piece = String(repeating: " ", count: alignment - piece.count) + piece }
                if alignment < 0, piece.count < -alignment { piece += String(repeating: " ", count: -alignment - piece.count) }
                out += piece
                rest = rest[rest.index(after: close)...]
            }
            return out + rest
        }
        return single(format, value)
    }

    static func single(_ spec: String, _ value: PSValue) -> String {
        guard let letter = spec.first else { return PSConvert.toString(value) }
        let digits = Int(spec.dropFirst())
        guard spec.dropFirst().allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return PSConvert.toString(value) }
        // A cell or a calculated property cannot fail, and a precision in the thousands is no number
        // anyone reads: such a format string shows the plain value.
        if spec.count > 1 && (digits ?? Int.max) > 1000 { return PSConvert.toString(value) }
        switch letter {
        case "N", "n":
            guard let d = try? PSConvert.toDouble(value) else { return PSConvert.toString(value) }
            return grouped(fixed(d, digits ?? 2))
        case "F", "f":
            guard let d = try? PSConvert.toDouble(value) else { return PSConvert.toString(value) }
            return fixed(d, digits ?? 2)
        case "D", "d":
            guard let i = try? PSConvert.toInt64(value) else { return PSConvert.toString(value) }
            let s = String(i.magnitude)
            return (i < 0 ? "-" : "") + String(repeating: "0", count: max(0, (digits ?? 0) - s.count)) + s
        case "X", "x":
            guard let i = try? PSConvert.toInt64(value) else { return PSConvert.toString(value) }
            var s = String(UInt64(bitPattern: i), radix: 16, uppercase: letter == "X")
            if i < 0 && i >= Int64(Int32.min) { s = String(UInt32(truncatingIfNeeded: i), radix: 16, uppercase: letter == "X") }
            return String(repeating: "0", count: max(0, (digits ?? 0) - s.count)) + s
        case "P", "p":
            guard let d = try? PSConvert.toDouble(value) else { return PSConvert.toString(value) }
            return grouped(fixed(d * 100, digits ?? 2)) + " %"
        default:
            return PSConvert.toString(value)
        }
    }

    /// Fixed-point text with `digits` decimals, rounding half away from zero.
    static func fixed(_ d: Double, _ digits: Int) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-∞" : "∞" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(d) * scale).rounded(.toNearestOrAwayFromZero)
        var intPart = (scaled / scale).rounded(.towardZero)
        var frac = (scaled - intPart * scale).rounded()
        if frac >= scale { intPart += 1; frac -= scale }
        var s = String(format: "%.0f", intPart)
        if digits > 0 {
            let f = String(format: "%.0f", frac)
            s += "." + String(repeating: "0", count: max(0, digits - f.count)) + f
        }
        return (d < 0 && scaled != 0 ? "-" : "") + s
    }

    static func grouped(_ s: String) -> String {
        var sign = ""
        var body = Substring(s)
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intDigits = Array(parts[0])
        var out = ""
        for (i, c) in intDigits.enumerated() {
            if i > 0 && (intDigits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return sign + out
    }
}

import Foundation
