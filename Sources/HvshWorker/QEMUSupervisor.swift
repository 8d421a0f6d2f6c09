import Glibc
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
    let startedAt = Clock.monotonicNanoseconds()

    var process: QEMUProcess!
    var monitor: QMPConnection!
    /// The worker's end of the guest's first serial port.
    var serial: FileDescriptor?
    var console: ConsoleSink!
    var usage = QEMUUsageMeter()
    let controlConnections = ControlConnections()
    /// The disks the worker serves to QEMU over NBD, in `request.machine.disks` order (the shell's disk indexes).
    var exports: [NBDExport] = []
    /// Why the VM is ending, once known (a control request, or QEMU's SHUTDOWN event).
    var ending: WorkerExitRecord?
    /// The VM's UEFI variable store, opened before the jail: QEMU writes it through its copy of this descriptor
    /// and a save reads it from here (the jailed worker cannot open it by path).
    var variables: FileDescriptor?
    /// The uid and gid QEMU and then the worker run as (nil when not jailed: not the host's root, or no jail wanted).
    var identity: UInt32?
    /// The next QMP descriptor set for a DVD's new medium (each medium its own set), and each drive's current one,
    /// removed when the medium is changed again so QEMU closes that file.
    var nextMediumSet = 64
    var mediumSets: [Int: Int] = [:]
    /// When the balloon was last looked at, and the guest report it was moved for (dynamic memory).
    var lastBalloonCheck: UInt64 = 0
    var lastBalloonReport: UInt64 = 0
    /// What the guest last reported using (its balloon driver's statistics); nil before its first report.
    var guestDemand: UInt64?

    init(worker: Worker, request: WorkerLaunchRequest, qemu: QEMUMachine) {
        self.worker = worker
        self.request = request
        self.qemu = qemu
        self.directory = worker.directory
    }

    var qemuLog: String { directory.path + "/qemu.log" }
    static let stateFile = "qemu-state.bin"
    static let nvramFile = "nvram.fd"

    func run(signals: borrowing FileDescriptor) -> Int32 {
        let secureBoot: Bool
        if case .uefi(_, _, let on) = qemu.firmware { secureBoot = on } else { secureBoot = false }
        if let missing = installation.missing(for: qemu.chipset, secureBoot: secureBoot) { return worker.fail(missing.description) }
        // While this is the process's only thread: the mount namespace the worker's jail builds its root in.
        if Jail.wanted, let problem = Jail.isolateMounts() { return worker.fail("entering the jail: \(problem)") }
        if request.machine.exposeVirtualizationExtensions, qemu.accelerator == .tcg {
            return worker.fail(VMMError.nestedVirtualizationUnavailable(missing: "QEMU runs this VM with software emulation, because the host's KVM cannot run a guest kernel (its CPU shows neither VT-x nor AMD-V), and software emulation cannot give the guest VT-x or AMD-V").description)
        }
        do throws(VMMError) { try start() } catch {
            if let process { process.kill() }
            return worker.fail(startFailure(error))
        }

        let control: FileDescriptor
        do throws(VMMError) { control = try UnixSocket.listen(directory.controlSocket) } catch {
            process.kill()
            return worker.fail(startFailure(error))
        }
        let consoleListener: FileDescriptor
        do throws(VMMError) { consoleListener = try UnixSocket.listen(directory.consoleSocket) } catch {
            process.kill()
            return worker.fail(startFailure(error))
        }
        do throws(VMMError) {
            try Files.write(directory.pidFile, text: "\(Processes.current)\n", durability: .replacedOnly)
            try startBalloonStatistics()
            if !request.startPaused { try monitor.execute("cont") }
        } catch {
            process.kill()
            return worker.fail(startFailure(error))
        }
        worker.report("ready \(Processes.current)")

        serve(control: control, consoleListener: consoleListener, signals: signals)
        finish()
        return 0
    }

    /// The reason for a failed start, with the end of QEMU's own messages, which say what it disliked.
    func startFailure(_ error: VMMError) -> String {
        let log = (FileSystem.readText(qemuLog) ?? "").split(separator: "\n").filter { !$0.contains("has no peer") }.suffix(3)
        return "QEMU could not start the VM: \(error)" + (log.isEmpty ? "" : " (QEMU: \(log.joined(separator: " ")))")
    }

    // MARK: Start

    private func start() throws(VMMError) {
        if let namespace = request.networkNamespace {
            do { try NetworkNamespace.enter(path: namespace) } catch { throw .system("entering network namespace \(namespace)", error) }
        }
        console = try ConsoleSink(logPath: directory.consoleLog)
        if case .uefi(_, let variables, _) = qemu.firmware {
            if let snapshot = request.restoreFrom, FileSystem.exists(snapshot + "/" + Self.nvramFile) {
                // The guest's NVRAM as it was when the state was saved (boot entries, Secure Boot variables).
                try Files.write(variables, try Files.read(snapshot + "/" + Self.nvramFile))
            }
            guard FileSystem.exists(variables) else { throw .invalidConfiguration("the VM's NVRAM file \(variables) is missing") }
        }
        // Files QEMU gets as descriptors (numbers owned here until start returns; QEMU has its copies by then):
        // the UEFI code and a read-only twin of the variable store (which stays open for saves), and the drives
        // QEMU reads itself (DVD images), each writable one with a read-only twin.
        var handed: [CInt] = []
        defer { for number in handed { _ = FileDescriptor(owning: number) } }
        func open(_ path: String, _ mode: FileDescriptor.AccessMode) throws(VMMError) -> CInt {
            do { handed.append(try FileDescriptor.open(path, mode).release()) } catch { throw .system("opening \(path)", error) }
            return handed[handed.count - 1]
        }
        var firmwareCode: CInt?
        var variablesNumbers: [CInt] = []
        if case .uefi(let code, let variablesPath, _) = qemu.firmware {
            firmwareCode = try open(code, .readOnly)
            let store: FileDescriptor
            do { store = try FileDescriptor.open(variablesPath, .readWrite) } catch { throw .system("opening \(variablesPath)", error) }
            variablesNumbers = [store.rawValue, try open(variablesPath, .readOnly)]
            variables = consume store
        }
        var driveFiles: [Int: [CInt]] = [:]
        for (index, drive) in qemu.drives.enumerated() where !drive.isServed {
            guard let path = drive.path else { continue }
            driveFiles[index] = drive.readOnly ? [try open(path, .readOnly)] : [try open(path, .readWrite), try open(path, .readOnly)]
            if drive.kind == .dvd { mediumSets[index] = QEMUCommandLine.driveSet(index) }
        }
        // The worker opens the taps (it may have entered the VM's network namespace) and QEMU inherits them, so
        // they vanish with QEMU.
        var taps: [TapDevice?] = []
        for index in request.machine.macAddresses.indices {
            let name = index < request.machine.tapNames.count ? request.machine.tapNames[index] : ""
            if name.isEmpty { taps.append(nil); continue }
            do { taps.append(try TapDevice(name: name, virtioHeaderSize: 12)) } catch { throw .system("opening tap \(name)", error) }
        }
        try openServedDisks()
        let monitorPair: FileDescriptor.SocketPair
        do { monitorPair = try FileDescriptor.socketPair() } catch { throw .system("socketpair", error) }
        let serialPair: FileDescriptor.SocketPair
        do { serialPair = try FileDescriptor.socketPair() } catch { throw .system("socketpair", error) }
        var incoming: FileDescriptor?
        if let snapshot = request.restoreFrom {
            do { incoming = try FileDescriptor.open(snapshot + "/" + Self.stateFile, .readOnly) } catch {
                throw .badSnapshot("\(snapshot)/\(Self.stateFile) cannot be read: \(error)")
            }
        }
        let log: FileDescriptor
        do { log = try FileDescriptor.open(qemuLog, .writeOnly, options: [.create, .truncate], permissions: 0o600) } catch {
            throw .system("opening \(qemuLog)", error)
        }
        let incomingNumber = incoming?.rawValue
        let commandLine = QEMUCommandLine(name: request.name, machine: request.machine, qemu: qemu, installation: installation,
                                          monitorFD: monitorPair.remote.rawValue, serialFD: serialPair.remote.rawValue,
                                          tapFDs: taps.map { $0?.descriptor.rawValue }, incomingFD: incomingNumber,
                                          servedDiskFDs: exports.map(\.clientDescriptor), servedDiskSectorSizes: exports.map(\.sectorSizes),
                                          firmwareCodeFD: firmwareCode, firmwareVariablesFDs: variablesNumbers, driveFDs: driveFiles)
        let keep = [monitorPair.remote.rawValue, serialPair.remote.rawValue] + taps.compactMap { $0?.descriptor.rawValue }
            + (incomingNumber.map { [$0] } ?? []) + exports.map(\.clientDescriptor)
            + handed + variablesNumbers.prefix(1)
        // QEMU starts with no capability under its own -sandbox filter and, when the host's root starts it, in its
        // jail (QEMUJail): the VM's own uid and a root of its own, reaching the VM's files only through these descriptors.
        if Jail.wanted, Jail.hostRoot { identity = JailIdentity.choose(for: directory.path) }
        process = try QEMUJail.spawn(commandLine.arguments, keep: keep, output: log, identity: identity, directory: directory,
                                     kvm: qemu.accelerator == .kvm, withoutPrivileges: Jail.wanted)
        // QEMU has its own copies now; the worker's ends for QEMU close here (and the taps with the array).
        let remoteMonitor = monitorPair.remote, remoteSerial = serialPair.remote
        _ = consume remoteMonitor
        _ = consume remoteSerial
        _ = consume log
        taps.removeAll()
        // Before the NBD threads start, so they are born jailed (capabilities are per thread). The worker takes
        // QEMU's uid (so it may still signal it) and a root holding only its runtime directory.
        if let identity {
            if let problem = Jail.enter(runtimeDirectory: directory, identity: identity, alsoOwned: [qemuLog], supervisesChild: true) {
                throw .worker("entering the jail: \(problem)")
            }
        } else if Jail.wanted, let problem = Jail.enterAsSupervisor() {
            throw .worker("entering the jail: \(problem)")
        }
        for export in exports {
            export.closeClientEnd()
            try export.start()
        }
        let incomingGiven = incomingNumber != nil
        incoming = nil
        monitor = QMPConnection(socket: monitorPair.local)
        let localSerial = serialPair.local
        do { try localSerial.setNonBlocking(true) } catch { throw .system("fcntl", error) }
        serial = consume localSerial
        try monitor.negotiate()
        if incomingGiven { try waitForIncomingState() }
    }

    /// The VM's VHD and VHDX disks (the drives vm.conf marks as served, which the shell also lists as the machine's
    /// disks, in the same order), each opened through the VirtualDisk library behind an NBD export.
    private func openServedDisks() throws(VMMError) {
        let served = qemu.drives.filter(\.isServed).map { $0.path ?? "" }
        guard served == request.machine.disks.map(\.path) else {
            throw .invalidConfiguration("vm.conf's served drives \(served) are not its disks \(request.machine.disks.map(\.path))")
        }
        for disk in request.machine.disks {
            exports.append(try NBDExport(backend: try WorkerDisks.opener(disk)))
        }
    }

    /// QEMU loads a saved state before it answers `cont`; wait until it has, or report why it could not.
    private func waitForIncomingState() throws(VMMError) {
        let deadline = Clock.monotonicNanoseconds() + 300_000_000_000
        while Clock.monotonicNanoseconds() < deadline {
            let status = try monitor.execute("query-status")["status"]?.string ?? ""
            if status != "inmigrate" { return }
            if process.reap() { throw .badSnapshot("QEMU could not load the saved state") }
            Clock.sleep(milliseconds: 20)
        }
        throw .badSnapshot("QEMU did not finish loading the saved state within 300 seconds")
    }

    // MARK: Event loop

    private func serve(control: borrowing FileDescriptor, consoleListener: borrowing FileDescriptor, signals: borrowing FileDescriptor) {
        while ending == nil || !process.reap() {
            let clients = console.clients
            let connections = controlConnections.open
            var entries = [PollEntry(monitor.socket, .readable), PollEntry(rawDescriptor: serial?.rawValue ?? -1, .readable),
                           PollEntry(control, .readable), PollEntry(consoleListener, .readable), PollEntry(signals, .readable)]
            entries += clients.map { PollEntry($0.descriptor, .readable) }
            entries += connections.map { PollEntry($0.descriptor, .readable) }
            let timeout = min(500, controlConnections.expire() ?? 500)
            let ready = try? Poll.wait(&entries, timeoutMilliseconds: timeout)
            usage.sample(process)
            guard let ready else { break }
            adjustBalloon()
            if ready == 0 { if process.reap() { break }; continue }
            if entries[1].isReady { relaySerialOutput() }
            if entries[0].isReady {
                monitor.pump()
                handleEvents()
                if monitor.closed { break }
            }
            if entries[4].isReady {
                drainSignals(signals)
                turnOff()
            }
            // Clients are served as their lines arrive, as the native worker does: an idle one delays nobody.
            if entries[2].isReady { controlConnections.accept(from: control) }
            if entries[3].isReady, let connection = try? consoleListener.accept(nonBlocking: true) {
                console.add(connection)
            }
            console.readInput(from: clients, polled: entries.dropFirst(5)) { input throws(Errno) in try serial?.writeAll(input) }
            controlConnections.serve(connections, polled: entries.dropFirst(5 + clients.count)) { line, passed in
                handle(line, passed: passed)
            }
        }
        relaySerialOutput()
    }

    private func relaySerialOutput() {
        while let chunk = try? serial?.read(upToCount: 16_384), !chunk.isEmpty {
            console.write(contentsOf: chunk)
        }
    }

    private func drainSignals(_ signals: borrowing FileDescriptor) {
        while let bytes = try? signals.read(upToCount: 128), !bytes.isEmpty {}
    }

    private func handleEvents() {
        for event in monitor.takeEvents() where event["event"]?.string == "SHUTDOWN" {
            let guest = event["data"]?["guest"]?.bool ?? false
            if guest, ending == nil { ending = WorkerExitRecord(.guestPowerOff) }
        }
    }

    /// Ends QEMU now (Stop-VM -TurnOff, or a termination signal to the worker).
    func turnOff() {
        if ending == nil { ending = WorkerExitRecord(.turnedOff) }
        _ = try? monitor.execute("quit", timeoutMilliseconds: 2_000)
        if !process.reap(timeoutMilliseconds: 5_000) { process.kill() }
    }

    // MARK: End

    private func finish() {
        if !process.reap(timeoutMilliseconds: 10_000) { process.kill() }
        relaySerialOutput()
        // A QEMU that was killed never sent NBD's disconnect: what the disks took is made durable here.
        for export in exports { try? export.detach() }
        let record: WorkerExitRecord
        if let ending {
            record = ending
        } else if case .exited(0) = process.termination {
            // QEMU ends cleanly on its own only when the guest powers off.
            record = WorkerExitRecord(.guestPowerOff)
        } else {
            let log = (FileSystem.readText(qemuLog) ?? "").split(separator: "\n").suffix(2).joined(separator: " ")
            record = WorkerExitRecord(kind: .died, reason: "the VM's QEMU process ended unexpectedly (\(process.termination?.description ?? "unknown"))"
                                                    + (log.isEmpty ? "" : ": \(log)"))
        }
        worker.writeExitRecord(record)
        worker.removeRuntimeFiles()
        serial = nil
    }
}

/// Get-VM's CPUUsage for a QEMU VM: QEMU's CPU time (every thread) and the worker's over wall time, as a share
/// of the host.
struct QEMUUsageMeter {
    private var lastWall = Clock.monotonicNanoseconds()
    private var lastCPU: UInt64 = 0
    private(set) var percent = 0.0
    private let hostCPUs = Double(Processes.onlineProcessorCount)

    mutating func sample(_ process: QEMUProcess, minimumIntervalNanoseconds: UInt64 = 500_000_000) {
        let wall = Clock.monotonicNanoseconds()
        guard wall - lastWall >= minimumIntervalNanoseconds else { return }
        let cpu = process.cpuNanoseconds() + Clock.processCPUNanoseconds()
        if lastCPU != 0, cpu >= lastCPU { percent = Double(cpu - lastCPU) / Double(wall - lastWall) / hostCPUs * 100 }
        lastWall = wall
        lastCPU = cpu
    }

    /// Four decimals with integer arithmetic, as the native worker prints them.
    var percentText: String {
        let scaled = UInt64(max(0, percent) * 10_000 + 0.5)
        let fraction = String(scaled % 10_000)
        return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
