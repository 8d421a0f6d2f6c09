import Foundation
import VirtualDisk
import VMM

/// Resize-VHD of a running VM's disk, as Hyper-V allows it: a VHDX (not a differencing disk) on a SCSI
/// controller grows, or shrinks down to its MinimumSize, while the VM runs. The VM's worker changes the file
/// (it holds it open and locked) and tells the guest's driver the new capacity; everything else attached to a
/// running VM stays in use, as it is in Hyper-V.
extension HyperVHost {
    /// The running (or paused) VM whose hard drive's own file is `path`, and that drive.
    func runningDrive(of path: String) throws -> (vm: VMConfiguration, drive: HardDriveSettings)? {
        let target = CheckpointDisks.normalized(path)
        for vm in try allVMs().records where [.Running, .Paused].contains(status(of: vm).state) {
            if let drive = vm.hardDrives.first(where: { !$0.path.isEmpty && CheckpointDisks.normalized($0.path) == target }) {
                return (vm, drive)
            }
        }
        return nil
    }

    /// Resizes `path` through the worker of the VM running it, to `size` or (nil) to its minimum size; nil when
    /// no running VM has the file as a drive (the caller resizes it offline).
    public func resizeOnline(_ path: String, to size: UInt64?) throws -> DiskInfo? {
        guard let (vm, drive) = try runningDrive(of: path) else { return nil }
        let inUse = VirtualHardDisks.error(DiskError(.inUse, path, "in use by '\(vm.name)'"), .resize)
        // Only a VM this host's VMM runs has a worker to do it.
        guard let vmm = try? requireVMM() else { throw inUse }
        let info = try VirtualHardDisks.attempt(.resize) { () throws(DiskError) in try DiskFiles.info(path) }
        // IDE disks, VHD files and differencing disks resize only offline: while the VM runs they are in use.
        guard drive.controllerType == .SCSI, info.format == .vhdx, info.type != .differencing else { throw inUse }
        guard let newSize = size ?? info.minimumSize else {
            throw VirtualHardDisks.error(DiskError(.unsupported, path, "The disk has no partition table, so it has no minimum size."), .resize)
        }
        try VirtualHardDisks.attempt(.resize) { () throws(DiskError) in try DiskFiles.checkResize(info, to: newSize) }
        let target = CheckpointDisks.normalized(path)
        guard let index = vmm.workerDiskPaths(for: vm).firstIndex(where: { CheckpointDisks.normalized($0) == target }) else {
            throw inUse
        }
        do { _ = try vmm.worker(for: vm).resizeDisk(index: index, size: newSize) } catch {
            throw VirtualHardDisks.error(DiskError(.system(errno: 0), path, Self.sentence("\(error)")), .resize)
        }
        return try VirtualHardDisks.attempt(.resize) { () throws(DiskError) in try DiskFiles.info(path) }
    }
}
