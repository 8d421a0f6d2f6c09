import Glibc
import LinuxSystem

/// One disk served to QEMU over NBD (the Network Block Device protocol: fixed-newstyle handshake, simple
/// replies) on a socket pair, so the worker, not QEMU, reads and writes the disk's files: Hyper-V's VHD and VHDX
/// formats and differencing chains through the same `BlockBackend` the native VMM's virtio-blk uses, and a
/// checkpoint can move the disk to a new differencing file while QEMU keeps its connection.
///
/// Every request is checked before the backend sees it (range inside the disk, at most 32 MiB, writes to a
/// read-only disk refused); a malformed request ends the connection, which QEMU reports as an I/O error.
public final class NBDExport: @unchecked Sendable {
    // `socket` is only used by the serving thread after `start`; the backend is swapped under `backend`'s lock.
    private let socket: FileDescriptor
    private let backend: Locked<(any BlockBackend)?>
    private let size: UInt64
    private let readOnly: Bool
    /// The disk's own sector sizes, which QEMU's device presents to the guest (a 4K-sector VHDX is a 4K disk).
    public let sectorSizes: QEMUSectorSizes
    private var thread: SystemThread?
    /// QEMU's end of the socket pair, until QEMU has inherited it.
    private var clientEnd: FileDescriptor?

    static let maximumRequest = 32 << 20

    /// A new socket pair: the export serves one end, QEMU inherits the other (`clientDescriptor`).
    public init(backend: any BlockBackend) throws(VMMError) {
        let pair: FileDescriptor.SocketPair
        do { pair = try FileDescriptor.socketPair() } catch { throw .system("socketpair", error) }
        self.socket = pair.local
        let remote = pair.remote
        self.clientEnd = consume remote
        self.size = backend.size
        self.readOnly = backend.isReadOnly
        self.sectorSizes = QEMUSectorSizes(logical: backend.logicalSectorSize, physical: backend.physicalSectorSize)
        self.backend = Locked(backend)
    }

    /// The descriptor number QEMU is to inherit (-1 once `closeClientEnd` ran).
    public var clientDescriptor: CInt { clientEnd?.rawValue ?? -1 }

    /// The worker's copy of QEMU's end closes once QEMU has its own, so QEMU's exit ends the connection.
    public func closeClientEnd() { clientEnd = nil }

    /// Serves on a thread of its own until QEMU disconnects.
    public func start() throws(VMMError) {
        do { thread = try SystemThread { [self] in serve() } } catch { throw .system("starting the NBD thread", error) }
    }

    /// Releases the backend's files (after flushing them); requests fail until `attach`. The VM must be paused.
    public func detach() throws(VMMError) {
        let old: (any BlockBackend)? = backend.withLock { current in
            let old = current
            current = nil
            return old
        }
        do { try old?.flush() } catch { throw .worker("flushing the disk before releasing it failed: \(error)") }
    }

    /// Serves `new` from now on (it must have the disk's size; the guest sees the same disk).
    public func attach(_ new: any BlockBackend) throws(VMMError) {
        guard new.size == size else { throw .invalidConfiguration("the new disk file has \(new.size) bytes, the disk has \(size)") }
        backend.withLock { $0 = new }
    }

    // MARK: Protocol

    static let handshakeMagic: UInt64 = 0x4E42_444D_4147_4943   // "NBDMAGIC"
    static let optionMagic: UInt64 = 0x4948_4156_454F_5054      // "IHAVEOPT"
    static let optionReplyMagic: UInt64 = 0x0003_E889_0455_65A9
    static let requestMagic: UInt32 = 0x2560_9513
    static let simpleReplyMagic: UInt32 = 0x6744_6698

    enum Option: UInt32 { case exportName = 1, abort = 2, list = 3, info = 6, go = 7 }
    enum Command: UInt16 { case read = 0, write = 1, disconnect = 2, flush = 3 }
    static let replyAck: UInt32 = 1, replyServer: UInt32 = 2, replyInfo: UInt32 = 3, replyUnsupported: UInt32 = 0x8000_0001
    /// Transmission flags: HAS_FLAGS, READ_ONLY, SEND_FLUSH, SEND_FUA.
    var transmissionFlags: UInt16 { 1 | (readOnly ? 2 : 0) | 4 | 8 }

    private func serve() {
        var connection = Connection(export: self)
        guard (try? handshake(&connection)) == true else { return }
        while (try? transmit(&connection)) == true {}
    }

    /// send(2) of whole messages on the export's socket; a vanished QEMU is EPIPE, not SIGPIPE.
    fileprivate func send(_ bytes: [UInt8]) throws(Errno) { try socket.sendAll(bytes, flags: CInt(MSG_NOSIGNAL)) }

