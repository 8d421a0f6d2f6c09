import Glibc
import LinuxSystem

/// The shell's handle on one VM's worker process (`hvsh-worker`), addressed by its runtime directory.
///
/// A worker is launched detached, owns its VM until the guest powers off or it is told to stop, and leaves
/// an exit record saying why it ended. Every call here is safe to make whether or not the worker still runs.
public struct VMWorker: Sendable, Equatable {
    public let directory: RuntimeDirectory

    public init(runtimeDirectory: String) { directory = RuntimeDirectory(runtimeDirectory) }

    /// Where `hvsh-worker` is: `$HVSH_WORKER`, else next to the running executable.
    public static func defaultWorkerPath() -> String {
        if let path = getenv("HVSH_WORKER") { return String(cString: path) }
        guard let exe = Processes.executablePath() else { return "hvsh-worker" }
        var directory = exe.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        // Inside an .xctest bundle (swift test), the worker sits next to the bundle.
        if directory.hasSuffix(".xctest/Contents/MacOS") || directory.hasSuffix(".xctest") {
            directory = directory.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        }
        return directory + "/hvsh-worker"
    }

    /// Starts a worker for `request` and waits until its VM runs (or failed to start, with the worker's reason).
    /// A worker already running for the directory is an error (`VMMError.alreadyRunning`).
    ///
    /// At most one worker per VM: the launcher takes the directory's lock before it looks, and hands that
    /// very lock (the same open file description) to the worker as descriptor 4, which keeps it until it
    /// exits. So no second launcher can get between the check and the start, and a launcher killed half-way
    /// leaves either no worker or one that holds the lock and is seen as running.
    public static func launch(_ request: WorkerLaunchRequest, workerPath: String = defaultWorkerPath(),
                              timeoutMilliseconds: Int32 = 15_000) throws(VMMError) -> VMWorker {
        let worker = VMWorker(runtimeDirectory: request.runtimeDirectory)
        let files = worker.directory
        try Files.makeDirectory(files.path)
        // Above descriptor 4 like the ready pipe below: a lock numbered 3 would be overwritten by the pipe's
        // dup2 before its own, and the worker would hold a pipe instead of the lock.
        let lock: FileDescriptor
        do {
            let taken = try worker.takeLaunchLock()
            lock = try taken.duplicate(atLeast: 10)
        } catch let error as VMMError {
            throw error
        } catch {
            throw .system("fcntl", error as? Errno ?? .invalidArgument)
        }
        worker.removeRuntimeFiles(keepConsoleLog: true)
        _ = try? FileSystem.removeFileIfPresent(files.exitRecord)
        try Files.write(files.configuration, text: request.encoded(), durability: .replacedOnly)

        // The worker reports on descriptor 3: one line, then it closes its end.
        let readyPipe: FileDescriptor.Pipe
        do { readyPipe = try FileDescriptor.pipe() } catch { throw .system("pipe", error) }
        let readyReader = readyPipe.readEnd
        let readyWriter: FileDescriptor
        do {
            // Moved off descriptors 0-3, where dup2 onto itself would leave close-on-exec set; the original
            // number closes at the end of this block.
            let original = readyPipe.writeEnd
            readyWriter = try original.duplicate(atLeast: 10)
        } catch {
            throw .system("fcntl", error)
        }
        var spawn = ProcessSpawn(path: workerPath, arguments: [workerPath, files.path])
        spawn.fileActions = [.open(0, path: "/dev/null", flags: O_RDONLY),
                             .open(1, path: files.workerLog, flags: O_WRONLY | O_CREAT | O_APPEND),
                             .duplicate(1, as: 2),
                             .duplicate(readyWriter.rawValue, as: 3),
                             .duplicate(lock.rawValue, as: 4)]
        // Nothing else of this process reaches the worker, even a descriptor opened without close-on-exec.
        spawn.closesDescriptorsFrom = 5
        spawn.startsNewSession = true
        let pid: pid_t
        do { pid = try spawn.run() } catch { throw .system("posix_spawn(\(workerPath))", error) }
        // Only the worker may hold the write end, or the read below never sees it close. The lock stays
        // held through the worker's copy.
        _ = consume readyWriter
        _ = consume lock
        // The worker forks once and its first process exits at once, so the VM is nobody's child here.
        _ = try? Processes.waitForExit(pid)

        guard let line = UnixSocket.readLine(readyReader, timeoutMilliseconds: timeoutMilliseconds) else {
            let log = FileSystem.readText(files.workerLog) ?? ""
            worker.kill()
            throw .worker("the VM worker did not start" + (log.isEmpty ? "" : ": " + log.split(separator: "\n").suffix(3).joined(separator: " ")))
        }
        if line.hasPrefix("error ") { throw .requestFailed(request: "start", message: String(line.dropFirst(6))) }
        return worker
    }

