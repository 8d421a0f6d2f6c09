import Glibc

/// An owned mmap(2) region, unmapped exactly once when its owner goes away.
public struct MemoryMapping: ~Copyable, @unchecked Sendable {
    // The region never moves; who touches its bytes from which thread is the owner's business.
    public let base: UnsafeMutableRawPointer
    public let length: Int

    /// PROT_* bits.
    public struct Protection: OptionSet, Sendable {
        public let rawValue: CInt
        public init(rawValue: CInt) { self.rawValue = rawValue }
        public static let read = Protection(rawValue: PROT_READ)
        public static let write = Protection(rawValue: PROT_WRITE)
    }

    /// mmap(2) of anonymous, private, zero-filled memory. `reserve: false` (MAP_NORESERVE) backs pages only
    /// when touched, without reserving swap for all of them.
    public static func anonymous(length: Int, protection: Protection = [.read, .write],
                                 reserve: Bool = true) throws(Errno) -> MemoryMapping {
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | (reserve ? 0 : MAP_NORESERVE)
        return try MemoryMapping(length: length, protection: protection, flags: flags, descriptor: -1, offset: 0)
    }

    /// mmap(2) of a file: `shared` writes reach the file (MAP_SHARED); otherwise pages are copied on write
    /// and the file is never changed (MAP_PRIVATE).
    public init(file: borrowing FileDescriptor, length: Int, protection: Protection = [.read, .write],
                shared: Bool, reserve: Bool = true, offset: Int64 = 0) throws(Errno) {
        let flags = (shared ? MAP_SHARED : MAP_PRIVATE) | (reserve ? 0 : MAP_NORESERVE)
        try self.init(length: length, protection: protection, flags: flags, descriptor: file.rawValue, offset: offset)
    }

    private init(length: Int, protection: Protection, flags: CInt, descriptor: CInt, offset: Int64) throws(Errno) {
        guard let mapping = mmap(nil, length, protection.rawValue, flags, descriptor, off_t(offset)), mapping != MAP_FAILED else {
            throw Errno.current
        }
        base = mapping
        self.length = length
    }

    public var bytes: UnsafeMutableRawBufferPointer { UnsafeMutableRawBufferPointer(start: base, count: length) }

    deinit { munmap(base, length) }

    /// madvise(2) MADV_DONTNEED on any page-aligned range of this process, mapped here or not: its
    /// page-table entries go; private anonymous pages read back as zeros, file pages fault in again.
    public static func discardPages(at address: UnsafeMutableRawPointer, length: Int) throws(Errno) {
        _ = try valueOrErrno { madvise(address, length, MADV_DONTNEED) }
    }
}
