import Foundation
import Synchronization
import HostNetworking
import Inventory
import LinuxSystem
import VMM

/// Live VM status and control through the VMM's worker processes (docs/vmm-worker-api.md). One
/// runtime directory per VM under the inventory: `<root>/run/<first 8 hex of the VM id>`, short
/// because Unix socket paths are limited to 107 bytes.
public final class VMMRuntime: VMRuntimeMonitor {
    public let root: String
    public let workerPath: String

    public init(root: String, workerPath: String = VMWorker.defaultWorkerPath(), qemuInstallation: QEMUInstallation = QEMUInstallation()) {
        self.root = root
        self.workerPath = workerPath
        self.qemuInstallation = qemuInstallation
        releasePortsOfEndedWorkers()
    }

    public func runtimeDirectory(for vm: VMConfiguration) -> String {
        let short = String(vm.idLower.prefix(8))
        let preferred = "\(root)/run/\(short)"
        if preferred.utf8.count + "/control.sock".utf8.count < 100 { return preferred }
        // A long $HVSH_HOME: fall back to a per-user directory keyed by the root's hash.
        return "\(fallbackRuntimeParent)/\(fallbackPrefix)\(short)"
    }

    private var fallbackRuntimeParent: String { Self.fallbackRuntimeParent }
    private static var fallbackRuntimeParent: String { "/tmp/hvsh-\(getuid())" }

    private var fallbackPrefix: String { Self.fallbackPrefix(root: root) }
    private static func fallbackPrefix(root: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in root.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return String(hash, radix: 16) + "-"
    }

    /// Every VM runtime directory of the inventory at `root` (under `<root>/run`, or the `/tmp` fallback a
    /// long root uses), whether or not a worker runs there.
    public static func runtimeDirectories(root: String) -> [String] {
        let run = root + "/run"
        var directories = ((try? FileSystem.listDirectory(run)) ?? []).sorted().map { "\(run)/\($0)" }
        let prefix = fallbackPrefix(root: root)
        directories += ((try? FileSystem.listDirectory(fallbackRuntimeParent)) ?? []).sorted()
            .filter { $0.hasPrefix(prefix) }.map { "\(fallbackRuntimeParent)/\($0)" }
        return directories
    }

    public func worker(for vm: VMConfiguration) -> VMWorker { VMWorker(runtimeDirectory: runtimeDirectory(for: vm)) }

    /// Where a VM's saved state goes (a directory the worker writes).
    public static func savedStateDirectory(for vm: VMConfiguration) -> String {
        (vm.path as NSString).appendingPathComponent("Saved States/\(vm.idUpper)")
    }

    public func status(of vm: VMConfiguration) -> VMRuntimeStatus {
        let directory = RuntimeDirectory(runtimeDirectory(for: vm))
        // Fast path: a VM that never ran, or whose worker was cleaned up, has no pid file. A worker that cleaned up
        // after itself may still have said why it ended (a QEMU that died), which Status names.
        let worker = VMWorker(runtimeDirectory: directory.path)
        if !FileSystem.exists(directory.pidFile) && !worker.isLocked() {
            releaseRecordedPorts(directory.path)
            return offStatus(vm, exit: FileSystem.exists(directory.exitRecord) ? worker.exitRecord() : nil)
        }
        let status = worker.status()
        switch status.state {
        case .running, .paused:
            // A worker that lives but cannot answer (stopped, stuck) is still running as far as anyone can
            // tell; Stop-VM turns it off.
            if !status.responding { return VMRuntimeStatus(state: .Running, statusText: Self.notRespondingText) }
            var running = VMRuntimeStatus(state: status.state == .paused ? .Paused : .Running,
                                          cpuUsage: Int(status.cpuUsagePercent.rounded()),
                                          memoryAssigned: Int64(status.memoryAssigned), uptimeSeconds: Double(status.uptimeMilliseconds) / 1000,
                                          guestHeartbeat: Self.heartbeat(status.heartbeat))
            running.engine = status.runsInQEMU ? .QEMU : .Native
            return running
        case .off:
            releaseRecordedPorts(directory.path)
            return offStatus(vm, exit: status.exit)
        }
    }

