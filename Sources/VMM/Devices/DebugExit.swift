/// An exit port like QEMU's isa-debug-exit: a write ends the VM with the written value as its status,
/// so test guests can finish with a result.
public final class DebugExit: BusDevice {
    public static let port: UInt64 = 0xF4
    let control: any MachineControl

    public init(control: any MachineControl) { self.control = control }

    public func read(offset: UInt64, into data: UnsafeMutableRawBufferPointer) {
        data.initializeMemory(as: UInt8.self, repeating: 0xFF)
    }

    public func write(offset: UInt64, data: UnsafeRawBufferPointer) {
        control.requestExit(.guestExit(code: data.first ?? 0))
    }
}
