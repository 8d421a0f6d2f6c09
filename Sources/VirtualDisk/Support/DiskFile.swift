#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LinuxSystem

/// One image file: positioned reads and writes that either complete or throw a `DiskError` naming
/// the file. Reads past the end of the file are `truncated` errors, never short data.
final class DiskFile {
    enum Lock { case none, shared, exclusive }

    let path: String
    let writable: Bool
    private let descriptor: FileDescriptor
    /// Writes a dirty VHDX log would make, kept in memory because the file was opened read-only
    /// (the specification's way of reading such a file without changing it).
    var overlay: LogOverlay?

    private init(path: String, writable: Bool, descriptor: consuming FileDescriptor) {
        self.path = path
        self.writable = writable
        self.descriptor = descriptor
    }

    static func open(_ path: String, writable: Bool, lock: Lock) throws(DiskError) -> DiskFile {
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(path, writable ? .readWrite : .readOnly) } catch {
            throw DiskError.system(path, "open", error)
        }
        return try adopt(descriptor, path: path, writable: writable, lock: lock)
    }

    /// A file opened by someone else (handed to a jailed worker), checked and locked as `open` does.
    static func adopt(_ descriptor: consuming FileDescriptor, path: String, writable: Bool, lock: Lock) throws(DiskError) -> DiskFile {
        let status: FileStatus
        do { status = try descriptor.status() } catch { throw DiskError.system(path, "open", error) }
        guard status.isRegularFile else { throw DiskError(.notVirtualDisk, path, "'\(path)' is not a regular file.") }
        do {
            switch lock {
            case .none: break
            case .shared: try descriptor.tryLock(exclusive: false)
            case .exclusive: try descriptor.tryLock(exclusive: true)
            }
        } catch {
            throw DiskError.system(path, "lock", error)
        }
        return DiskFile(path: path, writable: writable, descriptor: descriptor)
    }

    /// Creates a new file (never replaces one) and holds it exclusively.
    static func create(_ path: String) throws(DiskError) -> DiskFile {
        let descriptor: FileDescriptor
        do { descriptor = try FileDescriptor.open(path, .readWrite, options: [.create, .exclusiveCreate]) } catch {
            if error == .exists { throw DiskError(.exists, path, "The file '\(path)' already exists.") }
            throw DiskError.system(path, "create", error)
        }
        do { try descriptor.tryLock(exclusive: true) } catch { throw DiskError.system(path, "lock", error) }
        return DiskFile(path: path, writable: true, descriptor: descriptor)
    }

    func size() throws(DiskError) -> UInt64 {
        do { return UInt64(try descriptor.status().size) } catch { throw DiskError.system(path, "stat", error) }
    }

    /// Bytes the file occupies on the host's disk (less than its size when sparse).
    func allocatedBytes() throws(DiskError) -> UInt64 {
        do { return UInt64(try descriptor.status().allocatedBytes) } catch { throw DiskError.system(path, "stat", error) }
    }

    /// pread until the buffer is full or the file ends; returns the bytes read.
    private func readFully(_ buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(DiskError) -> Int {
        do throws(Errno) { return try descriptor.readFully(fromAbsoluteOffset: Int64(offset), into: buffer) } catch {
            throw DiskError.system(path, "read", error)
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(DiskError) {
        guard buffer.count > 0 else { return }
        let n = try readFully(buffer, at: offset)
        if let overlay {
            if n < buffer.count {
                guard offset + UInt64(buffer.count) <= overlay.minimumFileSize else { throw truncated(at: offset + UInt64(n)) }
                UnsafeMutableRawBufferPointer(rebasing: buffer[n...]).initializeMemory(as: UInt8.self, repeating: 0)
            }
            overlay.apply(to: buffer, at: offset)
        } else if n < buffer.count {
            throw truncated(at: offset + UInt64(n))
        }
    }

    func read(at offset: UInt64, count: Int) throws(DiskError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withMutableBuffer { (buffer) throws(DiskError) in try read(into: buffer, at: offset) }
        return bytes
    }

    func write(_ buffer: UnsafeRawBufferPointer, at offset: UInt64) throws(DiskError) {
        guard writable else { throw DiskError(.readOnly, path, "The file '\(path)' is open read-only.") }
        do { try descriptor.writeAll(toAbsoluteOffset: Int64(offset), buffer) } catch { throw DiskError.system(path, "write", error) }
    }

    func write(_ bytes: [UInt8], at offset: UInt64) throws(DiskError) {
        try bytes.withBuffer { (buffer) throws(DiskError) in try write(buffer, at: offset) }
    }

    /// Writes `count` zero bytes at `offset`, a megabyte at a time.
    func writeZeros(at offset: UInt64, count: UInt64) throws(DiskError) {
        let chunk = [UInt8](repeating: 0, count: Int(min(count, 1 << 20)))
        var done: UInt64 = 0
        while done < count {
            let n = Int(min(UInt64(chunk.count), count - done))
            try chunk.withBuffer { (buffer) throws(DiskError) in
                try write(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), at: offset + done)
            }
            done += UInt64(n)
        }
    }

    func sync() throws(DiskError) {
        guard writable else { return }
        do { try descriptor.sync() } catch { throw DiskError.system(path, "flush", error) }
    }

    func dataSync() throws(DiskError) {
        guard writable else { return }
        do { try descriptor.dataSync() } catch { throw DiskError.system(path, "flush", error) }
    }

    func truncate(to size: UInt64) throws(DiskError) {
        guard writable else { throw DiskError(.readOnly, path, "The file '\(path)' is open read-only.") }
        do { try descriptor.resize(to: Int64(size)) } catch { throw DiskError.system(path, "resize", error) }
    }

    /// Reserves the file's blocks on the host's disk (fixed disks); file systems without
    /// fallocate keep the range sparse, which reads the same.
    func preallocate(offset: UInt64, length: UInt64) throws(DiskError) {
        guard length > 0 else { return }
        do { try descriptor.allocate(offset: Int64(offset), length: Int64(length)) } catch {
            if error == .notSupported || error == .invalidArgument { return }
            throw DiskError.system(path, "allocate space for", error)
        }
    }

    private func truncated(at offset: UInt64) -> DiskError {
        DiskError(.truncated, path, "The file '\(path)' is truncated: it ends at byte \(offset), before the data its headers describe.")
    }
}
