#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An owned file descriptor: closed exactly once, when the owner goes away or `close()` is called.
public struct FileDescriptor: ~Copyable, Sendable {
    public let rawValue: CInt

    public init(owning rawValue: CInt) { self.rawValue = rawValue }

    /// open(2), retrying EINTR.
    public static func open(_ path: String, _ flags: CInt, mode: mode_t = 0o644) throws(Errno) -> FileDescriptor {
        let fd = try syscallRetrying { Glibc.open(path, flags | O_CLOEXEC, mode) }
        return FileDescriptor(owning: fd)
    }

    /// read(2) into the buffer, retrying EINTR; returns the byte count (0 at end of file).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try syscallRetrying { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// write(2) of the whole buffer, retrying EINTR and short writes.
    public func writeAll(_ buffer: UnsafeRawBufferPointer) throws(Errno) {
        var offset = 0
        while offset < buffer.count {
            let n = try syscallRetrying { Glibc.write(rawValue, buffer.baseAddress! + offset, buffer.count - offset) }
            offset += n
        }
    }

    /// Gives up ownership without closing.
    public consuming func release() -> CInt {
        let fd = rawValue
        discard self
        return fd
    }

    /// Closes now rather than at the end of the owner's life.
    public consuming func close() {
        _ = Glibc.close(rawValue)
        discard self
    }

    deinit { _ = Glibc.close(rawValue) }
}
