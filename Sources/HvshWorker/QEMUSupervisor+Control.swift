import CWorkerJail
import Glibc
import LinuxSystem
import VMM

/// The worker protocol's requests for a QEMU VM, each answered by QMP commands.
extension QEMUSupervisor {
    /// `passed`: the descriptors the shell sent with the request (the jailed worker opens nothing by path): a
    /// save's or checkpoint's folder, an attached disk's chain, a DVD's new medium.
    func handle(_ line: String, passed: PassedDescriptors) -> String {
        guard let action = WorkerAction(line: line) else { return WorkerReply.error("unknown request: \(line)") }
        if ending != nil { return WorkerReply.error("the VM is stopping") }
        do throws(VMMError) {
            switch action {
            case .state:
                usage.sample(process, minimumIntervalNanoseconds: 100_000_000)
                let status = try monitor.execute("query-status")
                let running = status["running"]?.bool ?? false
                let report = WorkerStateReport(paused: !running, cpuUsageTenThousandths: UInt64(max(0, usage.percent) * 10_000 + 0.5),
                                               memoryAssigned: try memoryAssigned(), residentBytes: process.residentBytes() + selfResidentBytes(),
                                               uptimeMilliseconds: (Clock.monotonicNanoseconds() - startedAt) / 1_000_000,
                                               pid: Processes.current, vcpuCount: request.machine.vcpuCount, runsInQEMU: true)
                return report.replyLine
            case .pause:
                try monitor.execute("stop")
                return WorkerReply.ok()
            case .resume:
                try monitor.execute("cont")
                return WorkerReply.ok()
            case .turnOff:
                turnOff()
                return WorkerReply.ok()
            case .shutdown:
                // The ACPI power button: a guest that handles it shuts down and powers off, and QEMU then exits.
                try monitor.execute("system_powerdown")
                return WorkerReply.ok()
            case .save(let target):
                // As for a native VM: only to the VM's saved-state location, where the shell looks for it.
                guard Worker.samePath(target, worker.savedStateDirectory) else {
                    return WorkerReply.error("the VM's state can be saved only to its saved-state location \(worker.savedStateDirectory)")
                }
                try saveState(to: Worker.handedDirectory(passed) ?? worker.savedStateDirectory)
                ending = WorkerExitRecord(.saved)
                _ = try? monitor.execute("quit", timeoutMilliseconds: 2_000)
                return WorkerReply.ok()
            case .checkpoint(let target):
                let wasRunning = try monitor.execute("query-status")["running"]?.bool ?? false
                do { try saveState(to: Worker.handedDirectory(passed) ?? target) } catch {
                    if wasRunning { _ = try? monitor.execute("cont") }
                    throw error
                }
                if wasRunning { try monitor.execute("cont") }
                return WorkerReply.ok()
            case .plugTap(let index, let name):
                // QEMU cannot give a running NIC a new backend; a QEMU VM has a tap for every adapter from the start.
                guard index < request.machine.tapNames.count, request.machine.tapNames[index] == name else {
                    return WorkerReply.error("network adapter \(index) of a QEMU VM has no tap named \(name); connect it before the VM starts")
                }
                return WorkerReply.ok()
            case .detachDisks:
                // The VM is paused (QEMU has drained its requests): the files are flushed and let go.
                for export in exports { try export.detach() }
                return WorkerReply.ok()
            case .attachDisk(let index, let path):
                guard index >= 0, index < exports.count else { return WorkerReply.error("the VM has no disk \(index)") }
                let readOnly = request.machine.disks[index].readOnly
                try exports[index].attach(passed.count > 0 ? try WorkerDisks.adopting(passed, path: path, readOnly: readOnly)
                                                           : try WorkerDisks.opener(DiskAttachment(path: path, readOnly: readOnly)))
                return WorkerReply.ok()
            case .changeMedium(let index, let path):
                try changeMedium(index, path: path, file: passed.take(0))
                return WorkerReply.ok()
            case .forbiddenCallForTest, .networkSocketForTest:
                // Under the filter since QEMU started (which it had to exec first).
                guard worker.testRequests else { return WorkerReply.error("unknown request: \(line)") }
                _ = action == .forbiddenCallForTest ? hvsh_jail_forbidden_call() : hvsh_jail_network_socket_for_test()
                return WorkerReply.error("the forbidden call returned: no filter is installed")
            case .openFileForTest(let path):
                // What the jailed worker can still open by path (its runtime directory's files only).
                guard worker.testRequests else { return WorkerReply.error("unknown request: \(line)") }
                do throws(Errno) { _ = try FileDescriptor.open(path, .readOnly) } catch { return WorkerReply.error("\(error)") }
                return WorkerReply.ok()
            case .resizeDisk:
                // NBD tells QEMU a disk's size once, at the handshake: a served disk keeps it until the VM restarts.
                return WorkerReply.error("a VM on the QEMU engine cannot resize a disk while it runs; turn it off first")
            }
        } catch {
            return WorkerReply.error("\(error)")
        }
    }

