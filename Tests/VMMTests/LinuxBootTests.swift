import Glibc
import NetworkAddresses
@testable import VMM
import XCTest

/// Linux's 64-bit boot protocol against a synthetic bzImage (header fields set as a real 2.15 kernel's).
final class LinuxBootTests: XCTestCase {
    /// A bzImage with 4 setup sectors whose protected-mode part is `entryCode` at offset 0x200.
    static func syntheticBzImage(version: UInt16 = 0x020F, xloadflags: UInt16 = 0x1, entryCode: [UInt8] = [0xF4],
                                 relocatable: Bool = true, preferredAddress: UInt32 = 0) -> [UInt8] {
        var image = [UInt8](repeating: 0, count: 5 * 512)
        func put16(_ value: UInt16, _ at: Int) { image[at] = UInt8(value & 0xFF); image[at + 1] = UInt8(value >> 8) }
        func put32(_ value: UInt32, _ at: Int) { put16(UInt16(value & 0xFFFF), at); put16(UInt16(value >> 16), at + 2) }
        image[0x1F1] = 4                        // setup_sects
        put16(0xAA55, 0x1FE)                   // boot_flag
        image[0x200] = 0xEB; image[0x201] = 0x6A // jump over the header: header ends at 0x26C
        put32(0x5372_6448, 0x202)              // "HdrS"
        put16(version, 0x206)
        image[0x211] = 0x01                    // loadflags: LOADED_HIGH
        put32(0x37FF_FFFF, 0x22C)              // initrd_addr_max
        put32(0x0100_0000, 0x230)              // kernel_alignment
        image[0x234] = relocatable ? 1 : 0
        put32(preferredAddress, 0x258)         // pref_address (low half)
        put16(xloadflags, 0x236)
        put32(2048, 0x238)                     // cmdline_size
        put32(0x0040_0000, 0x260)              // init_size: 4 MiB
        var kernel = [UInt8](repeating: 0x90, count: 0x200) + entryCode
        kernel += [UInt8](repeating: 0, count: 64)
        return image + kernel
    }

    func testZeroPageE820CommandLineAndInitrd() throws {
        let memory = try GuestMemory(size: 64 << 20)
        let image = Self.syntheticBzImage()
        let initrd = [UInt8](repeating: 0xAB, count: 10_000)
        let entry = try LinuxBootLoader.load(kernel: image, initrd: initrd, commandLine: "console=ttyS0 panic=1", into: memory)

        XCTAssertEqual(entry, BootEntry(instructionPointer: 0x10_0200, rsi: 0x7000))
        XCTAssertEqual(entry.stackPointer, GuestLayout.stackTop)
        let zeroPage: UInt64 = 0x7000
        XCTAssertEqual(try memory.load(UInt16.self, at: zeroPage + 0x1FE), 0xAA55, "setup header copied")
        XCTAssertEqual(try memory.load(UInt32.self, at: zeroPage + 0x202), 0x5372_6448)
        XCTAssertEqual(try memory.load(UInt16.self, at: zeroPage + 0x206), 0x020F)
        XCTAssertEqual(try memory.load(UInt8.self, at: zeroPage + 0x210), 0xFF, "type_of_loader: undefined loader")
        XCTAssertEqual(try memory.load(UInt8.self, at: zeroPage + 0x211), 0x81, "LOADED_HIGH | CAN_USE_HEAP")
        XCTAssertEqual(try memory.load(UInt16.self, at: zeroPage + 0x224), 0xFE00, "heap_end_ptr")
        XCTAssertEqual(try memory.load(UInt32.self, at: zeroPage + 0x228), 0x20000, "cmd_line_ptr")
        XCTAssertEqual(try memory.read(0x20000, count: 22), Array("console=ttyS0 panic=1".utf8) + [0])

        let initrdAddress = UInt64(try memory.load(UInt32.self, at: zeroPage + 0x218))
        XCTAssertEqual(try memory.load(UInt32.self, at: zeroPage + 0x21C), 10_000)
        XCTAssertEqual(initrdAddress % 4096, 0, "initrd page-aligned")
        XCTAssertLessThanOrEqual(initrdAddress + 10_000, 64 << 20, "initrd inside RAM")
        XCTAssertGreaterThanOrEqual(initrdAddress, 0x10_0000 + 0x40_0000, "initrd above the kernel's init_size")
        XCTAssertEqual(try memory.read(initrdAddress, count: 4), [0xAB, 0xAB, 0xAB, 0xAB])

        XCTAssertEqual(try memory.load(UInt8.self, at: zeroPage + 0x1E8), 3, "e820_entries")
        func e820(_ index: UInt64) throws -> E820Entry {
            let at = zeroPage + 0x2D0 + index * 20
            return E820Entry(address: try memory.load(UInt64.self, at: at), size: try memory.load(UInt64.self, at: at + 8),
                             type: try memory.load(UInt32.self, at: at + 16))
        }
        XCTAssertEqual(try e820(0), E820Entry(address: 0, size: 0x9FC00, type: E820Entry.ram))
        XCTAssertEqual(try e820(1), E820Entry(address: 0x9FC00, size: 0x10_0000 - 0x9FC00, type: E820Entry.reserved))
        XCTAssertEqual(try e820(2), E820Entry(address: 0x10_0000, size: (64 << 20) - 0x10_0000, type: E820Entry.ram))
        XCTAssertEqual(try memory.read(0x10_0200, count: 1), [0xF4], "protected-mode kernel at 1 MiB")
    }

