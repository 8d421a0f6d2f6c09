import CKVM
import LinuxSystem

/// One running VM: KVM objects, guest memory, devices on the I/O and MMIO buses, and a thread per vCPU.
/// The worker process owns exactly one.
public final class Machine: MachineControl, @unchecked Sendable {
    // All stored properties are immutable after `init` except `threads` (written by `start()` before any other
    // thread can call in) and `joined` (used by `waitForExit()` and deinit, on the owner's thread); the mutable
    // run state shared with vCPU threads lives in `coordinator`.
    public let configuration: MachineConfiguration
    let kvm: KVMSystem
    let vm: KVMVirtualMachine
    public let memory: GuestMemory
    let vcpus: [KVMVCPU]
    let io: Bus
    let mmio: Bus
    public let serial: Serial16550
    let coordinator: RunCoordinator
    private var threads: [SystemThread] = []
    private var joined = false
    private let relay: ExitRelay
    /// The virtio-net devices, one per adapter.
    public let networkAdapters: [VirtioNet]
    /// The virtio-blk devices, one per hard disk or DVD drive.
    public let disks: [VirtioBlock]
    /// How this machine opens disk files (again, when a paused VM's disks are swapped).
    let openDisk: DiskOpener
    /// The virtio-mmio windows of the adapters, then of the disks (register state goes into snapshots).
    let virtioTransports: [VirtioMMIOTransport]
    /// Becomes readable when the VM starts to stop, for the worker's poll loop. Owned, so it is closed with
    /// the machine, or by `init` itself when building the machine fails after it was made.
    public let exitEvent: EventCounter

    /// Opens the file behind a disk. The VMM itself knows raw files (`RawFileBackend`); the worker passes one
    /// that also reads VHD and VHDX.
    public typealias DiskOpener = @Sendable (DiskAttachment) throws(VMMError) -> any BlockBackend

    public static let rawDiskOpener: DiskOpener = { disk throws(VMMError) in
        try RawFileBackend(path: disk.path, readOnly: disk.readOnly)
    }

    /// Builds a VM ready to boot `configuration.boot`. Console bytes the guest writes go to `console`.
    public convenience init(configuration: MachineConfiguration, openDisk: @escaping DiskOpener = Machine.rawDiskOpener,
                            console: @escaping @Sendable (UInt8) -> Void) throws(VMMError) {
        try self.init(configuration: configuration, memoryFile: nil, openDisk: openDisk, console: console)
        try boot()
    }