    // MARK: Switch ports of a running VM

    /// The ports of the VM's running worker that have port-security rules (see `PortSecurityLedger`,
    /// which lives in the runtime directory so that whoever first sees the worker gone releases them).
    func ledger(_ directory: String) -> PortSecurityLedger { PortSecurityLedger(directory: directory) }

    public func recordedPorts(for vm: VMConfiguration) -> [String] {
        ledger(runtimeDirectory(for: vm)).ports
    }

    /// Notes that `port` has (or no longer has) rules for the running VM.
    public func recordPort(_ port: String, for vm: VMConfiguration, present: Bool = true) {
        let ledger = ledger(runtimeDirectory(for: vm))
        if present { ledger.record(port) } else { ledger.forget(port) }
    }

    /// Removes the rules (and bridge membership, if a tap outlived its worker) of a VM whose worker
    /// is gone. Safe to call more than once and from several processes.
    public func releasePorts(of vm: VMConfiguration) {
        releaseRecordedPorts(runtimeDirectory(for: vm))
    }

    /// Any hvsh process that opens the inventory cleans up after workers that ended with nobody
    /// looking (guest power-off, a killed worker), not only after VMs it is asked about.
    func releasePortsOfEndedWorkers() {
        for directory in endedWorkersWithPorts() { releaseRecordedPorts(directory) }
    }

    /// Runtime directories of this inventory (under `<root>/run`, or the `/tmp` fallback a long root
    /// uses) that list ports although their worker is gone.
    func endedWorkersWithPorts() -> [String] {
        Self.runtimeDirectories(root: root).filter { ledger($0).hasPorts && VMWorker(runtimeDirectory: $0).livePID() == nil }
    }

    func releaseRecordedPorts(_ directory: String) { ledger(directory).releaseAll() }

    /// Where an adapter sits among the running worker's virtio-net devices (the launch request it
    /// was started with, matched by MAC, which cannot change while the VM runs); nil for an adapter
    /// the worker does not have.
    public func workerAdapterIndex(of adapter: NetworkAdapterSettings, for vm: VMConfiguration) -> Int? {
        let file = RuntimeDirectory(runtimeDirectory(for: vm)).configuration
        guard let mac = adapter.macAddress, let text = FileSystem.readText(file),
              let request = try? WorkerLaunchRequest.decode(text) else { return nil }
        return request.machine.macAddresses.firstIndex(of: mac)
    }

    /// Where a DVD drive sits among the running QEMU's drives (from the request it was started with); nil when
    /// the VM does not run in QEMU or QEMU has no such drive.
    public func runningQEMUDriveIndex(of dvd: DvdDriveSettings, for vm: VMConfiguration) -> Int? {
        let file = RuntimeDirectory(runtimeDirectory(for: vm)).configuration
        guard let text = FileSystem.readText(file), let request = try? WorkerLaunchRequest.decode(text),
              let drives = request.qemu?.drives else { return nil }
        let controller: QEMUDrive.Controller = dvd.controllerType == .IDE ? .ide : .scsi
        return drives.firstIndex {
            $0.kind == .dvd && $0.controller == controller && $0.controllerNumber == dvd.controllerNumber && $0.controllerLocation == dvd.controllerLocation
        }
    }

    /// Get-VM's Status for a VM whose worker does not answer.
    public static let notRespondingText = "Not responding"

    /// A worker that died without saying why is worth a word in Get-VM's Status; a VM turned off or
    /// shut down is just Off. A save asked for on the worker's socket shows as Saved before the VM's
    /// record names it.
    func offStatus(_ vm: VMConfiguration, exit: WorkerExitRecord?) -> VMRuntimeStatus {
        var status = VMRuntimeStatus(state: vm.savedStatePath == nil ? .Off : .Saved)
        if vm.savedStatePath == nil, let saved = unrecordedSavedState(of: vm) {
            status.state = .Saved
            status.unrecordedSavedState = saved
        }
        if let exit, exit.kind == .died { status.statusText = "Off: \(exit.reason)" }
        return status
    }

