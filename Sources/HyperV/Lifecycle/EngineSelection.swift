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
    /// (Get-VMFirmware's BootOrder on Generation 2, Get-VMBios's StartupOrder on Generation 1): a DVD holding a
    /// bootable ISO (El Torito), a disk holding a boot record or a boot entry of the guest's firmware anywhere in the
    /// order is something only a BIOS or UEFI can boot, and so is a network boot ahead of every device with a medium:
    /// from a legacy adapter (Generation 1's legacy adapter exists for PXE), or from a synthetic adapter the user put
    /// first with Set-VMFirmware -FirstBootDevice or -BootOrder. A synthetic adapter first in New-VM's own order is no
    /// such sign: every Generation 2 VM made without a disk starts its order with one, and the article's lab runs
    /// those on the built-in firmware. Data ISOs, empty disks and devices left out of the order are media for the
    /// built-in firmware, which the native VMM serves as disks.
    var bootsThroughFirmware: Bool {
        if let kernel = firmware.kernelPath, !kernel.isEmpty { return false }
        let candidates = bootCandidates
        // An empty DVD tray boots nothing, so the adapter after it is the first device tried.
        let first = candidates.first { candidate in
            if case .dvdDrive(let dvd) = candidate { return !(dvd.path ?? "").isEmpty }
            return true
        }
        if case .networkAdapter(let adapter)? = first, adapter.isLegacy || firmware.bootOrderChosen == true { return true }
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
