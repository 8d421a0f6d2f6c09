import Foundation

/// A 48-bit Ethernet address. Hyper-V writes them as 12 upper-case hex digits with no separators
/// (`00155D010203`), which is also how they are stored; `parse` accepts `-` and `:` separators too.
public struct MACAddress: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The address in the low 48 bits.
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue & 0xFFFF_FFFF_FFFF }

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 6, "a MAC address has six bytes")
        self.init(rawValue: bytes.reduce(0) { ($0 << 8) | UInt64($1) })
    }

    /// Parses `00155D010203`, `00-15-5D-01-02-03` or `00:15:5d:01:02:03`; nil otherwise.
    public static func parse(_ text: String) -> MACAddress? {
        var digits = text.trimmingCharacters(in: .whitespaces)
        if digits.count == 17 {
            let separators = digits.enumerated().filter { $0.offset % 3 == 2 }.map(\.element)
            guard let first = separators.first, first == "-" || first == ":",
                  separators.allSatisfy({ $0 == first }) else { return nil }
            digits.removeAll { $0 == first }
        }
        guard digits.count == 12, digits.allSatisfy(\.isHexDigit), let value = UInt64(digits, radix: 16) else { return nil }
        return MACAddress(rawValue: value)
    }

    /// The six bytes, most significant first.
    public var bytes: [UInt8] { (0..<6).map { UInt8(truncatingIfNeeded: rawValue >> (40 - 8 * UInt64($0))) } }

    /// `00155D010203`: Hyper-V's spelling.
    public var compact: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }

    /// `00-15-5D-01-02-03`: the spelling of Windows' networking cmdlets.
    public var dashed: String { bytes.map { $0 < 16 ? "0" + String($0, radix: 16, uppercase: true) : String($0, radix: 16, uppercase: true) }.joined(separator: "-") }

    /// `00:15:5d:01:02:03`: Linux's spelling.
    public var colonSeparated: String { bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: ":") }

    public var description: String { compact }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = MACAddress.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not a MAC address"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(compact)
    }
}
