import Foundation
import Inventory
import NetworkAddresses

/// What New-VM was asked for.
public struct NewVMRequest: Sendable {
    public var name: String = "New Virtual Machine"
    public var memoryStartupBytes: Int64?
    public var generation: Int = 1
    public var version: String?
    public var path: String?
    public var newVHDPath: String?
    public var newVHDSizeBytes: UInt64?
    public var vhdPath: String?
    public var switchName: String?
    public var bootDevice: BootDevice?
    public init() {}
}

extension HyperVHost {
    /// Hyper-V's default startup memory for New-VM without -MemoryStartupBytes (1 GB since 2016).
    public static let defaultStartupMemory: Int64 = 1_073_741_824

    /// New-VM: validates, creates the config (one "Network Adapter" whose dynamic MAC is taken
    /// from the pool at its first start; a DVD drive for generation 1; a disk if asked) and saves it in one transaction.
    public func createVM(_ request: NewVMRequest) throws -> VMConfiguration {
        try HyperVRules.checkGeneration(request.generation)
        let version = request.version ?? ConfigurationVersion.default
        try HyperVRules.checkVersion(version, vmName: request.name)
        let settings = try hostSettingsCached()
        let memory = MemorySettings(startup: request.memoryStartupBytes ?? Self.defaultStartupMemory)
        let vmPath = request.path.map { ($0 as NSString).appendingPathComponent(request.name) } ?? settings.virtualMachinePath
        var vm = VMConfiguration(name: request.name, generation: request.generation, version: version,
                                 path: vmPath, memory: memory)
        try HyperVRules.checkMemoryChange(vm: vm, state: .Off, from: memory, to: memory, host: info)
        if request.generation == 1 {
            vm.dvdDrives = [DvdDriveSettings(path: nil, controllerType: .IDE, controllerNumber: 1, controllerLocation: 0)]
            vm.firmware.secureBoot = .Off
        }
        var connectedSwitch: (id: UUID, name: String)?
        if let switchName = request.switchName, !switchName.isEmpty {
            guard let found = try switches.findSwitch(named: switchName) else { throw HyperVError.switchNotFound(switchName) }
            connectedSwitch = found
        }
        if let vhd = request.vhdPath {
            guard FileManager.default.fileExists(atPath: vhd) else { throw HyperVError.fileNotFound(vhd) }
            vm.hardDrives = [Self.firstDiskSlot(for: vm, path: vhd)]
        }
        if let newPath = request.newVHDPath {
            let size = request.newVHDSizeBytes ?? 0
            let full = newPath.hasPrefix("/") ? newPath : (settings.virtualHardDiskPath as NSString).appendingPathComponent(newPath)
            _ = try VirtualHardDisks.createForNewVM(path: full, size: size)
            vm.hardDrives = [Self.firstDiskSlot(for: vm, path: full)]
        }
        if let bootDevice = request.bootDevice { try Self.applyBootDevice(bootDevice, to: &vm) }
        // Hyper-V makes the VM's folder with the VM, so a script can Get-Item or Test-Path its Path at once.
        do { try FileManager.default.createDirectory(atPath: vmPath, withIntermediateDirectories: true) } catch {
            throw HyperVError("Failed to create the folder '\(vmPath)' for virtual machine '\(request.name)': \(error.localizedDescription)",
                              errorId: "OperationFailed", category: .writeError, target: request.name)
        }
        let finalVM = vm
        return try inventory.transaction { tx in
            var vm = finalVM
            // Its dynamic MAC comes from the pool at the first start, as in Hyper-V.
            var adapter = NetworkAdapterSettings()
            if let connectedSwitch {
                adapter.switchName = connectedSwitch.name
                adapter.switchId = connectedSwitch.id
            }
            vm.networkAdapters = [adapter]
            if request.bootDevice == .NetworkAdapter, vm.generation == 2 {
                vm.firmware.bootOrder = [BootEntry(type: .Network, deviceId: adapter.adapterId)] + vm.defaultBootOrder.filter { $0.deviceId != adapter.adapterId }
            } else if vm.firmware.bootOrder != nil {
                vm.appendToBootOrder(BootEntry(type: .Network, deviceId: adapter.adapterId))
            }
            tx.save(vm)
            return vm
        }
    }

