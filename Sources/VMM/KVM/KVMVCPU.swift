import CKVM
import LinuxSystem

/// A KVM vCPU file descriptor and its shared `kvm_run` area.
public final class KVMVCPU: @unchecked Sendable {
    // The descriptor and mapping are immutable; `run` is touched only by the vCPU's own thread, except
    // `immediate_exit`, which other threads set to kick it (a single byte KVM re-reads on every KVM_RUN).
    let descriptor: FileDescriptor
    public let id: UInt32
    /// The shared kvm_run area, unmapped when the vCPU goes (as the descriptor is closed), by ownership.
    private let runArea: MemoryMapping
    let run: UnsafeMutablePointer<kvm_run>
    var runSize: Int { runArea.length }

    init(descriptor: consuming FileDescriptor, id: UInt32, mmapSize: Int) throws(VMMError) {
        do {
            runArea = try MemoryMapping(file: descriptor, length: mmapSize, shared: true)
        } catch {
            throw .system("mmap(kvm_run)", error)
        }
        self.descriptor = descriptor
        self.id = id
        self.run = runArea.base.assumingMemoryBound(to: kvm_run.self)
    }

    func ioctl(_ name: String, _ request: UInt, _ argument: UnsafeMutableRawPointer?) throws(VMMError) {
        do { try descriptor.control(request, argument) } catch { throw .ioctl(name, error) }
    }

    /// KVM_RUN once. Returns false when interrupted by a signal or `immediate_exit`: the interruption
    /// is how another thread stops this vCPU, so it is not retried here.
    func runOnce() throws(VMMError) -> Bool {
        do throws(Errno) {
            try descriptor.control(ckvm_KVM_RUN(), value: 0, retryOnInterrupt: false)
            return true
        } catch Errno.interrupted, Errno.wouldBlock {
            return false
        } catch {
            throw .ioctl("KVM_RUN", error)
        }
    }

    /// Makes the next (or current, once a signal lands) KVM_RUN return at once.
    func setImmediateExit(_ value: Bool) {
        withUnsafeMutablePointer(to: &run.pointee.immediate_exit) { pointer in
            UnsafeMutableRawPointer(pointer).storeBytes(of: value ? 1 : 0, as: UInt8.self)
        }
    }

    // MARK: Registers

    public func registers() throws(VMMError) -> kvm_regs {
        var value = kvm_regs(); try ioctl("KVM_GET_REGS", ckvm_KVM_GET_REGS(), &value); return value
    }
    public func setRegisters(_ value: kvm_regs) throws(VMMError) {
        var value = value; try ioctl("KVM_SET_REGS", ckvm_KVM_SET_REGS(), &value)
    }
    public func specialRegisters() throws(VMMError) -> kvm_sregs {
        var value = kvm_sregs(); try ioctl("KVM_GET_SREGS", ckvm_KVM_GET_SREGS(), &value); return value
    }
    public func setSpecialRegisters(_ value: kvm_sregs) throws(VMMError) {
        var value = value; try ioctl("KVM_SET_SREGS", ckvm_KVM_SET_SREGS(), &value)
    }
    public func fpu() throws(VMMError) -> kvm_fpu {
        var value = kvm_fpu(); try ioctl("KVM_GET_FPU", ckvm_KVM_GET_FPU(), &value); return value
    }
    public func setFPU(_ value: kvm_fpu) throws(VMMError) {
        var value = value; try ioctl("KVM_SET_FPU", ckvm_KVM_SET_FPU(), &value)
    }
    public func lapic() throws(VMMError) -> kvm_lapic_state {
        var value = kvm_lapic_state(); try ioctl("KVM_GET_LAPIC", ckvm_KVM_GET_LAPIC(), &value); return value
    }
    public func setLAPIC(_ value: kvm_lapic_state) throws(VMMError) {
        var value = value; try ioctl("KVM_SET_LAPIC", ckvm_KVM_SET_LAPIC(), &value)
    }
    public func mpState() throws(VMMError) -> kvm_mp_state {
        var value = kvm_mp_state(); try ioctl("KVM_GET_MP_STATE", ckvm_KVM_GET_MP_STATE(), &value); return value
    }
    public func setMPState(_ value: kvm_mp_state) throws(VMMError) {
        var value = value; try ioctl("KVM_SET_MP_STATE", ckvm_KVM_SET_MP_STATE(), &value)
    }
    public func events() throws(VMMError) -> kvm_vcpu_events {
        var value = kvm_vcpu_events(); try ioctl("KVM_GET_VCPU_EVENTS", ckvm_KVM_GET_VCPU_EVENTS(), &value); return value
    }
    public func setEvents(_ value: kvm_vcpu_events) throws(VMMError) {
        var value = value; try ioctl("KVM_SET_VCPU_EVENTS", ckvm_KVM_SET_VCPU_EVENTS(), &value)
    }
    public func xcrs() throws(VMMError) -> kvm_xcrs {
        var value = kvm_xcrs(); try ioctl("KVM_GET_XCRS", ckvm_KVM_GET_XCRS(), &value); return value
    }
    public func setXCRS(_ value: kvm_xcrs) throws(VMMError) {
        var value = value; try ioctl("KVM_SET_XCRS", ckvm_KVM_SET_XCRS(), &value)
    }