    /// Where QEMU and its firmware are (for VMs on the QEMU engine).
    public let qemuInstallation: QEMUInstallation
    /// How QEMU runs guests on this host, decided once per process.
    public let qemuAccelerator = QEMUAccelerator.forThisHost()
    /// Set once this process has warned that QEMU runs without hardware acceleration.
    let warnedAboutSoftwareEmulation = Mutex(false)

    /// The VM's saved-state directory when its last worker ended by a save and the state is there (the
    /// worker saves only to that directory).
    func unrecordedSavedState(of vm: VMConfiguration) -> String? {
        let worker = self.worker(for: vm)
        guard FileSystem.exists(worker.directory.exitRecord), worker.exitRecord()?.kind == .saved else { return nil }
        let directory = Self.savedStateDirectory(for: vm)
        // The native VMM's state file, or QEMU's migration stream for a VM on the QEMU engine.
        return FileSystem.exists(directory + "/state.bin") || FileSystem.exists(directory + "/qemu-state.bin") ? directory : nil
    }

    /// Makes tap `name` (persistent, no owner) for a running worker to open: its jail lets it open one but
    /// not create one. The worker makes it non-persistent once it holds it.
    static func createPersistentTap(_ name: String) throws {
        do {
            let tap = try TapDevice(name: name, virtioHeaderSize: VirtioNet.headerSize)
            try tap.setPersistent(true)
        } catch {
            throw HyperVError("Could not create the tap \(name): \(error)", errorId: "OperationFailed", category: .resourceUnavailable)
        }
    }

    /// Undoes `createPersistentTap` when the worker could not take the tap.
    static func removePersistentTap(_ name: String) {
        if let tap = try? TapDevice(name: name, virtioHeaderSize: VirtioNet.headerSize) { try? tap.setPersistent(false) }
    }

    /// The worker request for a VM's current configuration. A VM on the QEMU engine gets a tap for every
    /// adapter (QEMU cannot give a running NIC a new backend, so an adapter connected later needs one already).
    public func launchRequest(for vm: VMConfiguration, ports: (NetworkAdapterSettings) -> String? = { _ in nil }) throws -> WorkerLaunchRequest {
        let qemu = vm.effectiveEngine == .QEMU
            ? try QEMUMachineMapping.machine(for: vm, installation: qemuInstallation, accelerator: qemuAccelerator) : nil
        let adapters = vm.networkAdapters.filter { $0.macAddress != nil }
        let macs = adapters.compactMap(\.macAddress)
        let taps = adapters.map { adapter in qemu != nil ? NetworkSwitchDirectory.tapName(for: adapter) : ports(adapter) ?? "" }
        // An edited config may hold any number: out-of-range values reach the worker's own checks
        // ("at least one vCPU", "at least 2 MiB") instead of trapping here.
        let machine = MachineConfiguration(vcpuCount: Int(vm.processor.count), memorySize: UInt64(clamping: vm.memory.startup),
                                           exposeVirtualizationExtensions: vm.processor.exposeVirtualizationExtensions,
                                           boot: Self.bootSource(vm.firmware, shutdownService: vm.integrationServices.contains { $0.name == "Shutdown" && $0.enabled },
                                                                 heartbeatService: vm.integrationServices.contains { $0.name == "Heartbeat" && $0.enabled }),
                                           macAddresses: macs,
                                           tapNames: taps.allSatisfy(\.isEmpty) ? [] : taps,
                                           disks: qemu.map(Self.servedDisks) ?? Self.diskAttachments(of: vm))
        return WorkerLaunchRequest(name: vm.name, machine: machine, runtimeDirectory: runtimeDirectory(for: vm),
                                   savedStateDirectory: Self.savedStateDirectory(for: vm), qemu: qemu)
    }

