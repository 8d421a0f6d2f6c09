import CLinuxSystem
import Glibc

/// Signal masks, handlers and signal descriptors.
public enum Signals {
    /// sigaction(2): a handler that does nothing, installed without SA_RESTART, so that the signal only
    /// interrupts a blocking call of the thread it is sent to (which then fails with EINTR).
    public static func installInterruptingHandler(for signal: CInt) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
    }

    /// signal(2) with SIG_IGN: e.g. SIGPIPE, so a write to a vanished peer fails with EPIPE instead.
    public static func ignore(_ signal: CInt) { _ = Glibc.signal(signal, SIG_IGN) }

    /// pthread_sigmask(2) SIG_BLOCK for the calling thread (threads it creates later inherit the mask).
    public static func block(_ signals: [CInt]) throws(Errno) {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in signals { sigaddset(&mask, signal) }
        try nothingOrErrno(pthread_sigmask(SIG_BLOCK, &mask, nil))
    }

    /// signalfd(2), close-on-exec and non-blocking: the (blocked) signals arrive as readable records.
    public static func descriptor(for signals: [CInt]) throws(Errno) -> FileDescriptor {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in signals { sigaddset(&mask, signal) }
        return FileDescriptor(owning: try valueOrErrno { signalfd(-1, &mask, CInt(SFD_CLOEXEC | SFD_NONBLOCK)) })
    }
}
