#if canImport(Glibc)
import Glibc
#endif
import VMM

/// The worker's life: build the VM from vm.conf (or a snapshot), serve the control and console sockets,
/// and when the VM ends leave an exit record and no sockets or pid file behind.
final class Worker {
    let directory: RuntimeDirectory
    /// The launcher's pipe: one line, `ready <pid>` or `error <message>`, then closed. -1 when run by hand.
    private var readyFD: CInt
    private var cpu = CPUUsageMeter()
    private let startedAt = monotonicNanoseconds()
    /// Set once the guest accepted a shutdown request, so its exit reads as a power-off.
    private var shutdownRequested = false

    init(directory: RuntimeDirectory, readyFD: CInt) {
        self.directory = directory
        self.readyFD = readyFD
        if readyFD >= 0 { _ = fcntl(readyFD, F_SETFD, FD_CLOEXEC) }
    }

    func report(_ line: String) {
        guard readyFD >= 0 else { return }
        _ = Array((line + "\n").utf8).withUnsafeBytes { Files.writeAll(readyFD, $0) }
        close(readyFD)
        readyFD = -1
    }

    func writeExitRecord(kind: String, reason: String) {
        let flat = reason.replacing("\n", with: " ")
        try? Files.write(directory.exitRecord, text: "kind=\(kind)\nreason=\(flat)\n")
    }

    func removeRuntimeFiles() {
        unlink(directory.controlSocket)
        unlink(directory.consoleSocket)
        unlink(directory.pidFile)
    }

    func fail(_ message: String) -> Int32 {
        writeExitRecord(kind: "error", reason: message)
        removeRuntimeFiles()
        report("error \(message)")
        return 1
    }

    func run() -> Int32 {
        let signals = TerminationSignals.blockAndOpen()
        defer { if signals >= 0 { close(signals) } }
        let request: WorkerLaunchRequest
        do {
            guard let text = Files.readText(directory.configuration) else { return fail("\(directory.configuration) is missing") }
            request = try WorkerLaunchRequest.decode(text)
        } catch { return fail("\(error)") }
        if let qemu = request.qemu {
            return QEMUSupervisor(worker: self, request: request, qemu: qemu).run(signals: signals)
        }

        let console: ConsoleSink
        do { console = try ConsoleSink(logPath: directory.consoleLog) } catch { return fail("\(error)") }

        let machine: Machine
        do {
            if let namespace = request.networkNamespace { try NetworkNamespaceEntry.enter(namespace) }
            if let snapshot = request.restoreFrom {
                machine = try MachineSnapshot.restore(configuration: request.machine, from: snapshot, console: console.output)
            } else {
                machine = try Machine(configuration: request.machine, console: console.output)
            }
        } catch { return fail("\(error)") }

        let control: CInt, consoleListener: CInt
        do {
            control = try UnixSocket.listen(directory.controlSocket)
            consoleListener = try UnixSocket.listen(directory.consoleSocket)
            try Files.write(directory.pidFile, text: "\(getpid())\n")
            try machine.start(paused: request.startPaused)
        } catch { return fail("\(error)") }
        defer { close(control); close(consoleListener) }
        report("ready \(getpid())")
        StartupCodeRelease.release()

        serve(machine: machine, control: control, consoleListener: consoleListener, console: console, signals: signals)

        var reason = machine.waitForExit()
        if shutdownRequested, case .guestExit = reason { reason = .guestPowerOff }
        let kind: String
        switch reason {
        case .saved: kind = "saved"
        case .turnedOff: kind = "turned-off"
        case .internalError: kind = "error"
        default: kind = "guest"
        }
        writeExitRecord(kind: kind, reason: reason.description)
        removeRuntimeFiles()
        return 0
    }

    // MARK: Event loop

    private func serve(machine: Machine, control: CInt, consoleListener: CInt, console: ConsoleSink, signals: CInt) {
        while true {
            let clients = console.clients
            var fds = [pollfd(fd: machine.exitEvent, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: control, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: consoleListener, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: signals, events: Int16(POLLIN), revents: 0)]
            fds += clients.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 500)
            cpu.sample()
            if ready < 0 && errno != EINTR { return }
            if ready <= 0 { continue }
            if fds[0].revents != 0 { return }
            if fds[3].revents != 0 {
                machine.requestExit(.turnedOff)
                return
            }
            if fds[1].revents != 0 {
                let connection = UnixSocket.accept(control)
                if connection >= 0 {
                    if let line = UnixSocket.readLine(connection, timeoutMilliseconds: 2_000) {
                        _ = UnixSocket.writeLine(connection, handle(line, machine: machine))
                    }
                    close(connection)
                }
            }
            if fds[2].revents != 0 {
                let connection = UnixSocket.accept(consoleListener, nonBlocking: true)
                if connection >= 0 { console.add(connection) }
            }
            for entry in fds.dropFirst(4) where entry.revents != 0 {
                var buffer = [UInt8](repeating: 0, count: 512)
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 { machine.serial.enqueueInput(buffer[0..<count]) }
                else if count == 0 || (errno != EAGAIN && errno != EINTR) { console.remove(entry.fd) }
            }
        }
    }

    private func handle(_ line: String, machine: Machine) -> String {
        guard let action = WorkerAction(line: line) else { return "error unknown request: \(line)" }
        switch action {
        case .state:
            cpu.sample(minimumIntervalNanoseconds: 100_000_000)
            let state = machine.isPaused ? "Paused" : "Running"
            return "ok state=\(state) cpu=\(cpu.percentText) memory=\(machine.configuration.memorySize) rss=\(residentBytes())"
                + " uptime=\((monotonicNanoseconds() - startedAt) / 1_000_000) pid=\(getpid()) vcpus=\(machine.configuration.vcpuCount)"
        case .pause:
            return machine.pause() ? "ok" : "error the VM is stopping"
        case .resume:
            return machine.resume() ? "ok" : "error the VM is stopping"
        case .turnOff:
            machine.requestExit(.turnedOff)
            return "ok"
        case .shutdown:
            guard machine.requestGuestShutdown() else {
                return "error the guest has no shutdown integration service to take the request"
            }
            shutdownRequested = true
            return "ok"
        case .save(let target):
            return snapshot(machine, to: target, thenStop: true)
        case .checkpoint(let target):
            return snapshot(machine, to: target, thenStop: false)
        case .changeMedium:
            return "error the native VMM's DVD drives cannot change their medium while the VM runs"
        case .plugTap(let index, let name):
            guard index < machine.networkAdapters.count else { return "error the VM has no network adapter \(index)" }
            do {
                try machine.networkAdapters[index].plug(try Tap(name: name))
            } catch { return "error \(error)" }
            return "ok"
        }
    }

    private func snapshot(_ machine: Machine, to target: String, thenStop: Bool) -> String {
        let wasPaused = machine.isPaused
        guard machine.pause() else { return "error the VM is stopping" }
        do {
            try MachineSnapshot.save(machine, to: target)
            if let conf = Files.readText(directory.configuration) { try Files.write(target + "/vm.conf", text: conf) }
        } catch {
            if !wasPaused { machine.resume() }
            return "error \(error)"
        }
        if thenStop { machine.requestExit(.saved) } else if !wasPaused { machine.resume() }
        return "ok"
    }

    private func residentBytes() -> UInt64 {
        guard let text = Files.readText("/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = UInt64(fields[1]) else { return 0 }
        return pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }
}
