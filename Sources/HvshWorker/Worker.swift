import CWorkerJail
import Glibc
import LinuxSystem
import VMM

/// The worker's life: build the VM from vm.conf (or a snapshot), serve the control and console sockets,
/// and when the VM ends leave an exit record and no sockets or pid file behind.
final class Worker {
    let directory: RuntimeDirectory
    /// The launcher's pipe: one line, `ready <pid>` or `error <message>`, then closed. Nil when run by hand.
    private var ready: FileDescriptor?
    private var cpu = CPUUsageMeter()
    private var heartbeat = GuestHeartbeatMonitor()
    private let startedAt = Clock.monotonicNanoseconds()
    /// Set once the guest accepted a shutdown request, so its exit reads as a power-off.
    private var shutdownRequested = false
    /// The runtime directory's lock (handed over by the launcher as descriptor 4, or taken here when run by
    /// hand), held until this process exits: while it is held no second worker starts for this VM.
    private let lock: FileDescriptor?
    /// Where `save` may write (vm.conf's saved-state location); set once the request is read.
    private(set) var savedStateDirectory = ""
    private let control = ControlConnections()
    /// Whether test-only requests are served (HVSH_WORKER_TEST_REQUESTS=1 in the environment it started with).
    let testRequests = getenv("HVSH_WORKER_TEST_REQUESTS").map { String(cString: $0) == "1" } ?? false

    init(directory: RuntimeDirectory, ready: consuming FileDescriptor?, lock: consuming FileDescriptor?) {
        self.directory = directory
        self.ready = ready
        self.lock = lock ?? (try? FileDescriptor.open(directory.lockFile, .readWrite, options: [.create], permissions: 0o600))
    }

    /// Whether this process holds the runtime directory's lock: the descriptor is that very file (not
    /// something else that arrived as descriptor 4) and the lock is ours.
    private func holdsLock() -> Bool {
        guard let opened = try? lock?.status(), let file = try? FileSystem.status(directory.lockFile),
              opened.device == file.device, opened.inode == file.inode else { return false }
        return (try? lock?.tryLock()) != nil
    }

    func report(_ line: String) {
        // Taking the descriptor out closes it once the line is written: the launcher then sees the end.
        guard let ready = ready.take() else { return }
        try? ready.writeAll(Array((line + "\n").utf8))
    }

    func writeExitRecord(_ record: WorkerExitRecord) {
        try? Files.write(directory.exitRecord, text: record.encoded, durability: .replacedOnly)
    }

    func removeRuntimeFiles() {
        for file in [directory.controlSocket, directory.consoleSocket, directory.pidFile] {
            _ = try? FileSystem.removeFileIfPresent(file)
        }
    }

    func fail(_ message: String) -> Int32 {
        writeExitRecord(WorkerExitRecord(kind: .error, reason: message))
        removeRuntimeFiles()
        report(WorkerReply.error(message))
        return 1
    }

    func run() -> Int32 {
        // The launcher's lock is already ours (same open file description); one taken by hand may be held by
        // another worker, whose files are then left alone.
        guard holdsLock() else {
            report(WorkerReply.error("a worker is already running for \(directory.path)"))
            return 1
        }
        let signals: FileDescriptor
        do { signals = try TerminationSignals.blockAndOpen() } catch { return fail("signalfd: \(error)") }
        let request: WorkerLaunchRequest
        do {
            guard let text = FileSystem.readText(directory.configuration) else { return fail("\(directory.configuration) is missing") }
            request = try WorkerLaunchRequest.decode(text)
        } catch { return fail("\(error)") }
        savedStateDirectory = request.savedStateDirectory
        if let qemu = request.qemu {
            return QEMUSupervisor(worker: self, request: request, qemu: qemu).run(signals: signals)
        }
        // While this is the process's only thread (the kernel refuses it later): the mount namespace the jail
        // builds its root in. Files are still opened by their host paths until the jail is entered.
        if Jail.wanted, let problem = Jail.isolateMounts() { return fail("entering the jail: \(problem)") }

        let console: ConsoleSink
        do { console = try ConsoleSink(logPath: directory.consoleLog) } catch { return fail("\(error)") }

        let machine: Machine
        do {
            if let namespace = request.networkNamespace {
                do { try NetworkNamespace.enter(path: namespace) } catch {
                    throw VMMError.system("entering network namespace \(namespace)", error)
                }
            }
            if let snapshot = request.restoreFrom {
                machine = try MachineSnapshot.restore(configuration: request.machine, from: snapshot, openDisk: WorkerDisks.opener, console: console.output)
            } else {
                machine = try Machine(configuration: request.machine, openDisk: WorkerDisks.opener, console: console.output)
            }
        } catch { return fail("\(error)") }

        let control: FileDescriptor
        do { control = try UnixSocket.listen(directory.controlSocket) } catch { return fail("\(error)") }
        let consoleListener: FileDescriptor
        do { consoleListener = try UnixSocket.listen(directory.consoleSocket) } catch { return fail("\(error)") }
        do {
            try Files.write(directory.pidFile, text: "\(Processes.current)\n", durability: .replacedOnly)
        } catch { return fail("\(error)") }
        // Everything the VM needs is open: give up the rest before the first guest instruction runs, and
        // before the vCPU threads exist, so that they start inside the jail too.
        if Jail.wanted, let problem = Jail.enter(runtimeDirectory: directory) { return fail("entering the jail: \(problem)") }
        do {
            try machine.start(paused: request.startPaused)
        } catch { return fail("\(error)") }
        report("ready \(Processes.current)")
        StartupCodeRelease.release()

        serve(machine: machine, control: control, consoleListener: consoleListener, console: console, signals: signals)
        _ = consume control
        _ = consume consoleListener

        var reason = machine.waitForExit()
        if shutdownRequested, case .guestExit = reason { reason = .guestPowerOff }
        writeExitRecord(WorkerExitRecord(reason))
        removeRuntimeFiles()
        return 0
    }

