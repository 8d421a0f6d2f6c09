import Foundation
import PSLanguage

/// .NET's decimal scale carried beside Foundation's Decimal, which normalises it away: the scale of
/// each arithmetic result follows System.Decimal (sum and difference: the larger scale; product: the
/// sum of the scales; quotient: the dividend's less the divisor's, widened until exact or 28 digits
/// after the point), and a decimal prints with exactly its scale (`1.10d + 1` is 2.10).
public enum DecimalScale {
    /// The largest magnitude a System.Decimal mantissa holds (96 bits).
    public static var maxMantissa: Decimal { DecimalText.maxMagnitude }

    /// Digits after the point the value itself needs.
    public static func minimal(_ d: Decimal) -> Int {
        d.isZero ? 0 : max(0, -d.exponent)
    }

    /// The scale to use: the carried one, never fewer digits than the value needs.
    public static func effective(_ d: Decimal, _ scale: Int8) -> Int {
        max(Int(scale), minimal(d))
    }

    /// An operand's scale: a decimal's own, 0 for an integer, what a converted value needs otherwise.
    static func of(_ v: PSValue, converted: Decimal) -> Int {
        switch v.unwrapped {
        case .decimal(let d, let s): return effective(d, s)
        case .string(let text):
            let s = DecimalText.scale(of: text.trimmingCharacters(in: .whitespaces))
            return s >= 0 ? effective(converted, s) : minimal(converted)
        default: return minimal(converted)
        }
    }

    public static func format(_ d: Decimal, scale: Int8) -> String {
        let text = NumberFormatting.format(d)
        let want = effective(d, scale), have = minimal(d)
        guard want > have else { return text }
        return text + (have == 0 ? "." : "") + String(repeating: "0", count: want - have)
    }

    /// Rounds to `scale` digits after the point (half to even, as .NET rounds a result).
    static func rounded(_ d: Decimal, _ scale: Int) -> Decimal {
        var source = d, result = Decimal()
        NSDecimalRound(&result, &source, scale, .bankers)
        return result
    }

    /// The most digits after the point a value of this size can keep in 96 bits (at most 28).
    static func capacity(_ d: Decimal) -> Int {
        var s = 28
        while s > 0 {
            var shifted = Decimal(), source = abs(rounded(d, s))
            NSDecimalMultiplyByPowerOf10(&shifted, &source, Int16(s), .plain)
            if shifted <= maxMantissa { break }
            s -= 1
        }
        return s
    }

    public enum Operation { case add, subtract, multiply, divide, remainder }

    /// A decimal operation's value and .NET scale, or nil when the result is beyond System.Decimal's
    /// range (.NET's OverflowException). The caller has checked for a zero divisor.
    public static func apply(_ op: Operation, _ x: Decimal, _ xs: Int, _ y: Decimal, _ ys: Int) -> PSValue? {
        let value: Decimal, scale: Int
        switch op {
        case .add: (value, scale) = (x + y, max(xs, ys))
        case .subtract: (value, scale) = (x - y, max(xs, ys))
        case .multiply: (value, scale) = (x * y, min(28, xs + ys))
        case .divide:
            let q = x / y
            (value, scale) = (q, max(xs - ys, minimal(q)))
        case .remainder:
            // Truncated division: the remainder takes the dividend's sign. Foundation's Decimal keeps
            // 38 digits, so the whole quotient of any two System.Decimal values is exact.
            let q = x / y
            var quotient = abs(q), whole = Decimal()
            NSDecimalRound(&whole, &quotient, 0, .down)
            (value, scale) = (x - (q < 0 ? -whole : whole) * y, max(xs, ys))
        }
        return fitted(value, scale: scale)
    }

    /// A result as System.Decimal holds it: rounded to the digits 96 bits keep after the point, or
    /// nil when even its whole part does not fit.
    static func fitted(_ value: Decimal, scale: Int) -> PSValue? {
        let s = max(0, min(scale, capacity(value)))
        let v = minimal(value) > s ? rounded(value, s) : value
        guard abs(v) <= maxMantissa else { return nil }
        return .decimal(v, scale: Int8(s))
    }
}
