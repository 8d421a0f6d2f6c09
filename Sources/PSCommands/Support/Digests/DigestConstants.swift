// The round constants and initial values of SHA-1/SHA-2 are defined as the leading bits of the
// fractional parts of square and cube roots of the first primes. They are computed here exactly
// (integer roots over a few 64-bit limbs) instead of being typed in as 180 opaque numbers: a
// mistyped constant would be invisible, a computed one is checked by the known-answer tests.

enum DigestConstants {
    /// The first `count` primes.
    static func primes(_ count: Int) -> [UInt64] {
        var out: [UInt64] = []
        var n: UInt64 = 2
        while out.count < count {
            if !out.contains(where: { $0 * $0 <= n && n % $0 == 0 }) { out.append(n) }
            n += 1
        }
        return out
    }

    /// The first 64 bits of the fractional part of `p`'s `k`-th root:
    /// floor(root_k(p * 2^(64k))) mod 2^64, found bit by bit.
    static func fractionBits(of p: UInt64, root k: Int) -> UInt64 {
        // N = p << (64k), as little-endian limbs.
        var target = [UInt64](repeating: 0, count: k + 1)
        target[k] = p
        // The root is below 2^67 (p < 512, k <= 3), so two limbs hold it.
        var x: [UInt64] = [0, 0]
        for bit in stride(from: 66, through: 0, by: -1) {
            var candidate = x
            candidate[bit / 64] |= 1 << UInt64(bit % 64)
            var power: [UInt64] = [1]
            for _ in 0..<k { power = multiply(power, candidate) }
            if compare(power, target) <= 0 { x = candidate }
        }
        return x[0]
    }

    private static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: a.count + b.count)
        for i in a.indices {
            var carry: UInt64 = 0
            for j in b.indices {
                let (hi, lo) = a[i].multipliedFullWidth(by: b[j])
                let (s1, c1) = out[i + j].addingReportingOverflow(lo)
                let (s2, c2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = hi &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
            }
            out[i + b.count] = carry
        }
        return out
    }

    private static func compare(_ a: [UInt64], _ b: [UInt64]) -> Int {
        for i in stride(from: max(a.count, b.count) - 1, through: 0, by: -1) {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// SHA-512's 80 round constants (cube roots of the first 80 primes); SHA-256 uses the
    /// upper halves of the first 64.
    static let sha512RoundConstants: [UInt64] = primes(80).map { fractionBits(of: $0, root: 3) }
    /// Square roots of the first 16 primes: SHA-512's initial values are the first 8, SHA-384's
    /// the next 8; SHA-256's are the upper halves of SHA-512's.
    static let squareRootFractions: [UInt64] = primes(16).map { fractionBits(of: $0, root: 2) }
}