    // MARK: Event loop

    private func serve(machine: Machine, control listener: borrowing FileDescriptor, consoleListener: borrowing FileDescriptor,
                       console: ConsoleSink, signals: borrowing FileDescriptor) {
        while true {
            let clients = console.clients
            let connections = control.open
            var entries = [PollEntry(machine.exitEvent.descriptor, .readable), PollEntry(listener, .readable),
                           PollEntry(consoleListener, .readable), PollEntry(signals, .readable)]
            entries += clients.map { PollEntry($0.descriptor, .readable) }
            entries += connections.map { PollEntry($0.descriptor, .readable) }
            let timeout = min(500, control.expire() ?? 500)
            let ready = try? Poll.wait(&entries, timeoutMilliseconds: timeout)
            cpu.sample()
            heartbeat.tick(machine)
            guard let ready else { return }
            if ready == 0 { continue }
            if entries[0].isReady { return }
            if entries[3].isReady {
                machine.requestExit(.turnedOff)
                return
            }
            if entries[1].isReady { control.accept(from: listener) }
            if entries[2].isReady, let connection = try? consoleListener.accept(nonBlocking: true) {
                console.add(connection)
            }
            console.readInput(from: clients, polled: entries.dropFirst(4)) { machine.serial.enqueueInput($0[...]) }
            control.serve(connections, polled: entries.dropFirst(4 + clients.count)) { line, passed in
                handle(line, passed: passed, machine: machine)
            }
        }
    }

