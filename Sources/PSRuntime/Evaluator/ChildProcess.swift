#if canImport(Glibc)
import Glibc
#endif

/// A native command started with posix_spawn and reaped with waitpid by the thread that runs it.
///
/// Foundation's `Process` reaps children on a dispatch source and `waitUntilExit` waits for that
/// source's notification, which can be lost (swift-corelibs-foundation #4795): a test once hung for
/// fifteen minutes with the child already a zombie. Spawning and waiting on the pid ourselves has
/// no second party to miss.
struct ChildProcess {
    enum Input {
        case inherit
        case nullDevice
        /// Bytes written to the program's standard input through a pipe (never a file another user
        /// could read while the program runs).
        case bytes([UInt8])
    }

    let pid: pid_t
    /// The read end of the child's standard output.
    let output: Int32
    /// The read end of the child's standard error.
    let errorOutput: Int32
    /// The write end of the child's standard input (-1 when it has none from us) and what to write.
    let inputWriter: Int32
    let pendingInput: [UInt8]

    struct SpawnError: Error {
        let code: Int32
        var message: String { String(cString: strerror(code)) }
    }

    /// Makes a pipe whose ends are closed on exec; the child's end is given to it by dup2.
    private static func makePipe() throws(SpawnError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw SpawnError(code: errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// Starts `path` with `arguments` (without argv[0]) in `directory`; standard output and standard
    /// error go to pipes the caller drains with `pump`, which also feeds `.bytes` input.
    static func spawn(path: String, arguments: [String], directory: String, input: Input) throws(SpawnError) -> ChildProcess {
        // Writing to a program that stopped reading must be an EPIPE error, not the end of the shell.
        _ = ignoreBrokenPipe
        guard let addChdir = Self.addChdir else { throw SpawnError(code: ENOSYS) }
        let out = try makePipe()
        let err: (read: Int32, write: Int32)
        do { err = try makePipe() } catch { close(out.read); close(out.write); throw error }
        var stdinPipe: (read: Int32, write: Int32)? = nil
        if case .bytes = input {
            do { stdinPipe = try makePipe() } catch {
                for fd in [out.read, out.write, err.read, err.write] { close(fd) }
                throw error
            }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch input {
        case .inherit: break
        case .nullDevice: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .bytes: posix_spawn_file_actions_adddup2(&actions, stdinPipe!.read, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        _ = addChdir(&actions, directory)

        // The shell's signal handlers and ignored signals (SIGPIPE) must not reach the program.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, &argv, environ)
        close(out.write)
        close(err.write)
        if let p = stdinPipe { close(p.read) }
        guard result == 0 else {
            close(out.read)
            close(err.read)
            if let p = stdinPipe { close(p.write) }
            throw SpawnError(code: result)
        }
        var pending: [UInt8] = []
        if case .bytes(let b) = input { pending = b }
        // Only our end is non-blocking (the two ends of a pipe are separate open files).
        if let p = stdinPipe { _ = fcntl(p.write, F_SETFL, fcntl(p.write, F_GETFL) | O_NONBLOCK) }
        return ChildProcess(pid: pid, output: out.read, errorOutput: err.read, inputWriter: stdinPipe?.write ?? -1,
                            pendingInput: pending)
    }

    /// Set once per process: SIGPIPE ignored (programs we start get it back as their default).
    private static let ignoreBrokenPipe: Void = { signal(SIGPIPE, SIG_IGN); return () }()

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29+), which the Glibc module does not export
    /// because it is a GNU extension.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// Feeds the program its input and drains its output and error streams until both end, with one
    /// poll loop (a full pipe in either direction can never stall the other). Output arrives in
    /// `onOutput` as it is read; error output is returned. All our pipe ends are closed afterwards.
    func pump(onOutput: ([UInt8]) -> Void) -> [UInt8] {
        var outFd = output, errFd = errorOutput, inFd = inputWriter
        var written = 0
        var errors: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        if inFd >= 0 && pendingInput.isEmpty { close(inFd); inFd = -1 }
        while outFd >= 0 || errFd >= 0 {
            var fds: [pollfd] = []
            if outFd >= 0 { fds.append(pollfd(fd: outFd, events: Int16(POLLIN), revents: 0)) }
            if errFd >= 0 { fds.append(pollfd(fd: errFd, events: Int16(POLLIN), revents: 0)) }
            if inFd >= 0 { fds.append(pollfd(fd: inFd, events: Int16(POLLOUT), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for p in fds where p.revents != 0 {
                if p.fd == inFd {
                    let n = pendingInput.withUnsafeBytes { raw in
                        Glibc.write(inFd, raw.baseAddress! + written, raw.count - written)
                    }
                    if n > 0 { written += n }
                    if (n < 0 && errno != EAGAIN && errno != EINTR) || written == pendingInput.count {
                        close(inFd)  // all given (or the program stopped reading): it sees end of input
                        inFd = -1
                    }
                    continue
                }
                let n = buffer.withUnsafeMutableBytes { Glibc.read(p.fd, $0.baseAddress, $0.count) }
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if n <= 0 {
                    close(p.fd)
                    if p.fd == outFd { outFd = -1 } else { errFd = -1 }
                    continue
                }
                if p.fd == outFd { onOutput(Array(buffer[0..<n])) } else { errors += buffer[0..<n] }
            }
        }
        for fd in [outFd, errFd, inFd] where fd >= 0 { close(fd) }
        return errors
    }

    func terminate() { kill(pid, SIGTERM) }

    /// Waits for the program to end: its exit code, or 128 + the signal that ended it (as .NET reports it).
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
