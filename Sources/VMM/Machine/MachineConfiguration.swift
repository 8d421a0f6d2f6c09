import NetworkAddresses
/// What a VM boots.
public enum BootSource: Sendable, Equatable {
    /// hvsh's built-in firmware or one of its test guests, with an optional command line for it.
    case builtIn(BuiltInImage, commandLine: String = "")
    /// A Linux bzImage (boot protocol 2.12+), with optional initrd.
    case linux(kernelPath: String, initrdPath: String?, commandLine: String)
    /// An x86-64 ELF executable, loaded at its physical addresses.
    case elf(path: String)
    /// A flat binary copied to `loadAddress` and entered there in 64-bit mode.
    case flat(path: String, loadAddress: UInt64)
}

/// A disk the VM sees as a virtio-blk device: a hard disk (VHD, VHDX, or a raw image) or a DVD's ISO.
public struct DiskAttachment: Sendable, Equatable {
    /// The file the worker opens (for a differencing disk, the newest file of its chain).
    public var path: String
    /// DVD media are read-only; so is any disk the guest must not change.
    public var readOnly: Bool
    public init(path: String, readOnly: Bool = false) {
        self.path = path
        self.readOnly = readOnly
    }
}

/// The shape of one VM, as the worker builds it.
public struct MachineConfiguration: Sendable, Equatable {
    public var vcpuCount: Int
    public var memorySize: UInt64
    public var exposeVirtualizationExtensions: Bool
    public var boot: BootSource
    /// One MAC per network adapter, at most 8. Each adapter is a virtio-net device on virtio-mmio.
    public var macAddresses: [MACAddress]
    /// The tap interface behind each adapter (same order as `macAddresses`); a missing or empty name leaves the
    /// adapter unplugged (frames it sends are dropped). The worker opens the tap, creating it if it does not exist.
    public var tapNames: [String]
    /// Hard disks and DVD drives in the order the guest finds them, at most `maximumDisks`.
    public var disks: [DiskAttachment]
    public static let maximumDisks = 8

    public init(vcpuCount: Int = 1, memorySize: UInt64 = 128 << 20, exposeVirtualizationExtensions: Bool = false,
                boot: BootSource = .builtIn(.firmware), macAddresses: [MACAddress] = [], tapNames: [String] = [],
                disks: [DiskAttachment] = []) {
        self.vcpuCount = vcpuCount
        self.memorySize = memorySize
        self.exposeVirtualizationExtensions = exposeVirtualizationExtensions
        self.boot = boot
        self.macAddresses = macAddresses
        self.tapNames = tapNames
        self.disks = disks
    }

    /// Where adapter `index`'s virtio-mmio window is and which ISA interrupt it raises.
    public static func networkAdapterSlot(_ index: Int) -> (base: UInt64, irq: UInt32) {
        let irqs: [UInt32] = [5, 6, 7, 9, 10, 11, 12, 14]
        return (0xD000_0000 + UInt64(index) * VirtioMMIOTransport.windowSize, irqs[index])
    }

    /// Where disk `index`'s virtio-mmio window is and which interrupt it raises: IOAPIC pins 16-23, which the
    /// MP table announces (the ISA numbers below 16 are taken by the adapters and legacy devices).
    public static func diskSlot(_ index: Int) -> (base: UInt64, irq: UInt32) {
        (0xD001_0000 + UInt64(index) * VirtioMMIOTransport.windowSize, 16 + UInt32(index))
    }

    /// The `virtio_mmio.device=` arguments that announce the adapters and disks to a Linux guest.
    public var virtioKernelArguments: String {
        let slots = macAddresses.indices.map(MachineConfiguration.networkAdapterSlot) + disks.indices.map(MachineConfiguration.diskSlot)
        return slots.map { slot in "virtio_mmio.device=4K@0x\(String(slot.base, radix: 16)):\(slot.irq)" }.joined(separator: " ")
    }

    func validate(maximumVCPUs: Int) throws(VMMError) {
        guard vcpuCount >= 1 else { throw .invalidConfiguration("a VM needs at least one vCPU") }
        guard vcpuCount <= maximumVCPUs else {
            throw .invalidConfiguration("\(vcpuCount) vCPUs requested; this host's KVM allows at most \(maximumVCPUs) per VM")
        }
        guard macAddresses.count <= FirmwareInfo.maximumNICs, tapNames.count <= macAddresses.count else {
            throw .invalidConfiguration("at most \(FirmwareInfo.maximumNICs) network adapters per VM")
        }
        guard disks.count <= MachineConfiguration.maximumDisks else {
            throw .invalidConfiguration("at most \(MachineConfiguration.maximumDisks) disks and DVD drives per VM, \(disks.count) given")
        }
    }
}
