// Little helpers for the wire format: netlink is host byte order with every attribute and message
// padded to 4 bytes.

/// Rounds a length up to netlink's 4-byte alignment (NLMSG_ALIGN / NLA_ALIGN).
@inline(__always)
func netlinkAligned(_ length: Int) -> Int { (length + 3) & ~3 }

/// Appends fixed-width integers and attributes to a growing byte array.
public struct NetlinkWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    /// Pads with zero bytes up to the next 4-byte boundary.
    public mutating func pad() {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }

    /// One attribute: 2-byte length (header plus payload, unpadded), 2-byte type, payload, padding.
    public mutating func attribute(_ type: UInt16, _ payload: [UInt8]) {
        append(UInt16(4 + payload.count))
        append(type)
        bytes.append(contentsOf: payload)
        pad()
    }

    public mutating func attribute<T: FixedWidthInteger>(_ type: UInt16, integer value: T) {
        var payload = NetlinkWriter()
        payload.append(value)
        attribute(type, payload.bytes)
    }

    /// A string attribute, NUL-terminated as the kernel expects for names and kinds.
    public mutating func attribute(_ type: UInt16, string: String) {
        attribute(type, Array(string.utf8) + [0])
    }

    /// A nested attribute whose payload is written by `body`; the length is patched afterwards.
    public mutating func nested(_ type: UInt16, _ body: (inout NetlinkWriter) -> Void) {
        let start = bytes.count
        append(UInt16(0))
        append(type | AttributeTypeBits.NLA_F_NESTED)
        var inner = NetlinkWriter()
        body(&inner)
        bytes.append(contentsOf: inner.bytes)
        let length = UInt16(bytes.count - start)
        bytes[start] = UInt8(length & 0xff)
        bytes[start + 1] = UInt8(length >> 8)
        pad()
    }
}

/// Reads fixed-width host-order integers from a byte slice, failing instead of trapping on short input.
struct NetlinkReader {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    func integer<T: FixedWidthInteger>(_: T.Type, at offset: Int) throws(NetlinkCodecError) -> T {
        let start = bytes.startIndex + offset
        let size = MemoryLayout<T>.size
        guard offset >= 0, start + size <= bytes.endIndex else {
            throw NetlinkCodecError.truncated(needed: offset + size, available: bytes.count)
        }
        // Netlink is host byte order, and every host hvsh runs on is little-endian.
        return bytes.withUnsafeBytes { raw in
            T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
    }
}

/// A malformed message from the kernel (or from a canned reply in a test).
public enum NetlinkCodecError: Error, Equatable, CustomStringConvertible {
    case truncated(needed: Int, available: Int)
    case badLength(Int)
    case unexpectedReply(String)

    public var description: String {
        switch self {
        case let .truncated(needed, available):
            return "netlink reply too short: needed \(needed) bytes, got \(available)"
        case let .badLength(length):
            return "netlink reply has an impossible length field (\(length))"
        case let .unexpectedReply(what):
            return "unexpected netlink reply: \(what)"
        }
    }
}