    func testFixedKernelLoadsAtItsPreferredAddressAndNeedsRoomThere() throws {
        let memory = try GuestMemory(size: 32 << 20)
        let image = Self.syntheticBzImage(relocatable: false, preferredAddress: 0x100_0000)
        let entry = try LinuxBootLoader.load(kernel: image, initrd: nil, commandLine: "", into: memory)
        XCTAssertEqual(entry.instructionPointer, 0x100_0200)
        XCTAssertEqual(try memory.read(0x100_0200, count: 1), [0xF4])
        // A relocatable kernel still decompresses at its preferred address: 16 MiB + 4 MiB init_size must fit.
        let small = try GuestMemory(size: 16 << 20)
        XCTAssertThrowsError(try LinuxBootLoader.load(kernel: Self.syntheticBzImage(preferredAddress: 0x100_0000), initrd: nil,
                                                      commandLine: "", into: small)) { error in
            XCTAssertEqual("\(error)", "bad boot image: kernel needs 20 MiB of RAM, the VM has 16 MiB")
        }
    }

    func testE820SplitsAroundTheMMIOHoleForLargeMemory() {
        let map = E820Entry.map(for: GuestMemory.layout(size: 4 << 30))
        XCTAssertEqual(map.last, E820Entry(address: 0x1_0000_0000, size: (4 << 30) - 0xC000_0000, type: E820Entry.ram))
        XCTAssertEqual(map[2], E820Entry(address: 0x10_0000, size: 0xC000_0000 - 0x10_0000, type: E820Entry.ram))
    }

    func testOldProtocolsAndMissing64BitEntryAreRefused() throws {
        let memory = try GuestMemory(size: 16 << 20)
        XCTAssertThrowsError(try LinuxBootLoader.load(kernel: Self.syntheticBzImage(version: 0x020B), initrd: nil,
                                                      commandLine: "", into: memory)) { error in
            XCTAssertEqual("\(error)", "bad boot image: boot protocol 2.11 is older than 2.12")
        }
        XCTAssertThrowsError(try LinuxBootLoader.load(kernel: Self.syntheticBzImage(xloadflags: 0), initrd: nil,
                                                      commandLine: "", into: memory))
        XCTAssertThrowsError(try LinuxBootLoader.load(kernel: [UInt8](repeating: 0, count: 4096), initrd: nil,
                                                      commandLine: "", into: memory))
        XCTAssertThrowsError(try LinuxBootLoader.load(kernel: Self.syntheticBzImage(), initrd: nil,
                                                      commandLine: String(repeating: "x", count: 3000), into: memory))
    }

    func testLongModeRegistersForTheEntry() throws {
        let sregs = LongModeSetup.specialRegisters(from: .init())
        XCTAssertEqual(sregs.cr0 & 0x8000_0001, 0x8000_0001, "paging and protection on")
        XCTAssertEqual(sregs.cr4 & (1 << 5), 1 << 5, "PAE")
        XCTAssertEqual(sregs.efer & 0x500, 0x500, "LME and LMA")
        XCTAssertEqual(sregs.cr3, GuestLayout.pml4)
        XCTAssertEqual(sregs.cs.l, 1)
        XCTAssertEqual(sregs.cs.selector, 0x08)
        XCTAssertEqual(sregs.ds.selector, 0x10)
        let memory = try GuestMemory(size: 16 << 20)
        try LongModeSetup.writeTables(memory)
        XCTAssertEqual(try memory.load(UInt64.self, at: GuestLayout.pml4), GuestLayout.pdpt | 3)
        XCTAssertEqual(try memory.load(UInt64.self, at: GuestLayout.pageDirectories + 8), (2 << 20) | 0x83, "2 MiB identity pages")
    }

