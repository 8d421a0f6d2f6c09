import CKVM

/// Puts the boot vCPU straight into 64-bit mode: flat GDT, identity page tables for the first 4 GiB,
/// paging and long mode on, as the Linux 64-bit boot protocol expects (and as Firecracker does).
enum LongModeSetup {
    static let codeSelector: UInt16 = 0x08
    static let dataSelector: UInt16 = 0x10
    static let tssSelector: UInt16 = 0x18

    /// A GDT descriptor from flags, base and limit.
    static func gdtEntry(flags: UInt64, base: UInt64, limit: UInt64) -> UInt64 {
        ((base & 0xFF00_0000) << 32) | ((flags & 0xF0FF) << 40) | ((limit & 0xF_0000) << 32)
            | ((base & 0x00FF_FFFF) << 16) | (limit & 0xFFFF)
    }

    static let gdt: [UInt64] = [
        0,
        gdtEntry(flags: 0xA09B, base: 0, limit: 0xFFFFF), // 64-bit code
        gdtEntry(flags: 0xC093, base: 0, limit: 0xFFFFF), // data
        gdtEntry(flags: 0x808B, base: 0, limit: 0xFFFFF), // TSS
    ]

    /// Writes GDT, an empty IDT and the page tables into guest memory.
    static func writeTables(_ memory: GuestMemory) throws(VMMError) {
        for (index, entry) in gdt.enumerated() { try memory.store(entry, at: GuestLayout.gdt + UInt64(index * 8)) }
        try memory.store(UInt64(0), at: GuestLayout.idt)
        try memory.zero(GuestLayout.pml4, count: 0x1000)
        try memory.zero(GuestLayout.pdpt, count: 0x1000)
        try memory.store(GuestLayout.pdpt | 0x03, at: GuestLayout.pml4)
        for directory in 0..<4 as Range<UInt64> {
            let table = GuestLayout.pageDirectories + directory * 0x1000
            try memory.store(table | 0x03, at: GuestLayout.pdpt + directory * 8)
            for entry in 0..<512 as Range<UInt64> {
                let physical = (directory * 512 + entry) << 21
                // Present, writable, 2 MiB page.
                try memory.store(physical | 0x83, at: table + entry * 8)
            }
        }
    }

    static func segment(selector: UInt16, type: UInt8, long: Bool) -> kvm_segment {
        var segment = kvm_segment()
        segment.base = 0
        segment.limit = 0xFFFF_FFFF
        segment.selector = selector
        segment.type = type
        segment.present = 1
        segment.dpl = 0
        segment.db = long ? 0 : 1
        segment.s = type == 0x0B && selector == tssSelector ? 0 : 1
        segment.l = long ? 1 : 0
        segment.g = 1
        return segment
    }

    /// Special registers for 64-bit mode, starting from what KVM reset the vCPU to.
    static func specialRegisters(from initial: kvm_sregs) -> kvm_sregs {
        var sregs = initial
        sregs.gdt.base = GuestLayout.gdt
        sregs.gdt.limit = UInt16(gdt.count * 8 - 1)
        sregs.idt.base = GuestLayout.idt
        sregs.idt.limit = 7
        sregs.cs = segment(selector: codeSelector, type: 0x0B, long: true)
        let data = segment(selector: dataSelector, type: 0x03, long: false)
        sregs.ds = data; sregs.es = data; sregs.fs = data; sregs.gs = data; sregs.ss = data
        var tss = segment(selector: tssSelector, type: 0x0B, long: false)
        tss.s = 0
        tss.g = 0
        tss.limit = 0xFFFFF
        sregs.tr = tss
        sregs.cr3 = GuestLayout.pml4
        sregs.cr4 |= 1 << 5 // PAE
        sregs.cr0 = (sregs.cr0 | 0x8000_0001 | 0x10) & ~UInt64(0x6000_0000) // PG | PE | ET, caches on
        sregs.efer |= 0x500 // LME | LMA
        return sregs
    }
}
