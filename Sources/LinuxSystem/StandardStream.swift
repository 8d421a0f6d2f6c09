import Glibc

/// Descriptors 0, 1 and 2 belong to the process, not to an owner in it: these calls use them and never
/// close them.
public enum StandardStream: CInt, Sendable {
    case input = 0, output = 1, error = 2

    /// Runs `body` with the stream as a descriptor that is handed back, not closed, afterwards.
    private func borrow<R>(_ body: (borrowing FileDescriptor) throws(Errno) -> R) throws(Errno) -> R {
        let descriptor = FileDescriptor(owning: rawValue)
        let result = resultOf { () throws(Errno) in try body(descriptor) }
        _ = descriptor.release()
        return try result.get()
    }

    /// write(2) of all of `bytes`.
    public func writeAll(_ bytes: some Collection<UInt8>) throws(Errno) {
        try borrow { (descriptor) throws(Errno) in try descriptor.writeAll(bytes) }
    }

    /// read(2) of at most `count` bytes; empty at the end of the input.
    public func read(upToCount count: Int) throws(Errno) -> [UInt8] {
        try borrow { (descriptor) throws(Errno) in try descriptor.read(upToCount: count) }
    }

    /// read(2) until the end of the input.
    public func readToEnd() throws(Errno) -> [UInt8] {
        try borrow { (descriptor) throws(Errno) in try descriptor.readToEnd() }
    }

    /// A poll entry for the stream.
    public func pollEntry(_ events: PollEvents) -> PollEntry { PollEntry(rawDescriptor: rawValue, events) }

    /// isatty(3).
    public var isTerminal: Bool { isatty(rawValue) == 1 }
}
