#if canImport(Glibc)
import Glibc
#endif
import LinuxSystem
import VMM

/// The worker of a VM that runs in QEMU: it starts QEMU as its child and stands in front of it, so the shell
/// sees the same worker as for a native VM (control socket, console log and socket, pid file, exit record).
/// Control requests become QMP commands; the guest's first serial port is relayed to the console; when QEMU
/// ends, for whatever reason, the exit record says why and nothing is left behind.
final class QEMUSupervisor {
    let worker: Worker
    let request: WorkerLaunchRequest
    let qemu: QEMUMachine
    let directory: RuntimeDirectory
    let installation = QEMUInstallation()
    let startedAt = monotonicNanoseconds()

    var process: QEMUProcess!
    var monitor: QMPConnection!
    var serialFD: CInt = -1
    var console: ConsoleSink!
    var usage = QEMUUsageMeter()
    /// Why the VM is ending, once known (a control request, or QEMU's SHUTDOWN event).
    var ending: (kind: String, reason: String)?
    var shutdownRequested = false

    init(worker: Worker, request: WorkerLaunchRequest, qemu: QEMUMachine) {
        self.worker = worker
        self.request = request
        self.qemu = qemu
        self.directory = worker.directory
    }

    var qemuLog: String { directory.path + "/qemu.log" }
    static let stateFile = "qemu-state.bin"
    static let nvramFile = "nvram.fd"

    func run(signals: CInt) -> Int32 {
        let secureBoot: Bool
        if case .uefi(_, _, let on) = qemu.firmware { secureBoot = on } else { secureBoot = false }
        if let missing = installation.missing(for: qemu.chipset, secureBoot: secureBoot) { return worker.fail(missing.description) }
        if request.machine.exposeVirtualizationExtensions, qemu.accelerator == .tcg {
            return worker.fail(VMMError.nestedVirtualizationUnavailable(missing: "QEMU runs this VM with software emulation, because the host's KVM cannot run a guest kernel (its CPU shows neither VT-x nor AMD-V), and software emulation cannot give the guest VT-x or AMD-V").description)
        }
        do { try start() } catch {
            if let process { process.kill() }
            return worker.fail(startFailure(error))
        }

        let control: CInt, consoleListener: CInt
        do {
            control = try UnixSocket.listen(directory.controlSocket)
            consoleListener = try UnixSocket.listen(directory.consoleSocket)
            try Files.write(directory.pidFile, text: "\(getpid())\n")
            if !request.startPaused { try monitor.execute("cont") }
        } catch {
            process.kill()
            return worker.fail(startFailure(error))
        }
        defer { close(control); close(consoleListener) }
        worker.report("ready \(getpid())")

        serve(control: control, consoleListener: consoleListener, signals: signals)
        finish()
        return 0
    }

    /// The reason for a failed start, with the end of QEMU's own messages, which say what it disliked.
    func startFailure(_ error: VMMError) -> String {
        let log = (Files.readText(qemuLog) ?? "").split(separator: "\n").filter { !$0.contains("has no peer") }.suffix(3)
        return "QEMU could not start the VM: \(error)" + (log.isEmpty ? "" : " (QEMU: \(log.joined(separator: " ")))")
    }

    // MARK: Start

