/// A GUID as Microsoft's formats store it: 16 bytes whose first three fields are little-endian
/// (so `2DC27766-F623-4200-…` is stored 66 77 C2 2D 23 F6 00 42 …). The same type holds a VHD
/// footer's unique id, whose 16 bytes Windows reads the same way.
public struct GUID: Hashable, Sendable, CustomStringConvertible {
    /// The bytes in on-disk order.
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    init(_ slice: ArraySlice<UInt8>) {
        precondition(slice.count == 16)
        bytes = Array(slice)
    }

    public static let zero = GUID(ArraySlice([UInt8](repeating: 0, count: 16)))

    public var isZero: Bool { bytes.isAllZero }

    /// A random (version 4) GUID from the system's random source.
    public static func random() -> GUID {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        bytes[7] = (bytes[7] & 0x0F) | 0x40          // version 4 in Data3's high nibble (stored little-endian)
        bytes[8] = (bytes[8] & 0x3F) | 0x80          // RFC 4122 variant
        return GUID(ArraySlice(bytes))
    }

    /// Parses `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`, with or without braces, any case.
    public init?(_ text: String) {
        var hex = Array(text.utf8)
        if hex.first == UInt8(ascii: "{"), hex.last == UInt8(ascii: "}") { hex = Array(hex.dropFirst().dropLast()) }
        guard hex.count == 36, [8, 13, 18, 23].allSatisfy({ hex[$0] == UInt8(ascii: "-") }) else { return nil }
        let digits = hex.enumerated().filter { ![8, 13, 18, 23].contains($0.offset) }.map(\.element)
        var big = [UInt8]()
        for i in stride(from: 0, to: 32, by: 2) {
            guard let high = GUID.nibble(digits[i]), let low = GUID.nibble(digits[i + 1]) else { return nil }
            big.append(high << 4 | low)
        }
        // Text is big-endian throughout; storage swaps the first three fields.
        bytes = [big[3], big[2], big[1], big[0], big[5], big[4], big[7], big[6]] + big[8..<16]
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Upper-case `XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX`, as Get-VHD shows a DiskIdentifier.
    public var description: String {
        let b = bytes
        let ordered = [b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6]] + b[8..<16]
        let digits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        for (i, byte) in ordered.enumerated() {
            if [4, 6, 8, 10].contains(i) { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-case with braces, the form the VHDX parent locator's `parent_linkage` value takes.
    var bracedLowercase: String { "{" + description.lowercased() + "}" }
}
