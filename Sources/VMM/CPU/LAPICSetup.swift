import CKVM

/// Local APIC wiring at boot: LINT0 delivers the legacy PIC's interrupts (ExtINT) and LINT1 is NMI,
/// as on a PC, so a guest that never programs its APIC still gets PIC/PIT interrupts.
enum LAPICSetup {
    static let lvtLINT0 = 0x350
    static let lvtLINT1 = 0x360

    static func wireLegacyInterrupts(_ vcpu: KVMVCPU) throws(VMMError) {
        var state = try vcpu.lapic()
        withUnsafeMutableBytes(of: &state.regs) { registers in
            func update(_ offset: Int, mode: UInt32) {
                let old = registers.load(fromByteOffset: offset, as: UInt32.self)
                // Delivery mode bits 8-10; clear the mask bit (16).
                let value = (old & ~UInt32(0x700) & ~UInt32(1 << 16)) | (mode << 8)
                registers.storeBytes(of: value, toByteOffset: offset, as: UInt32.self)
            }
            update(lvtLINT0, mode: 0x7) // ExtINT
            update(lvtLINT1, mode: 0x4) // NMI
        }
        try vcpu.setLAPIC(state)
    }
}
