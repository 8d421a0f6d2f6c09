/// `struct nlmsghdr`: 16 bytes in front of every netlink message.
public struct NetlinkHeader: Equatable, Sendable {
    public static let size = 16
    public var length: UInt32
    public var type: UInt16
    public var flags: UInt16
    public var sequence: UInt32
    public var portID: UInt32

    public init(length: UInt32, type: UInt16, flags: UInt16, sequence: UInt32, portID: UInt32) {
        self.length = length
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
    }
}

/// One decoded message: its header and the payload after it (the family header plus attributes).
public struct NetlinkMessage: Equatable, Sendable {
    public var header: NetlinkHeader
    public var payload: [UInt8]

    public init(header: NetlinkHeader, payload: [UInt8]) {
        self.header = header
        self.payload = payload
    }

    /// Encodes a request: header (length filled in) followed by the payload.
    public static func encode(type: UInt16, flags: UInt16, sequence: UInt32, portID: UInt32 = 0,
                              payload: [UInt8]) -> [UInt8] {
        var writer = NetlinkWriter()
        writer.append(UInt32(NetlinkHeader.size + payload.count))
        writer.append(type)
        writer.append(flags)
        writer.append(sequence)
        writer.append(portID)
        writer.append(bytes: payload)
        return writer.bytes
    }

    /// Splits one datagram into messages (a dump reply packs several into one read).
    public static func decodeAll(_ datagram: [UInt8]) throws(NetlinkCodecError) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        var offset = 0
        while datagram.count - offset >= NetlinkHeader.size {
            let reader = NetlinkReader(datagram[offset...])
            let length = Int(try reader.integer(UInt32.self, at: 0))
            guard length >= NetlinkHeader.size, offset + length <= datagram.count else {
                throw .badLength(length)
            }
            let header = NetlinkHeader(
                length: UInt32(length),
                type: try reader.integer(UInt16.self, at: 4),
                flags: try reader.integer(UInt16.self, at: 6),
                sequence: try reader.integer(UInt32.self, at: 8),
                portID: try reader.integer(UInt32.self, at: 12))
            messages.append(NetlinkMessage(
                header: header, payload: Array(datagram[(offset + NetlinkHeader.size)..<(offset + length)])))
            offset += netlinkAligned(length)
        }
        return messages
    }
}

/// Attributes decoded from a run of `struct nlattr`: type (flag bits removed) to payload.
/// When a type repeats, the last one wins, which is what the kernel's own parser does.
public struct NetlinkAttributes: Sendable {
    public private(set) var payloads: [UInt16: [UInt8]] = [:]

    public init(_ bytes: ArraySlice<UInt8>) throws(NetlinkCodecError) {
        var offset = 0
        while bytes.count - offset >= 4 {
            let reader = NetlinkReader(bytes[(bytes.startIndex + offset)...])
            let length = Int(try reader.integer(UInt16.self, at: 0))
            let type = try reader.integer(UInt16.self, at: 2) & AttributeTypeBits.typeMask
            guard length >= 4, offset + length <= bytes.count else { throw .badLength(length) }
            let start = bytes.startIndex + offset + 4
            payloads[type] = Array(bytes[start..<(start + length - 4)])
            offset += netlinkAligned(length)
        }
    }

    public init(_ bytes: [UInt8]) throws(NetlinkCodecError) { try self.init(bytes[...]) }

    public subscript(type: UInt16) -> [UInt8]? { payloads[type] }

    /// A NUL-terminated (or unterminated) string attribute.
    public func string(_ type: UInt16) -> String? {
        guard var raw = payloads[type] else { return nil }
        if let end = raw.firstIndex(of: 0) { raw = Array(raw[..<end]) }
        return String(decoding: raw, as: UTF8.self)
    }

    public func integer<T: FixedWidthInteger>(_ type: UInt16, as: T.Type = T.self) -> T? {
        guard let raw = payloads[type], raw.count >= MemoryLayout<T>.size else { return nil }
        return try? NetlinkReader(raw[...]).integer(T.self, at: 0)
    }

    public func nested(_ type: UInt16) -> NetlinkAttributes? {
        guard let raw = payloads[type] else { return nil }
        return try? NetlinkAttributes(raw)
    }
}
