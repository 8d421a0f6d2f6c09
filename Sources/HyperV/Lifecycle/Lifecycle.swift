import Foundation
import LinuxSystem
import Inventory
import VMM

/// Start-VM, Stop-VM, Save-VM, Suspend-VM, Resume-VM, Restart-VM and running checkpoints, on
/// top of the VMM's workers. Each checks the VM's live state first, so the errors are Hyper-V's
/// (`InvalidState` for a VM in the wrong state) rather than the worker's.
extension HyperVHost {
    var vmm: VMMRuntime? { monitor as? VMMRuntime }

    func requireVMM() throws -> VMMRuntime {
        guard let vmm else {
            throw HyperVError("This hvsh session has no VM runtime: virtual machines cannot be started here.",
                              errorId: "NotSupported", category: .notImplemented)
        }
        return vmm
    }

    static func stateChangeFailed(_ vm: VMConfiguration, _ verb: String, _ reason: String, errorId: String = "OperationFailed") -> HyperVError {
        HyperVError("""
        The application encountered an error while attempting to change the state of '\(vm.name)'.
        '\(vm.name)' failed to \(verb). (Virtual machine ID \(vm.idUpper))
        \(reason)
        """, errorId: errorId, category: errorId == "InvalidState" ? .invalidOperation : .resourceUnavailable)
    }

    /// Hyper-V's refusal to start a VM with more virtual processors than the host has logical processors
    /// (its worker process cannot initialize the processor topology).
    static func processorTopologyUnsupported(_ vm: VMConfiguration) -> HyperVError {
        let id = "(Virtual machine ID \(vm.idUpper))"
        return HyperVError("""
        '\(vm.name)' failed to start.
        '\(vm.name)' could not initialize.
        The processor settings for the virtual machine are incompatible with the host.
        '\(vm.name)' failed to start. \(id)
        '\(vm.name)' failed to start worker process: Unspecified error (0x80004005). \(id)
        '\(vm.name)' could not initialize. \(id)
        The processor topology specified for the virtual machine cannot be supported by this host. For instance, this can happen when the virtual processor or socket count for the virtual machine exceeds the logical processor or socket count for the host.
        """, errorId: "OperationFailed", category: .notSpecified)
    }

    static func wrongState(_ vm: VMConfiguration, _ verb: String, _ state: VMState) -> HyperVError {
        stateChangeFailed(vm, verb, "The operation cannot be performed while the virtual machine is in its current state (\(state.rawValue)).",
                          errorId: "InvalidState")
    }

