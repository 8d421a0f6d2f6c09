/// Linux's x86 boot protocol for a bzImage, entered at its 64-bit entry point (protocol 2.12 or later):
/// the protected-mode kernel at 1 MiB, a zero page with the setup header, e820 map, command line and initrd.
public enum LinuxBootLoader {
    /// Offsets into the bzImage's setup header and into `struct boot_params` (they coincide for the header).
    enum Offset {
        static let e820Entries = 0x1E8
        static let setupSectors = 0x1F1
        static let bootFlag = 0x1FE
        static let jump = 0x200
        static let headerMagic = 0x202
        static let version = 0x206
        static let typeOfLoader = 0x210
        static let loadFlags = 0x211
        static let ramdiskImage = 0x218
        static let ramdiskSize = 0x21C
        static let heapEndPointer = 0x224
        static let commandLinePointer = 0x228
        static let initrdAddressMaximum = 0x22C
        static let xloadFlags = 0x236
        static let relocatable = 0x234
        static let commandLineSize = 0x238
        static let preferredAddress = 0x258
        static let initSize = 0x260
        static let e820Table = 0x2D0
    }

    public static let minimumProtocol: UInt16 = 0x020C
    static let loadedHigh: UInt8 = 0x01
    static let canUseHeap: UInt8 = 0x80
    static let kernel64: UInt16 = 0x01

    /// Facts read from a bzImage's setup header.
    public struct Header: Sendable, Equatable {
        public var protocolVersion: UInt16
        public var setupSectors: Int
        public var initrdAddressMaximum: UInt32
        public var commandLineSize: UInt32
        public var initSize: UInt32
        public var relocatable: Bool
        /// Where the kernel wants to run (LOAD_PHYSICAL_ADDR); a relocatable kernel decompresses no lower.
        public var preferredAddress: UInt64
        /// Where the protected-mode kernel is copied: 1 MiB, or the preferred address of a fixed kernel.
        public var loadAddress: UInt64 { relocatable || preferredAddress == 0 ? GuestLayout.highMemory : preferredAddress }
        /// The end of the RAM the kernel needs while decompressing and running its early code.
        public var requiredEnd: UInt64 { max(loadAddress, preferredAddress) + UInt64(initSize) }
        /// The setup header bytes (0x1F1 up to its end), copied verbatim into the zero page.
        public var rawHeader: [UInt8]
        /// Offset in the file of the protected-mode kernel.
        public var kernelOffset: Int { (setupSectors + 1) * 512 }
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16
    }

    /// Parses and checks the setup header.
    public static func parseHeader(_ image: [UInt8]) throws(VMMError) -> Header {
        guard image.count >= 0x268 else { throw .badImage("file too small for a bzImage setup header") }
        guard u16(image, Offset.bootFlag) == 0xAA55, u32(image, Offset.headerMagic) == 0x5372_6448 else {
            throw .badImage("not a bzImage (no boot flag 0xAA55 / \"HdrS\" magic)")
        }
        let version = u16(image, Offset.version)
        guard version >= minimumProtocol else {
            throw .badImage("boot protocol \(version >> 8).\(version & 0xFF) is older than 2.12")
        }
        guard image[Offset.loadFlags] & loadedHigh != 0 else { throw .badImage("kernel is not a bzImage (not loaded high)") }
        guard u16(image, Offset.xloadFlags) & kernel64 != 0 else { throw .badImage("kernel has no 64-bit entry point") }
        var sectors = Int(image[Offset.setupSectors])
        if sectors == 0 { sectors = 4 }
        let headerEnd = min(0x202 + Int(image[Offset.jump + 1]), image.count)
        let header = Header(protocolVersion: version, setupSectors: sectors,
                            initrdAddressMaximum: u32(image, Offset.initrdAddressMaximum),
                            commandLineSize: u32(image, Offset.commandLineSize),
                            initSize: u32(image, Offset.initSize),
                            relocatable: image[Offset.relocatable] != 0,
                            preferredAddress: UInt64(u32(image, Offset.preferredAddress)) | UInt64(u32(image, Offset.preferredAddress + 4)) << 32,
                            rawHeader: Array(image[Offset.setupSectors..<headerEnd]))
        guard header.kernelOffset < image.count else { throw .badImage("setup sectors run past the end of the file") }
        return header
    }

    /// Loads kernel, initrd and command line into guest memory and builds the zero page.
    public static func load(kernel image: [UInt8], initrd: [UInt8]?, commandLine: String,
                            into memory: GuestMemory) throws(VMMError) -> BootEntry {
        let header = try parseHeader(image)
        let kernel = image[header.kernelOffset...]
        let kernelEnd = max(header.requiredEnd, header.loadAddress + UInt64(kernel.count))
        guard memory.contains(header.loadAddress, length: kernelEnd - header.loadAddress) else {
            throw .badImage("kernel needs \((kernelEnd + 0xFFFFF) >> 20) MiB of RAM, the VM has \(memory.size >> 20) MiB")
        }
        try memory.write(kernel, at: header.loadAddress)

        var commandBytes = Array(commandLine.utf8)
        let limit = min(Int(header.commandLineSize), GuestLayout.commandLineMaximum)
        guard commandBytes.count <= limit else {
            throw .invalidConfiguration("kernel command line is \(commandBytes.count) bytes; this kernel takes at most \(limit)")
        }
        commandBytes.append(0)
        try memory.write(commandBytes, at: GuestLayout.commandLine)

        var zeroPage = [UInt8](repeating: 0, count: 4096)
        zeroPage.replaceSubrange(Offset.setupSectors..<Offset.setupSectors + header.rawHeader.count, with: header.rawHeader)
        func put32(_ value: UInt32, _ at: Int) { for i in 0..<4 { zeroPage[at + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) } }
        func put64(_ value: UInt64, _ at: Int) { for i in 0..<8 { zeroPage[at + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) } }
        zeroPage[Offset.typeOfLoader] = 0xFF
        zeroPage[Offset.loadFlags] |= canUseHeap
        zeroPage[Offset.heapEndPointer] = 0x00; zeroPage[Offset.heapEndPointer + 1] = 0xFE
        put32(UInt32(GuestLayout.commandLine), Offset.commandLinePointer)

        if let initrd, !initrd.isEmpty {
            let lowRAMEnd = memory.regions[0].end
            let ceiling = min(UInt64(header.initrdAddressMaximum) + 1, lowRAMEnd)
            let size = UInt64(initrd.count)
            guard ceiling > size, (ceiling - size) & ~0xFFF >= (kernelEnd + 0xFFF) & ~0xFFF else {
                throw .badImage("initrd of \(size) bytes does not fit in RAM above the kernel")
            }
            let address = (ceiling - size) & ~0xFFF
            try memory.write(initrd, at: address)
            put32(UInt32(address), Offset.ramdiskImage)
            put32(UInt32(size), Offset.ramdiskSize)
        }

        let map = E820Entry.map(for: memory.regions)
        zeroPage[Offset.e820Entries] = UInt8(map.count)
        for (index, entry) in map.enumerated() {
            let at = Offset.e820Table + index * 20
            put64(entry.address, at); put64(entry.size, at + 8); put32(entry.type, at + 16)
        }
        try memory.write(zeroPage, at: GuestLayout.zeroPage)
        return BootEntry(instructionPointer: header.loadAddress + 0x200, rsi: GuestLayout.zeroPage)
    }
}
