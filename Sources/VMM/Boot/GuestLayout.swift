/// Where the VMM puts boot structures in low guest memory (the same places Firecracker and the Linux
/// boot protocol use, so a bzImage and the built-in firmware see one layout).
public enum GuestLayout {
    public static let gdt: UInt64 = 0x500
    public static let idt: UInt64 = 0x520
    /// hvsh's firmware information block (see `FirmwareInfo`).
    public static let firmwareInfo: UInt64 = 0x6000
    /// Linux's `struct boot_params` (the "zero page").
    public static let zeroPage: UInt64 = 0x7000
    /// Initial stack pointer: grows down below the zero page area.
    public static let stackTop: UInt64 = 0x8FF0
    public static let pml4: UInt64 = 0x9000
    public static let pdpt: UInt64 = 0xA000
    /// Four page directories of 2 MiB pages: the first 4 GiB identity-mapped.
    public static let pageDirectories: UInt64 = 0xB000
    public static let commandLine: UInt64 = 0x20000
    public static let commandLineMaximum = 0x10000 - 1
    /// Start of the EBDA; RAM between here and 1 MiB is reserved (legacy BIOS area).
    public static let ebdaStart: UInt64 = 0x9FC00
    /// Default load address of kernels, firmware and flat images.
    public static let highMemory: UInt64 = 0x10_0000
    /// KVM's three-page TSS region (Intel real-mode emulation needs it below 4 GiB, outside RAM).
    public static let tssAddress: UInt64 = 0xFFFB_D000
}