    /// The synthetic kernel runs under KVM: it reads the zero page through RSI and reports e820_entries on the
    /// console and type_of_loader as its exit status, proving the registers and zero page reach the guest.
    func testSyntheticKernelSeesTheZeroPageThroughRSI() throws {
        try requireKVM()
        let code: [UInt8] = [
            0x66, 0xBA, 0xF8, 0x03,             // mov dx, 0x3f8
            0x8A, 0x86, 0xE8, 0x01, 0x00, 0x00, // mov al, [rsi + 0x1e8]  (e820_entries)
            0x04, 0x30,                         // add al, '0'
            0xEE,                               // out dx, al
            0x66, 0xBA, 0xF4, 0x00,             // mov dx, 0xf4
            0x8A, 0x86, 0x10, 0x02, 0x00, 0x00, // mov al, [rsi + 0x210]  (type_of_loader)
            0xEE,                               // out dx, al
            0xF4,                               // hlt
        ]
        let path = "/tmp/hvsh-bzimage-\(getpid())"
        defer { unlink(path) }
        try Files.write(path, Self.syntheticBzImage(entryCode: code))
        let console = ConsoleRecorder()
        let machine = try Machine(configuration: MachineConfiguration(memorySize: 32 << 20,
                                  boot: .linux(kernelPath: path, initrdPath: nil, commandLine: "quiet")), console: console.sink)
        try machine.start()
        XCTAssertEqual(machine.waitForExit(), .guestExit(code: 0xFF))
        XCTAssertEqual(console.text, "3")
    }

    /// Network adapters and disks are announced to a Linux guest as virtio-mmio devices on its command line.
    func testVirtioDevicesAreAnnouncedOnTheKernelCommandLine() throws {
        try requireKVM()
        let path = "/tmp/hvsh-bzimage-nic-\(getpid())"
        let disk = path + ".disk"
        defer { unlink(path); unlink(disk) }
        try Files.write(path, Self.syntheticBzImage())
        try Files.write(disk, [UInt8](repeating: 0, count: 4096))
        let machine = try Machine(configuration: MachineConfiguration(memorySize: 32 << 20,
                                  boot: .linux(kernelPath: path, initrdPath: nil, commandLine: "console=ttyS0"),
                                  macAddresses: [MACAddress(bytes: [0, 0x15, 0x5D, 0, 0, 1])!, MACAddress(bytes: [0, 0x15, 0x5D, 0, 0, 2])!],
                                  disks: [DiskAttachment(path: disk), DiskAttachment(path: disk, readOnly: true)]), console: { _ in })
        let expected = "console=ttyS0 virtio_mmio.device=4K@0xd0000000:5 virtio_mmio.device=4K@0xd0001000:6"
            + " virtio_mmio.device=4K@0xd0010000:16 virtio_mmio.device=4K@0xd0011000:17"
        XCTAssertEqual(try machine.memory.read(0x20000, count: expected.utf8.count + 1), Array(expected.utf8) + [0])
        var magic: [UInt8] = [0, 0, 0, 0]
        magic.withUnsafeMutableBytes { _ = machine.mmio.read(0xD000_1000, into: $0) }
        XCTAssertEqual(magic, Array("virt".utf8), "the second adapter's window answers")
        var deviceID: [UInt8] = [0, 0, 0, 0]
        deviceID.withUnsafeMutableBytes { _ = machine.mmio.read(0xD001_1008, into: $0) }
        XCTAssertEqual(deviceID, [2, 0, 0, 0], "the second disk's window answers as a block device")
        XCTAssertTrue(machine.disks[1].geometry.readOnly)
        XCTAssertFalse(machine.disks[0].geometry.readOnly)
    }

    /// A minimal ELF64 executable: one PT_LOAD segment at `physical` holding `code`, with extra zeroed memory.
    static func syntheticELF(code: [UInt8], physical: UInt64 = 0x20_0000, extraZeroes: UInt64 = 0x1000) -> [UInt8] {
        var image = [UInt8](repeating: 0, count: 0x78)
        func put(_ value: UInt64, _ at: Int, _ size: Int) { for i in 0..<size { image[at + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) } }
        image[0...3] = [0x7F, 0x45, 0x4C, 0x46]; image[4] = 2; image[5] = 1; image[6] = 1
        put(2, 16, 2); put(62, 18, 2); put(1, 20, 4)
        put(physical, 24, 8)          // e_entry
        put(0x40, 32, 8)              // e_phoff
        put(64, 52, 2); put(56, 54, 2); put(1, 56, 2)
        put(1, 0x40, 4); put(5, 0x44, 4)                 // PT_LOAD, R+X
        put(0x78, 0x48, 8)                               // p_offset
        put(physical, 0x50, 8); put(physical, 0x58, 8)   // p_vaddr, p_paddr
        put(UInt64(code.count), 0x60, 8); put(UInt64(code.count) + extraZeroes, 0x68, 8)
        return image + code
    }

