import Foundation

/// Result of scanning a numeric literal.
enum NumberScan {
    /// Not a number at all (no digits).
    case notANumber
    /// Digits were found but the literal is malformed or followed by name characters; `end` is where
    /// the word ends, so the caller can treat it as a bareword (command mode) or report it.
    case invalid(end: Int)
    /// A well-formed literal whose value its type cannot hold (`500sgb`, `1uykb`, `0xFFFFy`): an error
    /// of the script in either mode, not a word.
    case outOfRange(end: Int)
    case value(NumberValue, end: Int)
}

private enum TypeSuffix { case none, sbyte, byte, int16, uint16, int64, uint32OrLarger, uint64, decimal, bigInteger }

extension ParserEngine {
    /// Scans a numeric literal at `s` (PowerShell's `ScanNumber`): decimal, `0x` hex, `0b` binary,
    /// fraction and exponent, type suffix (`y uy s us l u ul n d`) and multiplier (`kb`..`pb`).
    func scanNumber(at s: Int) -> NumberScan {
        var i = s
        var radix = 10
        if i + 2 < end && src[i] == UInt8(ascii: "0") && lowerASCII(src[i + 1]) == UInt8(ascii: "x") && isHexDigit(src[i + 2]) {
            radix = 16
            i += 2
        } else if i + 2 < end && src[i] == UInt8(ascii: "0") && lowerASCII(src[i + 1]) == UInt8(ascii: "b")
                    && (src[i + 2] == UInt8(ascii: "0") || src[i + 2] == UInt8(ascii: "1")) {
            radix = 2
            i += 2
        }
        let digitsStart = i
        var isReal = false
        if radix == 16 {
            while i < end && isHexDigit(src[i]) { i += 1 }
        } else if radix == 2 {
            while i < end && (src[i] == UInt8(ascii: "0") || src[i] == UInt8(ascii: "1")) { i += 1 }
        } else {
            while i < end && isDigit(src[i]) { i += 1 }
            // Fraction: a dot followed by a digit (so `1..3` and `1.GetType()` stay intact).
            if i + 1 < end && src[i] == UInt8(ascii: ".") && isDigit(src[i + 1]) {
                isReal = true
                i += 1
                while i < end && isDigit(src[i]) { i += 1 }
            } else if i < end && src[i] == UInt8(ascii: ".") && i > digitsStart
                        && !(i + 1 < end && (src[i + 1] == UInt8(ascii: ".") || isNameChar(at: i + 1))) {
                // `1.` is the double 1
                isReal = true
                i += 1
            }
            if i == digitsStart { return .notANumber }
            // Exponent
            if i < end && lowerASCII(src[i]) == UInt8(ascii: "e") {
                var j = i + 1
                if j < end && (src[j] == UInt8(ascii: "+") || src[j] == UInt8(ascii: "-")) { j += 1 }
                if j < end && isDigit(src[j]) {
                    isReal = true
                    while j < end && isDigit(src[j]) { j += 1 }
                    i = j
                }
            }
        }
        if i == digitsStart { return .notANumber }
        let digitsEnd = i

        // Type suffix
        var suffix = TypeSuffix.none
        if i < end {
            let c0 = lowerASCII(src[i])
            let c1: UInt8 = i + 1 < end ? lowerASCII(src[i + 1]) : 0
            switch c0 {
            case UInt8(ascii: "u"): // u
                if c1 == UInt8(ascii: "y") { suffix = .byte; i += 2 }
                else if c1 == UInt8(ascii: "s") { suffix = .uint16; i += 2 }
                else if c1 == UInt8(ascii: "l") { suffix = .uint64; i += 2 }
                else { suffix = .uint32OrLarger; i += 1 }
            case UInt8(ascii: "y"): suffix = .sbyte; i += 1 // y
            case UInt8(ascii: "s"): suffix = .int16; i += 1 // s
            case UInt8(ascii: "l"): suffix = .int64; i += 1 // l
            case UInt8(ascii: "n"): suffix = .bigInteger; i += 1 // n
            case UInt8(ascii: "d") where radix == 10: suffix = .decimal; i += 1 // d
            default: break
            }
        }
        // Multiplier
        var multiplier: Int64 = 1
        if i + 1 < end && lowerASCII(src[i + 1]) == UInt8(ascii: "b") {
            switch lowerASCII(src[i]) {
            case UInt8(ascii: "k"): multiplier = 1 << 10
            case UInt8(ascii: "m"): multiplier = 1 << 20
            case UInt8(ascii: "g"): multiplier = 1 << 30
            case UInt8(ascii: "t"): multiplier = 1 << 40
            case UInt8(ascii: "p"): multiplier = 1 << 50
            default: break
            }
            if multiplier != 1 { i += 2 }
        }
        // The literal must end here.
        if i < end && isNameChar(at: i) {
            var j = i
            while j < end && isNameChar(at: j) { j += 1 }
            return .invalid(end: j)
        }
        if let v = numberValue(digitsStart, digitsEnd, radix: radix, isReal: isReal, suffix: suffix,
                               multiplier: multiplier) {
            return .value(v, end: i)
        }
        return .outOfRange(end: i)
    }

