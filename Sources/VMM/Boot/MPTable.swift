/// An Intel MultiProcessor Specification (1.4) table, which is how a Linux guest without ACPI finds its
/// vCPUs, the IOAPIC and how ISA interrupts are wired (the way Firecracker and kvmtool describe their VMs).
/// Written in the EBDA, where Linux looks for the floating pointer.
public enum MPTable {
    public static let address = GuestLayout.ebdaStart
    public static let ioapicAddress: UInt32 = 0xFEC0_0000
    public static let localAPICAddress: UInt32 = 0xFEE0_0000
    static let apicVersion: UInt8 = 0x14
    /// Pins 0-23 of the IOAPIC: the ISA interrupts, then the ones virtio disks use (as Firecracker lists them).
    static let ioapicPins = 24

    /// The bytes of floating pointer + configuration table for `vcpuCount` vCPUs.
    public static func build(vcpuCount: Int) -> [UInt8] {
        let ioapicID = UInt8(vcpuCount + 1)
        var entries = ByteWriter()
        var entryCount: UInt16 = 0
        for cpu in 0..<vcpuCount {
            // Processor: type 0, APIC id, version, flags (enabled, BSP for cpu 0), signature, features.
            entries.append(UInt8(0)); entries.append(UInt8(cpu)); entries.append(apicVersion)
            entries.append(UInt8(cpu == 0 ? 0x03 : 0x01))
            entries.append(UInt32(0x600)); entries.append(UInt32(0x201)) // family 6; FPU + APIC
            entries.append(UInt64(0))
            entryCount += 1
        }
        // Bus 0: ISA.
        entries.append(UInt8(1)); entries.append(UInt8(0))
        for byte in Array("ISA   ".utf8) { entries.append(byte) }
        entryCount += 1
        // The IOAPIC: enabled.
        entries.append(UInt8(2)); entries.append(ioapicID); entries.append(apicVersion); entries.append(UInt8(1))
        entries.append(ioapicAddress)
        entryCount += 1
        // ISA IRQ n on IOAPIC pin n, except the timer: KVM routes IRQ 0 to pin 2, as PCs do (IRQ 2 is the
        // PIC cascade and has no entry). Bus defaults for polarity and trigger (edge, active high), which is
        // how the VMM pulses every line, the disks' pins 16-23 included.
        for irq in 0..<ioapicPins where irq != 2 {
            entries.append(UInt8(3)); entries.append(UInt8(0)); entries.append(UInt16(0))
            entries.append(UInt8(0)); entries.append(UInt8(irq)); entries.append(ioapicID); entries.append(UInt8(irq == 0 ? 2 : irq))
            entryCount += 1
        }
        // LINT0 is ExtINT (the PIC), LINT1 is NMI, on every local APIC.
        for (type, pin) in [(UInt8(3), UInt8(0)), (UInt8(1), UInt8(1))] {
            entries.append(UInt8(4)); entries.append(type); entries.append(UInt16(0))
            entries.append(UInt8(0)); entries.append(UInt8(0)); entries.append(UInt8(0xFF)); entries.append(pin)
            entryCount += 1
        }

        let tableAddress = UInt32(address) + 16
        var table = ByteWriter()
        for byte in Array("PCMP".utf8) { table.append(byte) }
        table.append(UInt16(44 + entries.bytes.count))
        table.append(UInt8(4))              // spec revision 1.4
        table.append(UInt8(0))              // checksum, set below
        for byte in Array("HVSH    ".utf8) { table.append(byte) }      // OEM id
        for byte in Array("hvsh VM     ".utf8) { table.append(byte) }  // product id
        table.append(UInt32(0)); table.append(UInt16(0))
        table.append(entryCount)
        table.append(localAPICAddress)
        table.append(UInt16(0)); table.append(UInt8(0)); table.append(UInt8(0))
        var tableBytes = table.bytes + entries.bytes
        tableBytes[7] = checksumByte(tableBytes)

        var pointer = ByteWriter()
        for byte in Array("_MP_".utf8) { pointer.append(byte) }
        pointer.append(tableAddress)
        pointer.append(UInt8(1))            // length in 16-byte units
        pointer.append(UInt8(4))            // revision 1.4
        pointer.append(UInt8(0))            // checksum, set below
        for _ in 0..<5 { pointer.append(UInt8(0)) }  // feature bytes: a configuration table is present
        var pointerBytes = pointer.bytes
        pointerBytes[10] = checksumByte(pointerBytes)
        return pointerBytes + tableBytes
    }

    /// The byte that makes a structure's bytes sum to zero.
    static func checksumByte(_ bytes: [UInt8]) -> UInt8 {
        0 &- bytes.reduce(UInt8(0), &+)
    }

    public static func write(vcpuCount: Int, into memory: GuestMemory) throws(VMMError) {
        let bytes = build(vcpuCount: vcpuCount)
        guard UInt64(bytes.count) <= GuestLayout.highMemory - address else {
            throw .invalidConfiguration("too many vCPUs for the MP table")
        }
        try memory.write(bytes, at: address)
    }
}
