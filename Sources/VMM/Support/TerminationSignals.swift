import Glibc
import LinuxSystem

/// SIGTERM, SIGINT and SIGHUP as a readable descriptor, so the worker's poll loop turns them into an orderly
/// power-off (exit record written, sockets removed) instead of dying with files left behind.
public enum TerminationSignals {
    /// Blocks the signals in the calling thread (threads created later inherit the mask) and returns a
    /// signalfd for them.
    public static func blockAndOpen() throws(Errno) -> FileDescriptor {
        let signals = [SIGTERM, SIGINT, SIGHUP]
        try Signals.block(signals)
        return try Signals.descriptor(for: signals)
    }
}
