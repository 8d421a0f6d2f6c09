/// A 48-bit Ethernet (IEEE 802) address, the one type every hvsh layer uses for MACs: netlink links and
/// neighbours, nft port-security rules, the inventory's MAC pool, Hyper-V adapters, and the VM worker.
///
/// Text it accepts (`init?(_:)`), case-insensitive hex digits, nothing else:
/// - 12 digits, no separators: `00155D010203` (Hyper-V's own spelling, `VMNetworkAdapter.MacAddress`);
/// - six pairs separated by `-`: `00-15-5D-01-02-03` (Windows' networking cmdlets, `Get-NetAdapter`);
/// - six pairs separated by `:`: `00:15:5d:01:02:03` (Linux's, iproute2 and nftables).
/// Refused, deliberately: mixed separators (`00-15:5D-01:02-03`), groups of another size
/// (`0015.5d01.0203`, Cisco's dotted form, which neither Hyper-V nor Windows writes; `001:55D:010:203`;
/// `0:15:5d:1:2:3`), a `0x` prefix, and leading or trailing white space: PowerShell hands a parameter the
/// string as typed, and Hyper-V refuses a MAC with spaces around it, so hvsh does not guess either.
public struct MACAddress: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The address in the low 48 bits, first byte most significant.
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue & 0xFFFF_FFFF_FFFF }

    /// Six bytes, first on the wire first; nil for any other count.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 6 else { return nil }
        self.init(rawValue: bytes.reduce(0) { $0 << 8 | UInt64($1) })
    }

    /// Parses the grammar above; nil for anything else.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        let digits: [UInt8]
        switch utf8.count {
        case 12:
            digits = utf8
        case 17:
            let separator = utf8[2]
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ":"),
                  stride(from: 2, to: 17, by: 3).allSatisfy({ utf8[$0] == separator }) else { return nil }
            digits = (0..<6).flatMap { utf8[$0 * 3..<$0 * 3 + 2] }
        default:
            return nil
        }
        var value: UInt64 = 0
        for digit in digits {
            guard let nibble = MACAddress.hexValue(digit) else { return nil }
            value = value << 4 | nibble
        }
        self.init(rawValue: value)
    }

    private static func hexValue(_ digit: UInt8) -> UInt64? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(digit - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(digit - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(digit - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The six bytes, first on the wire first.
    public var bytes: [UInt8] { (0..<6).map { UInt8(truncatingIfNeeded: rawValue >> (40 - 8 * UInt64($0))) } }

    /// `00155D010203`: Hyper-V's spelling, and how the inventory stores a MAC.
    public var compact: String { bytes.map { MACAddress.hex($0, uppercase: true) }.joined() }

    /// `00-15-5D-01-02-03`: the spelling of Windows' networking cmdlets.
    public var dashed: String { bytes.map { MACAddress.hex($0, uppercase: true) }.joined(separator: "-") }

    /// `00:15:5d:01:02:03`: Linux's spelling (iproute2, nftables, the kernel's own messages).
    public var colonSeparated: String { bytes.map { MACAddress.hex($0, uppercase: false) }.joined(separator: ":") }

    /// Linux's spelling, since the text of a MAC in hvsh's own messages and nft rules is Linux's.
    public var description: String { colonSeparated }

    /// A group address (the first byte's lowest bit): never the source of a frame.
    public var isMulticast: Bool { rawValue >> 40 & 1 == 1 }

    /// Every byte zero: no adapter has it.
    public var isZero: Bool { rawValue == 0 }

    private static func hex(_ byte: UInt8, uppercase: Bool) -> String {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }

    /// An address starting with `prefix` (an organisation's OUI, say), the remaining bytes random.
    public static func random(prefix: [UInt8]) -> MACAddress {
        var generator = SystemRandomNumberGenerator()
        let tail = (prefix.count..<6).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return MACAddress(bytes: prefix.prefix(6) + tail)!
    }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes any spelling the grammar accepts.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = MACAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not a MAC address"))
        }
        self = address
    }

    /// Encodes Hyper-V's spelling.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(compact)
    }
}
