#if canImport(Glibc)
import Glibc
#endif
import CKVM

/// SIGTERM, SIGINT and SIGHUP as a readable descriptor, so the worker's poll loop turns them into an orderly
/// power-off (exit record written, sockets removed) instead of dying with files left behind.
public enum TerminationSignals {
    /// Blocks the signals in the calling thread (threads created later inherit the mask) and returns a signalfd.
    public static func blockAndOpen() -> CInt {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        return signalfd(-1, &mask, Int32(SFD_CLOEXEC | SFD_NONBLOCK))
    }
}
