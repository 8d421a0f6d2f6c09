/// Just enough of the i8042 keyboard controller for guests to reset the machine (command 0xFE on port 0x64).
public final class I8042: BusDevice {
    public static let basePort: UInt64 = 0x60
    public static let length: UInt64 = 5
    let control: any MachineControl

    public init(control: any MachineControl) { self.control = control }

    public func read(offset: UInt64, into data: UnsafeMutableRawBufferPointer) {
        // Status (0x64) reports an empty output buffer and a free input buffer; data (0x60) reads 0.
        data.initializeMemory(as: UInt8.self, repeating: 0)
    }

    public func write(offset: UInt64, data: UnsafeRawBufferPointer) {
        if offset == 4, data.first == 0xFE { control.requestExit(.guestReset) }
    }
}
