import Foundation
import Inventory

extension HyperVHost {
    /// Add-VMHardDiskDrive: places the disk at the given or the first free slot. Generation 2 VMs
    /// have SCSI only; IDE disks can only be added while the VM is off.
    @discardableResult
    public func addHardDisk(to vm: VMConfiguration, path: String?, controllerType: ControllerType?,
                            controllerNumber: Int?, controllerLocation: Int?) throws -> HardDriveSettings {
        if let path, !FileManager.default.fileExists(atPath: path) { throw HyperVError.fileNotFound(path) }
        var added: HardDriveSettings?
        try updateVM(id: vm.id, name: vm.name) { vm, status, _ in
            let type = controllerType ?? (vm.generation == 1 ? .IDE : .SCSI)
            let slot = try Self.freeSlot(in: vm, type: type, number: controllerNumber, location: controllerLocation, device: "Hard Drive")
            if type == .IDE && status.state != .Off {
                throw HyperVError.invalidState(vm: vm, operation: "Failed to add device 'Hard Drive'.",
                                               reason: "Disks on an IDE controller can only be added while the virtual machine is turned off.")
            }
            let drive = HardDriveSettings(path: path ?? "", controllerType: type, controllerNumber: slot.number, controllerLocation: slot.location)
            vm.hardDrives.append(drive)
            vm.appendToBootOrder(BootEntry(type: .Drive, deviceId: drive.id))
            added = drive
        }
        return added!
    }

    /// Remove-VMHardDiskDrive: detaches the disk; the file stays.
    public func removeHardDisk(_ id: UUID, from vm: VMConfiguration) throws {
        try updateVM(id: vm.id, name: vm.name) { vm, status, _ in
            guard let index = vm.hardDrives.firstIndex(where: { $0.id == id }) else { return }
            if vm.hardDrives[index].controllerType == .IDE && status.state != .Off {
                throw HyperVError.invalidState(vm: vm, operation: "Failed to remove device 'Hard Drive'.",
                                               reason: "Disks on an IDE controller can only be removed while the virtual machine is turned off.")
            }
            vm.hardDrives.remove(at: index)
        }
    }

    /// Add-VMDvdDrive.
    @discardableResult
    public func addDvdDrive(to vm: VMConfiguration, path: String?, controllerNumber: Int?, controllerLocation: Int?) throws -> DvdDriveSettings {
        if let path, !FileManager.default.fileExists(atPath: path) { throw HyperVError.fileNotFound(path) }
        var added: DvdDriveSettings?
        try updateVM(id: vm.id, name: vm.name) { vm, status, _ in
            let type: ControllerType = vm.generation == 1 ? .IDE : .SCSI
            if type == .IDE && status.state != .Off {
                throw HyperVError.invalidState(vm: vm, operation: "Failed to add device 'DVD Drive'.",
                                               reason: "Drives on an IDE controller can only be added while the virtual machine is turned off.")
            }
            let slot = try Self.freeSlot(in: vm, type: type, number: controllerNumber, location: controllerLocation, device: "DVD Drive")
            let drive = DvdDriveSettings(path: path, controllerType: type, controllerNumber: slot.number, controllerLocation: slot.location)
            vm.dvdDrives.append(drive)
            vm.appendToBootOrder(BootEntry(type: .Drive, deviceId: drive.id))
            added = drive
        }
        return added!
    }

    /// Set-VMDvdDrive: changes the medium (nil ejects it).
    @discardableResult
    public func setDvdDrive(_ id: UUID, of vm: VMConfiguration, path: String?) throws -> DvdDriveSettings {
        if let path, !path.isEmpty, !FileManager.default.fileExists(atPath: path) { throw HyperVError.fileNotFound(path) }
        var result: DvdDriveSettings?
        try updateVM(id: vm.id, name: vm.name) { vm, _, _ in
            guard let index = vm.dvdDrives.firstIndex(where: { $0.id == id }) else { return }
            vm.dvdDrives[index].path = (path?.isEmpty ?? true) ? nil : path
            result = vm.dvdDrives[index]
        }
        guard let result else { throw HyperVError("The DVD drive was not found.", errorId: "ObjectNotFound", category: .objectNotFound) }
        try changeRunningMedium(of: result, in: vm)
        return result
    }

    /// A running QEMU VM sees the new medium at once (or an empty tray: `Set-VMDvdDrive -Path $null` ejects), as on
    /// Hyper-V. A native VM's drives are fixed while it runs; its new medium is used at the next start.
    func changeRunningMedium(of dvd: DvdDriveSettings, in vm: VMConfiguration) throws {
        guard let vmm, let index = vmm.runningQEMUDriveIndex(of: dvd, for: vm) else { return }
        let state = vmm.status(of: vm).state
        guard state == .Running || state == .Paused else { return }
        do { try vmm.worker(for: vm).changeMedium(drive: index, path: dvd.path) } catch {
            throw HyperVError("Failed to change the media of the DVD drive of '\(vm.name)': \(Self.sentence(error.description))",
                              errorId: "OperationFailed", category: .invalidOperation, target: vm.name)
        }
    }

    /// The requested slot if free, else the first free one: IDE has 2 controllers x 2 locations
    /// (generation 1 only), SCSI 4 controllers x 64 locations.
    static func freeSlot(in vm: VMConfiguration, type: ControllerType, number: Int?, location: Int?, device: String) throws -> (number: Int, location: Int) {
        if type == .IDE && vm.generation == 2 {
            throw HyperVError.deviceAdd(vm: vm, device: device, reason: "Generation 2 virtual machines have no IDE controller; use SCSI.")
        }
        if type == .PMEM {
            throw HyperVError.deviceAdd(vm: vm, device: device, reason: "hvsh does not emulate persistent-memory controllers.")
        }
        let controllers = type == .IDE ? 2 : 4
        let locations = type == .IDE ? 2 : 64
        var used = Set<Int>()
        for d in vm.hardDrives where d.controllerType == type { used.insert(d.controllerNumber * 100 + d.controllerLocation) }
        for d in vm.dvdDrives where d.controllerType == type { used.insert(d.controllerNumber * 100 + d.controllerLocation) }
        let numbers = number.map { [$0] } ?? Array(0..<controllers)
        for n in numbers {
            guard (0..<controllers).contains(n) else { break }
            let candidates = location.map { [$0] } ?? Array(0..<locations)
            for l in candidates where (0..<locations).contains(l) && !used.contains(n * 100 + l) { return (n, l) }
        }
        throw HyperVError.deviceAdd(vm: vm, device: device,
                                    reason: "No free location on the \(type.rawValue) controller\(number.map { " \($0)" } ?? "s")\(location.map { " at location \($0)" } ?? "").")
    }
}
