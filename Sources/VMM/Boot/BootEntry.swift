/// Where the boot vCPU starts (in 64-bit mode) and what it finds in its argument registers.
public struct BootEntry: Sendable, Equatable {
    public var instructionPointer: UInt64
    /// RSI: the zero page for Linux, 0 otherwise.
    public var rsi: UInt64
    /// RDI: the firmware information block for hvsh's own guests, 0 otherwise.
    public var rdi: UInt64
    public var stackPointer: UInt64 = GuestLayout.stackTop

    public init(instructionPointer: UInt64, rsi: UInt64 = 0, rdi: UInt64 = 0) {
        self.instructionPointer = instructionPointer; self.rsi = rsi; self.rdi = rdi
    }
}
