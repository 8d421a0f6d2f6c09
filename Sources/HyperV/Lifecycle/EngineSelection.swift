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

    /// A direct kernel (Set-VMFirmware -KernelPath) is booted by the native VMM. Otherwise the boot order decides
    /// (Get-VMFirmware's BootOrder on Generation 2, Get-VMBios's StartupOrder on Generation 1): a network adapter
    /// first is a network boot, and a DVD holding a bootable ISO (El Torito), a disk holding a boot record or a
    /// boot entry of the guest's firmware anywhere in the order is something only a BIOS or UEFI can boot. Data
    /// ISOs, empty disks and devices left out of the boot order are media for the built-in firmware, which the
    /// native VMM serves as disks.
    var bootsThroughFirmware: Bool {
        if let kernel = firmware.kernelPath, !kernel.isEmpty { return false }
        let candidates = bootCandidates
        // A network adapter ahead of every device with a medium (an empty DVD tray boots nothing) is a network boot:
        // the built-in firmware cannot PXE-boot. Further down the order it is only the fallback Hyper-V's firmware
        // would try, as in every default Generation 2 VM, which keeps the native VMM.
        let first = candidates.first { candidate in
            if case .dvdDrive(let dvd) = candidate { return !(dvd.path ?? "").isEmpty }
            return true
        }
        if case .networkAdapter? = first { return true }
        return candidates.contains { candidate in
            switch candidate {
            case .dvdDrive(let dvd): DiskImageProbe.isBootableISO(dvd.path ?? "")
            case .hardDrive(let disk): DiskImageProbe.hasBootRecord(disk.path)
            case .file: true
            case .networkAdapter: false
            }
        }
    }
}
