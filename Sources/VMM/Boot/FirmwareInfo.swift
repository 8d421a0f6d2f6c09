import NetworkAddresses
/// The block hvsh's built-in firmware and test guests read at `GuestLayout.firmwareInfo` (pointer also in RDI):
///
///     0  u32 magic "HVSH" (0x48535648)    4  u32 version (1)
///     8  u32 vCPU count                   12 u32 NIC count (at most 8)
///     16 u64 memory size in bytes         24 u64 command line address (0 if none)
///     32 u32 command line length          36 u8 shutdown armed (guest), 37 u8 shutdown requested (host),
///                                         38 u8 heartbeat request (host), 39 u8 heartbeat answer (guest)
///     40 8 x 8 bytes: NIC MACs (6 bytes each, 2 bytes padding)
///     104 8 x u64: each NIC's virtio-mmio base address (0 until the device exists)
///     168 u32 disk count (at most 8)      172 u32 0
///     176 8 x u64: each disk's virtio-mmio base address
///
/// The layout is mirrored in firmware/include/hvsh_info.h.
public struct FirmwareInfo: Sendable, Equatable {
    public static let magic: UInt32 = 0x4853_5648
    public static let maximumNICs = 8
    public static let maximumDisks = 8
    /// Guest-physical addresses of the shutdown handshake bytes.
    public static let shutdownArmed = GuestLayout.firmwareInfo + 36
    public static let shutdownRequested = GuestLayout.firmwareInfo + 37
    /// The heartbeat: the host writes a new number to `heartbeatRequest` and rings IRQ 3; a live guest
    /// that runs the Heartbeat service copies it to `heartbeatAnswer`.
    public static let heartbeatRequest = GuestLayout.firmwareInfo + 38
    public static let heartbeatAnswer = GuestLayout.firmwareInfo + 39
    /// The ISA interrupt that tells the guest to look at `shutdownRequested` and `heartbeatRequest`.
    public static let shutdownIRQ: UInt32 = 3

    public var vcpuCount: UInt32
    public var memorySize: UInt64
    public var macAddresses: [MACAddress]
    public var nicMMIOBases: [UInt64]
    public var diskMMIOBases: [UInt64]
    public var commandLine: String

    public init(vcpuCount: UInt32, memorySize: UInt64, macAddresses: [MACAddress], nicMMIOBases: [UInt64] = [],
                diskMMIOBases: [UInt64] = [], commandLine: String = "") {
        self.vcpuCount = vcpuCount; self.memorySize = memorySize; self.macAddresses = macAddresses
        self.nicMMIOBases = nicMMIOBases; self.diskMMIOBases = diskMMIOBases; self.commandLine = commandLine
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.append(FirmwareInfo.magic)
        writer.append(UInt32(1))
        writer.append(vcpuCount)
        writer.append(UInt32(min(macAddresses.count, FirmwareInfo.maximumNICs)))
        writer.append(memorySize)
        let hasCommandLine = !commandLine.isEmpty
        writer.append(hasCommandLine ? GuestLayout.commandLine : 0)
        writer.append(UInt32(commandLine.utf8.count))
        writer.append(UInt32(0))
        for index in 0..<FirmwareInfo.maximumNICs {
            let mac = index < macAddresses.count ? macAddresses[index].bytes : []
            for byte in 0..<8 { writer.append(byte < mac.count && byte < 6 ? mac[byte] : 0) }
        }
        for index in 0..<FirmwareInfo.maximumNICs { writer.append(index < nicMMIOBases.count ? nicMMIOBases[index] : 0) }
        writer.append(UInt32(min(diskMMIOBases.count, FirmwareInfo.maximumDisks)))
        writer.append(UInt32(0))
        for index in 0..<FirmwareInfo.maximumDisks { writer.append(index < diskMMIOBases.count ? diskMMIOBases[index] : 0) }
        return writer.bytes
    }

    /// Writes the block and the command line into guest memory.
    public func write(to memory: GuestMemory) throws(VMMError) {
        guard commandLine.utf8.count <= GuestLayout.commandLineMaximum else {
            throw .invalidConfiguration("firmware command line is longer than \(GuestLayout.commandLineMaximum) bytes")
        }
        try memory.write(encoded(), at: GuestLayout.firmwareInfo)
        try memory.write(Array(commandLine.utf8) + [0], at: GuestLayout.commandLine)
    }
}