    func testELFImageLoadsItsSegmentAndRunsFromItsEntry() throws {
        let memory = try GuestMemory(size: 16 << 20)
        try memory.store(UInt64.max, at: 0x20_0000 + 16)
        let code: [UInt8] = [0x66, 0xBA, 0xF8, 0x03, 0xB0, 0x45, 0xEE, 0x66, 0xBA, 0xF4, 0x00, 0xB0, 0x07, 0xEE, 0xF4]
        let entry = try ImageLoader.loadELF(Self.syntheticELF(code: code), into: memory)
        XCTAssertEqual(entry.instructionPointer, 0x20_0000)
        XCTAssertEqual(try memory.read(0x20_0000, count: code.count), code)
        XCTAssertEqual(try memory.load(UInt64.self, at: 0x20_0000 + 16), 0, "p_memsz beyond p_filesz is zeroed")
        XCTAssertThrowsError(try ImageLoader.loadELF(Self.syntheticELF(code: code, physical: 15 << 20, extraZeroes: 2 << 20), into: memory),
                             "a segment past the end of RAM is refused")
        XCTAssertThrowsError(try ImageLoader.loadELF(Array(Self.syntheticELF(code: code).prefix(0x50)), into: memory))

        try requireKVM()
        let path = "/tmp/hvsh-elf-\(getpid())"
        defer { unlink(path) }
        try Files.write(path, Self.syntheticELF(code: code))
        let console = ConsoleRecorder()
        let machine = try Machine(configuration: MachineConfiguration(memorySize: 16 << 20, boot: .elf(path: path)), console: console.sink)
        try machine.start()
        XCTAssertEqual(machine.waitForExit(), .guestExit(code: 7))
        XCTAssertEqual(console.text, "E")
    }

    /// The MP table tells a Linux guest its vCPUs, the IOAPIC and the ISA interrupt wiring.
    func testMPTableDescribesVCPUsIOAPICAndInterrupts() throws {
        let bytes = MPTable.build(vcpuCount: 3)
        XCTAssertEqual(Array(bytes[0..<4]), Array("_MP_".utf8))
        XCTAssertEqual(bytes[0..<16].reduce(UInt8(0), &+), 0, "floating pointer checksum")
        let tableAddress = UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16 | UInt32(bytes[7]) << 24
        XCTAssertEqual(UInt64(tableAddress), MPTable.address + 16)
        let table = Array(bytes[16...])
        XCTAssertEqual(Array(table[0..<4]), Array("PCMP".utf8))
        let length = Int(table[4]) | Int(table[5]) << 8
        XCTAssertEqual(length, table.count)
        XCTAssertEqual(table.reduce(UInt8(0), &+), 0, "configuration table checksum")
        XCTAssertEqual(Int(table[34]) | Int(table[35]) << 8, 3 + 1 + 1 + 23 + 2, "entry count")
        // Entries: 3 processors (20 bytes), then bus, IOAPIC, 23 + 2 interrupt entries (8 bytes each).
        XCTAssertEqual(table[44], 0); XCTAssertEqual(table[44 + 3], 0x03, "vCPU 0 is the enabled BSP")
        XCTAssertEqual(table[64 + 1], 1); XCTAssertEqual(table[64 + 3], 0x01, "vCPU 1 enabled, not BSP")
        let ioapic = 44 + 3 * 20 + 8
        XCTAssertEqual(table[ioapic], 2)
        XCTAssertEqual(table[ioapic + 1], 4, "IOAPIC id after the vCPUs")
        XCTAssertEqual(Array(table[ioapic + 4..<ioapic + 8]), [0x00, 0x00, 0xC0, 0xFE])
        let irq0 = ioapic + 8
        XCTAssertEqual(Array(table[irq0..<irq0 + 8]), [3, 0, 0, 0, 0, 0, 4, 2], "the timer (IRQ 0) -> IOAPIC pin 2")
        let irq4 = ioapic + 8 + 3 * 8
        XCTAssertEqual(Array(table[irq4..<irq4 + 8]), [3, 0, 0, 0, 0, 4, 4, 4], "ISA IRQ 4 -> IOAPIC pin 4")
        let irq16 = ioapic + 8 + 15 * 8
        XCTAssertEqual(Array(table[irq16..<irq16 + 8]), [3, 0, 0, 0, 0, 16, 4, 16], "the first disk's IRQ 16 -> IOAPIC pin 16")
        let memory = try GuestMemory(size: 8 << 20)
        try MPTable.write(vcpuCount: 2, into: memory)
        XCTAssertEqual(try memory.read(0x9FC00, count: 4), Array("_MP_".utf8))
    }
}
