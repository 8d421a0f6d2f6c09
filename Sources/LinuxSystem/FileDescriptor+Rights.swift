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
        // struct cmsghdr is { size_t cmsg_len; int cmsg_level; int cmsg_type; }, its data aligned to size_t.
        let headerSize = MemoryLayout<Int>.size + 2 * MemoryLayout<CInt>.size
        var control = [UInt8](repeating: 0, count: headerSize + MemoryLayout<Int>.size)
        let passedNumber = passed.rawValue
        control.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: headerSize + MemoryLayout<CInt>.size, toByteOffset: 0, as: Int.self)
            raw.storeBytes(of: SOL_SOCKET, toByteOffset: MemoryLayout<Int>.size, as: CInt.self)
            raw.storeBytes(of: CInt(SCM_RIGHTS), toByteOffset: MemoryLayout<Int>.size + MemoryLayout<CInt>.size, as: CInt.self)
            raw.storeBytes(of: passedNumber, toByteOffset: headerSize, as: CInt.self)
        }
        var data = bytes
        let sent = try valueOrErrno {
            data.withUnsafeMutableBytes { payload in
                control.withUnsafeMutableBytes { controlBytes in
                    var vector = iovec(iov_base: payload.baseAddress, iov_len: payload.count)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var message = msghdr(msg_name: nil, msg_namelen: 0, msg_iov: vectorPointer, msg_iovlen: 1,
                                             msg_control: controlBytes.baseAddress, msg_controllen: controlBytes.count, msg_flags: 0)
                        return sendmsg(rawValue, &message, CInt(MSG_NOSIGNAL))
                    }
                }
            }
        }
        if sent != bytes.count { throw Errno.ioError }
    }
}
