import Foundation
import Inventory
import PSRuntime

private let diskType = HyperVTypeNames.hardDiskDrive[0]
private let dvdType = HyperVTypeNames.dvdDrive[0]

private func diskObject(_ owner: VMOwner, _ disk: HardDriveSettings, _ index: Int) -> PSValue {
    .object(DeviceObjects.hardDiskDrive.make(DeviceView(owner: owner, settings: disk, index: index)))
}

private func dvdObject(_ owner: VMOwner, _ dvd: DvdDriveSettings, _ index: Int) -> PSValue {
    .object(DeviceObjects.dvdDrive.make(DeviceView(owner: owner, settings: dvd, index: index)))
}

private let slotFilters: [ParameterDeclaration] = [
    ParameterDeclaration("ControllerType", .enumType(HyperVEnumTypes.controllerType), position: 1, sets: ["VMName", "VMObject"]),
    ParameterDeclaration("ControllerNumber", .int32, position: 2, sets: ["VMName", "VMObject"]),
    ParameterDeclaration("ControllerLocation", .int32, position: 3),
]

private func matchesSlot(_ c: CmdletContext, _ type: ControllerType, _ number: Int, _ location: Int) -> Bool {
    if let t = c.enumName("ControllerType").flatMap(ControllerType.parse), t != type { return false }
    if let n = c.int("ControllerNumber"), n != number { return false }
    if let l = c.int("ControllerLocation"), l != location { return false }
    return true
}

final class GetVMHardDiskDriveCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMHardDiskDrive", parameters: DeviceSource.vmSets + [DeviceSource.snapshotSet]
        + slotFilters + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
        outputTypes: [diskType], synopsis: "Lists the virtual hard disk drives of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures {
            for source in try DeviceSource.resolve(context, host) {
                for (index, disk) in source.config.hardDrives.enumerated()
                where matchesSlot(context, disk.controllerType, disk.controllerNumber, disk.controllerLocation) {
                    try context.writeObject(diskObject(source.owner, disk, index))
                }
            }
        }
    }
}

final class AddVMHardDiskDriveCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Add-VMHardDiskDrive", parameters: DeviceSource.vmSets + slotFilters + [
        ParameterDeclaration("Path", .string, position: 4),
        ParameterDeclaration("DiskNumber", .uint32, aliases: ["Number"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("ResourcePoolName", .string),
        ParameterDeclaration("SupportPersistentReservations", .switchParameter, aliases: ["ShareVirtualDisk"]),
        ParameterDeclaration("AllowUnverifiedPaths", .switchParameter),
        ParameterDeclaration("MaximumIOPS", .uint64),
        ParameterDeclaration("MinimumIOPS", .uint64),
        ParameterDeclaration("QoSPolicyID", .string),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [diskType], synopsis: "Attaches a virtual hard disk to virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        for vm in try context.targetVMs(host) {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
                let disk = try host.addHardDisk(to: vm, path: context.string("Path"),
                                                controllerType: context.enumName("ControllerType").flatMap(ControllerType.parse),
                                                controllerNumber: context.int("ControllerNumber"),
                                                controllerLocation: context.int("ControllerLocation"))
                if context.passthru() { try context.writeObject(diskObject(HyperVObjects.owner(vm, host), disk, vm.hardDrives.count)) }
            }
        }
    }
}

final class RemoveVMHardDiskDriveCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-VMHardDiskDrive", parameters: [
        ParameterDeclaration("VMName", .string, position: 0, mandatory: true, sets: ["VMName"]),
        ParameterDeclaration("ControllerType", .enumType(HyperVEnumTypes.controllerType), position: 1, mandatory: true, sets: ["VMName"]),
        ParameterDeclaration("ControllerNumber", .int32, position: 2, mandatory: true, sets: ["VMName"]),
        ParameterDeclaration("ControllerLocation", .int32, position: 3, mandatory: true, sets: ["VMName"]),
        ParameterDeclaration("VMHardDiskDrive", .array(.named(diskType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["Object"]),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [diskType], synopsis: "Detaches virtual hard disks from virtual machines; the files are kept.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        var targets: [(VMConfiguration, HardDriveSettings)] = []
        if context.isBound("VMHardDiskDrive") {
            targets = try context.configsFromDevices("VMHardDiskDrive", as: HardDriveSettings.self, host).map { ($0.0, $0.1.settings) }
        } else {
            for vm in try context.targetVMs(host) {
                for disk in vm.hardDrives where matchesSlot(context, disk.controllerType, disk.controllerNumber, disk.controllerLocation) {
                    targets.append((vm, disk))
                }
            }
        }
        for (vm, disk) in targets {
            guard try context.shouldProcess(target: "\(disk.path) (\(vm.name))") else { continue }
            try context.reportingFailures {
                try host.removeHardDisk(disk.id, from: vm)
                if context.passthru() { try context.writeObject(diskObject(HyperVObjects.owner(vm, host), disk, 0)) }
            }
        }
    }
}

final class GetVMDvdDriveCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMDvdDrive", parameters: DeviceSource.vmSets + [DeviceSource.snapshotSet]
        + slotFilters.dropFirst() + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
        outputTypes: [dvdType], synopsis: "Lists the DVD drives of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures {
            for source in try DeviceSource.resolve(context, host) {
                for (index, dvd) in source.config.dvdDrives.enumerated()
                where matchesSlot(context, dvd.controllerType, dvd.controllerNumber, dvd.controllerLocation) {
                    try context.writeObject(dvdObject(source.owner, dvd, index))
                }
            }
        }
    }
}

final class AddVMDvdDriveCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Add-VMDvdDrive", parameters: DeviceSource.vmSets + [
        ParameterDeclaration("ControllerNumber", .int32, position: 1),
        ParameterDeclaration("ControllerLocation", .int32, position: 2),
        ParameterDeclaration("Path", .string, position: 3),
        ParameterDeclaration("ResourcePoolName", .string),
        ParameterDeclaration("AllowUnverifiedPaths", .switchParameter),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [dvdType], synopsis: "Adds a DVD drive to virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        for vm in try context.targetVMs(host) {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
                let dvd = try host.addDvdDrive(to: vm, path: context.string("Path"), controllerNumber: context.int("ControllerNumber"),
                                               controllerLocation: context.int("ControllerLocation"))
                if context.passthru() { try context.writeObject(dvdObject(HyperVObjects.owner(vm, host), dvd, vm.dvdDrives.count)) }
            }
        }
    }
}

final class SetVMDvdDriveCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Set-VMDvdDrive", parameters: [
        ParameterDeclaration("VMName", .array(.string), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"]),
        ParameterDeclaration("VMDvdDrive", .array(.named(dvdType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["Object"]),
        ParameterDeclaration("ControllerNumber", .int32, position: 1, sets: ["VMName"]),
        ParameterDeclaration("ControllerLocation", .int32, position: 2, sets: ["VMName"]),
        ParameterDeclaration("Path", .string, position: 3),
        ParameterDeclaration("ResourcePoolName", .string),
        ParameterDeclaration("AllowUnverifiedPaths", .switchParameter),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [dvdType], synopsis: "Changes the medium in DVD drives of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        var targets: [(VMConfiguration, DvdDriveSettings)] = []
        if context.isBound("VMDvdDrive") {
            targets = try context.configsFromDevices("VMDvdDrive", as: DvdDriveSettings.self, host).map { ($0.0, $0.1.settings) }
        } else {
            for vm in try context.targetVMs(host) {
                for dvd in vm.dvdDrives where matchesSlot(context, dvd.controllerType, dvd.controllerNumber, dvd.controllerLocation) {
                    targets.append((vm, dvd))
                }
            }
        }
        for (vm, dvd) in targets {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
                let updated = try host.setDvdDrive(dvd.id, of: vm, path: context.string("Path"))
                if context.passthru() { try context.writeObject(dvdObject(HyperVObjects.owner(vm, host), updated, 0)) }
            }
        }
    }
}
