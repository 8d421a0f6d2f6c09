import Glibc
import LinuxSystem

/// A native command started with posix_spawn and reaped with waitpid by the thread that runs it.
///
/// Foundation's `Process` reaps children on a dispatch source and `waitUntilExit` waits for that
/// source's notification, which can be lost (swift-corelibs-foundation #4795): a test once hung for
/// fifteen minutes with the child already a zombie. Spawning and waiting on the pid ourselves has
/// no second party to miss.
final class ChildProcess {
    enum Input {
        case inherit
        case nullDevice
        case file(String)
    }

    let pid: pid_t
    /// The read end of the child's standard output; nil once the caller is done with it.
    private var output: FileDescriptor?

    struct SpawnError: Error {
        let code: Errno
        var message: String { code.description }
    }

    private init(pid: pid_t, output: consuming FileDescriptor) {
        self.pid = pid
        self.output = .some(output)
    }

    /// Starts `path` with `arguments` (without argv[0]) in `directory`; standard error goes to
    /// `errorFile`, standard output to a pipe the caller reads with `read(into:)`.
    static func spawn(path: String, arguments: [String], directory: String, input: Input,
                      errorFile: String) throws(SpawnError) -> ChildProcess {
        do throws(Errno) {
            let pipe = try FileDescriptor.pipe()
            let reader = pipe.readEnd, writer = pipe.writeEnd
            var spawn = ProcessSpawn(path: path, arguments: [path] + arguments)
            switch input {
            case .inherit: break
            case .nullDevice: spawn.fileActions.append(.open(0, path: "/dev/null", flags: O_RDONLY))
            case .file(let file): spawn.fileActions.append(.open(0, path: file, flags: O_RDONLY))
            }
            spawn.fileActions += [.duplicate(writer.rawValue, as: 1),
                                  .open(2, path: errorFile, flags: O_WRONLY | O_CREAT | O_TRUNC, permissions: 0o600)]
            spawn.directory = directory
            // The shell's signal handlers and ignored signals (SIGPIPE) must not reach the program.
            spawn.resetsSignalHandlers = true
            let pid = try spawn.run()
            // Only the child may hold the write end, or reading never sees the end of its output.
            _ = consume writer
            return ChildProcess(pid: pid, output: reader)
        } catch {
            throw SpawnError(code: error)
        }
    }

    /// Reads what is available, blocking until there is some; empty at the end of the output.
    func read(into buffer: inout [UInt8]) -> Int {
        let count = try? buffer.withUnsafeMutableBytes { raw in
            resultOf { () throws(Errno) in try output?.read(into: raw) }
        }.get()
        return (count ?? 0) ?? 0
    }

    /// Closes this end of the output pipe (a program still writing then gets SIGPIPE, as in a shell).
    func closeOutput() { output = nil }

    func terminate() { try? Processes.signal(pid, SIGTERM) }

    /// Waits for the program to end: its exit code, or 128 + the signal that ended it (as .NET reports it).
    func wait() -> Int32 { (try? Processes.waitForExit(pid)) ?? -1 }
}
