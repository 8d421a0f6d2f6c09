import CLinuxSystem
import Glibc

// fsync, ftruncate, fstat, flock, fcntl, dup and ioctl on an owned descriptor.
extension FileDescriptor {
    /// fsync(2): the file's data and metadata reach the disk before this returns.
    public func sync() throws(Errno) {
        _ = try valueOrErrno { fsync(rawValue) }
    }

    /// ftruncate(2): makes the file exactly `size` bytes long (a longer file reads as zeros).
    public func resize(to size: Int64) throws(Errno) {
        _ = try valueOrErrno { ftruncate(rawValue, off_t(size)) }
    }

    /// fstat(2).
    public func status() throws(Errno) -> FileStatus {
        var info = stat()
        _ = try valueOrErrno { fstat(rawValue, &info) }
        return FileStatus(info)
    }

    /// flock(2) with LOCK_EX (or LOCK_SH), waiting for the lock. The lock belongs to this open file
    /// description and ends when it is closed.
    public func lock(exclusive: Bool = true) throws(Errno) {
        _ = try valueOrErrno { flock(rawValue, exclusive ? LOCK_EX : LOCK_SH) }
    }

    /// flock(2) with LOCK_UN.
    public func unlock() throws(Errno) {
        _ = try valueOrErrno { flock(rawValue, LOCK_UN) }
    }

    /// fcntl(2) F_DUPFD_CLOEXEC: a second, independently owned descriptor for the same open file, numbered
    /// `minimum` or above.
    public func duplicate(atLeast minimum: CInt = 0) throws(Errno) -> FileDescriptor {
        FileDescriptor(owning: try valueOrErrno { fcntl(rawValue, F_DUPFD_CLOEXEC, minimum) })
    }

    /// fcntl(2) F_DUPFD_CLOEXEC on a descriptor this process has but does not own through a `FileDescriptor`
    /// (standard input and output): an owned copy, so closing it leaves the original open.
    public static func duplicating(_ number: CInt) throws(Errno) -> FileDescriptor {
        FileDescriptor(owning: try valueOrErrno { fcntl(number, F_DUPFD_CLOEXEC, 0) })
    }

    /// fcntl(2) F_SETFL with or without O_NONBLOCK.
    public func setNonBlocking(_ nonBlocking: Bool) throws(Errno) {
        let flags = try valueOrErrno { fcntl(rawValue, F_GETFL) }
        _ = try valueOrErrno { fcntl(rawValue, F_SETFL, nonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK) }
    }

    /// ioctl(2) with a pointer argument; returns the call's non-negative result.
    @discardableResult
    public func control(_ request: UInt, _ argument: UnsafeMutableRawPointer?, retryOnInterrupt: Bool = true) throws(Errno) -> CInt {
        try valueOrErrno(retryOnInterrupt: retryOnInterrupt) { cls_ioctl_pointer(rawValue, request, argument) }
    }

    /// ioctl(2) with an integer argument; returns the call's non-negative result.
    @discardableResult
    public func control(_ request: UInt, value: UInt = 0, retryOnInterrupt: Bool = true) throws(Errno) -> CInt {
        try valueOrErrno(retryOnInterrupt: retryOnInterrupt) { cls_ioctl_integer(rawValue, request, value) }
    }
}

/// What stat(2) says about a file.
public struct FileStatus: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var mode: mode_t
    /// The owner's user id.
    public var owner: uid_t
    /// The owning group's id.
    public var group: gid_t
    public var size: Int64
    /// Bytes the file occupies on the storage (less than `size` for a sparse file).
    public var allocatedBytes: Int64
    public var modifiedSeconds: Int
    public var modifiedNanoseconds: Int
    /// The device a device file stands for (st_rdev), 0 for other files.
    public var specialDevice: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        mode = info.st_mode
        owner = info.st_uid
        group = info.st_gid
        size = Int64(info.st_size)
        allocatedBytes = Int64(info.st_blocks) * 512
        modifiedSeconds = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
        specialDevice = UInt64(info.st_rdev)
    }

    public var isDirectory: Bool { mode & S_IFMT == S_IFDIR }
    public var isRegularFile: Bool { mode & S_IFMT == S_IFREG }
    public var isSymbolicLink: Bool { mode & S_IFMT == S_IFLNK }
    /// The permission bits (rwx for owner, group, others), without the file type.
    public var permissions: mode_t { mode & 0o7777 }
    /// What kind of thing this is, in words for an error message ("a FIFO", "a directory", ...).
    public var kindDescription: String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "not a regular file"
        }
    }
}
