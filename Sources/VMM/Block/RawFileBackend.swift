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

    public convenience init(path: String, readOnly: Bool) throws(VMMError) {
        let file: FileDescriptor
        do throws(Errno) { file = try FileDescriptor.open(path, readOnly ? .readOnly : .readWrite) } catch {
            throw .system("open(\(path))", error)
        }
        try self.init(adopting: file, path: path, readOnly: readOnly)
    }

    /// A file opened by someone else (the shell, for a jailed worker); `path` only names it.
    public init(adopting file: consuming FileDescriptor, path: String, readOnly: Bool) throws(VMMError) {
        let status: FileStatus
        do throws(Errno) { status = try file.status() } catch { throw .system("fstat(\(path))", error) }
        guard status.mode & S_IFMT == S_IFREG else { throw .invalidConfiguration("\(path) is not a regular file") }
        self.path = path
        self.size = UInt64(status.size) / 512 * 512
        self.isReadOnly = readOnly
        self.file = file
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
        let done: Int
        do throws(Errno) { done = try file.readFully(fromAbsoluteOffset: Int64(offset), into: buffer) } catch {
            throw BlockBackendError("read of \(path) at \(offset) failed: \(error)")
        }
        // A file someone truncated under us reads as zeros past its end, as a sparse disk would.
        if done < buffer.count {
            UnsafeMutableRawBufferPointer(rebasing: buffer[done...]).initializeMemory(as: UInt8.self, repeating: 0)
        }
    }

    public func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(BlockBackendError) {
        guard !isReadOnly else { throw BlockBackendError("\(path) is read-only") }
        do throws(Errno) { try file.writeAll(toAbsoluteOffset: Int64(offset), buffer) } catch {
            throw BlockBackendError("write of \(path) at \(offset) failed: \(error)")
        }
    }

    public func flush() throws(BlockBackendError) {
        guard !isReadOnly else { return }
        do throws(Errno) { try file.sync() } catch { throw BlockBackendError("flush of \(path) failed: \(error)") }
    }
}
