import Glibc

/// What a poll(2) entry waits for and what came back.
public struct PollEvents: OptionSet, Sendable {
    public let rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }
    /// POLLIN
    public static let readable = PollEvents(rawValue: Int16(POLLIN))
    /// POLLOUT
    public static let writable = PollEvents(rawValue: Int16(POLLOUT))
    /// POLLERR (only ever returned)
    public static let error = PollEvents(rawValue: Int16(POLLERR))
    /// POLLHUP (only ever returned)
    public static let hangUp = PollEvents(rawValue: Int16(POLLHUP))
}

/// One descriptor of a poll set. It holds the descriptor's number, so its owner must outlive the poll.
public struct PollEntry: Sendable {
    var entry: pollfd

    public init(_ descriptor: borrowing FileDescriptor, _ events: PollEvents) {
        entry = pollfd(fd: descriptor.rawValue, events: events.rawValue, revents: 0)
    }

    /// An entry for a descriptor owned elsewhere (a console client list, a tap behind a lock).
    public init(rawDescriptor: CInt, _ events: PollEvents) {
        entry = pollfd(fd: rawDescriptor, events: events.rawValue, revents: 0)
    }

    public var descriptor: CInt { entry.fd }
    /// What poll reported for this entry.
    public var returned: PollEvents { PollEvents(rawValue: entry.revents) }
    public var isReady: Bool { entry.revents != 0 }
}

public enum Poll {
    /// poll(2): waits until an entry is ready or `timeoutMilliseconds` pass (-1: no limit); returns how
    /// many entries are ready (0 on timeout). An interrupted wait is retried with the full timeout again.
    @discardableResult
    public static func wait(_ entries: inout [PollEntry], timeoutMilliseconds: CInt,
                            retryOnInterrupt: Bool = true) throws(Errno) -> Int {
        let count = entries.count
        return Int(try valueOrErrno(retryOnInterrupt: retryOnInterrupt) {
            entries.withUnsafeMutableBufferPointer { buffer in
                buffer.withMemoryRebound(to: pollfd.self) { poll($0.baseAddress, nfds_t(count), timeoutMilliseconds) }
            }
        })
    }
}
