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

private let slotFilters: [any ParameterKey] = [
    HyperVParameters.controllerType, HyperVParameters.controllerNumber, HyperVParameters.controllerLocation,
]

/// A drive that sits in a controller slot (hard disks and DVD drives).
protocol SlottedDrive: Sendable {
    var controllerType: ControllerType { get }
    var controllerNumber: Int { get }
    var controllerLocation: Int { get }
}

extension HardDriveSettings: SlottedDrive {}
extension DvdDriveSettings: SlottedDrive {}

/// The controller slots a drive cmdlet asks for; a nil part matches every slot.
private struct SlotFilter {
    var controllerType: ControllerType?
    var controllerNumber: Int?
    var controllerLocation: Int?

    /// The shared slot filters (`-ControllerType`, `-ControllerNumber`, `-ControllerLocation`).
    init(_ c: CmdletContext) {
        self.init(controllerType: c[HyperVParameters.controllerType].flatMap(ControllerType.parse),
                  controllerNumber: c[HyperVParameters.controllerNumber], controllerLocation: c[HyperVParameters.controllerLocation])
    }

    init(controllerType: ControllerType?, controllerNumber: Int?, controllerLocation: Int?) {
        self.controllerType = controllerType
        self.controllerNumber = controllerNumber
        self.controllerLocation = controllerLocation
    }

    func matches(_ drive: some SlottedDrive) -> Bool {
        if let t = controllerType, t != drive.controllerType { return false }
        if let n = controllerNumber, n != drive.controllerNumber { return false }
        if let l = controllerLocation, l != drive.controllerLocation { return false }
        return true
    }
}

/// Get-VMHardDiskDrive and Get-VMDvdDrive: every source's drives in the slots asked for.
private func writeDrives<Drive: SlottedDrive>(_ context: CmdletContext, _ drives: (VMConfiguration) -> [Drive],
                                               _ object: (VMOwner, Drive, Int) -> PSValue) throws {
    let host = try context.service(HyperVHost.self)
    let slots = SlotFilter(context)
    try context.reporting {
        for source in try DeviceSource.resolve(context, host) {
            for (index, drive) in drives(source.config).enumerated() where slots.matches(drive) {
                try context.writeObject(object(source.owner, drive, index))
            }
        }
    }
}

/// What Remove-VMHardDiskDrive and Set-VMDvdDrive act on: the piped drive objects, else the named
/// VMs' drives in the slots asked for.
private func targetDrives<Drive: SlottedDrive>(_ context: CmdletContext, _ host: HyperVHost, objects: Parameter<[PSValue]>,
                                                vmNames: Parameter<[String]>, slots: SlotFilter,
                                                _ drives: (VMConfiguration) -> [Drive]) throws -> [(VMConfiguration, Drive)] {
    if context.isBound(objects) {
        return try context.configsFromDevices(objects, as: Drive.self, host).map { ($0.0, $0.1.settings) }
    }
    var targets: [(VMConfiguration, Drive)] = []
    for vm in try context.targetVMs(host, names: vmNames, objects: nil) {
        for drive in drives(vm) where slots.matches(drive) { targets.append((vm, drive)) }
    }
    return targets
}

final class GetVMHardDiskDriveCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMHardDiskDrive", parameters: DeviceSource.parameters
        + slotFilters + HyperVParameters.remoting, defaultParameterSet: "VMName",
        outputTypes: [diskType], synopsis: "Lists the virtual hard disk drives of virtual machines.")

    func process(_ context: CmdletContext) throws { try writeDrives(context, \.hardDrives, diskObject) }
}

final class AddVMHardDiskDriveCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 4)
    static let diskNumber = Parameter<UInt32>("DiskNumber", aliases: ["Number"], valueFromPipelineByPropertyName: true)
    static let supportPersistentReservations = Parameter<SwitchParameter>("SupportPersistentReservations", aliases: ["ShareVirtualDisk"])
    static let maximumIOPS = Parameter<UInt64>("MaximumIOPS")
    static let minimumIOPS = Parameter<UInt64>("MinimumIOPS")
    static let qosPolicyID = Parameter<String>("QoSPolicyID")
    static let declaration = CmdletDeclaration("Add-VMHardDiskDrive", parameters: HyperVParameters.vmSets + slotFilters + [
        path, diskNumber, HyperVParameters.resourcePoolName, supportPersistentReservations, HyperVParameters.allowUnverifiedPaths,
        maximumIOPS, minimumIOPS, qosPolicyID, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [diskType], synopsis: "Attaches a virtual hard disk to virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.forEachConfirmedVM(host) { vm in
            let disk = try host.addHardDisk(to: vm, path: try context.diskPath(context[Self.path]),
                                            controllerType: context[HyperVParameters.controllerType].flatMap(ControllerType.parse),
                                            controllerNumber: context[HyperVParameters.controllerNumber],
                                            controllerLocation: context[HyperVParameters.controllerLocation])
            try context.writePassthru(diskObject(HyperVObjects.owner(vm, host), disk, vm.hardDrives.count))
        }
    }
}