    init(configuration: MachineConfiguration, memoryFile: borrowing FileDescriptor?, openDisk: @escaping DiskOpener,
         console: @escaping @Sendable (UInt8) -> Void) throws(VMMError) {
        _ = VCPURunner.installKickHandler
        let kvm = try KVMSystem()
        try configuration.validate(maximumVCPUs: kvm.maximumVCPUs)
        let cpuid = CPUIDBuilder(host: try kvm.nestingSupport(), vcpuCount: configuration.vcpuCount,
                                 exposeVirtualizationExtensions: configuration.exposeVirtualizationExtensions)
        try cpuid.validate()

        let vm = try kvm.createVM()
        try vm.setTSSAddress(GuestLayout.tssAddress)
        try vm.createIRQChip()
        try vm.createPIT()
        let memory: GuestMemory
        switch memoryFile {
        case .some(let file): memory = try GuestMemory(size: configuration.memorySize, file: file)
        case .none: memory = try GuestMemory(size: configuration.memorySize)
        }
        try memory.register(with: vm)

        do { self.exitEvent = try EventCounter() } catch { throw .system("eventfd", error) }
        self.configuration = configuration
        self.kvm = kvm
        self.vm = vm
        self.memory = memory
        self.coordinator = RunCoordinator(vcpuCount: configuration.vcpuCount)
        self.serial = Serial16550(output: console, interrupt: { [vm] in vm.pulseIRQ(Serial16550.com1IRQ) })

        var vcpus: [KVMVCPU] = []
        for index in 0..<configuration.vcpuCount {
            let vcpu = try vm.createVCPU(id: UInt32(index))
            try vcpu.setCPUID(try cpuid.entries(apicID: UInt32(index)))
            try LAPICSetup.wireLegacyInterrupts(vcpu)
            vcpus.append(vcpu)
        }
        self.vcpus = vcpus

        let relay = ExitRelay()
        var io = Bus()
        var mmio = Bus()
        var adapters: [VirtioNet] = []
        var transports: [VirtioMMIOTransport] = []
        for (index, mac) in configuration.macAddresses.enumerated() {
            let name = index < configuration.tapNames.count ? configuration.tapNames[index] : ""
            let adapter = try VirtioNet(mac: mac, tap: name.isEmpty ? nil : try VirtioNet.openTap(name))
            let slot = MachineConfiguration.networkAdapterSlot(index)
            let transport = VirtioMMIOTransport(backend: adapter, memory: memory, interrupt: { [vm] in vm.pulseIRQ(slot.irq) })
            try mmio.attach(transport, at: slot.base, length: VirtioMMIOTransport.windowSize)
            adapters.append(adapter)
            transports.append(transport)
        }
        var disks: [VirtioBlock] = []
        for (index, attachment) in configuration.disks.enumerated() {
            let backend = try openDisk(attachment)
            // A DVD drive is read-only whatever the file allows.
            guard backend.isReadOnly || !attachment.readOnly else {
                throw .invalidConfiguration("\(attachment.path) was opened writable for a read-only drive")
            }
            let disk = VirtioBlock(backend: backend, identifier: "hvsh-disk-\(index)")
            let slot = MachineConfiguration.diskSlot(index)
            let transport = VirtioMMIOTransport(backend: disk, memory: memory, interrupt: { [vm] in vm.pulseIRQ(slot.irq) })
            try mmio.attach(transport, at: slot.base, length: VirtioMMIOTransport.windowSize)
            disks.append(disk)
            transports.append(transport)
        }
        self.networkAdapters = adapters
        self.disks = disks
        self.openDisk = openDisk
        self.virtioTransports = transports
        try io.attach(serial, at: Serial16550.com1Port, length: Serial16550.length)
        try io.attach(I8042(control: relay), at: I8042.basePort, length: I8042.length)
        try io.attach(DebugExit(control: relay), at: DebugExit.port, length: 1)
        self.io = io
        self.mmio = mmio
        self.relay = relay
        relay.machine = self
    }

    deinit {
        // A machine dropped while running (a caller that never waited) still stops its threads first.
        if !threads.isEmpty && !joined {
            requestExit(.turnedOff)
            _ = waitForExit()
        }
        for adapter in networkAdapters { adapter.shutdown() }
    }

    /// Loads the boot source and puts the boot vCPU at its 64-bit entry point.
    private func boot() throws(VMMError) {
        let entry: BootEntry
        switch configuration.boot {
        case .builtIn(let image, let commandLine):
            entry = try ImageLoader.loadFlat(image.bytes, into: memory)
            try firmwareInfo(commandLine: commandLine).write(to: memory)
        case .linux(let kernelPath, let initrdPath, let commandLine):
            let kernel = try Files.read(kernelPath)
            let initrd = try initrdPath.map { (path) throws(VMMError) in try Files.read(path) }
            let arguments = [commandLine, configuration.virtioKernelArguments].filter { !$0.isEmpty }.joined(separator: " ")
            entry = try LinuxBootLoader.load(kernel: kernel, initrd: initrd, commandLine: arguments, into: memory)
            try MPTable.write(vcpuCount: configuration.vcpuCount, into: memory)
        case .elf(let path):
            entry = try ImageLoader.loadELF(try Files.read(path), into: memory)
            try MPTable.write(vcpuCount: configuration.vcpuCount, into: memory)
            try firmwareInfo(commandLine: "").write(to: memory)
        case .flat(let path, let address):
            entry = try ImageLoader.loadFlat(try Files.read(path), at: address, into: memory)
            try firmwareInfo(commandLine: "").write(to: memory)
        }
        try LongModeSetup.writeTables(memory)
        let boot = vcpus[0]
        try boot.setMSRs(BootMSRs.initial)
        var fpu = kvm_fpu()
        fpu.fcw = 0x37F
        fpu.mxcsr = 0x1F80
        try boot.setFPU(fpu)
        try boot.setSpecialRegisters(LongModeSetup.specialRegisters(from: try boot.specialRegisters()))
        var registers = kvm_regs()
        registers.rip = entry.instructionPointer
        registers.rsp = entry.stackPointer
        registers.rbp = entry.stackPointer
        registers.rsi = entry.rsi
        registers.rdi = entry.rdi
        registers.rflags = 0x2
        try boot.setRegisters(registers)
    }

