#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Ctrl-C for the interactive shell. The SIGINT handler only does async-signal-safe things: it bumps
/// an atomic counter and writes one byte to a pipe. The line editor waits on that pipe beside the
/// terminal, so a Ctrl-C cancels the line being typed whichever thread the kernel delivered it to;
/// a running pipeline sees it through `onInterrupt`, which the shell points at the runtime's
/// cancellation flag.
public enum InterruptSignal {
    /// How many SIGINTs arrived since the process started.
    static let count = Atomic<Int>(0)

    /// The pipe's descriptors, written once in `install()` before the handler can run and only read
    /// afterwards, so the handler's unsynchronised read is safe.
    nonisolated(unsafe) static var pipeRead: CInt = -1
    nonisolated(unsafe) static var pipeWrite: CInt = -1

    /// Called from the signal handler. Must be async-signal-safe (an atomic store, nothing that
    /// allocates or locks). Set once, before `install()`, by the shell.
    nonisolated(unsafe) static var onInterrupt: (@convention(c) () -> Void)?

    /// Installs the handler (without SA_RESTART, so blocking reads return EINTR). Idempotent.
    public static func install() {
        guard pipeRead < 0 else { return }
        var fds: [CInt] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        pipeRead = fds[0]
        pipeWrite = fds[1]
        _ = count.load(ordering: .relaxed) // make sure the global is initialised before the handler may run
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            InterruptSignal.count.add(1, ordering: .sequentiallyConsistent)
            InterruptSignal.onInterrupt?()
            var byte: UInt8 = 1
            let saved = errno
            _ = write(InterruptSignal.pipeWrite, &byte, 1)
            errno = saved
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Forgets interrupts that are already handled: empties the pipe.
    public static func drain() {
        guard pipeRead >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipeRead, &buffer, buffer.count) > 0 {}
    }

    public static var total: Int { count.load(ordering: .sequentiallyConsistent) }
}
