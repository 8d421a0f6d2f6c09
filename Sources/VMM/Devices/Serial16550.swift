/// A 16550A UART (the guest's COM1 console): transmitted bytes go to `output`, host input is queued for the
/// guest, and IRQ 4 is raised for "data ready" and "transmitter empty" as the guest enables them.
public final class Serial16550: BusDevice {
    public static let com1Port: UInt64 = 0x3F8
    public static let com1IRQ: UInt32 = 4
    public static let length: UInt64 = 8

    /// The register file; a plain value so snapshots can copy it.
    public struct Registers: Sendable, Equatable {
        var ier: UInt8 = 0
        var lcr: UInt8 = 0x03
        var mcr: UInt8 = 0x08
        var scr: UInt8 = 0
        var dll: UInt8 = 0x0C
        var dlm: UInt8 = 0
        var fcr: UInt8 = 0
        var transmitInterruptPending = false
        var input: [UInt8] = []
    }

    private let registers = Locked(Registers())
    private let output: @Sendable (UInt8) -> Void
    private let interrupt: @Sendable () -> Void

    /// Input beyond this many bytes is dropped, so a flood from a console client cannot grow memory.
    static let inputLimit = 4096

    public init(output: @escaping @Sendable (UInt8) -> Void, interrupt: @escaping @Sendable () -> Void) {
        self.output = output
        self.interrupt = interrupt
    }

    private static let dlab: UInt8 = 0x80
    private static let loopback: UInt8 = 0x10

    /// Queues bytes typed by the host for the guest to read.
    public func enqueueInput(_ bytes: some Collection<UInt8>) {
        let raise = registers.withLock { state -> Bool in
            let room = max(0, Serial16550.inputLimit - state.input.count)
            state.input.append(contentsOf: bytes.prefix(room))
            return state.ier & 0x01 != 0 && !state.input.isEmpty
        }
        if raise { interrupt() }
    }

    public func read(offset: UInt64, into data: UnsafeMutableRawBufferPointer) {
        guard !data.isEmpty else { return }
        let value: UInt8 = registers.withLock { state in
            switch offset {
            case 0:
                if state.lcr & Serial16550.dlab != 0 { return state.dll }
                return state.input.isEmpty ? 0 : state.input.removeFirst()
            case 1: return state.lcr & Serial16550.dlab != 0 ? state.dlm : state.ier
            case 2:
                let fifo: UInt8 = state.fcr & 0x01 != 0 ? 0xC0 : 0
                if state.ier & 0x01 != 0 && !state.input.isEmpty { return fifo | 0x04 }
                if state.ier & 0x02 != 0 && state.transmitInterruptPending {
                    state.transmitInterruptPending = false
                    return fifo | 0x02
                }
                return fifo | 0x01
            case 3: return state.lcr
            case 4: return state.mcr
            case 5: return 0x60 | (state.input.isEmpty ? 0 : 0x01)
            case 6:
                // In loopback the modem status mirrors the control lines; otherwise a present, ready peer.
                if state.mcr & Serial16550.loopback != 0 {
                    return ((state.mcr & 0x0C) << 4) | ((state.mcr & 0x01) << 5) | ((state.mcr & 0x02) << 3)
                }
                return 0xB0
            default: return state.scr
            }
        }
        data.initializeMemory(as: UInt8.self, repeating: 0)
        data[0] = value
    }

    public func write(offset: UInt64, data: UnsafeRawBufferPointer) {
        guard let value = data.first else { return }
        var transmit: UInt8?
        let raise: Bool = registers.withLock { state in
            switch offset {
            case 0:
                if state.lcr & Serial16550.dlab != 0 { state.dll = value; return false }
                if state.mcr & Serial16550.loopback != 0 {
                    if state.input.count < Serial16550.inputLimit { state.input.append(value) }
                } else {
                    transmit = value
                }
                state.transmitInterruptPending = true
                return state.ier & 0x02 != 0
            case 1:
                if state.lcr & Serial16550.dlab != 0 { state.dlm = value; return false }
                let enablingTransmit = value & 0x02 != 0 && state.ier & 0x02 == 0
                state.ier = value & 0x0F
                if enablingTransmit { state.transmitInterruptPending = true }
                return (enablingTransmit) || (value & 0x01 != 0 && !state.input.isEmpty)
            case 2:
                state.fcr = value
                if value & 0x02 != 0 { state.input.removeAll() }
                return false
            case 3: state.lcr = value; return false
            case 4: state.mcr = value & 0x1F; return false
            case 7: state.scr = value; return false
            default: return false
            }
        }
        if let transmit { output(transmit) }
        if raise { interrupt() }
    }

    // MARK: Snapshot

    public func saveState() -> [UInt8] {
        let state = registers.withLock { $0 }
        var writer = ByteWriter()
        for byte in [state.ier, state.lcr, state.mcr, state.scr, state.dll, state.dlm, state.fcr] { writer.append(byte) }
        writer.append(UInt8(state.transmitInterruptPending ? 1 : 0))
        writer.append(bytes: state.input)
        return writer.bytes
    }

    public func restoreState(_ bytes: [UInt8]) throws(VMMError) {
        var reader = ByteReader(bytes)
        var state = Registers()
        state.ier = try reader.read(UInt8.self); state.lcr = try reader.read(UInt8.self)
        state.mcr = try reader.read(UInt8.self); state.scr = try reader.read(UInt8.self)
        state.dll = try reader.read(UInt8.self); state.dlm = try reader.read(UInt8.self)
        state.fcr = try reader.read(UInt8.self)
        state.transmitInterruptPending = try reader.read(UInt8.self) != 0
        state.input = Array(try reader.readBytes().prefix(Serial16550.inputLimit))
        registers.withLock { $0 = state }
    }
}
