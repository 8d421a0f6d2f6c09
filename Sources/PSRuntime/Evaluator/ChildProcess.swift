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
        case file(String)
    }

    let pid: pid_t
    /// The read end of the child's standard output.
    let output: Int32

    struct SpawnError: Error {
        let code: Int32
        var message: String { String(cString: strerror(code)) }
    }

    /// Starts `path` with `arguments` (without argv[0]) in `directory`; standard error goes to
    /// `errorFile`, standard output to a pipe the caller reads from `output` and must close.
    static func spawn(path: String, arguments: [String], directory: String, input: Input,
                      errorFile: String) throws(SpawnError) -> ChildProcess {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw SpawnError(code: errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch input {
        case .inherit: break
        case .nullDevice: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .file(let file): posix_spawn_file_actions_addopen(&actions, 0, file, O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard let addChdir = Self.addChdir else { throw SpawnError(code: ENOSYS) }
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
        close(ends[1])
        guard result == 0 else {
            close(ends[0])
            throw SpawnError(code: result)
        }
        return ChildProcess(pid: pid, output: ends[0])
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29+), which the Glibc module does not export
    /// because it is a GNU extension.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// Reads what is available, blocking until there is some; empty at the end of the output.
    func read(into buffer: inout [UInt8]) -> Int {
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
            if count >= 0 { return count }
            if errno != EINTR { return 0 }
        }
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
