#if canImport(Glibc)
import Glibc
#endif
import LinuxSystem

/// The shell's handle on one VM's worker process (`hvsh-worker`), addressed by its runtime directory.
///
/// A worker is launched detached, owns its VM until the guest powers off or it is told to stop, and leaves
/// an exit record saying why it ended. Every call here is safe to make whether or not the worker still runs.
public struct VMWorker: Sendable, Equatable {
    public let directory: RuntimeDirectory

    public init(runtimeDirectory: String) { directory = RuntimeDirectory(runtimeDirectory) }

    /// glibc's POSIX_SPAWN_SETSID (a GNU extension the Swift importer does not see).
    static let spawnSetSID: Int32 = 0x80

    /// Where `hvsh-worker` is: `$HVSH_WORKER`, else next to the running executable.
    public static func defaultWorkerPath() -> String {
        if let path = getenv("HVSH_WORKER") { return String(cString: path) }
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return "hvsh-worker" }
        let exe = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
        unlink(files.exitRecord)
        try Files.write(files.configuration, text: request.encoded())

        var pipeEnds: [CInt] = [-1, -1]
        if pipe(&pipeEnds) != 0 { throw .system("pipe", .current) }
        // Keep the write end off fd 3, where dup2 onto itself would leave close-on-exec set.
        if pipeEnds[1] <= 3 { let moved = fcntl(pipeEnds[1], F_DUPFD, 10); close(pipeEnds[1]); pipeEnds[1] = moved }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(pipeEnds[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, files.workerLog, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(VMWorker.spawnSetSID | POSIX_SPAWN_SETSIGMASK))
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)