    /// Start-VM: boots the VM, or resumes it from its saved state.
    @discardableResult
    public func start(_ vm: VMConfiguration, warning: (String) throws -> Void = { _ in }) throws -> VMConfiguration {
        let vmm = try requireVMM()
        guard var current = try self.vm(id: vm.id) else { throw HyperVError.vmNotFound(vm.name) }
        let status = vmm.status(of: current)
        let state = status.state
        guard state == .Off || state == .Saved else { throw Self.wrongState(current, "start", state) }
        // A save made on the worker's socket: record it, so the VM resumes from it.
        if status.unrecordedSavedState != nil { current = try updateVM(id: current.id, name: current.name) { _, _, _ in } }
        if current.processor.count > Int64(info.logicalProcessorCount) { throw Self.processorTopologyUnsupported(current) }
        current = try assignDynamicMACs(current)
        if current.networkAdapters.count > 8 {
            throw Self.stateChangeFailed(current, "start", "hvsh VMs can have at most 8 network adapters.")
        }
        let disks = VMMRuntime.diskAttachments(of: current)
        if disks.count > MachineConfiguration.maximumDisks {
            throw Self.stateChangeFailed(current, "start",
                                         "hvsh VMs can have at most \(MachineConfiguration.maximumDisks) hard disks and DVD drives with media; '\(current.name)' has \(disks.count).")
        }
        for disk in disks where !FileManager.default.fileExists(atPath: disk.path) {
            throw Self.stateChangeFailed(current, "start", "The virtual hard disk or image '\(disk.path)' cannot be found.", errorId: "ObjectNotFound")
        }
        let request: WorkerLaunchRequest
        do { request = try vmm.launchRequest(for: current, ports: switches.portName(for:)) } catch let error as HyperVError {
            throw Self.stateChangeFailed(current, "start", error.message, errorId: error.errorId)
        }
        if let text = vmm.softwareEmulationWarning(for: request) { try warning(text) }
        let worker: VMWorker
        do {
            if let saved = current.savedStatePath {
                worker = try VMWorker.restore(request, from: saved, workerPath: vmm.workerPath)
            } else {
                worker = try VMWorker.launch(request, workerPath: vmm.workerPath)
            }
        } catch .alreadyRunning {
            // Another hvsh started it between the state check and the launch: Hyper-V's answer for a running VM.
            throw Self.wrongState(current, "start", .Running)
        } catch {
            throw Self.stateChangeFailed(current, "start", Self.sentence(error.description))
        }
        do {
            for adapter in current.networkAdapters {
                guard let port = switches.portName(for: adapter) else { continue }
                // Recorded first, so a port whose connection fails half way is still cleaned up.
                vmm.recordPort(port, for: current)
                try switches.connectPort(port, adapter: adapter)
            }
        } catch {
            try? worker.turnOff()
            vmm.releasePorts(of: current)
            throw Self.stateChangeFailed(current, "start", (error as? HyperVError)?.message ?? "\(error)")
        }
        if current.savedStatePath != nil {
            // The saved state now lives in the running VM; drop the files and the mark.
            return try updateVM(id: current.id, name: current.name) { v, _, _ in
                if let saved = v.savedStatePath, Self.ownsSavedState(v) { try? FileManager.default.removeItem(atPath: saved) }
                v.savedStatePath = nil
            }
        }
        return current
    }

    /// How long Stop-VM waits for a guest asked to shut down (its shutdown service, or for a QEMU guest the ACPI
    /// power button) to power off before it reports that it did not (or, with -Force, turns it off):
    /// `$HVSH_GUEST_SHUTDOWN_TIMEOUT` seconds, 30 by default.
    static var guestShutdownTimeoutSeconds: Int {
        let text = ProcessInfo.processInfo.environment["HVSH_GUEST_SHUTDOWN_TIMEOUT"] ?? ""
        guard let seconds = Int(text), seconds > 0 else { return 30 }
        return min(seconds, 3600)
    }

    /// How Stop-VM ends a VM.
    public enum StopMode: Sendable { case shutDown, turnOff, save }

    /// Stop-VM. A graceful shut down asks the guest (the built-in firmware's shutdown service when enabled, a QEMU
    /// guest's ACPI power button) and waits for it to power off; when it cannot be asked or does not finish in time,
    /// `turnOffIfShutdownFails` is Hyper-V's fallback (Stop-VM -Force, or a confirmed prompt), given the reason in a
    /// sentence. Without it the VM is left running and the error says why.
    @discardableResult
    public func stop(_ vm: VMConfiguration, mode: StopMode, turnOffIfShutdownFails: (String) -> Bool) throws -> VMConfiguration {
        let vmm = try requireVMM()
        guard var current = try self.vm(id: vm.id) else { throw HyperVError.vmNotFound(vm.name) }
        let worker = vmm.worker(for: current)
        let status = vmm.status(of: current)
        let state = status.state
        if status.unrecordedSavedState != nil { current = try updateVM(id: current.id, name: current.name) { _, _, _ in } }
        // However the worker ends, its ports leave their switches and their rules go with it.
        defer { if worker.livePID() == nil { vmm.releasePorts(of: current) } }
        switch mode {
        case .save:
            guard state == .Running || state == .Paused else { throw Self.wrongState(current, "save", state) }
            return try saveState(current, worker)
        case .turnOff:
            if state == .Saved {
                return try removeSavedState(of: current)
            }
            guard state == .Running || state == .Paused else { return current }
            do { try worker.turnOff() } catch { throw Self.stateChangeFailed(current, "turn off", Self.sentence(error.description)) }
            return current
        case .shutDown:
            guard state == .Running || state == .Paused else { return current }
            do {
                try worker.shutdown(timeoutMilliseconds: Self.guestShutdownTimeoutSeconds * 1000)
                _ = worker.waitForExit(timeoutMilliseconds: 30_000)
            } catch .notResponding {
                // A worker that cannot answer has no guest to ask: Hyper-V turns such a VM off.
                do { try worker.turnOff() } catch { throw Self.stateChangeFailed(current, "turn off", Self.sentence(error.description)) }
            } catch {
                guard turnOffIfShutdownFails(Self.sentence(error.description)) else {
                    throw Self.stateChangeFailed(current, "shut down", Self.sentence(error.description) + " Use Stop-VM -TurnOff or -Force to turn it off.")
                }
                do { try worker.turnOff() } catch { throw Self.stateChangeFailed(current, "turn off", Self.sentence(error.description)) }
            }
            return current
        }
    }