    private func handle(_ line: String, passed: PassedDescriptors, machine: Machine) -> String {
        guard let action = WorkerAction(line: line) else { return WorkerReply.error("unknown request: \(line)") }
        switch action {
        case .state:
            cpu.sample(minimumIntervalNanoseconds: 100_000_000)
            return WorkerStateReport(paused: machine.isPaused, cpuUsageTenThousandths: cpu.tenThousandths,
                                     memoryAssigned: machine.configuration.memorySize, residentBytes: residentBytes(),
                                     uptimeMilliseconds: (Clock.monotonicNanoseconds() - startedAt) / 1_000_000,
                                     pid: Processes.current, vcpuCount: machine.configuration.vcpuCount,
                                     heartbeat: heartbeat.state()).replyLine
        case .pause:
            return machine.pause() ? WorkerReply.ok() : WorkerReply.error("the VM is stopping")
        case .resume:
            if let detached = machine.disks.firstIndex(where: { !$0.isAttached }) {
                return WorkerReply.error("disk \(detached) has no file attached; the VM stays paused until it has")
            }
            return machine.resume() ? WorkerReply.ok() : WorkerReply.error("the VM is stopping")
        case .turnOff:
            machine.requestExit(.turnedOff)
            return WorkerReply.ok()
        case .shutdown:
            guard machine.requestGuestShutdown() else {
                return WorkerReply.error("the guest has no shutdown integration service to take the request")
            }
            shutdownRequested = true
            return WorkerReply.ok()
        case .save(let target):
            // Only to the VM's own saved-state location, where the shell looks for it: anything else would
            // leave a VM that is off with its state in a place nobody knows.
            guard Self.samePath(target, savedStateDirectory) else {
                return WorkerReply.error("the VM's state can be saved only to its saved-state location \(savedStateDirectory)")
            }
            return snapshot(machine, to: Self.handedDirectory(passed) ?? savedStateDirectory, thenStop: true)
        case .checkpoint(let target):
            return snapshot(machine, to: Self.handedDirectory(passed) ?? target, thenStop: false)
        case .changeMedium:
            return WorkerReply.error("the native VMM's DVD drives cannot change their medium while the VM runs")
        case .plugTap(let index, let name):
            guard index < machine.networkAdapters.count else { return WorkerReply.error("the VM has no network adapter \(index)") }
            do {
                // The shell opened it (the jailed worker has no /dev/net/tun); by name when run unjailed by hand.
                let tap: TapDevice
                if let descriptor = passed.take(0) { tap = try VirtioNet.adoptTap(descriptor, name: name) } else { tap = try VirtioNet.openTap(name) }
                // The shell made it persistent for the jailed worker, which may open but not create a tap;
                // from here on it lives as long as this worker, like the taps opened at start.
                try? tap.setPersistent(false)
                try machine.networkAdapters[index].plug(tap)
            } catch { return WorkerReply.error("\(error)") }
            return WorkerReply.ok()
        case .forbiddenCallForTest:
            guard testRequests else { return WorkerReply.error("unknown request: \(line)") }
            _ = hvsh_jail_forbidden_call()
            return WorkerReply.error("the forbidden call returned: no filter is installed")
        case .networkSocketForTest:
            guard testRequests else { return WorkerReply.error("unknown request: \(line)") }
            _ = hvsh_jail_network_socket_for_test()
            return WorkerReply.error("the network socket was made: no filter is installed")
        case .openFileForTest(let path):
            guard testRequests else { return WorkerReply.error("unknown request: \(line)") }
            do throws(Errno) { _ = try FileDescriptor.open(path, .readOnly) } catch { return WorkerReply.error("\(error)") }
            return WorkerReply.ok()
        case .detachDisks:
            do { try machine.detachDisks() } catch { return WorkerReply.error("\(error)") }
            return WorkerReply.ok()
        case .resizeDisk(let index, let size):
            do {
                let now = try machine.resizeDisk(index, to: size)
                return WorkerReply.ok([("size", String(now))])
            } catch { return WorkerReply.error("\(error)") }
        case .attachDisk(let index, let path):
            do {
                if passed.count > 0 {
                    try machine.attachDisk(index, backend: WorkerDisks.adopting(passed, path: path, readOnly: machine.diskIsReadOnly(index)))
                } else {
                    try machine.attachDisk(index, path: path)
                }
                try recordDiskPath(index, path)
            } catch { return WorkerReply.error("\(error)") }
            return WorkerReply.ok()
        }
    }

    /// A folder the shell created and handed over with `save`/`checkpoint`: the jailed worker reaches it
    /// through its own descriptor table (/proc/self/fd), the only way into it from the worker's root.
    static func handedDirectory(_ passed: PassedDescriptors) -> String? {
        passed.number(0).map { "/proc/self/fd/\($0)" }
    }

    /// vm.conf names the files the VM uses now (a later save or checkpoint copies it as the VM's shape).
    private func recordDiskPath(_ index: Int, _ path: String) throws(VMMError) {
        guard let text = FileSystem.readText(directory.configuration) else { return }
        var request = try WorkerLaunchRequest.decode(text)
        guard request.machine.disks.indices.contains(index) else { return }
        request.machine.disks[index].path = path
        try Files.write(directory.configuration, text: request.encoded())
    }

    private func snapshot(_ machine: Machine, to target: String, thenStop: Bool) -> String {
        let wasPaused = machine.isPaused
        guard machine.pause() else { return WorkerReply.error("the VM is stopping") }
        do {
            try MachineSnapshot.save(machine, to: target)
            if let conf = FileSystem.readText(directory.configuration) { try Files.write(target + "/vm.conf", text: conf) }
        } catch {
            if !wasPaused { machine.resume() }
            return WorkerReply.error("\(error)")
        }
        if thenStop { machine.requestExit(.saved) } else if !wasPaused { machine.resume() }
        return WorkerReply.ok()
    }

    /// Equal paths once repeated and trailing slashes are ignored.
    static func samePath(_ a: String, _ b: String) -> Bool {
        func parts(_ path: String) -> [Substring] { path.split(separator: "/", omittingEmptySubsequences: true) }
        return a.hasPrefix("/") == b.hasPrefix("/") && parts(a) == parts(b)
    }

    private func residentBytes() -> UInt64 {
        guard let text = FileSystem.readText("/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = UInt64(fields[1]) else { return 0 }
        return pages * UInt64(Processes.pageSize)
    }
}
