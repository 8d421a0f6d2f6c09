import Glibc
import LinuxSystem

/// A native command started with posix_spawn and reaped with waitpid by the thread that runs it.
///
/// Foundation's `Process` reaps children on a dispatch source and `waitUntilExit` waits for that
/// source's notification, which can be lost (swift-corelibs-foundation #4795): a test once hung for
/// fifteen minutes with the child already a zombie. Spawning and waiting on the pid ourselves has
/// no second party to miss.
///
/// Its standard input (when the pipeline feeds it), output and error are pipes drained by one poll
/// loop: no file in /tmp ever holds the data (issue 17), and a full pipe in one direction cannot
/// stall the other.
final class ChildProcess {
    enum Input {
        case inherit
        case nullDevice
        /// Bytes written to the program's standard input through a pipe.
        case bytes([UInt8])
    }

    let pid: pid_t
    /// Our ends of the pipes; each is nil once finished with.
    private var output: FileDescriptor?
    private var errorOutput: FileDescriptor?
    private var inputWriter: FileDescriptor?
    private let pendingInput: [UInt8]

    struct SpawnError: Error {
        let code: Errno
        var message: String { code.description }
    }

    private init(pid: pid_t, output: consuming FileDescriptor, errorOutput: consuming FileDescriptor,
                 inputWriter: consuming FileDescriptor?, pendingInput: [UInt8]) {
        self.pid = pid
        self.output = .some(output)
        self.errorOutput = .some(errorOutput)
        self.inputWriter = inputWriter
        self.pendingInput = pendingInput
    }

    /// Set once per process: writing to a program that stopped reading is EPIPE, not the end of the
    /// shell (programs we start get SIGPIPE back as their default).
    private static let ignoreBrokenPipe: Void = Signals.ignore(SIGPIPE)

    /// Starts `path` with `arguments` (without argv[0]) in `directory`; its output and error go to
    /// pipes the caller drains with `pump`, which also feeds `.bytes` input.
    static func spawn(path: String, arguments: [String], directory: String, input: Input) throws(SpawnError) -> ChildProcess {
        _ = ignoreBrokenPipe
        do throws(Errno) {
            let outPipe = try FileDescriptor.pipe()
            let outReader = outPipe.readEnd, outWriter = outPipe.writeEnd
            let errPipe = try FileDescriptor.pipe()
            let errReader = errPipe.readEnd, errWriter = errPipe.writeEnd
            var inReader: FileDescriptor? = nil
            var inWriter: FileDescriptor? = nil
            var spawn = ProcessSpawn(path: path, arguments: [path] + arguments)
            var pending: [UInt8] = []
            switch input {
            case .inherit: break
            case .nullDevice: spawn.fileActions.append(.open(0, path: "/dev/null", flags: O_RDONLY))
            case .bytes(let bytes):
                let inPipe = try FileDescriptor.pipe()
                let reader = inPipe.readEnd, writer = inPipe.writeEnd
                // Only our end is non-blocking (the two ends of a pipe are separate open files).
                try writer.setNonBlocking(true)
                spawn.fileActions.append(.duplicate(reader.rawValue, as: 0))
                inReader = .some(reader)
                inWriter = .some(writer)
                pending = bytes
            }
            spawn.fileActions += [.duplicate(outWriter.rawValue, as: 1), .duplicate(errWriter.rawValue, as: 2)]
            spawn.directory = directory
            // The shell's signal handlers and ignored signals (SIGPIPE) must not reach the program.
            spawn.resetsSignalHandlers = true
            let pid = try spawn.run()
            // Only the child may hold these ends, or reading never sees the end of its output.
            _ = consume outWriter
            _ = consume errWriter
            inReader = nil
            return ChildProcess(pid: pid, output: outReader, errorOutput: errReader, inputWriter: inWriter,
                                pendingInput: pending)
        } catch {
            throw SpawnError(code: error)
        }
    }

    /// Feeds the program its input and drains its output and error until both end. Output arrives in
    /// `onOutput` as it is read; error output is returned. Our pipe ends are closed afterwards.
    func pump(onOutput: ([UInt8]) -> Void) -> [UInt8] {
        var written = 0
        var errors: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        if pendingInput.isEmpty { inputWriter = nil }
        while output != nil || errorOutput != nil {
            var entries: [PollEntry] = []
            if let fd = output?.rawValue { entries.append(PollEntry(rawDescriptor: fd, .readable)) }
            if let fd = errorOutput?.rawValue { entries.append(PollEntry(rawDescriptor: fd, .readable)) }
            if let fd = inputWriter?.rawValue { entries.append(PollEntry(rawDescriptor: fd, .writable)) }
            guard (try? Poll.wait(&entries, timeoutMilliseconds: -1)) != nil else { break }
            for entry in entries where entry.isReady {
                if entry.descriptor == inputWriter?.rawValue {
                    let result = pendingInput.withUnsafeBytes { raw in
                        resultOf { () throws(Errno) in
                            try inputWriter?.write(UnsafeRawBufferPointer(rebasing: raw[written...])) ?? 0
                        }
                    }
                    switch result {
                    case .success(let n): written += n
                    case .failure(.wouldBlock): break
                    case .failure: written = pendingInput.count  // the program stopped reading
                    }
                    // All given (or refused): closing our end shows the program the end of its input.
                    if written >= pendingInput.count { inputWriter = nil }
                    continue
                }
                let isOutput = entry.descriptor == output?.rawValue
                let count = buffer.withUnsafeMutableBytes { raw in
                    resultOf { () throws(Errno) in
                        isOutput ? try output?.read(into: raw) ?? 0 : try errorOutput?.read(into: raw) ?? 0
                    }
                }
                switch count {
                case .success(0), .failure:
                    if isOutput { output = nil } else { errorOutput = nil }
                case .success(let n):
                    if isOutput { onOutput(Array(buffer[0..<n])) } else { errors += buffer[0..<n] }
                }
            }
        }
        output = nil
        errorOutput = nil
        inputWriter = nil
        return errors
    }

    func terminate() { try? Processes.signal(pid, SIGTERM) }

    /// Waits for the program to end: its exit code, or 128 + the signal that ended it (as .NET reports it).
    func wait() -> Int32 { (try? Processes.waitForExit(pid)) ?? -1 }
}
