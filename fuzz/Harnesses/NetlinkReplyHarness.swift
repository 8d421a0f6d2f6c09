import Netlink

/// The rtnetlink reply decoder on any datagram: message framing, then the link, address, route and
/// neighbour decoders on each message's payload, with their nested attributes.
enum NetlinkReplyHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let datagram = Array(bytes)
        if let messages = try? NetlinkMessage.decodeAll(datagram) {
            for message in messages { decode(message.payload) }
        }
        // Payloads straight, too: the framing above rarely lets a fuzzed payload through whole.
        decode(datagram)
    }

    static func decode(_ payload: [UInt8]) {
        if let link = try? Link(decoding: payload) { _ = "\(link)" }
        if let address = try? InterfaceAddress(decoding: payload) { _ = "\(address)" }
        if let route = try? Route(decoding: payload) { _ = "\(route)" }
        if let neighbour = try? Neighbour(decoding: payload) { _ = "\(neighbour)" }
        if payload.count >= 16, let attributes = try? NetlinkAttributes(payload[16...]) {
            for type in attributes.payloads.keys {
                _ = attributes.string(type)
                _ = attributes.integer(type, as: UInt32.self)
                if let nested = attributes.nested(type) { _ = nested.payloads.count }
            }
        }
    }
}