    private func start() throws(VMMError) {
        if let namespace = request.networkNamespace { try NetworkNamespaceEntry.enter(namespace) }
        console = try ConsoleSink(logPath: directory.consoleLog)
        if case .uefi(_, let variables, _) = qemu.firmware {
            if let snapshot = request.restoreFrom, Files.exists(snapshot + "/" + Self.nvramFile) {
                // The guest's NVRAM as it was when the state was saved (boot entries, Secure Boot variables).
                try Files.write(variables, try Files.read(snapshot + "/" + Self.nvramFile))
            }
            guard Files.exists(variables) else { throw .invalidConfiguration("the VM's NVRAM file \(variables) is missing") }
        }
        var taps: [Tap?] = []
        for (index, _) in request.machine.macAddresses.enumerated() {
            let name = index < request.machine.tapNames.count ? request.machine.tapNames[index] : ""
            taps.append(name.isEmpty ? nil : try Tap(name: name))
        }
        var monitorPair: [CInt] = [-1, -1], serialPair: [CInt] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &monitorPair) == 0,
              socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &serialPair) == 0 else {
            throw .system("socketpair", .current)
        }
        var incoming: CInt?
        if let snapshot = request.restoreFrom {
            let fd = open(snapshot + "/" + Self.stateFile, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw .badSnapshot("\(snapshot)/\(Self.stateFile) cannot be read: \(Errno.current)") }
            incoming = fd
        }
        let log = open(qemuLog, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            if log >= 0 { close(log) }
            close(monitorPair[1])
            close(serialPair[1])
            if let incoming { close(incoming) }
        }
        let commandLine = QEMUCommandLine(name: request.name, machine: request.machine, qemu: qemu, installation: installation,
                                          monitorFD: monitorPair[1], serialFD: serialPair[1],
                                          tapFDs: taps.map { $0?.fd }, incomingFD: incoming)
        let keep = [monitorPair[1], serialPair[1]] + taps.compactMap { $0?.fd } + (incoming.map { [$0] } ?? [])
        monitor = QMPConnection(fd: monitorPair[0])
        serialFD = serialPair[0]
        _ = fcntl(serialFD, F_SETFL, fcntl(serialFD, F_GETFL) | O_NONBLOCK)
        process = try QEMUProcess.spawn(commandLine.arguments, keep: keep, outputFD: log)
        // The taps stay open in QEMU alone, so they vanish with it.
        taps.removeAll()
        try monitor.negotiate()
        if incoming != nil { try waitForIncomingState() }
    }

    /// QEMU loads a saved state before it answers `cont`; wait until it has, or report why it could not.
    private func waitForIncomingState() throws(VMMError) {
        let deadline = monotonicNanoseconds() + 300_000_000_000
        while monotonicNanoseconds() < deadline {
            let status = try monitor.execute("query-status")["status"]?.string ?? ""
            if status != "inmigrate" { return }
            if process.reap() { throw .badSnapshot("QEMU could not load the saved state") }
            usleep(20_000)
        }
        throw .badSnapshot("QEMU did not finish loading the saved state within 300 seconds")
    }

    // MARK: Event loop

    private func serve(control: CInt, consoleListener: CInt, signals: CInt) {
        while ending == nil || !process.reap() {
            let clients = console.clients
            var fds = [pollfd(fd: monitor.fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: serialFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: control, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: consoleListener, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: signals, events: Int16(POLLIN), revents: 0)]
            fds += clients.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 500)
            usage.sample(process)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 { if process.reap() { break }; continue }
            if fds[1].revents != 0 { relaySerialOutput() }
            if fds[0].revents != 0 {
                monitor.pump()
                handleEvents()
                if monitor.closed { break }
            }
            if fds[4].revents != 0 {
                drainSignals(signals)
                turnOff()
            }
            if fds[2].revents != 0 {
                let connection = UnixSocket.accept(control)
                if connection >= 0 {
                    if let line = UnixSocket.readLine(connection, timeoutMilliseconds: 2_000) {
                        _ = UnixSocket.writeLine(connection, handle(line))
                    }
                    close(connection)
                }
            }
            if fds[3].revents != 0 {
                let connection = UnixSocket.accept(consoleListener, nonBlocking: true)
                if connection >= 0 { console.add(connection) }
            }
            for entry in fds.dropFirst(5) where entry.revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 512)
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 { _ = buffer.withUnsafeBytes { Files.writeAll(serialFD, UnsafeRawBufferPointer(rebasing: $0[0..<count])) } }
                else if count == 0 || (errno != EAGAIN && errno != EINTR) { console.remove(entry.fd) }
            }
        }
        relaySerialOutput()
    }

    private func relaySerialOutput() {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(serialFD, &buffer, buffer.count)
            guard count > 0 else { return }
            console.write(contentsOf: Array(buffer[0..<count]))
        }
    }

    private func drainSignals(_ signals: CInt) {
        var info = [UInt8](repeating: 0, count: 128)
        while read(signals, &info, info.count) > 0 {}
    }

    private func handleEvents() {
        for event in monitor.takeEvents() where event["event"]?.string == "SHUTDOWN" {
            let guest = event["data"]?["guest"]?.bool ?? false
            if guest, ending == nil { ending = ("guest", "the guest powered off") }
        }
    }

    /// Ends QEMU now (Stop-VM -TurnOff, or a termination signal to the worker).
    func turnOff() {
        if ending == nil { ending = ("turned-off", "turned off") }
        _ = try? monitor.execute("quit", timeoutMilliseconds: 2_000)
        if !process.reap(timeoutMilliseconds: 5_000) { process.kill() }
    }

    // MARK: End

    private func finish() {
        if !process.reap(timeoutMilliseconds: 10_000) { process.kill() }
        relaySerialOutput()
        let kind: String, reason: String
        if let ending {
            (kind, reason) = ending
        } else if case .exited(0) = process.termination {
            // QEMU ends cleanly on its own only when the guest powers off.
            (kind, reason) = ("guest", "the guest powered off")
        } else {
            let log = (Files.readText(qemuLog) ?? "").split(separator: "\n").suffix(2).joined(separator: " ")
            (kind, reason) = ("died", "the VM's QEMU process ended unexpectedly (\(process.termination?.description ?? "unknown"))"
                                + (log.isEmpty ? "" : ": \(log)"))
        }
        worker.writeExitRecord(kind: kind, reason: reason)
        worker.removeRuntimeFiles()
        if serialFD >= 0 { close(serialFD) }
    }
}

/// Get-VM's CPUUsage for a QEMU VM: QEMU's CPU time (every thread) over wall time, as a share of the host.
struct QEMUUsageMeter {
    private var lastWall = monotonicNanoseconds()
    private var lastCPU: UInt64 = 0
    private(set) var percent = 0.0
    private let hostCPUs = Double(max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    mutating func sample(_ process: QEMUProcess, minimumIntervalNanoseconds: UInt64 = 500_000_000) {
        let wall = monotonicNanoseconds()
        guard wall - lastWall >= minimumIntervalNanoseconds else { return }
        let cpu = process.cpuNanoseconds() + processCPUNanoseconds()
        if lastCPU != 0, cpu >= lastCPU { percent = Double(cpu - lastCPU) / Double(wall - lastWall) / hostCPUs * 100 }
        lastWall = wall
        lastCPU = cpu
    }

    var percentText: String {
        let scaled = UInt64(max(0, percent) * 10_000 + 0.5)
        let fraction = String(scaled % 10_000)
        return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