    /// recv(2) until `count` bytes have come; QEMU closing the connection ends it (EPIPE).
    fileprivate func receive(_ count: Int) throws(Errno) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = try bytes.withUnsafeMutableBytes { raw in
                resultOf { () throws(Errno) in try socket.receive(into: UnsafeMutableRawBufferPointer(rebasing: raw[offset...])) }
            }.get()
            if got == 0 { throw Errno.brokenPipe }
            offset += got
        }
        return bytes
    }

    /// Negotiation; true once the client has chosen the export and transmission begins.
    private func handshake(_ c: inout Connection) throws(Errno) -> Bool {
        var hello = NBDFields()
        hello.u64(Self.handshakeMagic)
        hello.u64(Self.optionMagic)
        hello.u16(1 | 2)   // FIXED_NEWSTYLE | NO_ZEROES
        try c.send(hello.bytes)
        let clientFlags = try c.receiveU32()
        let noZeroes = clientFlags & 2 != 0
        while true {
            guard try c.receiveU64() == Self.optionMagic else { return false }
            let option = try c.receiveU32()
            let length = Int(try c.receiveU32())
            guard length <= 4096 else { return false }
            let data = try c.receive(length)
            switch Option(rawValue: option) {
            case .exportName:
                var reply = NBDFields()
                reply.u64(size)
                reply.u16(transmissionFlags)
                if !noZeroes { reply.bytes += [UInt8](repeating: 0, count: 124) }
                try c.send(reply.bytes)
                return true
            case .abort:
                try optionReply(&c, option, Self.replyAck, [])
                return false
            case .list:
                var entry = NBDFields()
                entry.u32(0)   // one export, with the empty name
                try optionReply(&c, option, Self.replyServer, entry.bytes)
                try optionReply(&c, option, Self.replyAck, [])
            case .info, .go:
                guard data.count >= 6 else { return false }
                var info = NBDFields()
                info.u16(0)    // NBD_INFO_EXPORT
                info.u64(size)
                info.u16(transmissionFlags)
                try optionReply(&c, option, Self.replyInfo, info.bytes)
                try optionReply(&c, option, Self.replyAck, [])
                if option == Option.go.rawValue { return true }
            case nil:
                // Structured replies, metadata contexts, TLS: not offered, and QEMU works without them.
                try optionReply(&c, option, Self.replyUnsupported, [])
            }
        }
    }

    private func optionReply(_ c: inout Connection, _ option: UInt32, _ type: UInt32, _ data: [UInt8]) throws(Errno) {
        var reply = NBDFields()
        reply.u64(Self.optionReplyMagic)
        reply.u32(option)
        reply.u32(type)
        reply.u32(UInt32(data.count))
        try c.send(reply.bytes + data)
    }

    /// One request; false when the connection is over.
    private func transmit(_ c: inout Connection) throws(Errno) -> Bool {
        guard try c.receiveU32() == Self.requestMagic else { return false }
        let flags = try c.receiveU16()
        let type = try c.receiveU16()
        let handle = try c.receiveU64()
        let offset = try c.receiveU64()
        let length = Int(try c.receiveU32())
        guard length <= Self.maximumRequest else { return false }
        let inRange = offset <= size && UInt64(length) <= size - offset
        switch Command(rawValue: type) {
        case .read:
            guard inRange else { try reply(&c, handle, error: EINVAL); return true }
            var data = [UInt8](repeating: 0, count: length)
            let failed = data.withUnsafeMutableBytes { buffer in
                backend.withLock { current -> Bool in
                    guard let current else { return true }
                    do { try current.read(into: buffer, at: offset); return false } catch { return true }
                }
            }
            if failed { try reply(&c, handle, error: EIO) } else { try reply(&c, handle, error: 0, data: data) }
        case .write:
            let data = try c.receive(length)
            guard inRange else { try reply(&c, handle, error: EINVAL); return true }
            guard !readOnly else { try reply(&c, handle, error: EPERM); return true }
            let failed = data.withUnsafeBytes { buffer in
                backend.withLock { current -> Bool in
                    guard let current else { return true }
                    do {
                        try current.write(buffer, at: offset)
                        // FUA: this write must be durable before it is acknowledged.
                        if flags & 1 != 0 { try current.flush() }
                        return false
                    } catch { return true }
                }
            }
            try reply(&c, handle, error: failed ? EIO : 0)
        case .flush:
            let failed = backend.withLock { current -> Bool in
                // Detached: `detach` flushed everything, and no write has been taken since. QEMU flushes its drives
                // when a checkpoint's migration ends, which happens while the checkpoint has the files released.
                guard let current else { return false }
                do { try current.flush(); return false } catch { return true }
            }
            try reply(&c, handle, error: failed ? EIO : 0)
        case .disconnect:
            _ = backend.withLock { try? $0?.flush() }
            return false
        case nil:
            try reply(&c, handle, error: EINVAL)
        }
        return true
    }

    private func reply(_ c: inout Connection, _ handle: UInt64, error: Int32, data: [UInt8] = []) throws(Errno) {
        var header = NBDFields()
        header.u32(Self.simpleReplyMagic)
        header.u32(UInt32(error))
        header.u64(handle)
        try c.send(header.bytes + data)
    }
}

/// Blocking reads and writes of whole fields on the NBD socket (the export's, which it keeps open while its
/// thread serves it).
private struct Connection {
    let export: NBDExport

    func send(_ bytes: [UInt8]) throws(Errno) { try export.send(bytes) }
    func receive(_ count: Int) throws(Errno) -> [UInt8] { try export.receive(count) }
    func receiveU16() throws(Errno) -> UInt16 { UInt16(try receiveBigEndian(2)) }
    func receiveU32() throws(Errno) -> UInt32 { UInt32(try receiveBigEndian(4)) }
    func receiveU64() throws(Errno) -> UInt64 { try receiveBigEndian(8) }

    private func receiveBigEndian(_ count: Int) throws(Errno) -> UInt64 {
        try receive(count).reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// Big-endian fields, as NBD sends them.
private struct NBDFields {
    var bytes: [UInt8] = []
    mutating func u16(_ value: UInt16) { append(UInt64(value), 2) }
    mutating func u32(_ value: UInt32) { append(UInt64(value), 4) }
    mutating func u64(_ value: UInt64) { append(value, 8) }
    private mutating func append(_ value: UInt64, _ count: Int) {
        for index in (0..<count).reversed() { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }
}
