import Foundation

/// String order as .NET's culture comparison gives it on ICU (PowerShell's `-lt`, `Sort-Object`):
/// whitespace, then punctuation and symbols, then digits, then letters; letters compare without
/// case and accents first, then accents, then case (lower before upper). So `_x` sorts before `1`,
/// `1` before `a`, and `a` before `B`, unlike an ordinal comparison.
public enum CultureCollation {
    /// The ASCII characters that are not letters or digits, in ICU's root order.
    private static let symbolOrder = Array("\t\n\u{0B}\u{0C}\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)

    private static let asciiPrimary: [UInt32] = {
        var w = [UInt32](repeating: 0, count: 128)
        var next: UInt32 = 1
        for s in symbolOrder { w[Int(s.value)] = next; next += 1 }
        for d in UInt32(0x30)...0x39 { w[Int(d)] = next; next += 1 }
        for c in UInt32(0x61)...0x7A {
            w[Int(c)] = next
            w[Int(c - 0x20)] = next
            next += 1
        }
        return w
    }()

    private static let letterBase: UInt32 = 1_000

    /// Collation weights of one character: primary (base letter), secondary (accent), tertiary (case).
    private static func weights(_ c: Character) -> (UInt32, UInt32, UInt32) {
        let scalars = c.unicodeScalars
        let first = scalars.first!.value
        if scalars.count == 1 && first < 128 {
            let p = asciiPrimary[Int(first)]
            let isUpper = first >= 0x41 && first <= 0x5A
            return (p == 0 ? first : p, 0, isUpper ? 1 : 0)
        }
        let s = String(c)
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let accent: UInt32 = folded == s.lowercased() ? 0 : 1
        let isUpper: UInt32 = s != s.lowercased() ? 1 : 0
        if let f = folded.unicodeScalars.first, folded.unicodeScalars.count == 1, f.value < 128 {
            let p = asciiPrimary[Int(f.value)]
            return (p == 0 ? f.value : p, accent, isUpper)
        }
        let base = folded.unicodeScalars.first?.value ?? first
        return (letterBase + base, accent, isUpper)
    }

    /// -1, 0 or 1. Without `caseSensitive`, strings differing only in case compare equal.
    public static func compare(_ a: String, _ b: String, caseSensitive: Bool) -> Int {
        if a == b { return 0 }
        if let order = asciiCompare(a, b, caseSensitive: caseSensitive) { return order }
        return compareByCharacterWeights(a, b, caseSensitive: caseSensitive)
    }

    /// `compare` through each character's weights (any text; the tests hold the ASCII path to it).
    static func compareByCharacterWeights(_ a: String, _ b: String, caseSensitive: Bool) -> Int {
        let wa = a.map(weights), wb = b.map(weights)
        for level in 0..<(caseSensitive ? 3 : 2) {
            for (x, y) in zip(wa, wb) {
                let p = level == 0 ? x.0 : (level == 1 ? x.1 : x.2)
                let q = level == 0 ? y.0 : (level == 1 ? y.1 : y.2)
                if p != q { return p < q ? -1 : 1 }
            }
            if level == 0 && wa.count != wb.count { return wa.count < wb.count ? -1 : 1 }
        }
        return 0
    }

    /// `compare` for two ASCII strings, without building their weights (Sort-Object compares each
    /// string many times; the weight arrays were most of its time): every byte is then a character
    /// of its own, with no accent, except a CR LF pair, which is one character (nil then, as for
    /// anything not ASCII).
    private static func asciiCompare(_ a: String, _ b: String, caseSensitive: Bool) -> Int? {
        let order = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in asciiOrder(x, y, caseSensitive: caseSensitive) }
        }
        guard let order, let order, let order else { return nil }
        return order
    }

    private static func asciiOrder(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, caseSensitive: Bool) -> Int? {
        guard isPlainASCII(x), isPlainASCII(y) else { return nil }
        let common = min(x.count, y.count)
        for i in 0..<common {
            let p = primary(x[i]), q = primary(y[i])
            if p != q { return p < q ? -1 : 1 }
        }
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        guard caseSensitive else { return 0 }
        for i in 0..<common {
            let p = isUpper(x[i]), q = isUpper(y[i])
            if p != q { return p ? 1 : -1 }
        }
        return 0
    }

    private static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            if b >= 0x80 || (previous == 0x0D && b == 0x0A) { return false }
            previous = b
        }
        return true
    }

    @inline(__always) private static func primary(_ b: UInt8) -> UInt32 {
        let p = asciiPrimary[Int(b)]
        return p == 0 ? UInt32(b) : p
    }

    @inline(__always) private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
}
