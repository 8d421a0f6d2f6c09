import Glibc

/// An open file descriptor that is closed exactly once: when its owner goes away, or earlier by `close()`.
///
/// It cannot be copied, so two owners can never close the same number, and a closed number can never be
/// used again through it. Share one between threads or keep several in a collection by putting it in a
/// class that owns it (a tap, a vCPU, a console client). `rawValue` is for C calls made while the owner is
/// alive (poll sets, ioctls this module has no shim for).
public struct FileDescriptor: ~Copyable, Sendable {
    public let rawValue: CInt

    /// Takes ownership of a descriptor some other call returned.
    public init(owning rawValue: CInt) { self.rawValue = rawValue }

    /// close(2). Linux releases the number even when close reports an error, so it is never retried.
    public consuming func close() throws(Errno) {
        let fd = rawValue
        discard self
        _ = try valueOrErrno(retryOnInterrupt: false) { Glibc.close(fd) }
    }

    /// Takes ownership of a descriptor this process inherited by number (a pipe end a parent handed over as
    /// descriptor 3), marking it close-on-exec; nil when no such descriptor is open.
    public static func inherited(_ number: CInt) -> FileDescriptor? {
        guard (try? valueOrErrno({ fcntl(number, F_SETFD, FD_CLOEXEC) })) != nil else { return nil }
        return FileDescriptor(owning: number)
    }

    /// Gives up ownership without closing (for handing a descriptor to a child process by number).
    public consuming func release() -> CInt {
        let fd = rawValue
        discard self
        return fd
    }

    // An error from close at the end of the owner's life has nobody to report to.
    deinit { _ = Glibc.close(rawValue) }
}

// MARK: Opening

extension FileDescriptor {
    /// How a file is opened for access.
    public enum AccessMode: Sendable {
        case readOnly, writeOnly, readWrite

        var flags: CInt {
            switch self {
            case .readOnly: O_RDONLY
            case .writeOnly: O_WRONLY
            case .readWrite: O_RDWR
            }
        }
    }

    /// open(2) flags beyond the access mode; every descriptor is opened close-on-exec.
    public struct OpenOptions: OptionSet, Sendable {
        public let rawValue: CInt
        public init(rawValue: CInt) { self.rawValue = rawValue }
        /// O_CREAT
        public static let create = OpenOptions(rawValue: O_CREAT)
        /// O_EXCL (with `create`: fail when the file exists)
        public static let exclusiveCreate = OpenOptions(rawValue: O_EXCL)
        /// O_TRUNC
        public static let truncate = OpenOptions(rawValue: O_TRUNC)
        /// O_APPEND
        public static let append = OpenOptions(rawValue: O_APPEND)
        /// O_NONBLOCK
        public static let nonBlocking = OpenOptions(rawValue: O_NONBLOCK)
        /// O_DIRECTORY
        public static let directory = OpenOptions(rawValue: O_DIRECTORY)
        /// O_NOFOLLOW (a symbolic link as the last component fails with ELOOP)
        public static let noFollow = OpenOptions(rawValue: O_NOFOLLOW)
    }

    /// open(2), close-on-exec.
    public static func open(_ path: String, _ mode: AccessMode, options: OpenOptions = [],
                            permissions: mode_t = 0o644, retryOnInterrupt: Bool = true) throws(Errno) -> FileDescriptor {
        let flags = mode.flags | options.rawValue | O_CLOEXEC
        return FileDescriptor(owning: try valueOrErrno(retryOnInterrupt: retryOnInterrupt) {
            Glibc.open(path, flags, permissions)
        })
    }
}

// MARK: Reading and writing

extension FileDescriptor {
    /// read(2): at most `buffer.count` bytes; 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer, retryOnInterrupt: Bool = true) throws(Errno) -> Int {
        try valueOrErrno(retryOnInterrupt: retryOnInterrupt) { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// pread(2): reads at `offset` without moving the file position.
    public func read(fromAbsoluteOffset offset: Int64, into buffer: UnsafeMutableRawBufferPointer,
                     retryOnInterrupt: Bool = true) throws(Errno) -> Int {
        try valueOrErrno(retryOnInterrupt: retryOnInterrupt) {
            pread(rawValue, buffer.baseAddress, buffer.count, off_t(offset))
        }
    }

    /// pread(2) from `offset` until the buffer is full or the file ends (a short read continues where it
    /// stopped); returns how many bytes it read.
    public func readFully(fromAbsoluteOffset offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        var done = 0
        while done < buffer.count {
            let count = try read(fromAbsoluteOffset: offset + Int64(done), into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]))
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// Up to `count` bytes from `offset` (fewer where the file ends first).
    public func read(upToCount count: Int, fromAbsoluteOffset offset: Int64) throws(Errno) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { raw in
            resultOf { () throws(Errno) in try readFully(fromAbsoluteOffset: offset, into: raw) }
        }.get()
        bytes.removeSubrange(got...)
        return bytes
    }

    /// write(2): may write fewer bytes than given; returns how many it wrote.
    public func write(_ buffer: UnsafeRawBufferPointer, retryOnInterrupt: Bool = true) throws(Errno) -> Int {
        try valueOrErrno(retryOnInterrupt: retryOnInterrupt) { Glibc.write(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// pwrite(2): writes at `offset` without moving the file position.
    public func write(toAbsoluteOffset offset: Int64, _ buffer: UnsafeRawBufferPointer,
                      retryOnInterrupt: Bool = true) throws(Errno) -> Int {
        try valueOrErrno(retryOnInterrupt: retryOnInterrupt) {
            pwrite(rawValue, buffer.baseAddress, buffer.count, off_t(offset))
        }
    }

    /// write(2) until the whole buffer is written (short writes continue where they stopped).
    public func writeAll(_ buffer: UnsafeRawBufferPointer) throws(Errno) {
        var offset = 0
        while offset < buffer.count {
            offset += try write(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
        }
    }

    /// pwrite(2) until the whole buffer is written at `offset`.
    public func writeAll(toAbsoluteOffset offset: Int64, _ buffer: UnsafeRawBufferPointer) throws(Errno) {
        var done = 0
        while done < buffer.count {
            done += try write(toAbsoluteOffset: offset + Int64(done), UnsafeRawBufferPointer(rebasing: buffer[done...]))
        }
    }

    /// write(2) of all of `bytes`.
    public func writeAll(_ bytes: some Collection<UInt8>) throws(Errno) {
        let contiguous = Array(bytes)
        try contiguous.withUnsafeBytes { raw in resultOf { () throws(Errno) in try writeAll(raw) } }.get()
    }

    /// read(2) of at most `count` bytes (fewer at the end of the file or of what a pipe or socket holds).
    public func read(upToCount count: Int, retryOnInterrupt: Bool = true) throws(Errno) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try bytes.withUnsafeMutableBytes { raw in
            resultOf { () throws(Errno) in try read(into: raw, retryOnInterrupt: retryOnInterrupt) }
        }.get()
        bytes.removeSubrange(got...)
        return bytes
    }

    /// read(2) until the end of the file.
    public func readToEnd(chunkSize: Int = 1 << 16) throws(Errno) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = try chunk.withUnsafeMutableBytes { raw in resultOf { () throws(Errno) in try read(into: raw) } }.get()
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
