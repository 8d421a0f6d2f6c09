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

/// A drive that sits in a controller slot (hard disks and DVD drives).
private protocol SlottedDrive: Sendable {
    var controllerType: ControllerType { get }
    var controllerNumber: Int { get }
    var controllerLocation: Int { get }
}

extension HardDriveSettings: SlottedDrive {}
extension DvdDriveSettings: SlottedDrive {}

private func matchesSlot(_ c: CmdletContext, _ drive: some SlottedDrive) -> Bool {
    if let t = c.enumName("ControllerType").flatMap(ControllerType.parse), t != drive.controllerType { return false }
    if let n = c.int("ControllerNumber"), n != drive.controllerNumber { return false }
    if let l = c.int("ControllerLocation"), l != drive.controllerLocation { return false }
    return true
}

/// Get-VMHardDiskDrive and Get-VMDvdDrive: every source's drives in the slots asked for.
private func writeDrives<Drive: SlottedDrive>(_ context: CmdletContext, _ drives: (VMConfiguration) -> [Drive],
                                               _ object: (VMOwner, Drive, Int) -> PSValue) throws {
    let host = try HyperVSession.current()
    try context.reportingFailures {
        for source in try DeviceSource.resolve(context, host) {
            for (index, drive) in drives(source.config).enumerated() where matchesSlot(context, drive) {
                try context.writeObject(object(source.owner, drive, index))
            }
        }
    }
}

/// What Remove-VMHardDiskDrive and Set-VMDvdDrive act on: the piped drive objects, else the named
/// VMs' drives in the slots asked for.
private func targetDrives<Drive: SlottedDrive>(_ context: CmdletContext, _ host: HyperVHost, objectParameter: String,
                                                _ drives: (VMConfiguration) -> [Drive]) throws -> [(VMConfiguration, Drive)] {
    if context.isBound(objectParameter) {
        return try context.configsFromDevices(objectParameter, as: Drive.self, host).map { ($0.0, $0.1.settings) }
    }
    var targets: [(VMConfiguration, Drive)] = []
    for vm in try context.targetVMs(host) {
        for drive in drives(vm) where matchesSlot(context, drive) { targets.append((vm, drive)) }
    }
    return targets
}

final class GetVMHardDiskDriveCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMHardDiskDrive", parameters: DeviceSource.vmSets + [DeviceSource.snapshotSet]
        + slotFilters + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
        outputTypes: [diskType], synopsis: "Lists the virtual hard disk drives of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws { try writeDrives(context, \.hardDrives, diskObject) }
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
        for (vm, disk) in try targetDrives(context, host, objectParameter: "VMHardDiskDrive", \.hardDrives) {
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

    func process(_ context: CmdletContext) throws { try writeDrives(context, \.dvdDrives, dvdObject) }
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
        for (vm, dvd) in try targetDrives(context, host, objectParameter: "VMDvdDrive", \.dvdDrives) {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
                let updated = try host.setDvdDrive(dvd.id, of: vm, path: context.string("Path"))
                if context.passthru() { try context.writeObject(dvdObject(HyperVObjects.owner(vm, host), updated, 0)) }
            }
        }
    }
}
