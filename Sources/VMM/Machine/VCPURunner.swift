#if canImport(Glibc)
import Glibc
#endif
import CKVM
import LinuxSystem

/// One vCPU's run loop: KVM_RUN, then hand each exit to the bus, until the coordinator says stop.
/// It never names a device.
struct VCPURunner: @unchecked Sendable {
    // Each runner is used by exactly one thread; the shared objects it holds are themselves thread-safe.
    let vcpu: KVMVCPU
    let io: Bus
    let mmio: Bus
    let coordinator: RunCoordinator
    let control: any MachineControl

    static let kickSignal = SIGUSR1

    /// A no-op handler without SA_RESTART, so a signal makes KVM_RUN return EINTR.
    static let installKickHandler: Void = Signals.installInterruptingHandler(for: kickSignal)

    func run() {
        defer { coordinator.vcpuFinished() }
        while coordinator.mayRun(prepareRun: { vcpu.setImmediateExit(false) }, park: completePendingExit) {
            do {
                guard try vcpu.runOnce() else { continue }
            } catch {
                control.requestExit(.internalError("\(error)"))
                return
            }
            handleExit()
        }
        completePendingExit()
    }

    /// Lets KVM finish an I/O or MMIO read it is waiting on, so saved registers include its result.
    private func completePendingExit() {
        vcpu.setImmediateExit(true)
        _ = try? vcpu.runOnce()
    }

    private func handleExit() {
        let run = vcpu.run
        let raw = UnsafeMutableRawPointer(run)
        switch Int32(run.pointee.exit_reason) {
        case KVM_EXIT_IO:
            let io = run.pointee.io
            let size = Int(io.size)
            guard size == 1 || size == 2 || size == 4 else { return }
            let count = Int(io.count)
            let data = raw + Int(io.data_offset)
            // KVM places the data inside the kvm_run page; refuse anything that would run past it.
            guard Int(io.data_offset) + size * count <= vcpu.runSize else { return }
            for index in 0..<count {
                let slice = data + index * size
                if io.direction == UInt8(KVM_EXIT_IO_OUT) {
                    self.io.write(UInt64(io.port), data: UnsafeRawBufferPointer(start: slice, count: size))
                } else {
                    self.io.read(UInt64(io.port), into: UnsafeMutableRawBufferPointer(start: slice, count: size))
                }
            }
        case KVM_EXIT_MMIO:
            let length = min(Int(run.pointee.mmio.len), 8)
            let address = run.pointee.mmio.phys_addr
            withUnsafeMutableBytes(of: &run.pointee.mmio.data) { bytes in
                let window = UnsafeMutableRawBufferPointer(rebasing: bytes[0..<length])
                if run.pointee.mmio.is_write != 0 {
                    mmio.write(address, data: UnsafeRawBufferPointer(window))
                } else {
                    mmio.read(address, into: window)
                }
            }
        case KVM_EXIT_HLT, KVM_EXIT_INTR, KVM_EXIT_IRQ_WINDOW_OPEN:
            break
        case KVM_EXIT_SHUTDOWN:
            control.requestExit(.tripleFault)
        case KVM_EXIT_SYSTEM_EVENT:
            switch Int32(run.pointee.system_event.type) {
            case KVM_SYSTEM_EVENT_RESET: control.requestExit(.guestReset)
            case KVM_SYSTEM_EVENT_SHUTDOWN: control.requestExit(.guestPowerOff)
            default: control.requestExit(.internalError("system event \(run.pointee.system_event.type)"))
            }
        case KVM_EXIT_FAIL_ENTRY:
            control.requestExit(.internalError("VM entry failed (reason 0x\(String(run.pointee.fail_entry.hardware_entry_failure_reason, radix: 16)))"))
        case KVM_EXIT_INTERNAL_ERROR:
            control.requestExit(.internalError("internal error, suberror \(run.pointee.internal.suberror) (instruction emulation failed?)"))
        default:
            control.requestExit(.internalError("unhandled exit reason \(run.pointee.exit_reason)"))
        }
    }
}
