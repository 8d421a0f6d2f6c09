import Foundation

extension VMConfiguration {
    /// The engine Start-VM runs the VM on (Native or QEMU): the VM's setting, or with Automatic, QEMU exactly
    /// when the VM boots through firmware rather than hvsh's built-in one or a direct kernel.
    public var effectiveEngine: VMEngine {
        switch engine ?? .Automatic {
        case .Native: return .Native
        case .QEMU: return .QEMU
        case .Automatic: return bootsThroughFirmware ? .QEMU : .Native
        }
    }

    /// A direct kernel (Set-VMFirmware -KernelPath) is booted by the native VMM; otherwise a DVD holding a
    /// bootable ISO (El Torito) or a disk holding a boot record is something only a BIOS or UEFI can boot. Data
    /// ISOs and empty disks are media for the built-in firmware, which the native VMM serves as disks.
    var bootsThroughFirmware: Bool {
        if let kernel = firmware.kernelPath, !kernel.isEmpty { return false }
        if dvdDrives.contains(where: { DiskImageProbe.isBootableISO($0.path ?? "") }) { return true }
        return hardDrives.contains { DiskImageProbe.hasBootRecord($0.path) }
    }
}
