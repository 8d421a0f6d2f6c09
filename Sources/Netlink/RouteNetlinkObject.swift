/// A kernel object that rtnetlink reports in one message of its own type (`RTM_NEWLINK` for a link,
/// `RTM_NEWADDR` for an address, ...), both as a dump's entries and as a query's answer.
public protocol RouteNetlinkObject {
    /// The message type that carries one object.
    static var reportType: UInt16 { get }
    init(decoding payload: [UInt8]) throws(NetlinkCodecError)
}

extension Link: RouteNetlinkObject {
    public static var reportType: UInt16 { NetlinkMessageType.RTM_NEWLINK }
}

extension InterfaceAddress: RouteNetlinkObject {
    public static var reportType: UInt16 { NetlinkMessageType.RTM_NEWADDR }
}

extension Route: RouteNetlinkObject {
    public static var reportType: UInt16 { NetlinkMessageType.RTM_NEWROUTE }
}

extension Neighbour: RouteNetlinkObject {
    public static var reportType: UInt16 { NetlinkMessageType.RTM_NEWNEIGH }
}

extension RouteNetlinkSession {
    /// Sends a dump request and decodes every object of `Object`'s type in the answer.
    func dump<Object: RouteNetlinkObject>(_: Object.Type, request type: UInt16, payload: [UInt8],
                                          operation: String) throws(NetlinkError) -> [Object] {
        try decode(Object.self, from: dump(type: type, payload: payload, operation: operation), operation: operation)
    }

    /// The objects of `Object`'s type among `messages`, in order; other messages are passed over. A
    /// reply the codec cannot read fails the whole operation (a kernel that answers in a shape we do
    /// not understand must not look like one with fewer objects).
    func decode<Object: RouteNetlinkObject>(_: Object.Type, from messages: [NetlinkMessage],
                                            operation: String) throws(NetlinkError) -> [Object] {
        var objects: [Object] = []
        for message in messages where message.header.type == Object.reportType {
            do {
                objects.append(try Object(decoding: message.payload))
            } catch {
                throw NetlinkError(errno: .invalidArgument, operation: operation, kernelMessage: error.description)
            }
        }
        return objects
    }
}