    private func memoryAssigned() throws(VMMError) -> UInt64 {
        guard qemu.dynamicMemory != nil else { return request.machine.memorySize }
        return (try monitor.execute("query-balloon"))["actual"]?.uint64 ?? request.machine.memorySize
    }

    private func selfResidentBytes() -> UInt64 {
        guard let text = FileSystem.readText("/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = UInt64(fields[1]) else { return 0 }
        return pages * UInt64(Processes.pageSize)
    }

    /// The VM's whole state into `target`: QEMU's migration stream (the VM paused first, so it is one
    /// consistent moment), the UEFI variable store, and the request it was started with.
    func saveState(to target: String) throws(VMMError) {
        try Files.makeDirectory(target)
        try monitor.execute("stop")
        let path = target + "/" + Self.stateFile
        let file: FileDescriptor
        do { file = try FileDescriptor.open(path, .writeOnly, options: [.create, .truncate], permissions: 0o600) } catch {
            throw .system("opening \(path)", error)
        }
        // QEMU's default limit (128 MiB/s) is for live migration over a network; a paused VM to a local file
        // should go as fast as the disk takes it.
        try monitor.execute("migrate-set-parameters", [("max-bandwidth", .number(Double(1 << 40)))])
        try monitor.passDescriptor(file, name: "hvsh-state")
        try monitor.execute("migrate", [("uri", .string("fd:hvsh-state"))])
        let deadline = Clock.monotonicNanoseconds() + 600_000_000_000
        while true {
            let info = try monitor.execute("query-migrate")
            switch info["status"]?.string ?? "" {
            case "completed":
                do { try file.sync() } catch { throw .system("fsync(\(path))", error) }
                if let store = try variables?.wholeVariableStore() { try Files.write(target + "/" + Self.nvramFile, store) }
                if let conf = FileSystem.readText(directory.configuration) { try Files.write(target + "/vm.conf", text: conf) }
                return
            case "failed", "cancelled":
                throw .worker("QEMU could not save the VM's state: \(info["error-desc"]?.string ?? "migration failed")")
            default:
                if Clock.monotonicNanoseconds() > deadline { throw .worker("saving the VM's state took more than 600 seconds") }
                Clock.sleep(milliseconds: 10)
            }
        }
    }

    /// Set-VMDvdDrive on a running VM: QEMU opens the tray and takes the medium out, then puts the new one in. The
    /// shell sends the medium's open `file` (a jailed QEMU, like its worker, can open no host path); QEMU gets it in
    /// a descriptor set of its own and opens that.
    func changeMedium(_ index: Int, path: String?, file: consuming FileDescriptor?) throws(VMMError) {
        guard index < qemu.drives.count, qemu.drives[index].kind == .dvd else {
            throw .invalidConfiguration("drive \(index) is not a DVD drive")
        }
        let id = qemu.drives[index].deviceID
        let previous = mediumSets.removeValue(forKey: index)
        // The old medium's file is closed once out of the drive: the start's medium is a node of its own (-blockdev),
        // which outlives an eject until deleted; then its descriptor set goes (`remove-fd`: QEMU closes a removed set's files
        // once nothing uses them).
        defer {
            if let previous {
                if previous == QEMUCommandLine.driveSet(index) {
                    for node in ["\(id)-media", "\(id)-file"] { _ = try? monitor.execute("blockdev-del", [("node-name", .string(node))]) }
                }
                _ = try? monitor.execute("remove-fd", [("fdset-id", .number(Double(previous)))])
            }
        }
        guard let path else {
            try monitor.execute("eject", [("id", .string(id)), ("force", .bool(true))])
            return
        }
        var filename = path
        if let medium = file.take() {
            let set = nextMediumSet
            nextMediumSet += 1
            try monitor.addDescriptor(medium, toSet: set)
            mediumSets[index] = set
            filename = "/dev/fdset/\(set)"
        }
        try monitor.execute("blockdev-change-medium", [("id", .string(id)), ("filename", .string(filename)),
                                                      ("format", .string("raw")), ("read-only-mode", .string("read-only"))])
    }
}

extension FileDescriptor {
    /// The whole UEFI variable store, read through the descriptor QEMU shares (by position: the offset is shared).
    func wholeVariableStore() throws(VMMError) -> [UInt8] {
        do throws(Errno) {
            let size = Int(try status().size)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 1)
            defer { buffer.deallocate() }
            var done = 0
            while done < size {
                let got = try read(fromAbsoluteOffset: Int64(done), into: UnsafeMutableRawBufferPointer(rebasing: buffer[done..<size]))
                if got == 0 { break }
                done += got
            }
            return Array(buffer[0..<done])
        } catch { throw .system("reading the VM's NVRAM", error) }
    }
}
