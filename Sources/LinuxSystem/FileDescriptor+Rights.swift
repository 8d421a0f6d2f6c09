import Glibc

extension FileDescriptor {
    /// The two connected ends of a socket pair, each owned.
    @frozen
    public struct SocketPair: ~Copyable {
        public var local: FileDescriptor
        public var remote: FileDescriptor
    }

    /// socketpair(2) of Unix stream sockets, both ends close-on-exec: `local` for this process, `remote` for
    /// a child that inherits it.
    public static func socketPair() throws(Errno) -> SocketPair {
        var ends: [CInt] = [-1, -1]
        _ = try valueOrErrno { socketpair(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0, &ends) }
        return SocketPair(local: FileDescriptor(owning: ends[0]), remote: FileDescriptor(owning: ends[1]))
    }

    /// sendmsg(2) of `bytes` on a Unix socket with one descriptor attached (SCM_RIGHTS): the peer receives its
    /// own copy of `passed`. The bytes go in one message, so a short send is an error.
    public func send(_ bytes: [UInt8], passing passed: borrowing FileDescriptor) throws(Errno) {
        try send(bytes, passing: [passed.rawValue])
    }
}
