#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Positioned I/O and file-level calls for descriptors of regular files (disk images, snapshots).
extension FileDescriptor {
    /// pread(2) until the buffer is full or end of file, retrying EINTR and short reads; returns the
    /// byte count read (less than the buffer only at end of file).
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(Errno) -> Int {
        var done = 0
        while done < buffer.count {
            let n = try syscallRetrying {
                Glibc.pread(rawValue, buffer.baseAddress! + done, buffer.count - done, off_t(offset + UInt64(done)))
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// pwrite(2) of the whole buffer at `offset`, retrying EINTR and short writes.
    public func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(Errno) {
        var done = 0
        while done < buffer.count {
            let n = try syscallRetrying {
                Glibc.pwrite(rawValue, buffer.baseAddress! + done, buffer.count - done, off_t(offset + UInt64(done)))
            }
            done += n
        }
    }

    /// fsync(2): data and metadata stable on the storage.
    public func sync() throws(Errno) {
        _ = try syscallRetrying { Glibc.fsync(rawValue) }
    }

    /// fdatasync(2): data and the metadata needed to read it back (such as a new size) stable.
    public func dataSync() throws(Errno) {
        _ = try syscallRetrying { Glibc.fdatasync(rawValue) }
    }

    /// ftruncate(2): sets the file's size; bytes added at the end read as zeros.
    public func truncate(to size: UInt64) throws(Errno) {
        _ = try syscallRetrying { Glibc.ftruncate(rawValue, off_t(size)) }
    }

    /// fstat(2).
    public func status() throws(Errno) -> stat {
        var info = stat()
        _ = try syscallRetrying { Glibc.fstat(rawValue, &info) }
        return info
    }

    /// flock(2) without waiting: throws `wouldBlock` when another open file description holds a
    /// conflicting lock.
    public func lock(exclusive: Bool) throws(Errno) {
        // Named through its type: `flock` alone also names the record-lock struct.
        let flockCall: (CInt, CInt) -> CInt = Glibc.flock(_:_:)
        _ = try syscallRetrying { flockCall(rawValue, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) }
    }
}