final class RemoveVMHardDiskDriveCommand: Cmdlet {
    static let vmName = Parameter<[String]>("VMName", type: .string, position: 0, mandatory: true, sets: ["VMName"])
    static let controllerType = Parameter<String>("ControllerType", type: .enumType(HyperVEnumTypes.controllerType), position: 1,
                                                  mandatory: true, sets: ["VMName"])
    static let controllerNumber = Parameter<Int>("ControllerNumber", position: 2, mandatory: true, sets: ["VMName"])
    static let controllerLocation = Parameter<Int>("ControllerLocation", position: 3, mandatory: true, sets: ["VMName"])
    static let vmHardDiskDrive = Parameter<[PSValue]>("VMHardDiskDrive", type: .array(.named(diskType)), position: 0, mandatory: true,
                                                      valueFromPipeline: true, sets: ["Object"])
    static let declaration = CmdletDeclaration("Remove-VMHardDiskDrive", parameters: [
        vmName, controllerType, controllerNumber, controllerLocation, vmHardDiskDrive, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [diskType], synopsis: "Detaches virtual hard disks from virtual machines; the files are kept.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let slots = SlotFilter(controllerType: context[Self.controllerType].flatMap(ControllerType.parse),
                               controllerNumber: context[Self.controllerNumber], controllerLocation: context[Self.controllerLocation])
        let targets = try targetDrives(context, host, objects: Self.vmHardDiskDrive, vmNames: Self.vmName, slots: slots, \.hardDrives)
        for (vm, disk) in targets {
            guard try context.shouldProcess(target: "\(disk.path) (\(vm.name))") else { continue }
            try context.reporting {
                try host.removeHardDisk(disk.id, from: vm)
                try context.writePassthru(diskObject(HyperVObjects.owner(vm, host), disk, 0))
            }
        }
    }
}

final class GetVMDvdDriveCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMDvdDrive", parameters: DeviceSource.parameters
        + slotFilters.dropFirst() + HyperVParameters.remoting, defaultParameterSet: "VMName",
        outputTypes: [dvdType], synopsis: "Lists the DVD drives of virtual machines.")

    func process(_ context: CmdletContext) throws { try writeDrives(context, \.dvdDrives, dvdObject) }
}

final class AddVMDvdDriveCommand: Cmdlet {
    static let controllerNumber = Parameter<Int>("ControllerNumber", position: 1)
    static let controllerLocation = Parameter<Int>("ControllerLocation", position: 2)
    static let path = Parameter<String>("Path", position: 3)
    static let declaration = CmdletDeclaration("Add-VMDvdDrive", parameters: HyperVParameters.vmSets + [
        controllerNumber, controllerLocation, path, HyperVParameters.resourcePoolName, HyperVParameters.allowUnverifiedPaths,
        HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [dvdType], synopsis: "Adds a DVD drive to virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.forEachConfirmedVM(host) { vm in
            let dvd = try host.addDvdDrive(to: vm, path: try context.diskPath(context[Self.path]), controllerNumber: context[Self.controllerNumber],
                                           controllerLocation: context[Self.controllerLocation])
            try context.writePassthru(dvdObject(HyperVObjects.owner(vm, host), dvd, vm.dvdDrives.count))
        }
    }
}

final class SetVMDvdDriveCommand: Cmdlet {
    static let vmName = Parameter<[String]>("VMName", position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"])
    static let vmDvdDrive = Parameter<[PSValue]>("VMDvdDrive", type: .array(.named(dvdType)), position: 0, mandatory: true,
                                                 valueFromPipeline: true, sets: ["Object"])
    static let controllerNumber = Parameter<Int>("ControllerNumber", position: 1, sets: ["VMName"])
    static let controllerLocation = Parameter<Int>("ControllerLocation", position: 2, sets: ["VMName"])
    static let path = Parameter<String>("Path", position: 3)
    static let declaration = CmdletDeclaration("Set-VMDvdDrive", parameters: [
        vmName, vmDvdDrive, controllerNumber, controllerLocation, path, HyperVParameters.resourcePoolName,
        HyperVParameters.allowUnverifiedPaths, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [dvdType], synopsis: "Changes the medium in DVD drives of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let slots = SlotFilter(controllerType: nil, controllerNumber: context[Self.controllerNumber],
                               controllerLocation: context[Self.controllerLocation])
        for (vm, dvd) in try targetDrives(context, host, objects: Self.vmDvdDrive, vmNames: Self.vmName, slots: slots, \.dvdDrives) {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reporting {
                let updated = try host.setDvdDrive(dvd.id, of: vm, path: try context.diskPath(context[Self.path]))
                try context.writePassthru(dvdObject(HyperVObjects.owner(vm, host), updated, 0))
            }
        }
    }
}