        var pid: pid_t = 0
        let arguments = [workerPath, files.path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, workerPath, &actions, &attributes, &argv, environ)
        close(pipeEnds[1])
        if spawned != 0 { throw .system("posix_spawn(\(workerPath))", Errno(rawValue: spawned)) }
        // The worker forks once and its first process exits at once, so the VM is nobody's child here.
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}

        guard let line = UnixSocket.readLine(pipeEnds[0], timeoutMilliseconds: timeoutMilliseconds) else {
            let log = Files.readText(files.workerLog) ?? ""
            worker.kill()
            throw .worker("the VM worker did not start" + (log.isEmpty ? "" : ": " + log.split(separator: "\n").suffix(3).joined(separator: " ")))
        }
        if line.hasPrefix("error ") { throw .worker(String(line.dropFirst(6))) }
        return worker
    }

    // MARK: Requests

    /// Sends one action and returns the reply's fields.
    @discardableResult
    public func send(_ action: WorkerAction, timeoutMilliseconds: Int32 = 30_000) throws(VMMError) -> [String: String] {
        let fd: CInt
        do { fd = try UnixSocket.connect(directory.controlSocket) } catch {
            throw .worker("the VM's worker is not running (\(directory.path))")
        }
        defer { close(fd) }
        guard UnixSocket.writeLine(fd, action.line) else { throw .worker("the VM's worker closed its control socket") }
        guard let reply = UnixSocket.readLine(fd, timeoutMilliseconds: timeoutMilliseconds) else {
            throw .worker("the VM's worker did not answer \(action.line.split(separator: " ").first ?? "")")
        }
        return try WorkerReply.parse(reply)
    }

    /// Live state; `.off` with the exit reason when no worker runs. Cleans up after a worker that died.
    public func status() -> WorkerStatus {
        if let fields = try? send(.state, timeoutMilliseconds: 5_000) {
            return WorkerStatus(state: WorkerRunState(rawValue: fields["state"] ?? "") ?? .running,
                                cpuUsagePercent: Double(fields["cpu"] ?? "") ?? 0,
                                memoryAssigned: UInt64(fields["memory"] ?? "") ?? 0,
                                residentBytes: UInt64(fields["rss"] ?? "") ?? 0,
                                uptimeMilliseconds: UInt64(fields["uptime"] ?? "") ?? 0,
                                pid: Int32(fields["pid"] ?? "") ?? 0, exitReason: nil, saved: false)
        }
        if livePID() != nil {
            // Running but not answering (e.g. mid-save): report it as running with no figures.
            return WorkerStatus(state: .running, cpuUsagePercent: 0, memoryAssigned: 0, residentBytes: 0,
                                uptimeMilliseconds: 0, pid: livePID() ?? 0, exitReason: nil, saved: false)
        }
        let record = exitRecord()
        removeRuntimeFiles(keepConsoleLog: true)
        return .off(reason: record?.reason, saved: record?.kind == "saved")
    }

    public func pause() throws(VMMError) { try send(.pause) }
    /// Gives network adapter `index` (its place among the launch request's MACs) the tap `name`.
    public func plugTap(index: Int, name: String) throws(VMMError) { try send(.plugTap(index: index, name: name)) }
    public func resume() throws(VMMError) { try send(.resume) }
    /// Puts `path` into DVD drive `drive` of a QEMU-engine VM, or ejects its medium when nil.
    public func changeMedium(drive: Int, path: String?) throws(VMMError) { try send(.changeMedium(drive: drive, path: path)) }
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
            _ = Glibc.kill(pid, SIGKILL)
            _ = VMWorker.waitUntilGone(pid, timeoutMilliseconds: 2_000)
        }
        removeRuntimeFiles(keepConsoleLog: true)
    }

    /// Waits until process `pid` has exited (gone, or a zombie nobody reaps).
    static func waitUntilGone(_ pid: pid_t, timeoutMilliseconds: Int) -> Bool {
        let deadline = monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        while true {
            guard let stat = Files.readText("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return true }
            let state = stat[stat.index(close, offsetBy: 2)...].first
            if state == "Z" || state == "X" { return true }
            if monotonicNanoseconds() > deadline { return false }
            sleepMilliseconds(2)
        }
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
    public func consoleLog() -> String { Files.readText(directory.consoleLog) ?? "" }

    /// A connected socket on the live console: reads return guest output, writes are typed into the guest.
    /// The caller closes it.
    public func attachConsole() throws(VMMError) -> CInt {
        do { return try UnixSocket.connect(directory.consoleSocket) } catch {
            throw .worker("the VM's console is not available (is the VM running?)")
        }
    }

    // MARK: Process bookkeeping

    /// The worker's pid if a live (non-zombie) process owns this directory.
    public func livePID() -> pid_t? {
        guard let text = Files.readText(directory.pidFile),
              let pid = pid_t(text.split(separator: "\n").first ?? ""), pid > 0 else { return nil }
        guard Glibc.kill(pid, 0) == 0 || errno == EPERM else { return nil }
        // A zombie (dead, not yet reaped) or a recycled pid of another program is not our worker.
        guard let stat = Files.readText("/proc/\(pid)/stat"),
              let close = stat.lastIndex(of: ")") else { return nil }
        let state = stat[stat.index(close, offsetBy: 2)...].first
        if state == "Z" || state == "X" { return nil }
        guard let cmdline = Files.readText("/proc/\(pid)/cmdline"), cmdline.contains(directory.path) else { return nil }
        return pid
    }

    /// Waits until no worker runs for this directory (its process has exited, not just removed its pid file).
    public func waitForExit(timeoutMilliseconds: Int) -> Bool {
        let deadline = monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        while let pid = livePID() {
            if !VMWorker.waitUntilGone(pid, timeoutMilliseconds: 50) && monotonicNanoseconds() > deadline { return false }
        }
        return true
    }

    /// SIGKILL to the worker (last resort; the exit record then says it died).
    public func kill() {
        if let pid = livePID() { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// The reason the last worker for this directory ended: `kind` is `saved`, `turned-off`, `guest`, `error`
    /// or `died` (no record: the worker was killed or crashed).
    public func exitRecord() -> (kind: String, reason: String)? {
        if let text = Files.readText(directory.exitRecord) {
            var fields: [String: String] = [:]
            for line in text.split(separator: "\n") {
                if let equals = line.firstIndex(of: "=") {
                    fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
                }
            }
            return (fields["kind"] ?? "guest", fields["reason"] ?? "")
        }
        if Files.exists(directory.pidFile) { return ("died", "the VM worker process ended unexpectedly") }
        return nil
    }

    /// Removes sockets and the pid file a dead worker left behind (records its death first).
    func removeRuntimeFiles(keepConsoleLog: Bool) {
        if Files.exists(directory.pidFile), !Files.exists(directory.exitRecord) {
            try? Files.write(directory.exitRecord, text: "kind=died\nreason=the VM worker process ended unexpectedly\n")
        }
        unlink(directory.controlSocket)
        unlink(directory.consoleSocket)
        unlink(directory.pidFile)
        if !keepConsoleLog { unlink(directory.consoleLog) }
    }
}