    /// The directory's lock, taken: at once when no worker holds it, else after waiting (bounded) for a
    /// worker that is starting or ending to finish; a running worker is `alreadyRunning`.
    func takeLaunchLock(waitMilliseconds: Int = 15_000) throws(VMMError) -> FileDescriptor {
        let lock: FileDescriptor
        do { lock = try FileDescriptor.open(directory.lockFile, .readWrite, options: [.create], permissions: 0o600) } catch {
            throw .system("opening \(directory.lockFile)", error)
        }
        let deadline = Clock.monotonicNanoseconds() + UInt64(waitMilliseconds) * 1_000_000
        while true {
            do throws(Errno) {
                try lock.tryLock()
                return lock
            } catch Errno.wouldBlock {
            } catch {
                throw .system("flock(\(directory.lockFile))", error)
            }
            if livePID() != nil { throw .alreadyRunning(directory.path) }
            if Clock.monotonicNanoseconds() > deadline {
                throw .worker("another hvsh is still starting or stopping the VM's worker (\(directory.path))")
            }
            Clock.sleep(milliseconds: 10)
        }
    }

    /// True while some process (a launcher or the worker) holds the directory's lock.
    public func isLocked() -> Bool {
        guard let lock = try? FileDescriptor.open(directory.lockFile, .readOnly) else { return false }
        do throws(Errno) { try lock.tryLock(exclusive: false) } catch { return true }
        return false
    }

    // MARK: Requests

