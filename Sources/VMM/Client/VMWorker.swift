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
    /// A worker already running for the directory is an error.
    public static func launch(_ request: WorkerLaunchRequest, workerPath: String = defaultWorkerPath(),
                              timeoutMilliseconds: Int32 = 15_000) throws(VMMError) -> VMWorker {
        let worker = VMWorker(runtimeDirectory: request.runtimeDirectory)
        let files = worker.directory
        try Files.makeDirectory(files.path)
        if worker.livePID() != nil { throw .worker("a worker is already running for \(files.path)") }
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
                             .duplicate(readyWriter.rawValue, as: 3)]
        spawn.startsNewSession = true
        let pid: pid_t
        do { pid = try spawn.run() } catch { throw .system("posix_spawn(\(workerPath))", error) }
        // Only the worker may hold the write end, or the read below never sees it close.
        _ = consume readyWriter
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

    // MARK: Requests

    /// Sends one action and returns the reply's fields.
    @discardableResult
    public func send(_ action: WorkerAction, timeoutMilliseconds: Int32 = 30_000) throws(VMMError) -> [String: String] {
        let socket: FileDescriptor
        do { socket = try UnixSocket.connect(directory.controlSocket) } catch {
            throw .worker("the VM's worker is not running (\(directory.path))")
        }
        guard UnixSocket.writeLine(socket, action.line) else { throw .worker("the VM's worker closed its control socket") }
        guard let reply = UnixSocket.readLine(socket, timeoutMilliseconds: timeoutMilliseconds) else {
            throw .worker("the VM's worker did not answer \(action.line.split(separator: " ").first ?? "")")
        }
        return try WorkerReply.parse(reply, request: String(action.line.split(separator: " ").first ?? ""))
    }

    /// Live state; `.off` with the exit reason when no worker runs. Cleans up after a worker that died.
    public func status() -> WorkerStatus {
        if let fields = try? send(.state, timeoutMilliseconds: 5_000), let report = try? WorkerStateReport(fields: fields) {
            return report.status
        }
        if livePID() != nil {
            // Running but not answering (e.g. mid-save): report it as running with no figures.
            return WorkerStatus(state: .running, cpuUsagePercent: 0, memoryAssigned: 0, residentBytes: 0,
                                uptimeMilliseconds: 0, pid: livePID() ?? 0, exitReason: nil, saved: false)
        }
        let record = exitRecord()
        removeRuntimeFiles(keepConsoleLog: true)
        return .off(reason: record?.reason, saved: record?.kind == .saved)
    }

    public func pause() throws(VMMError) { try send(.pause) }
    /// Gives network adapter `index` (its place among the launch request's MACs) the tap `name`.
    public func plugTap(index: Int, name: String) throws(VMMError) { try send(.plugTap(index: index, name: name)) }
    public func resume() throws(VMMError) { try send(.resume) }
    /// Asks the guest to shut down and waits for it to power off; throws when it cannot take the request or
    /// does not finish in time (then use `turnOff`). The built-in firmware takes it; Linux guests cannot yet.
    public func shutdown(timeoutMilliseconds: Int = 30_000) throws(VMMError) {
        let pid = livePID()
        try send(.shutdown)
        if let pid, !VMWorker.waitUntilGone(pid, timeoutMilliseconds: timeoutMilliseconds) {
            throw .worker("the guest did not shut down within \(timeoutMilliseconds / 1000) seconds")
        }
    }

    /// Powers the VM off and waits for the worker to be gone.
    public func turnOff(timeoutMilliseconds: Int = 10_000) throws(VMMError) {
        guard let pid = livePID() else { removeRuntimeFiles(keepConsoleLog: true); return }
        _ = try? send(.turnOff, timeoutMilliseconds: 5_000)
        if !VMWorker.waitUntilGone(pid, timeoutMilliseconds: timeoutMilliseconds) {
            try? Processes.signal(pid, SIGKILL)
            _ = VMWorker.waitUntilGone(pid, timeoutMilliseconds: 2_000)
        }
        removeRuntimeFiles(keepConsoleLog: true)
    }

    /// Waits until process `pid` has exited (gone, or a zombie nobody reaps).
    static func waitUntilGone(_ pid: pid_t, timeoutMilliseconds: Int) -> Bool {
        let deadline = Clock.monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        while true {
            guard let stat = FileSystem.readText("/proc/\(pid)/stat"), let end = stat.lastIndex(of: ")") else { return true }
            let state = stat[stat.index(end, offsetBy: 2)...].first
            if state == "Z" || state == "X" { return true }
            if Clock.monotonicNanoseconds() > deadline { return false }
            Clock.sleep(milliseconds: 2)
        }
    }

    /// Lets go of every disk file of the paused VM (flushed and closed), so the caller may change the files.
    /// The VM cannot resume until each disk is attached again.
    public func detachDisks() throws(VMMError) { try send(.detachDisks) }

    /// Gives disk `index` of the paused VM the file at `path` (the newest file of its chain).
    public func attachDisk(index: Int, path: String) throws(VMMError) { try send(.attachDisk(index: index, path: path)) }

    /// Online resize of disk `index` (see `WorkerAction.resizeDisk`); returns the disk's size afterwards.
    public func resizeDisk(index: Int, size: UInt64) throws(VMMError) -> UInt64 {
        let fields = try send(.resizeDisk(index: index, size: size))
        guard let text = fields["size"], let now = UInt64(text) else { throw .worker("the worker's answer to resize-disk lacks the size") }
        return now
    }

    /// Saves the VM's whole state to `snapshotDirectory` and ends the worker (Hyper-V's Save-VM).
    public func save(to snapshotDirectory: String) throws(VMMError) {
        let pid = livePID()
        try send(.save(directory: snapshotDirectory))
        if let pid { _ = VMWorker.waitUntilGone(pid, timeoutMilliseconds: 10_000) }
    }

    /// Writes a snapshot of the running (or paused) VM to `snapshotDirectory`; the VM carries on.
    public func checkpoint(to snapshotDirectory: String) throws(VMMError) {
        try send(.checkpoint(directory: snapshotDirectory))
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
        guard let stat = FileSystem.readText("/proc/\(pid)/stat"),
              let end = stat.lastIndex(of: ")") else { return nil }
        let state = stat[stat.index(end, offsetBy: 2)...].first
        if state == "Z" || state == "X" { return nil }
        guard let cmdline = FileSystem.readText("/proc/\(pid)/cmdline"), cmdline.contains(directory.path) else { return nil }
        return pid
    }

    /// Waits until no worker runs for this directory (its process has exited, not just removed its pid file).
    public func waitForExit(timeoutMilliseconds: Int) -> Bool {
        let deadline = Clock.monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        while let pid = livePID() {
            if !VMWorker.waitUntilGone(pid, timeoutMilliseconds: 50) && Clock.monotonicNanoseconds() > deadline { return false }
        }
        return true
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

    /// Removes sockets and the pid file a dead worker left behind (records its death first).
    func removeRuntimeFiles(keepConsoleLog: Bool) {
        if FileSystem.exists(directory.pidFile), !FileSystem.exists(directory.exitRecord) {
            try? Files.write(directory.exitRecord, text: WorkerExitRecord.died.encoded, durability: .replacedOnly)
        }
        var files = [directory.controlSocket, directory.consoleSocket, directory.pidFile]
        if !keepConsoleLog { files.append(directory.consoleLog) }
        for file in files { _ = try? FileSystem.removeFileIfPresent(file) }
    }
}
