import LinuxSystem

/// Talks rtnetlink over one transport: numbers requests, waits for the ACK or collects a dump, and
/// turns NLMSG_ERROR into a `NetlinkError` naming the operation. Methods on extensions are named
/// object then action (`linkAdd`, `addressList`, `routeAddDefault`).
/// Not thread-safe: use one session per thread (a socket also belongs to one network namespace).
public final class RouteNetlinkSession {
    public let transport: any NetlinkTransport
    private var nextSequence: UInt32

    /// - Parameter firstSequence: injectable so that tests can predict the request bytes.
    public init(transport: any NetlinkTransport, firstSequence: UInt32 = 1) {
        self.transport = transport
        self.nextSequence = firstSequence
    }

    /// A session on a new socket in the calling thread's network namespace.
    public convenience init() throws(NetlinkError) {
        do {
            self.init(transport: try RouteNetlinkSocket())
        } catch {
            throw NetlinkError(errno: error, operation: "opening a netlink socket")
        }
    }

    /// Sends a request that changes state and waits for its ACK.
    public func perform(type: UInt16, flags: UInt16 = 0, payload: [UInt8], operation: String) throws(NetlinkError) {
        _ = try exchange(type: type, flags: flags | NetlinkFlags.NLM_F_ACK, payload: payload, operation: operation)
    }

    /// Sends a dump request and returns every reply message up to NLMSG_DONE.
    public func dump(type: UInt16, payload: [UInt8], operation: String) throws(NetlinkError) -> [NetlinkMessage] {
        try exchange(type: type, flags: NetlinkFlags.NLM_F_DUMP, payload: payload, operation: operation)
    }

    /// Sends a single get request and returns the one answer.
    public func query(type: UInt16, payload: [UInt8], operation: String) throws(NetlinkError) -> NetlinkMessage {
        let replies = try exchange(type: type, flags: 0, payload: payload, operation: operation)
        guard let first = replies.first else {
            throw NetlinkError(errno: .noSuchFile, operation: operation, kernelMessage: "no reply")
        }
        return first
    }

    private func exchange(type: UInt16, flags: UInt16, payload: [UInt8], operation: String)
        throws(NetlinkError) -> [NetlinkMessage]
    {
        if !NetlinkMessageType.isQuery(type) { try NamespaceGuard.check(operation) }
        let sequence = nextSequence
        nextSequence &+= 1
        let request = NetlinkMessage.encode(type: type, flags: NetlinkFlags.NLM_F_REQUEST | flags,
                                            sequence: sequence, payload: payload)
        do {
            try transport.send(request)
        } catch {
            throw NetlinkError(errno: error, operation: operation)
        }
        let isDump = flags & NetlinkFlags.NLM_F_DUMP == NetlinkFlags.NLM_F_DUMP
        var replies: [NetlinkMessage] = []
        while true {
            let datagram: [UInt8]
            do {
                datagram = try transport.receive()
            } catch {
                throw NetlinkError(errno: error, operation: operation)
            }
            let messages: [NetlinkMessage]
            do {
                messages = try NetlinkMessage.decodeAll(datagram)
            } catch {
                throw NetlinkError(errno: .invalidArgument, operation: operation, kernelMessage: error.description)
            }
            for message in messages where message.header.sequence == sequence {
                switch message.header.type {
                case NetlinkMessageType.NLMSG_ERROR:
                    let (code, text) = try Self.decodeError(message, operation: operation)
                    if code != 0 {
                        throw NetlinkError(errno: Errno(rawValue: -code), operation: operation, kernelMessage: text)
                    }
                    return replies
                case NetlinkMessageType.NLMSG_DONE:
                    return replies
                case NetlinkMessageType.NLMSG_NOOP:
                    continue
                default:
                    replies.append(message)
                    // A plain get answers with one message and no ACK unless one was asked for.
                    if !isDump && flags & NetlinkFlags.NLM_F_ACK == 0 { return replies }
                }
            }
        }
    }

    /// `struct nlmsgerr`: a negative errno (0 for an ACK), the echoed request header, then
    /// optionally the rest of the request and extended-ACK attributes.
    static func decodeError(_ message: NetlinkMessage, operation: String) throws(NetlinkError) -> (Int32, String?) {
        let reader = NetlinkReader(message.payload[...])
        let code: Int32
        do {
            code = try reader.integer(Int32.self, at: 0)
        } catch {
            throw NetlinkError(errno: .invalidArgument, operation: operation, kernelMessage: error.description)
        }
        guard message.header.flags & NetlinkFlags.NLM_F_ACK_TLVS != 0 else { return (code, nil) }
        // The echoed request is cut to its header when NLM_F_CAPPED is set.
        var skip = 4 + NetlinkHeader.size
        if message.header.flags & NetlinkFlags.NLM_F_CAPPED == 0,
           let echoedLength = try? reader.integer(UInt32.self, at: 4) {
            skip = 4 + netlinkAligned(Int(echoedLength))
        }
        guard skip <= message.payload.count,
              let attributes = try? NetlinkAttributes(message.payload[skip...]) else { return (code, nil) }
        return (code, attributes.string(NetlinkErrorAttribute.NLMSGERR_ATTR_MSG))
    }
}
