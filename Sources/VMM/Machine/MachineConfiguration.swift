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

/// The shape of one VM, as the worker builds it.
public struct MachineConfiguration: Sendable, Equatable {
    public var vcpuCount: Int
    public var memorySize: UInt64
    public var exposeVirtualizationExtensions: Bool
    public var boot: BootSource
    /// One MAC (6 bytes) per network adapter, at most 8.
    public var macAddresses: [[UInt8]]

    public init(vcpuCount: Int = 1, memorySize: UInt64 = 128 << 20, exposeVirtualizationExtensions: Bool = false,
                boot: BootSource = .builtIn(.firmware), macAddresses: [[UInt8]] = []) {
        self.vcpuCount = vcpuCount
        self.memorySize = memorySize
        self.exposeVirtualizationExtensions = exposeVirtualizationExtensions
        self.boot = boot
        self.macAddresses = macAddresses
    }

    func validate(maximumVCPUs: Int) throws(VMMError) {
        guard vcpuCount >= 1 else { throw .invalidConfiguration("a VM needs at least one vCPU") }
        guard vcpuCount <= maximumVCPUs else {
            throw .invalidConfiguration("\(vcpuCount) vCPUs requested; this host's KVM allows at most \(maximumVCPUs) per VM")
        }
        guard macAddresses.count <= FirmwareInfo.maximumNICs else {
            throw .invalidConfiguration("at most \(FirmwareInfo.maximumNICs) network adapters per VM")
        }
        for mac in macAddresses where mac.count != 6 {
            throw .invalidConfiguration("a MAC address has 6 bytes, got \(mac.count)")
        }
    }
}
