import CKVM
import LinuxSystem

/// Saving a paused machine to a directory and building a machine back from one.
///
/// A snapshot directory holds `state.bin` (vCPU registers, special registers, FPU/XSAVE, XCRs, LAPIC, MSRs,
/// MP state and pending events; the PIC pair, IOAPIC, PIT and KVM clock; the UART) and `memory.bin` (guest RAM,
/// sparse: all-zero runs are holes). Restoring maps `memory.bin` copy-on-write, so pages load as the guest
/// touches them and the snapshot itself is never changed.
public enum MachineSnapshot {
    static let magic: UInt64 = 0x3130_5041_4E53_4856 // "HVSNAP01"
    public static let stateFile = "state.bin"
    public static let memoryFile = "memory.bin"

    /// Writes the snapshot of a machine whose vCPUs are all parked.
    public static func save(_ machine: Machine, to directory: String) throws(VMMError) {
        precondition(machine.isPaused, "snapshots are taken of paused machines")
        try Files.makeDirectory(directory)
        var writer = ByteWriter()
        writer.append(magic)
        writer.append(UInt32(machine.vcpus.count))
        writer.append(machine.memory.size)
        for vcpu in machine.vcpus {
            writer.appendRaw(try vcpu.registers())
            writer.appendRaw(try vcpu.specialRegisters())
            writer.appendRaw(try vcpu.fpu())
            let xsave = try? vcpu.xsave()
            writer.append(UInt8(xsave == nil ? 0 : 1))
            if let xsave { writer.appendRaw(xsave) }
            writer.appendRaw(try vcpu.xcrs())
            writer.appendRaw(try vcpu.lapic())
            writer.appendRaw(try vcpu.mpState())
            writer.appendRaw(try vcpu.events())
            let msrs = try vcpu.msrs(BootMSRs.saved)
            writer.append(UInt32(msrs.count))
            for msr in msrs { writer.append(msr.index); writer.append(msr.value) }
        }
        for chip in [ckvm_irqchip_pic_master(), ckvm_irqchip_pic_slave(), ckvm_irqchip_ioapic()] {
            writer.appendRaw(try machine.vm.irqchip(chip))
        }
        writer.appendRaw(try machine.vm.pitState())
        writer.appendRaw(try machine.vm.clock())
        writer.append(bytes: machine.serial.saveState())
        writer.append(UInt32(machine.virtioTransports.count))
        for transport in machine.virtioTransports { writer.append(bytes: transport.saveState()) }
        // The disks' files must hold everything the saved guest believes is written.
        for disk in machine.disks {
            do throws(BlockBackendError) { try disk.flush() } catch { throw .badSnapshot("cannot flush a disk: \(error)") }
        }
        try writeMemory(machine.memory, to: directory + "/" + memoryFile)
        try Files.write(directory + "/" + stateFile, writer.bytes)
    }

    /// Writes RAM, leaving all-zero 64 KiB runs as holes (the file is sized first, so holes read as zeros).
    static func writeMemory(_ memory: GuestMemory, to path: String) throws(VMMError) {
        let bytes = memory.allBytes
        do {
            try AtomicFile.write(to: path, permissions: 0o600) { (file) throws(Errno) in
                try file.resize(to: Int64(memory.size))
                let chunk = 1 << 16
                var offset = 0
                while offset < bytes.count {
                    let window = UnsafeRawBufferPointer(rebasing: bytes[offset..<min(offset + chunk, bytes.count)])
                    if !isZero(window) { try file.writeAll(toAbsoluteOffset: Int64(offset), window) }
                    offset += window.count
                }
            }
        } catch {
            throw .system("writing \(path) (\(error.step) \(error.path))", error.errno)
        }
    }