    public func xsave() throws(VMMError) -> kvm_xsave {
        var value = kvm_xsave(); try ioctl("KVM_GET_XSAVE", ckvm_KVM_GET_XSAVE(), &value); return value
    }
    public func setXSAVE(_ value: kvm_xsave) throws(VMMError) {
        var value = value; try ioctl("KVM_SET_XSAVE", ckvm_KVM_SET_XSAVE(), &value)
    }

    /// KVM_SET_CPUID2.
    public func setCPUID(_ entries: [CPUIDEntry]) throws(VMMError) {
        let buffer = CPUIDBuffer(entries)
        try ioctl("KVM_SET_CPUID2", ckvm_KVM_SET_CPUID2(), buffer.raw)
    }

    /// KVM_SET_MSRS; every entry must be accepted.
    public func setMSRs(_ msrs: [(index: UInt32, value: UInt64)]) throws(VMMError) {
        let buffer = MSRBuffer(msrs)
        let written: CInt
        do { written = try descriptor.control(ckvm_KVM_SET_MSRS(), buffer.raw) } catch { throw .ioctl("KVM_SET_MSRS", error) }
        if Int(written) != msrs.count {
            throw .ioctl("KVM_SET_MSRS (MSR 0x\(String(msrs[Int(written)].index, radix: 16)) refused)", .invalidArgument)
        }
    }

    /// KVM_GET_MSRS for the indices this vCPU accepts; ones KVM refuses are left out.
    public func msrs(_ indices: [UInt32]) throws(VMMError) -> [(index: UInt32, value: UInt64)] {
        var pending = indices
        var result: [(index: UInt32, value: UInt64)] = []
        while !pending.isEmpty {
            let buffer = MSRBuffer(pending.map { ($0, 0) })
            let read: CInt
            do { read = try descriptor.control(ckvm_KVM_GET_MSRS(), buffer.raw) } catch { throw .ioctl("KVM_GET_MSRS", error) }
            result += buffer.entries.prefix(Int(read))
            // KVM stops at the first MSR it does not know: skip it and continue after it.
            pending = Array(pending.dropFirst(Int(read) + 1))
        }
        return result
    }
}

/// A `struct kvm_msrs` with its entries, owned on the heap.
final class MSRBuffer {
    let raw: UnsafeMutableRawPointer
    let count: Int

    init(_ msrs: [(UInt32, UInt64)]) {
        count = msrs.count
        let size = MemoryLayout<kvm_msrs>.size + count * MemoryLayout<kvm_msr_entry>.stride
        raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        raw.assumingMemoryBound(to: kvm_msrs.self).pointee.nmsrs = UInt32(count)
        for (offset, msr) in msrs.enumerated() {
            var entry = kvm_msr_entry()
            entry.index = msr.0
            entry.data = msr.1
            entryPointer[offset] = entry
        }
    }

    deinit { raw.deallocate() }

    private var entryPointer: UnsafeMutablePointer<kvm_msr_entry> {
        (raw + MemoryLayout<kvm_msrs>.size).assumingMemoryBound(to: kvm_msr_entry.self)
    }

    var entries: [(index: UInt32, value: UInt64)] {
        (0..<count).map { (entryPointer[$0].index, entryPointer[$0].data) }
    }
}
