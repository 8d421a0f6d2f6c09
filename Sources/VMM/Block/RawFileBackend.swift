#if canImport(Glibc)
import Glibc
#endif
import LinuxSystem

/// A disk that is a plain file: an ISO image in a DVD drive, or a raw image. Byte `n` of the disk is byte
/// `n` of the file; the size is fixed when the file is opened (the part past the last whole sector is
/// not shown to the guest).
public final class RawFileBackend: BlockBackend {
    public let path: String
    public let size: UInt64
    public let isReadOnly: Bool
    private let file: FileDescriptor

    public init(path: String, readOnly: Bool) throws(VMMError) {
        let file: FileDescriptor
        do { file = try FileDescriptor.open(path, readOnly ? O_RDONLY : O_RDWR) } catch {
            throw .system("open(\(path))", error)
        }
        var info = stat()
        guard fstat(file.rawValue, &info) == 0 else { throw .system("fstat(\(path))", .current) }
        guard (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFBLK else {
            throw .invalidConfiguration("\(path) is not a file or block device")
        }
        var bytes = UInt64(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFBLK {
            let end = lseek(file.rawValue, 0, SEEK_END)
            bytes = end > 0 ? UInt64(end) : 0
        }
        self.path = path
        self.size = bytes / 512 * 512
        self.isReadOnly = readOnly
        self.file = file
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
        var done = 0
        while done < buffer.count {
            let n: Int
            do { n = try syscallRetrying { pread(file.rawValue, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done)) } } catch {
                throw BlockBackendError("read of \(path) at \(offset + UInt64(done)) failed: \(error)")
            }
            // A file someone truncated under us reads as zeros past its end, as a sparse disk would.
            if n == 0 {
                (buffer.baseAddress! + done).initializeMemory(as: UInt8.self, repeating: 0, count: buffer.count - done)
                return
            }
            done += n
        }
    }

    public func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
        guard !isReadOnly else { throw BlockBackendError("\(path) is read-only") }
        var done = 0
        while done < buffer.count {
            do {
                done += try syscallRetrying { pwrite(file.rawValue, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done)) }
            } catch {
                throw BlockBackendError("write of \(path) at \(offset + UInt64(done)) failed: \(error)")
            }
        }
    }

    public func flush() throws(BlockBackendError) {
        guard !isReadOnly else { return }
        do { _ = try syscallRetrying { fdatasync(file.rawValue) } } catch {
            throw BlockBackendError("flush of \(path) failed: \(error)")
        }
    }
}