    /// Sends one action; a refusal arrives as `VMMError.requestFailed`. (Only `state` answers with
    /// fields: read them with `state()`.) A worker that takes no connection (its backlog full) or gives no
    /// answer within the deadline while its process lives is `notResponding`.
    public func send(_ action: WorkerAction, timeoutMilliseconds: Int32 = 30_000) throws(VMMError) {
        _ = try reply(to: action, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// The running VM's live figures, the typed reply to `state`.
    public func state(timeoutMilliseconds: Int32 = 5_000) throws(VMMError) -> WorkerStateReport {
        try WorkerStateReport(fields: reply(to: .state, timeoutMilliseconds: timeoutMilliseconds))
    }

    /// The reply's fields, decoded by `WorkerReply` (the protocol's one codec).
    func reply(to action: WorkerAction, timeoutMilliseconds: Int32, passing descriptors: [CInt] = []) throws(VMMError) -> [String: String] {
        let verb = String(action.line.split(separator: " ").first ?? "")
        let socket: FileDescriptor
        do { socket = try UnixSocket.connect(directory.controlSocket, nonBlocking: true) } catch {
            if case .system(_, .wouldBlock) = error, livePID() != nil { throw .notResponding(directory.path) }
            throw .worker("the VM's worker is not running (\(directory.path))")
        }
        if descriptors.isEmpty {
            guard UnixSocket.writeLine(socket, action.line) else { throw .worker("the VM's worker closed its control socket") }
        } else {
            do throws(Errno) { try socket.send(Array((action.line + "\n").utf8), passing: descriptors) } catch {
                throw .worker("the VM's worker closed its control socket")
            }
        }
        guard let reply = UnixSocket.readLine(socket, timeoutMilliseconds: timeoutMilliseconds) else {
            if livePID() != nil { throw .notResponding(directory.path) }
            throw .worker("the VM's worker did not answer \(verb)")
        }
        return try WorkerReply.parse(reply, request: verb)
    }

    /// How long a state query may take before the worker counts as not responding.
    public static let stateDeadlineMilliseconds: Int32 = 2_000

    /// Live state; `.off` with the exit reason when no worker runs. Cleans up after a worker that died.
    /// A worker whose process lives but is stopped (SIGSTOP, a debugger) or misses the state deadline is
    /// reported running with `responding == false` and no figures.
    public func status() -> WorkerStatus {
        if let pid = livePID(), VMWorker.isStopped(pid) { return .notResponding(pid: pid) }
        if let report = try? state(timeoutMilliseconds: VMWorker.stateDeadlineMilliseconds) { return report.status }
        if let pid = livePID() { return .notResponding(pid: pid) }
        // No pid file, yet the lock may be held: a worker starting (its files appear one by one) or ending.
        // Its files are not ours to remove; wait a little for it to settle either way.
        let deadline = Clock.monotonicNanoseconds() + UInt64(VMWorker.stateDeadlineMilliseconds) * 1_000_000
        while livePID() == nil, isLocked(), Clock.monotonicNanoseconds() < deadline { Clock.sleep(milliseconds: 10) }
        if let pid = livePID() {
            if let report = try? state(timeoutMilliseconds: VMWorker.stateDeadlineMilliseconds) { return report.status }
            return .notResponding(pid: pid)
        }
        let record = exitRecord()
        guard removeRuntimeFilesOfDeadWorker() else { return .notResponding(pid: 0) }
        return .off(record)
    }

    /// True when process `pid` is stopped or traced (state T or t in /proc): it cannot answer anything.
    public static func isStopped(_ pid: pid_t) -> Bool {
        guard let state = processState(pid) else { return false }
        return state == "T" || state == "t"
    }

    public func pause() throws(VMMError) { try send(.pause) }
    public func resume() throws(VMMError) { try send(.resume) }
    /// Puts `path` into DVD drive `drive` of a QEMU-engine VM, or ejects its medium when nil.
    /// A DVD drive's new medium (nil: none). The image is opened here and sent with the request: a jailed QEMU
    /// and its worker can open no file of the host by path.
    public func changeMedium(drive: Int, path: String?) throws(VMMError) {
        guard let path else { return try send(.changeMedium(drive: drive, path: nil)) }
        let medium: FileDescriptor
        do throws(Errno) { medium = try FileDescriptor.open(path, .readOnly) } catch { throw .system("open(\(path))", error) }
        _ = try reply(to: .changeMedium(drive: drive, path: path), timeoutMilliseconds: 30_000, passing: [medium.rawValue])
    }
    /// Asks the guest to shut down and waits for it to power off; throws when it cannot take the request or
    /// does not finish in time (then use `turnOff`), `notResponding` at once for a worker that cannot answer.
    /// The built-in firmware takes it; Linux guests cannot yet.
    public func shutdown(timeoutMilliseconds: Int = 30_000) throws(VMMError) {
        let pid = livePID()
        if let pid, VMWorker.isStopped(pid) { throw .notResponding(directory.path) }
        try send(.shutdown, timeoutMilliseconds: VMWorker.stateDeadlineMilliseconds)
        if let pid, !VMWorker.waitUntilGone(pid, timeoutMilliseconds: timeoutMilliseconds) {
            throw .worker("the guest did not power off within \(timeoutMilliseconds / 1000) seconds of the request")
        }
    }

    /// Powers the VM off and waits for the worker to be gone. A worker that does not take the request
    /// (stopped, not answering) or does not end in time is killed, and the exit record says turned off.
    public func turnOff(timeoutMilliseconds: Int = 10_000) throws(VMMError) {
        guard let pid = livePID() else { _ = removeRuntimeFilesOfDeadWorker(); return }
        var gone = false
        if !VMWorker.isStopped(pid), (try? send(.turnOff, timeoutMilliseconds: VMWorker.stateDeadlineMilliseconds)) != nil {
            gone = VMWorker.waitUntilGone(pid, timeoutMilliseconds: timeoutMilliseconds)
        }
        if !gone {
            try? Processes.signal(pid, SIGKILL)
            _ = VMWorker.waitUntilGone(pid, timeoutMilliseconds: 2_000)
            if !FileSystem.exists(directory.exitRecord) {
                try? Files.write(directory.exitRecord, text: WorkerExitRecord(.turnedOff).encoded, durability: .replacedOnly)
            }
        }
        _ = removeRuntimeFilesOfDeadWorker()
    }

    /// Waits until process `pid` has exited (gone, or a zombie nobody reaps).
    static func waitUntilGone(_ pid: pid_t, timeoutMilliseconds: Int) -> Bool {
        let deadline = Clock.monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        while true {
            guard let state = processState(pid) else { return true }
            if (state == "Z" || state == "X") && !hasExitingThreads(pid) { return true }
            if Clock.monotonicNanoseconds() > deadline { return false }
            Clock.sleep(milliseconds: 2)
        }
    }

    /// Whether threads of `pid`'s group other than its leader have yet to finish exiting. A killed
    /// worker's leader turns zombie first; its files (the disks' locks among them) are closed only
    /// when the last thread is through, so a caller that opened a disk as soon as the leader was a
    /// zombie found it "in use by another process".
    /// The state letter of /proc/PID/stat (R, S, D, Z, X, T, ...), nil when the process is gone.
    static func processState(_ pid: pid_t) -> Character? {
        guard let stat = FileSystem.readText("/proc/\(pid)/stat"), let end = stat.lastIndex(of: ")"),
              stat.distance(from: end, to: stat.endIndex) > 2 else { return nil }
        return stat[stat.index(end, offsetBy: 2)]
    }

    static func hasExitingThreads(_ pid: pid_t) -> Bool {
        guard let status = FileSystem.readText("/proc/\(pid)/status") else { return false }
        for line in status.split(separator: "\n") where line.hasPrefix("Threads:") {
            let digits = line.dropFirst("Threads:".count).filter { $0 != " " && $0 != "\t" }
            return (Int(digits) ?? 1) > 1
        }
        return false
    }

    /// Lets go of every disk file of the paused VM (flushed and closed), so the caller may change the files.
    /// The VM cannot resume until each disk is attached again.
    public func detachDisks() throws(VMMError) { try send(.detachDisks) }


    /// Online resize of disk `index` (see `WorkerAction.resizeDisk`); returns the disk's size afterwards.
    public func resizeDisk(index: Int, size: UInt64) throws(VMMError) -> UInt64 {
        let fields = try reply(to: .resizeDisk(index: index, size: size), timeoutMilliseconds: 30_000)
        guard let text = fields["size"], let now = UInt64(text) else { throw .worker("the worker's answer to resize-disk lacks the size") }
        return now
    }


    /// Starts a worker that resumes the VM from a snapshot (saved state or checkpoint).
    public static func restore(_ request: WorkerLaunchRequest, from snapshotDirectory: String,
                               workerPath: String = defaultWorkerPath()) throws(VMMError) -> VMWorker {
        var request = request
        request.restoreFrom = snapshotDirectory
        return try launch(request, workerPath: workerPath)
    }

    // MARK: Console

    /// Everything the guest has written to its console so far.
    public func consoleLog() -> String { FileSystem.readText(directory.consoleLog) ?? "" }

    /// A connected socket on the live console: reads return guest output, writes are typed into the guest.
    /// It closes with its owner.
    public func attachConsole() throws(VMMError) -> FileDescriptor {
        do { return try UnixSocket.connect(directory.consoleSocket) } catch {
            throw .worker("the VM's console is not available (is the VM running?)")
        }
    }

    // MARK: Process bookkeeping

    /// The worker's pid if a live (non-zombie) process owns this directory.
    public func livePID() -> pid_t? {
        guard let text = FileSystem.readText(directory.pidFile),
              let pid = pid_t(text.split(separator: "\n").first ?? ""), pid > 0 else { return nil }
        guard Processes.exists(pid) else { return nil }
        // A zombie (dead, not yet reaped) or a recycled pid of another program is not our worker.
        guard let state = VMWorker.processState(pid), state != "Z", state != "X" else { return nil }
        guard let cmdline = FileSystem.readText("/proc/\(pid)/cmdline"), cmdline.contains(directory.path) else { return nil }
        return pid
    }

    /// Waits until no worker runs for this directory (its process has exited, not just removed its pid file).
    public func waitForExit(timeoutMilliseconds: Int) -> Bool {
        let deadline = Clock.monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        while let pid = livePID() ?? exitingPID() {
            if !VMWorker.waitUntilGone(pid, timeoutMilliseconds: 50) && Clock.monotonicNanoseconds() > deadline { return false }
        }
        return true
    }

    /// The worker's pid while its leader is a zombie whose other threads are still exiting.
    private func exitingPID() -> pid_t? {
        guard let text = FileSystem.readText(directory.pidFile),
              let pid = pid_t(text.split(separator: "\n").first ?? ""), pid > 0,
              let state = VMWorker.processState(pid) else { return nil }
        return (state == "Z" || state == "X") && VMWorker.hasExitingThreads(pid) ? pid : nil
    }

    /// SIGKILL to the worker (last resort; the exit record then says it died).
    public func kill() {
        if let pid = livePID() { try? Processes.signal(pid, SIGKILL) }
    }

    /// Why the last worker for this directory ended; `.died` when its process is gone without a record
    /// (killed, crashed), nil when no worker ran here. A damaged record reads as `.died` too.
    public func exitRecord() -> WorkerExitRecord? {
        if let text = FileSystem.readText(directory.exitRecord) { return (try? WorkerExitRecord(decoding: text)) ?? .died }
        if FileSystem.exists(directory.pidFile) { return .died }
        return nil
    }

    /// `removeRuntimeFiles` when no process holds the directory's lock (taken for the while): the files of a
    /// worker that is starting, whose pid file may not exist yet, are never removed. False when it is held.
    func removeRuntimeFilesOfDeadWorker() -> Bool {
        guard let lock = try? FileDescriptor.open(directory.lockFile, .readWrite, options: [.create], permissions: 0o600),
              (try? lock.tryLock()) != nil else { return false }
        removeRuntimeFiles(keepConsoleLog: true)
        return true
    }

    /// Removes sockets and the pid file a dead worker left behind (records its death first). Only under the
    /// directory's lock.
    func removeRuntimeFiles(keepConsoleLog: Bool) {
        if FileSystem.exists(directory.pidFile), !FileSystem.exists(directory.exitRecord) {
            try? Files.write(directory.exitRecord, text: WorkerExitRecord.died.encoded, durability: .replacedOnly)
        }
        var files = [directory.controlSocket, directory.consoleSocket, directory.pidFile]
        if !keepConsoleLog { files.append(directory.consoleLog) }
        for file in files { _ = try? FileSystem.removeFileIfPresent(file) }
    }
}