    /// The value when System.Decimal (96 bits) holds it; a `d` literal beyond is not a valid constant.
    private func inDecimalRange(_ d: Decimal) -> Decimal? {
        abs(d) <= DecimalText.maxMagnitude ? d : nil
    }

    private func numberValue(_ ds: Int, _ de: Int, radix: Int, isReal: Bool, suffix: TypeSuffix,
                             multiplier: Int64) -> NumberValue? {
        if isReal {
            let text = string(ds, de)
            switch suffix {
            case .decimal:
                guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
                      let m = inDecimalRange(d * Decimal(multiplier)) else { return nil }
                return .decimal(m, scale: multiplier == 1 ? DecimalText.scale(of: text) : -1)
            case .none:
                guard let d = Double(text) else { return nil }
                return .double(d * Double(multiplier))
            default:
                guard let d = Double(text) else { return nil }
                let r = (d * Double(multiplier)).rounded(.toNearestOrEven)
                guard r.isFinite, abs(r) < 1.8e19 else { return nil }
                if r < 0 { return integer(fromSigned: Int64(r), suffix: suffix) }
                return integer(fromUnsigned: UInt64(r), suffix: suffix, radix: 10, digits: de - ds)
            }
        }
        // Integer digits
        var v: UInt64 = 0
        var overflow = false
        let shift: UInt64 = radix == 16 ? 4 : 1
        for k in ds..<de {
            let d = radix == 16 ? hexValue(src[k]) : UInt64(src[k] - UInt8(ascii: "0"))
            if radix == 10 {
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { overflow = true; break }
                v = a
            } else {
                if v >> (64 - shift) != 0 { overflow = true; break }
                v = (v << shift) | d
            }
        }
        if overflow {
            // Too big for 64 bits: decimal literals become Decimal (or Double), others are invalid.
            guard radix == 10 else { return nil }
            let text = string(ds, de)
            switch suffix {
            case .none:
                // System.Decimal holds up to 79228162514264337593543950335.
                if de - ds <= 29, let d = Decimal(string: text), let m = inDecimalRange(d * Decimal(multiplier)) {
                    return .decimal(m)
                }
                return Double(text).map { .double($0 * Double(multiplier)) }
            case .decimal:
                return Decimal(string: text).flatMap { inDecimalRange($0 * Decimal(multiplier)) }.map { .decimal($0) }
            case .bigInteger:
                return multiplier == 1 ? .bigInteger(text) : nil
            default:
                return nil
            }
        }
        // Apply the multiplier in 64 bits (unsigned); overflow promotes unsuffixed literals.
        let (mv, mo) = v.multipliedReportingOverflow(by: UInt64(multiplier))
        if mo {
            switch suffix {
            case .none:
                if let m = inDecimalRange(Decimal(v) * Decimal(multiplier)) { return .decimal(m) }
                return .double(Double(v) * Double(multiplier))
            case .decimal: return inDecimalRange(Decimal(v) * Decimal(multiplier)).map { .decimal($0) }
            default: return nil
            }
        }
        if suffix == .decimal { return .decimal(Decimal(mv)) }
        return integer(fromUnsigned: mv, suffix: suffix, radix: radix, digits: de - ds,
                       multiplied: multiplier != 1)
    }

