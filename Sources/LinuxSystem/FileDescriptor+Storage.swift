import Glibc

// fdatasync, non-waiting flock and fallocate: what disk image files need beyond FileDescriptor+Control.
extension FileDescriptor {
    /// fdatasync(2): the file's data, and the metadata needed to read it back (such as a new size),
    /// reach the disk before this returns.
    public func dataSync() throws(Errno) {
        _ = try valueOrErrno { fdatasync(rawValue) }
    }

    /// flock(2) with LOCK_NB: takes the lock or throws `wouldBlock` at once when another open file
    /// description holds a conflicting one.
    public func tryLock(exclusive: Bool = true) throws(Errno) {
        _ = try valueOrErrno { flock(rawValue, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) }
    }

    /// posix_fallocate(3): reserves the blocks of `length` bytes at `offset` (the file grows to cover
    /// them). File systems without the call report `notSupported`.
    public func allocate(offset: Int64, length: Int64) throws(Errno) {
        try nothingOrErrno(posix_fallocate(rawValue, off_t(offset), off_t(length)))
    }
}