    func saveState(_ vm: VMConfiguration, _ worker: VMWorker) throws -> VMConfiguration {
        let directory = VMMRuntime.savedStateDirectory(for: vm)
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do { try worker.save(to: directory) } catch { throw Self.stateChangeFailed(vm, "save", Self.sentence(error.description)) }
        return try updateVM(id: vm.id, name: vm.name) { v, _, _ in v.savedStatePath = directory }
    }

    /// Suspend-VM / Resume-VM.
    public func setPaused(_ vm: VMConfiguration, _ paused: Bool) throws {
        let vmm = try requireVMM()
        let state = vmm.status(of: vm).state
        let verb = paused ? "pause" : "resume"
        guard state == (paused ? .Running : .Paused) else { throw Self.wrongState(vm, verb, state) }
        do {
            if paused { try vmm.worker(for: vm).pause() } else { try vmm.worker(for: vm).resume() }
        } catch {
            throw Self.stateChangeFailed(vm, verb, Self.sentence(error.description))
        }
    }

    /// Restart-VM: a hard reset (turn off, start again with the current configuration).
    public func restart(_ vm: VMConfiguration, warning: (String) throws -> Void = { _ in }) throws {
        let vmm = try requireVMM()
        let state = vmm.status(of: vm).state
        guard state == .Running || state == .Paused else { throw Self.wrongState(vm, "restart", state) }
        do { try vmm.worker(for: vm).turnOff() } catch { throw Self.stateChangeFailed(vm, "restart", Self.sentence(error.description)) }
        vmm.releasePorts(of: vm)
        try start(vm, warning: warning)
    }

    /// Turns a running VM off before a checkpoint is applied to it.
    func turnOffForRestore(_ vm: VMConfiguration) throws {
        let vmm = try requireVMM()
        do { try vmm.worker(for: vm).turnOff() } catch {
            throw Self.stateChangeFailed(vm, "turn off", Self.sentence(error.description))
        }
        vmm.releasePorts(of: vm)
    }

    /// A live connection to a running VM's serial console (hvsh extension, Connect-VMConsole): bytes
    /// written to it reach the guest's UART, the guest's output arrives on it; it closes with its owner.
    public func attachConsole(of vm: VMConfiguration) throws -> FileDescriptor {
        do { return try requireVMM().worker(for: vm).attachConsole() } catch let error as VMMError {
            throw HyperVError.invalidState(vm: vm, operation: "Cannot connect to the console.", reason: Self.sentence(error.description))
        }
    }

    /// The console text so far (hvsh extension, Get-VMConsole).
    public func consoleLog(of vm: VMConfiguration) throws -> String {
        try requireVMM().worker(for: vm).consoleLog()
    }

    /// VMM messages are lower-case fragments; Hyper-V's reasons are sentences.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capitalized = first.uppercased() + text.dropFirst()
        return capitalized.hasSuffix(".") ? capitalized : capitalized + "."
    }
}