    private func integer(fromSigned v: Int64, suffix: TypeSuffix) -> NumberValue? {
        switch suffix {
        case .sbyte: return Int8(exactly: v).map { .sbyte($0) }
        case .int16: return Int16(exactly: v).map { .int16($0) }
        case .int64: return .int64(v)
        case .none: return Int32(exactly: v).map { .int32($0) } ?? .int64(v)
        default: return nil
        }
    }

    private func integer(fromUnsigned v: UInt64, suffix: TypeSuffix, radix: Int, digits: Int,
                         multiplied: Bool = false) -> NumberValue? {
        // Hex and binary literals without a sign reinterpret the bits of the smallest fitting width
        // (`0xFFFFFFFF` is -1, `0xFFFFs` is -1); decimal literals must fit the type's range.
        let bits = radix != 10 && !multiplied
        // A binary literal of 8 or 16 digits starting with 1 carries the sign bit of that width into a
        // signed type (`0b11111111` and `0b11111111l` are -1; Parser.Tests' numeric notation table).
        let narrowSigned: Int64? = radix == 2 && !multiplied && (digits == 8 || digits == 16) && (v >> UInt64(digits - 1)) & 1 == 1
            ? Int64(v) - (Int64(1) << Int64(digits)) : nil
        switch suffix {
        case .none:
            if let narrowSigned { return .int32(Int32(narrowSigned)) }
            if bits {
                if v <= UInt64(UInt32.max) { return .int32(Int32(bitPattern: UInt32(v))) }
                return .int64(Int64(bitPattern: v))
            }
            if v <= UInt64(Int32.max) { return .int32(Int32(v)) }
            if v <= UInt64(Int64.max) { return .int64(Int64(v)) }
            return .decimal(Decimal(v))
        case .sbyte:
            if bits && v <= 0xFF { return .sbyte(Int8(bitPattern: UInt8(v))) }
            return v <= UInt64(Int8.max) ? .sbyte(Int8(v)) : nil
        case .byte:
            return v <= 0xFF ? .byte(UInt8(v)) : nil
        case .int16:
            if let narrowSigned { return .int16(Int16(narrowSigned)) }
            if bits && v <= 0xFFFF { return .int16(Int16(bitPattern: UInt16(v))) }
            return v <= UInt64(Int16.max) ? .int16(Int16(v)) : nil
        case .uint16:
            return v <= 0xFFFF ? .uint16(UInt16(v)) : nil
        case .int64:
            if let narrowSigned { return .int64(narrowSigned) }
            if bits { return .int64(Int64(bitPattern: v)) }
            return v <= UInt64(Int64.max) ? .int64(Int64(v)) : nil
        case .uint32OrLarger:
            return v <= UInt64(UInt32.max) ? .uint32(UInt32(v)) : .uint64(v)
        case .uint64:
            return .uint64(v)
        case .decimal:
            return .decimal(Decimal(v))
        case .bigInteger:
            // A sign bit, as PowerShell reads one: binary literals of 8, 16, 32 or 64 digits starting
            // with 1 (0b11111111n is -1), hex literals of 8 or 16 digits (0xFFFFFFFFn is -1).
            let signBits = radix == 2 && [8, 16, 32, 64].contains(digits) ? digits
                : radix == 16 && (digits == 8 || digits == 16) ? digits * 4 : 0
            if !multiplied, signBits > 0, (v >> UInt64(signBits - 1)) & 1 == 1 {
                return .bigInteger(String(signBits == 64 ? Int64(bitPattern: v) : Int64(v) - (Int64(1) << Int64(signBits))))
            }
            return .bigInteger(String(v))
        }
    }
}