    /// The disks a QEMU VM's worker serves over NBD, in drive order (the indexes of detach/attach-disk).
    static func servedDisks(of qemu: QEMUMachine) -> [DiskAttachment] {
        qemu.drives.filter(\.isServed).map { DiskAttachment(path: $0.path ?? "", readOnly: $0.readOnly) }
    }

    /// The one warning a process gives when QEMU must emulate the CPU in software; nil after the first.
    func softwareEmulationWarning(for request: WorkerLaunchRequest) -> String? {
        guard let qemu = request.qemu, qemu.accelerator == .tcg else { return nil }
        let first = warnedAboutSoftwareEmulation.withLock { warned in
            defer { warned = true }
            return !warned
        }
        guard first else { return nil }
        return "'\(request.name)' runs in QEMU with software emulation (TCG), because this host's KVM cannot run a guest kernel (its CPU shows neither VT-x nor AMD-V). Guests run many times slower than with hardware virtualization."
    }

    /// The VM's hard disks and the DVD drives that hold media, in the order the guest finds them (IDE before
    /// SCSI, by controller number and location; a DVD after the hard disks on the same slot order). Each is
    /// one virtio-blk device; DVD media are read-only. Drives without a file are left out.
    static func diskAttachments(of vm: VMConfiguration) -> [DiskAttachment] {
        func order(_ type: ControllerType, _ number: Int, _ location: Int) -> Int {
            (type == .IDE ? 0 : 1) * 1_000_000 + number * 1000 + location
        }
        let disks = vm.hardDrives.filter { !$0.path.isEmpty }
            .map { (order($0.controllerType, $0.controllerNumber, $0.controllerLocation), DiskAttachment(path: $0.path)) }
        let media = vm.dvdDrives.compactMap { drive in
            drive.path.flatMap { $0.isEmpty ? nil : (order(drive.controllerType, drive.controllerNumber, drive.controllerLocation),
                                                     DiskAttachment(path: $0, readOnly: true)) }
        }
        return (disks + media).sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// hvsh's direct boot (an extension): `builtin:<image>` names one of the VMM's built-in guests;
    /// a file is booted as ELF, Linux bzImage or flat image by its header; no path runs the
    /// built-in firmware.
    /// The first `count` bytes of a file (fewer when it is shorter; none when it cannot be read).
    static func leadingBytes(of path: String, count: Int) -> [UInt8] {
        (try? FileSystem.readBytes(path, count: count)) ?? []
    }

    static func heartbeat(_ guest: GuestHeartbeat) -> VMHeartbeatStatus {
        switch guest {
        case .ok: .OkApplicationsUnknown
        case .noContact: .NoContact
        case .lost: .LostCommunication
        }
    }

    static func bootSource(_ firmware: FirmwareSettings, shutdownService: Bool = false, heartbeatService: Bool = false) -> BootSource {
        guard let path = firmware.kernelPath, !path.isEmpty else {
            // The built-in firmware acts on shutdown requests and answers heartbeats only when told it
            // has Hyper-V's Shutdown and Heartbeat integration services, which a VM has unless disabled.
            let words = [shutdownService ? "integration=shutdown" : "", heartbeatService ? "integration=heartbeat" : "",
                         firmware.kernelCommandLine ?? ""]
            return .builtIn(.firmware, commandLine: words.filter { !$0.isEmpty }.joined(separator: " "))
        }
        if path.hasPrefix("builtin:"), let image = BuiltInImage(rawValue: String(path.dropFirst(8))) {
            return .builtIn(image, commandLine: firmware.kernelCommandLine ?? "")
        }
        let header = Self.leadingBytes(of: path, count: 0x206)
        if header.count >= 4, header[0] == 0x7F, header[1] == 0x45, header[2] == 0x4C, header[3] == 0x46 { return .elf(path: path) }
        if header.count >= 0x206, Array(header[0x202..<0x206]) == Array("HdrS".utf8) {
            return .linux(kernelPath: path, initrdPath: firmware.initrdPath, commandLine: firmware.kernelCommandLine ?? "")
        }
        return .flat(path: path, loadAddress: 0x10_0000)
    }
}
