/// .NET Core's `double.ToString()`: the shortest text that reads back as the same double, written
/// in scientific form ("1E+15", "1E-05") when the decimal exponent is 15 or more, or -5 or less.
enum RoundTripDouble {
    /// `float.ToString()` likewise, from the float's own shortest digits, scientific from exponent 7.
    static func text(_ f: Float) -> String { text(Double(f), shortest: "\(abs(f))", scientificFrom: 7) }

    static func text(_ d: Double, shortest: String? = nil, scientificFrom limit: Int = 15) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-∞" : "∞" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        // Swift's description is also the shortest round-trip form: take its digits and exponent.
        var text = shortest ?? "\(abs(d))"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var point = whole.count + exponent      // digits before the decimal point
        let leadingZeros = digits.prefix { $0 == "0" }.count
        digits.removeFirst(leadingZeros)
        point -= leadingZeros
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.isEmpty { return "0" }
        let sign = d < 0 ? "-" : ""
        let scientific = point - 1
        if scientific >= limit || scientific < -4 {
            let mantissa = digits.count > 1 ? String(digits.first!) + "." + digits.dropFirst() : digits
            let magnitude = abs(scientific)
            return sign + mantissa + "E" + (scientific < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }
}