    /// New-VM -BootDevice: generation 1 puts the device first in the BIOS startup order (VHD
    /// meaning the IDE disk); generation 2 boots from the disk (VHD), a new SCSI DVD drive (CD) or
    /// the network adapter first.
    static func applyBootDevice(_ device: BootDevice, to vm: inout VMConfiguration) throws {
        if vm.generation == 1 {
            let first: BootDevice
            switch device {
            case .Floppy, .CD, .IDE, .LegacyNetworkAdapter: first = device
            case .VHD: first = .IDE
            case .NetworkAdapter: throw HyperVError.bootDeviceForGeneration(device, vm)
            }
            var bios = vm.biosSettings
            bios.startupOrder = [first] + bios.startupOrder.filter { $0 != first }
            vm.biosSettings = bios
            return
        }
        switch device {
        case .CD:
            let slot = try freeSlot(in: vm, type: .SCSI, number: nil, location: nil, device: "DVD Drive")
            let dvd = DvdDriveSettings(path: nil, controllerType: .SCSI, controllerNumber: slot.number, controllerLocation: slot.location)
            vm.dvdDrives.append(dvd)
            vm.firmware.bootOrder = [BootEntry(type: .Drive, deviceId: dvd.id)] + vm.defaultBootOrder.filter { $0.deviceId != dvd.id }
        case .VHD:
            break  // disks come first in a new VM's order
        case .NetworkAdapter:
            break  // the adapter is made in the transaction, which puts it first
        case .Floppy, .IDE, .LegacyNetworkAdapter:
            throw HyperVError.bootDeviceForGeneration(device, vm)
        }
    }

    static func firstDiskSlot(for vm: VMConfiguration, path: String) -> HardDriveSettings {
        vm.generation == 1
            ? HardDriveSettings(path: path, controllerType: .IDE, controllerNumber: 0, controllerLocation: 0)
            : HardDriveSettings(path: path, controllerType: .SCSI, controllerNumber: 0, controllerLocation: 0)
    }

    /// Remove-VM: deletes the config and its checkpoints and returns its MACs to the pool. Disks
    /// are kept, as Hyper-V keeps them. A running VM must be stopped first.
    public func removeVM(_ vm: VMConfiguration) throws {
        try inventory.transaction { tx in
            guard let current = try tx.record(VMConfiguration.self, id: vm.id) else { throw HyperVError.vmNotFound(vm.name) }
            let state = monitor.status(of: current).state
            guard state == .Off || state == .Saved else {
                throw HyperVError.invalidState(vm: current, operation: "Failed to delete the virtual machine.",
                                               reason: "'\(current.name)' must be turned off before it can be deleted; it is \(state.rawValue).")
            }
            for adapter in current.networkAdapters where adapter.dynamicMacAddressEnabled {
                if let mac = adapter.macAddress, try tx.leaseHolder(of: mac) == adapter.adapterId { tx.releaseMACAddress(mac) }
            }
            for snapshot in try tx.list(SnapshotRecord.self).records where snapshot.vmId == current.id {
                tx.delete(SnapshotRecord.self, id: snapshot.id)
                if let file = snapshot.savedStatePath { try? FileManager.default.removeItem(atPath: file) }
            }
            if let file = current.savedStatePath, Self.ownsSavedState(current) { try? FileManager.default.removeItem(atPath: file) }
            FirmwareVariableStore.removeStores(of: current)
            tx.delete(VMConfiguration.self, id: current.id)
        }
    }
}

extension HyperVError {
    public static func switchNotFound(_ name: String) -> HyperVError {
        HyperVError("Hyper-V was unable to find a virtual switch with name \"\(name)\".",
                    errorId: "InvalidParameter", category: .invalidArgument, target: name)
    }

    static func bootDeviceForGeneration(_ device: BootDevice, _ vm: VMConfiguration) -> HyperVError {
        HyperVError("The boot device '\(device.rawValue)' is not supported by generation \(vm.generation) virtual machines.",
                    errorId: "InvalidParameter", category: .invalidArgument, target: vm.name)
    }

    public static func fileNotFound(_ path: String) -> HyperVError {
        HyperVError("The system cannot find the file specified: '\(path)'.",
                    errorId: "ObjectNotFound", category: .objectNotFound, target: path)
    }
}
