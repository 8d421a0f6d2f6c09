#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address in network byte order.
public struct IPAddress: Hashable, Sendable, CodableAsText {
    public let bytes: [UInt8]

    public enum Family: Sendable, Hashable { case ipv4, ipv6 }

    public var family: Family { bytes.count == 4 ? .ipv4 : .ipv6 }
    public var kernelFamily: UInt8 { bytes.count == 4 ? AddressFamilyNumber.AF_INET : AddressFamilyNumber.AF_INET6 }
    public var bitWidth: Int { bytes.count * 8 }

    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses dotted-quad IPv4 or any IPv6 text form (inet_pton, so no leading zeros tricks).
    public init?(_ text: String) {
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, text, &v4) == 1 { bytes = v4; return }
        var v6 = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET6, text, &v6) == 1 { bytes = v6; return }
        return nil
    }

    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        _ = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }

    /// The address with every bit after `prefixLength` cleared: the network it names.
    public func masked(to prefixLength: Int) -> IPAddress {
        var result = bytes
        for i in 0..<result.count {
            let bitsHere = max(0, min(8, prefixLength - i * 8))
            result[i] &= bitsHere == 0 ? 0 : UInt8(truncatingIfNeeded: 0xff << (8 - bitsHere))
        }
        return IPAddress(bytes: result)!
    }

    /// How the inventory's decoding error names a bad value.
    public static let textKind = "IP"
}

/// An address with a prefix length: `192.168.2.0/24`, `fd00::1/64`.
public struct IPPrefix: Hashable, Sendable, CodableAsText {
    public var address: IPAddress
    public var length: Int

    public init?(address: IPAddress, length: Int) {
        guard length >= 0, length <= address.bitWidth else { return nil }
        self.address = address
        self.length = length
    }

    /// Parses `a.b.c.d/n` or `v6/n`; a bare address gets the full length.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let address = IPAddress(String(parts[0])) else { return nil }
        var length = address.bitWidth
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed >= 0, parsed <= address.bitWidth else { return nil }
            length = parsed
        }
        self.address = address
        self.length = length
    }

    public var description: String { "\(address)/\(length)" }

    /// This prefix with host bits cleared.
    public var network: IPPrefix { IPPrefix(address: address.masked(to: length), length: length)! }

    public func contains(_ other: IPAddress) -> Bool {
        other.family == address.family && other.masked(to: length) == address.masked(to: length)
    }

    /// True when the two ranges share any address.
    public func overlaps(_ other: IPPrefix) -> Bool {
        guard other.address.family == address.family else { return false }
        let shorter = min(length, other.length)
        return address.masked(to: shorter) == other.address.masked(to: shorter)
    }

    public static let textKind = "prefix"
}

/// A value the inventory stores as its text (`192.168.2.1`, `192.168.2.0/24`).
public protocol CodableAsText: Codable, CustomStringConvertible {
    init?(_ text: String)
    static var textKind: String { get }
}

extension CodableAsText {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Self(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad \(Self.textKind) \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
