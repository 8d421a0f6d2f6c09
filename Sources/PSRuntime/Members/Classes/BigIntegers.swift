import Foundation

/// System.Numerics.BigInteger's arithmetic: a sign and a magnitude of 32-bit limbs (least significant
/// first, no leading zero limbs; zero is an empty magnitude and never negative).
struct BigInt: Comparable, Hashable, CustomStringConvertible {
    private(set) var negative: Bool
    private(set) var limbs: [UInt32]

    init(negative: Bool = false, limbs: [UInt32]) {
        var l = limbs
        while l.last == 0 { l.removeLast() }
        self.limbs = l
        self.negative = l.isEmpty ? false : negative
    }

    init(_ v: Int64) {
        let m = v.magnitude
        self.init(negative: v < 0, limbs: [UInt32(truncatingIfNeeded: m), UInt32(truncatingIfNeeded: m >> 32)])
    }

    init(_ v: UInt64) { self.init(negative: false, limbs: [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)]) }

    /// The integer part of a double (toward zero), as `[bigint]2.5` and BigInteger's explicit cast.
    init?(_ d: Double) {
        guard d.isFinite else { return nil }
        let t = d.rounded(.towardZero)
        if t.magnitude < 9.2e18 { self.init(Int64(t)); return }
        let e = t.exponent, mantissa = t.significandBitPattern | (1 << 52)
        var r = BigInt(UInt64(mantissa))
        r = e >= 52 ? r.shifted(left: Int(e) - 52) : BigInt(UInt64(mantissa >> UInt64(52 - Int(e))))
        self.init(negative: t < 0, limbs: r.limbs)
    }

    init?(decimal d: Decimal) {
        var t = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &t, 0, d < 0 ? .up : .down)
        self.init(parsing: NSDecimalNumber(decimal: rounded).stringValue)
    }

    /// Decimal digits with an optional sign (BigInteger.Parse's default style, surrounding spaces allowed).
    init?(parsing text: String) {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        var neg = false
        if s.first == "-" { neg = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var r = BigInt(Int64(0))
        var chunk = s[...]
        while !chunk.isEmpty {
            let piece = chunk.prefix(9)
            chunk = chunk.dropFirst(piece.count)
            var p: UInt32 = 1
            for _ in 0..<piece.count { p *= 10 }
            r = r.multiplied(bySmall: p).adding(small: UInt32(piece)!)
        }
        self.init(negative: neg, limbs: r.limbs)
    }

    /// Hexadecimal digits as BigInteger.Parse with AllowHexSpecifier reads them: the first digit's top
    /// bit is the sign (two's complement over the digits written).
    init?(hex: String) {
        guard !hex.isEmpty, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        self.init(bits: hex.map { Int(String($0), radix: 16)! }, bitsPerDigit: 4, signed: true)
    }

    /// Digits of `bitsPerDigit` bits each, most significant first; signed: the top bit is the sign.
    init(bits digits: [Int], bitsPerDigit: Int, signed: Bool) {
        var r = BigInt(Int64(0))
        for d in digits { r = r.shifted(left: bitsPerDigit).adding(small: UInt32(d)) }
        if signed, let first = digits.first, first >> (bitsPerDigit - 1) & 1 == 1 {
            r = r.subtracting(BigInt(Int64(1)).shifted(left: bitsPerDigit * digits.count))
        }
        self.init(negative: r.negative, limbs: r.limbs)
    }

    static let zero = BigInt(Int64(0))
    static let one = BigInt(Int64(1))
    var isZero: Bool { limbs.isEmpty }

    var int64: Int64? {
        guard limbs.count <= 2 else { return nil }
        let m = UInt64(limbs.first ?? 0) | (limbs.count > 1 ? UInt64(limbs[1]) << 32 : 0)
        if negative { return m <= UInt64(Int64.max) + 1 ? (m == UInt64(Int64.max) + 1 ? Int64.min : -Int64(m)) : nil }
        return m <= UInt64(Int64.max) ? Int64(m) : nil
    }

    var uint64: UInt64? {
        guard !negative, limbs.count <= 2 else { return nil }
        return UInt64(limbs.first ?? 0) | (limbs.count > 1 ? UInt64(limbs[1]) << 32 : 0)
    }

    var double: Double {
        var d = 0.0
        for l in limbs.reversed() { d = d * 4294967296.0 + Double(l) }
        return negative ? -d : d
    }

    var description: String {
        if isZero { return "0" }
        var parts: [UInt32] = []
        var m = BigInt(negative: false, limbs: limbs)
        while !m.isZero {
            let (q, r) = m.divided(bySmall: 1_000_000_000)
            parts.append(r)
            m = q
        }
        var s = negative ? "-" : ""
        s += String(parts.last!)
        for p in parts.dropLast().reversed() {
            let t = String(p)
            s += String(repeating: "0", count: 9 - t.count) + t
        }
        return s
    }

    // MARK: Magnitude helpers

    private static func compareMagnitude(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return 0
    }

    private static func addMagnitude(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        var carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let s = UInt64(i < a.count ? a[i] : 0) + UInt64(i < b.count ? b[i] : 0) + carry
            out.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry != 0 { out.append(UInt32(carry)) }
        return out
    }

    /// a - b for |a| >= |b|.
    private static func subtractMagnitude(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        var borrow: Int64 = 0
        for i in 0..<a.count {
            var d = Int64(a[i]) - Int64(i < b.count ? b[i] : 0) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 1 << 32 }
            out.append(UInt32(d))
        }
        return out
    }

    private func adding(small v: UInt32) -> BigInt { adding(BigInt(negative: false, limbs: [v])) }

    private func multiplied(bySmall v: UInt32) -> BigInt {
        var out: [UInt32] = []
        var carry: UInt64 = 0
        for l in limbs {
            let p = UInt64(l) * UInt64(v) + carry
            out.append(UInt32(truncatingIfNeeded: p))
            carry = p >> 32
        }
        if carry != 0 { out.append(UInt32(carry)) }
        return BigInt(negative: negative, limbs: out)
    }

    private func divided(bySmall v: UInt32) -> (BigInt, UInt32) {
        var out = [UInt32](repeating: 0, count: limbs.count)
        var r: UInt64 = 0
        for i in stride(from: limbs.count - 1, through: 0, by: -1) {
            let cur = (r << 32) | UInt64(limbs[i])
            out[i] = UInt32(cur / UInt64(v))
            r = cur % UInt64(v)
        }
        return (BigInt(negative: negative, limbs: out), UInt32(r))
    }

    func shifted(left n: Int) -> BigInt {
        guard n > 0, !isZero else { return n < 0 ? shifted(right: -n) : self }
        var out = [UInt32](repeating: 0, count: n / 32)
        let bits = n % 32
        var carry: UInt32 = 0
        for l in limbs {
            out.append(bits == 0 ? l : (l << UInt32(bits)) | carry)
            carry = bits == 0 ? 0 : l >> UInt32(32 - bits)
        }
        if carry != 0 { out.append(carry) }
        return BigInt(negative: negative, limbs: out)
    }

    /// An arithmetic shift (rounds toward negative infinity, as BigInteger's >>).
    func shifted(right n: Int) -> BigInt {
        guard n > 0 else { return n < 0 ? shifted(left: -n) : self }
        let (q, r) = BigInt(negative: false, limbs: limbs).quotientAndRemainder(dividingBy: BigInt.one.shifted(left: n))
        if negative { return r.isZero ? q.negated : q.negated.subtracting(.one) }
        return q
    }

    // MARK: Arithmetic

    var negated: BigInt { BigInt(negative: !negative, limbs: limbs) }
    var magnitude: BigInt { BigInt(negative: false, limbs: limbs) }

    func adding(_ o: BigInt) -> BigInt {
        if negative == o.negative { return BigInt(negative: negative, limbs: BigInt.addMagnitude(limbs, o.limbs)) }
        if BigInt.compareMagnitude(limbs, o.limbs) >= 0 { return BigInt(negative: negative, limbs: BigInt.subtractMagnitude(limbs, o.limbs)) }
        return BigInt(negative: o.negative, limbs: BigInt.subtractMagnitude(o.limbs, limbs))
    }

    func subtracting(_ o: BigInt) -> BigInt { adding(o.negated) }

    func multiplied(by o: BigInt) -> BigInt {
        guard !isZero, !o.isZero else { return .zero }
        var out = [UInt32](repeating: 0, count: limbs.count + o.limbs.count)
        for (i, a) in limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in o.limbs.enumerated() {
                let t = UInt64(a) * UInt64(b) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + o.limbs.count
            while carry != 0 {
                let t = UInt64(out[k]) + carry
                out[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        return BigInt(negative: negative != o.negative, limbs: out)
    }

    /// Truncating division (the quotient rounds toward zero, the remainder takes the dividend's sign).
    func quotientAndRemainder(dividingBy d: BigInt) -> (BigInt, BigInt) {
        precondition(!d.isZero)
        if BigInt.compareMagnitude(limbs, d.limbs) < 0 { return (.zero, self) }
        if d.limbs.count == 1 {
            let (q, r) = BigInt(negative: false, limbs: limbs).divided(bySmall: d.limbs[0])
            return (BigInt(negative: negative != d.negative, limbs: q.limbs), BigInt(negative: negative, limbs: [r]))
        }
        // Bit by bit: slow for huge numbers, plenty for a script's.
        var q = [UInt32](repeating: 0, count: limbs.count)
        var r = BigInt.zero
        let dm = d.magnitude
        for i in stride(from: limbs.count * 32 - 1, through: 0, by: -1) {
            r = r.shifted(left: 1)
            if (limbs[i / 32] >> UInt32(i % 32)) & 1 == 1 { r = r.adding(.one) }
            if BigInt.compareMagnitude(r.limbs, dm.limbs) >= 0 {
                r = r.subtracting(dm)
                q[i / 32] |= 1 << UInt32(i % 32)
            }
        }
        return (BigInt(negative: negative != d.negative, limbs: q), BigInt(negative: negative, limbs: r.limbs))
    }

    func power(_ e: Int) -> BigInt {
        var result = BigInt.one, base = self, n = e
        while n > 0 {
            if n & 1 == 1 { result = result.multiplied(by: base) }
            n >>= 1
            if n > 0 { base = base.multiplied(by: base) }
        }
        return result
    }

    static func < (a: BigInt, b: BigInt) -> Bool { compare(a, b) < 0 }

    static func compare(_ a: BigInt, _ b: BigInt) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        let m = compareMagnitude(a.limbs, b.limbs)
        return a.negative ? -m : m
    }

    var signum: Int { isZero ? 0 : (negative ? -1 : 1) }
}
