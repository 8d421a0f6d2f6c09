/// A 48-bit Ethernet address.
public struct MACAddress: Hashable, Sendable, CustomStringConvertible, Codable {
    public var bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == 6 else { return nil }
        self.bytes = bytes
    }

    /// Accepts `00:15:5d:01:02:03`, `00-15-5D-01-02-03` and the bare `00155D010203` Hyper-V uses.
    public init?(_ text: String) {
        let hex = text.filter { $0 != ":" && $0 != "-" && $0 != "." }
        guard hex.count == 12, text.count == 12 || text.count == 17 || text.count == 14 else { return nil }
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        bytes = result
    }

    /// Lower-case with colons, as iproute2 and nftables write it.
    public var description: String { bytes.map { hexByte($0, upper: false) }.joined(separator: ":") }

    /// Upper-case with dashes, as Windows' Get-NetAdapter writes it.
    public var dashed: String { bytes.map { hexByte($0, upper: true) }.joined(separator: "-") }

    /// Upper-case without separators, as Hyper-V's VMNetworkAdapter.MacAddress writes it.
    public var bare: String { bytes.map { hexByte($0, upper: true) }.joined() }

    /// A random unicast address in Microsoft's Hyper-V range 00:15:5D, like Hyper-V's dynamic MACs.
    public static func randomHyperV() -> MACAddress {
        var generator = SystemRandomNumberGenerator()
        return MACAddress(bytes: [0x00, 0x15, 0x5d, UInt8.random(in: 0...255, using: &generator),
                                  UInt8.random(in: 0...255, using: &generator),
                                  UInt8.random(in: 0...255, using: &generator)])!
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = MACAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad MAC \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

func hexByte(_ byte: UInt8, upper: Bool) -> String {
    let digits = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
    return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xf)]], as: UTF8.self)
}
