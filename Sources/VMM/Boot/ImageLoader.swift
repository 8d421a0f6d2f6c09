/// Loaders for the simpler boot sources: ELF64 executables and flat binaries.
public enum ImageLoader {
    /// Loads every PT_LOAD segment at its physical address; the entry point is `e_entry`.
    public static func loadELF(_ image: [UInt8], into memory: GuestMemory) throws(VMMError) -> BootEntry {
        func u16(_ at: Int) -> UInt16 { UInt16(image[at]) | UInt16(image[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
        func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
        guard image.count >= 64, image[0] == 0x7F, image[1] == 0x45, image[2] == 0x4C, image[3] == 0x46 else {
            throw .badImage("not an ELF file")
        }
        guard image[4] == 2, image[5] == 1, u16(18) == 62 else { throw .badImage("only little-endian x86-64 ELF64 images boot") }
        let entry = u64(24)
        let tableOffset = u64(32)
        let entrySize = Int(u16(54)), count = Int(u16(56))
        guard entrySize >= 56, tableOffset < UInt64(image.count),
              Int(tableOffset) + count * entrySize <= image.count else { throw .badImage("ELF program header table is out of the file") }
        var loaded = 0
        for index in 0..<count {
            let at = Int(tableOffset) + index * entrySize
            guard u32(at) == 1 else { continue } // PT_LOAD
            let offset = u64(at + 8), physical = u64(at + 24), fileSize = u64(at + 32), memorySize = u64(at + 40)
            guard fileSize <= memorySize, offset <= UInt64(image.count), fileSize <= UInt64(image.count) - offset else {
                throw .badImage("ELF segment \(index) lies outside the file")
            }
            guard memory.contains(physical, length: memorySize) else {
                throw .badImage("ELF segment \(index) at 0x\(String(physical, radix: 16)) does not fit in guest RAM")
            }
            try memory.write(image[Int(offset)..<Int(offset + fileSize)], at: physical)
            if memorySize > fileSize { try memory.zero(physical + fileSize, count: Int(memorySize - fileSize)) }
            loaded += 1
        }
        guard loaded > 0 else { throw .badImage("ELF file has no loadable segment") }
        return BootEntry(instructionPointer: entry, rsi: GuestLayout.zeroPage)
    }

    /// Copies a flat binary to `address` and enters it there.
    public static func loadFlat(_ image: [UInt8], at address: UInt64 = GuestLayout.highMemory,
                                into memory: GuestMemory) throws(VMMError) -> BootEntry {
        guard !image.isEmpty else { throw .badImage("flat image is empty") }
        guard memory.contains(address, length: UInt64(image.count)) else {
            throw .badImage("flat image of \(image.count) bytes does not fit in RAM at 0x\(String(address, radix: 16))")
        }
        try memory.write(image, at: address)
        return BootEntry(instructionPointer: address, rdi: GuestLayout.firmwareInfo)
    }
}