    func firmwareInfo(commandLine: String) -> FirmwareInfo {
        FirmwareInfo(vcpuCount: UInt32(configuration.vcpuCount), memorySize: configuration.memorySize,
                     macAddresses: configuration.macAddresses,
                     nicMMIOBases: configuration.macAddresses.indices.map { MachineConfiguration.networkAdapterSlot($0).base },
                     diskMMIOBases: configuration.disks.indices.map { MachineConfiguration.diskSlot($0).base },
                     commandLine: commandLine)
    }

    // MARK: Running

    /// Starts one thread per vCPU; the VM runs unless `paused` is true.
    public func start(paused: Bool = false) throws(VMMError) {
        precondition(threads.isEmpty, "a machine starts once")
        for vcpu in vcpus {
            let runner = VCPURunner(vcpu: vcpu, io: io, mmio: mmio, coordinator: coordinator, control: relay)
            do { threads.append(try SystemThread { runner.run() }) } catch { throw .system("pthread_create", error) }
        }
        if !paused { _ = coordinator.resume() }
    }

    /// Forces every vCPU out of KVM_RUN (called with the coordinator's lock held).
    private func kickAll() {
        for vcpu in vcpus { vcpu.setImmediateExit(true) }
        for thread in threads { thread.signal(VCPURunner.kickSignal) }
    }

    /// Parks every vCPU; guest time stops until `resume()`. False if the VM is stopping.
    @discardableResult
    public func pause() -> Bool {
        guard coordinator.pause(kick: kickAll) else { return false }
        for transport in virtioTransports { transport.backend.setHeld(true) }
        return true
    }

    @discardableResult
    public func resume() -> Bool {
        for transport in virtioTransports { transport.backend.setHeld(false) }
        return coordinator.resume()
    }

    public var isPaused: Bool { coordinator.isPaused }
    public var isStopping: Bool { coordinator.isStopping }

    /// Asks an hvsh guest (the built-in firmware) to power off: possible only once the guest has armed the
    /// shutdown handshake in its info block. Returns false when the guest cannot take the request.
    public func requestGuestShutdown() -> Bool {
        switch configuration.boot {
        case .linux: return false
        default: break
        }
        guard (try? memory.load(UInt8.self, at: FirmwareInfo.shutdownArmed)) == 1,
              (try? memory.store(UInt8(1), at: FirmwareInfo.shutdownRequested)) != nil else { return false }
        vm.pulseIRQ(FirmwareInfo.shutdownIRQ)
        return true
    }

    /// Sends heartbeat number `sequence` to an hvsh guest (a write to its info block and a pulse on IRQ 3).
    /// A Linux guest has no such block; nothing is sent to it.
    public func sendHeartbeat(_ sequence: UInt8) {
        if case .linux = configuration.boot { return }
        guard (try? memory.store(sequence, at: FirmwareInfo.heartbeatRequest)) != nil else { return }
        vm.pulseIRQ(FirmwareInfo.shutdownIRQ)
    }

    /// The last heartbeat number the guest answered (0 before any); nil for a Linux guest.
    public func heartbeatAnswer() -> UInt8? {
        if case .linux = configuration.boot { return nil }
        return try? memory.load(UInt8.self, at: FirmwareInfo.heartbeatAnswer)
    }

    /// Ends the VM; the first reason given is the one reported.
    public func requestExit(_ reason: ExitReason) {
        if coordinator.stop(reason, kick: kickAll) { exitEvent.signal() }
    }

    /// Waits for every vCPU thread to end and returns why the VM stopped.
    public func waitForExit() -> ExitReason {
        let reason = coordinator.waitUntilFinished()
        if !joined {
            for thread in threads { thread.join() }
            joined = true
        }
        for adapter in networkAdapters { adapter.shutdown() }
        // Whatever the guest wrote reaches the files, flushed or not, before the worker reports the VM off.
        for disk in disks { try? disk.flush() }
        return reason
    }
}

/// How devices and vCPU runners reach their machine without owning it (which would be a cycle).
final class ExitRelay: MachineControl, @unchecked Sendable {
    // Set once at the end of `Machine.init`, before any device or thread can call `requestExit`.
    weak var machine: Machine?
    func requestExit(_ reason: ExitReason) { machine?.requestExit(reason) }
}