    static func isZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let words = bytes.count / 8
        let base = bytes.baseAddress!
        for index in 0..<words where base.load(fromByteOffset: index * 8, as: UInt64.self) != 0 { return false }
        for index in words * 8..<bytes.count where bytes[index] != 0 { return false }
        return true
    }

    /// Builds a paused machine from a snapshot directory; `configuration` must match the VM that was saved.
    public static func restore(configuration: MachineConfiguration, from directory: String,
                               openDisk: @escaping Machine.DiskOpener = Machine.rawDiskOpener,
                               console: @escaping @Sendable (UInt8) -> Void) throws(VMMError) -> Machine {
        let state: [UInt8]
        do { state = try Files.read(directory + "/" + stateFile) } catch {
            throw .badSnapshot("\(directory) has no readable \(stateFile)")
        }
        var reader = ByteReader(state)
        guard try reader.read(UInt64.self) == magic else { throw .badSnapshot("\(stateFile) is not an hvsh snapshot") }
        let vcpuCount = Int(try reader.read(UInt32.self))
        let memorySize = try reader.read(UInt64.self)
        guard vcpuCount == configuration.vcpuCount, memorySize == configuration.memorySize else {
            throw .badSnapshot("snapshot has \(vcpuCount) vCPUs and \(memorySize >> 20) MB; the VM has \(configuration.vcpuCount) and \(configuration.memorySize >> 20) MB")
        }
        let memoryPath = directory + "/" + memoryFile
        guard let size = try? FileSystem.status(memoryPath).size, UInt64(size) == memorySize else {
            throw .badSnapshot("\(memoryFile) is missing or not \(memorySize) bytes")
        }
        let file: FileDescriptor?
        do throws(Errno) { file = try FileDescriptor.open(memoryPath, .readOnly) } catch { throw .system("open(\(memoryPath))", error) }
        let machine = try Machine(configuration: configuration, memoryFile: file, openDisk: openDisk, console: console)

        struct VCPUState {
            var regs: kvm_regs, sregs: kvm_sregs, fpu: kvm_fpu, xsave: kvm_xsave?, xcrs: kvm_xcrs
            var lapic: kvm_lapic_state, mp: kvm_mp_state, events: kvm_vcpu_events
            var msrs: [(index: UInt32, value: UInt64)]
        }
        var vcpuStates: [VCPUState] = []
        for _ in 0..<vcpuCount {
            let regs = try reader.readRaw(kvm_regs.self, zero: kvm_regs())
            let sregs = try reader.readRaw(kvm_sregs.self, zero: kvm_sregs())
            let fpu = try reader.readRaw(kvm_fpu.self, zero: kvm_fpu())
            let hasXSAVE = try reader.read(UInt8.self) != 0
            let xsave = hasXSAVE ? try reader.readRaw(kvm_xsave.self, zero: kvm_xsave()) : nil
            let xcrs = try reader.readRaw(kvm_xcrs.self, zero: kvm_xcrs())
            let lapic = try reader.readRaw(kvm_lapic_state.self, zero: kvm_lapic_state())
            let mp = try reader.readRaw(kvm_mp_state.self, zero: kvm_mp_state())
            let events = try reader.readRaw(kvm_vcpu_events.self, zero: kvm_vcpu_events())
            let count = Int(try reader.read(UInt32.self))
            guard count <= 256 else { throw .badSnapshot("implausible MSR count \(count)") }
            var msrs: [(index: UInt32, value: UInt64)] = []
            for _ in 0..<count { msrs.append((try reader.read(UInt32.self), try reader.read(UInt64.self))) }
            vcpuStates.append(VCPUState(regs: regs, sregs: sregs, fpu: fpu, xsave: xsave, xcrs: xcrs, lapic: lapic,
                                        mp: mp, events: events, msrs: msrs))
        }
        var chips: [kvm_irqchip] = []
        for _ in 0..<3 { chips.append(try reader.readRaw(kvm_irqchip.self, zero: kvm_irqchip())) }
        let pit = try reader.readRaw(kvm_pit_state2.self, zero: kvm_pit_state2())
        let clock = try reader.readRaw(kvm_clock_data.self, zero: kvm_clock_data())
        let serial = try reader.readBytes()
        var virtio: [[UInt8]] = []
        if !reader.isAtEnd {
            let count = Int(try reader.read(UInt32.self))
            guard count == machine.virtioTransports.count else {
                throw .badSnapshot("snapshot has \(count) virtio devices (network adapters and disks); the VM has \(machine.virtioTransports.count)")
            }
            for _ in 0..<count { virtio.append(try reader.readBytes()) }
        }

        // VM-wide devices first, then each vCPU (its LAPIC after the IOAPIC and PICs it talks to).
        try machine.vm.setPITState(pit)
        for chip in chips { try machine.vm.setIRQChip(chip) }
        try machine.vm.setClock(clock)
        for (vcpu, state) in zip(machine.vcpus, vcpuStates) {
            try vcpu.setMSRs(state.msrs)
            try vcpu.setSpecialRegisters(state.sregs)
            try vcpu.setRegisters(state.regs)
            if let xsave = state.xsave { try vcpu.setXSAVE(xsave) } else { try vcpu.setFPU(state.fpu) }
            try vcpu.setXCRS(state.xcrs)
            try vcpu.setLAPIC(state.lapic)
            try vcpu.setMPState(state.mp)
            try vcpu.setEvents(state.events)
        }
        try machine.serial.restoreState(serial)
        for (transport, bytes) in zip(machine.virtioTransports, virtio) { try transport.restoreState(bytes) }
        return machine
    }
}
