import CLinuxSystem
import Glibc

extension FileDescriptor {
    /// Both ends of a pipe, each owned. Take the ends apart with `let reader = pipe.readEnd` once the
    /// pipe itself is no longer needed.
    @frozen
    public struct Pipe: ~Copyable {
        public var readEnd: FileDescriptor
        public var writeEnd: FileDescriptor
    }

    /// pipe2(2) with O_CLOEXEC.
    public static func pipe() throws(Errno) -> Pipe {
        var ends: [CInt] = [-1, -1]
        _ = try valueOrErrno { cls_pipe_cloexec(&ends) }
        return Pipe(readEnd: FileDescriptor(owning: ends[0]), writeEnd: FileDescriptor(owning: ends[1]))
    }
}

/// An eventfd(2) counter: a descriptor that becomes readable when another thread signals it, to wake a poll.
public struct EventCounter: ~Copyable, Sendable {
    public let descriptor: FileDescriptor

    /// eventfd(2), close-on-exec and non-blocking.
    public init() throws(Errno) {
        descriptor = FileDescriptor(owning: try valueOrErrno { eventfd(0, CInt(EFD_CLOEXEC | EFD_NONBLOCK)) })
    }

    /// Adds one to the counter (write(2) of 1); the descriptor polls readable until drained.
    public func signal() {
        var one: UInt64 = 1
        // Only a counter at its 2^64-2 ceiling refuses, and then it is already readable.
        _ = try? withUnsafeBytes(of: &one) { raw in resultOf { () throws(Errno) in try descriptor.write(raw) } }.get()
    }

    /// Resets the counter to zero (read(2) of it); nothing happens when it is zero already.
    public func drain() {
        var value: UInt64 = 0
        _ = try? withUnsafeMutableBytes(of: &value) { raw in resultOf { () throws(Errno) in try descriptor.read(into: raw) } }.get()
    }
}
