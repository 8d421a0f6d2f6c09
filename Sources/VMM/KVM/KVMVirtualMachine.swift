import CKVM
import LinuxSystem

/// A KVM VM file descriptor: memory slots, the in-kernel irqchip and PIT, interrupt lines, vCPU creation.
public final class KVMVirtualMachine: @unchecked Sendable {
    // Only the descriptor and immutable values are stored; KVM serialises the ioctls itself.
    let descriptor: FileDescriptor
    let system: KVMSystem

    init(descriptor: consuming FileDescriptor, system: KVMSystem) {
        self.descriptor = descriptor
        self.system = system
    }

    @discardableResult
    func ioctl(_ name: String, _ request: UInt, _ argument: UnsafeMutableRawPointer?) throws(VMMError) -> CInt {
        do { return try descriptor.control(request, argument) } catch { throw .ioctl(name, error) }
    }

    @discardableResult
    func ioctl(_ name: String, _ request: UInt, value: UInt) throws(VMMError) -> CInt {
        do { return try descriptor.control(request, value: value) } catch { throw .ioctl(name, error) }
    }

    /// KVM_SET_USER_MEMORY_REGION: maps host memory at a guest-physical address.
    public func setMemoryRegion(slot: UInt32, guestAddress: UInt64, size: UInt64, host: UnsafeMutableRawPointer) throws(VMMError) {
        var region = kvm_userspace_memory_region(slot: slot, flags: 0, guest_phys_addr: guestAddress,
                                                 memory_size: size, userspace_addr: UInt64(UInt(bitPattern: host)))
        try ioctl("KVM_SET_USER_MEMORY_REGION", ckvm_KVM_SET_USER_MEMORY_REGION(), &region)
    }

    /// KVM_SET_TSS_ADDR: three pages below 4 GiB that Intel's VMX needs for real-mode emulation.
    public func setTSSAddress(_ address: UInt64) throws(VMMError) {
        try ioctl("KVM_SET_TSS_ADDR", ckvm_KVM_SET_TSS_ADDR(), value: UInt(address))
    }

    /// KVM_CREATE_IRQCHIP: in-kernel PIC pair, IOAPIC and per-vCPU local APICs.
    public func createIRQChip() throws(VMMError) {
        try ioctl("KVM_CREATE_IRQCHIP", ckvm_KVM_CREATE_IRQCHIP(), value: 0)
    }

    /// KVM_CREATE_PIT2: the in-kernel 8254 timer, on IRQ 0.
    public func createPIT() throws(VMMError) {
        var config = kvm_pit_config()
        // KVM_PIT_SPEAKER_DUMMY: port 0x61 answered in the kernel, so a guest polling it never exits.
        config.flags = 1
        try ioctl("KVM_CREATE_PIT2", ckvm_KVM_CREATE_PIT2(), &config)
    }

    /// KVM_IRQ_LINE: raises or lowers an interrupt line of the in-kernel irqchip.
    public func setIRQLine(_ irq: UInt32, high: Bool) throws(VMMError) {
        var level = kvm_irq_level()
        level.irq = irq
        level.level = high ? 1 : 0
        try ioctl("KVM_IRQ_LINE", ckvm_KVM_IRQ_LINE(), &level)
    }

    /// An edge on an ISA interrupt line (what a 16550 on the legacy PIC produces).
    public func pulseIRQ(_ irq: UInt32) {
        try? setIRQLine(irq, high: true)
        try? setIRQLine(irq, high: false)
    }

    /// KVM_IRQFD: a write to the eventfd raises `gsi` without an ioctl from the device thread.
    public func registerIRQFD(_ event: borrowing EventCounter, gsi: UInt32) throws(VMMError) {
        var request = kvm_irqfd()
        request.fd = UInt32(event.descriptor.rawValue)
        request.gsi = gsi
        try ioctl("KVM_IRQFD", ckvm_KVM_IRQFD(), &request)
    }

    /// KVM_CREATE_VCPU with this APIC id.
    public func createVCPU(id: UInt32) throws(VMMError) -> KVMVCPU {
        let vcpu = FileDescriptor(owning: try ioctl("KVM_CREATE_VCPU", ckvm_KVM_CREATE_VCPU(), value: UInt(id)))
        return try KVMVCPU(descriptor: vcpu, id: id, mmapSize: system.vcpuMmapSize)
    }

    // MARK: State for snapshots

    /// KVM_GET_IRQCHIP for one chip (0 PIC master, 1 PIC slave, 2 IOAPIC).
    public func irqchip(_ id: UInt32) throws(VMMError) -> kvm_irqchip {
        var chip = kvm_irqchip()
        chip.chip_id = id
        try ioctl("KVM_GET_IRQCHIP", ckvm_KVM_GET_IRQCHIP(), &chip)
        return chip
    }

    public func setIRQChip(_ chip: kvm_irqchip) throws(VMMError) {
        var chip = chip
        try ioctl("KVM_SET_IRQCHIP", ckvm_KVM_SET_IRQCHIP(), &chip)
    }

    public func pitState() throws(VMMError) -> kvm_pit_state2 {
        var state = kvm_pit_state2()
        try ioctl("KVM_GET_PIT2", ckvm_KVM_GET_PIT2(), &state)
        return state
    }

    public func setPITState(_ state: kvm_pit_state2) throws(VMMError) {
        var state = state
        try ioctl("KVM_SET_PIT2", ckvm_KVM_SET_PIT2(), &state)
    }

    public func clock() throws(VMMError) -> kvm_clock_data {
        var data = kvm_clock_data()
        try ioctl("KVM_GET_CLOCK", ckvm_KVM_GET_CLOCK(), &data)
        return data
    }

    public func setClock(_ data: kvm_clock_data) throws(VMMError) {
        // Only the clock value carries over; flags from another boot would be rejected.
        var request = kvm_clock_data()
        request.clock = data.clock
        try ioctl("KVM_SET_CLOCK", ckvm_KVM_SET_CLOCK(), &request)
    }
}
