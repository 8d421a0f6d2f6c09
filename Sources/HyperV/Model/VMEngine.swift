/// hvsh extension: what runs a VM. hvsh's own VMM starts in milliseconds but boots only its built-in firmware
/// and direct kernels; anything that needs a BIOS or UEFI (an installer ISO, a bootable disk, network boot)
/// runs in QEMU with SeaBIOS (Generation 1) or OVMF (Generation 2). `[Hvsh.VMEngine]::QEMU` in scripts.
public enum VMEngine: String, HyperVEnum {
    /// Native for the built-in firmware and direct kernels, QEMU when the VM boots from a DVD, a disk or the network.
    case Automatic
    /// hvsh's own VMM on /dev/kvm.
    case Native
    /// QEMU (qemu-system-x86_64) with Hyper-V's machine model, supervised by the VM's hvsh-worker.
    case QEMU

    public static let dotNetName = "Hvsh.VMEngine"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}
