import Foundation
import VMM

/// Hyper-V's machine model in QEMU's terms, for a VM whose engine is QEMU.
///
/// | Hyper-V | QEMU |
/// |---|---|
/// | Generation 1 | `pc` (i440FX) with SeaBIOS; IDE 0 and 1 with two locations each; DVD on IDE 1:0 |
/// | Generation 2 | `q35` with OVMF; the VM's NVRAM; Secure Boot with OVMF's SMM build and Microsoft's keys |
/// | SCSI controller *n* | `virtio-scsi-pci` *n*, location *l* as SCSI target *l* |
/// | network adapter (synthetic) | `virtio-net-pci` on the adapter's tap, same MAC |
/// | legacy network adapter | `e1000` (PXE-bootable) |
/// | dynamic memory | `virtio-balloon-pci` |
enum QEMUMachineMapping {
    static func machine(for vm: VMConfiguration, installation: QEMUInstallation, accelerator: QEMUAccelerator) throws -> QEMUMachine {
        let secureBoot = vm.generation == 2 && vm.firmware.secureBoot == .On
        let chipset: QEMUChipset = vm.generation == 1 ? .pc : .q35
        if let missing = installation.missing(for: chipset, secureBoot: secureBoot) {
            throw HyperVError(HyperVHost.sentence(missing.description), errorId: "NotInstalled", category: .notInstalled, target: vm.name)
        }
        let firmware: QEMUFirmware
        if vm.generation == 1 {
            firmware = .bios
        } else {
            firmware = .uefi(code: installation.ovmfCode(secureBoot: secureBoot),
                             variables: try FirmwareVariableStore.prepare(for: vm, installation: installation), secureBoot: secureBoot)
        }
        var drives: [QEMUDrive] = []
        for disk in vm.hardDrives.sorted(by: slotOrder) where !disk.path.isEmpty {
            guard FileManager.default.fileExists(atPath: disk.path) else { throw HyperVError.fileNotFound(disk.path) }
            drives.append(QEMUDrive(kind: .hardDisk, controller: controller(disk.controllerType), controllerNumber: disk.controllerNumber,
                                    controllerLocation: disk.controllerLocation, path: disk.path,
                                    format: DiskImageProbe.format(of: disk.path).rawValue))
        }
        for dvd in vm.dvdDrives.sorted(by: slotOrder) {
            let path = (dvd.path ?? "").isEmpty ? nil : dvd.path
            if let path, !FileManager.default.fileExists(atPath: path) { throw HyperVError.fileNotFound(path) }
            drives.append(QEMUDrive(kind: .dvd, controller: controller(dvd.controllerType), controllerNumber: dvd.controllerNumber,
                                    controllerLocation: dvd.controllerLocation, path: path, format: "raw"))
        }
        let adapters = vm.networkAdapters.filter { $0.macAddress != nil }
        let models = adapters.map { $0.isLegacy ? QEMUNetworkAdapterModel.legacy : .synthetic }
        let dynamicMemory = vm.memory.dynamicMemoryEnabled
            ? QEMUDynamicMemory(minimum: UInt64(max(0, vm.memory.minimum)), bufferPercent: Int(clamping: vm.memory.buffer)) : nil
        return QEMUMachine(chipset: chipset, firmware: firmware, accelerator: accelerator, drives: drives,
                           networkAdapterModels: models, bootOrder: bootOrder(vm, drives: drives, models: models),
                           dynamicMemory: dynamicMemory)
    }

    static func controller(_ type: ControllerType) -> QEMUDrive.Controller { type == .IDE ? .ide : .scsi }

    static func slotOrder<T: SlottedDrive>(_ a: T, _ b: T) -> Bool {
        (a.controllerType == .IDE ? 0 : 1, a.controllerNumber, a.controllerLocation)
            < (b.controllerType == .IDE ? 0 : 1, b.controllerNumber, b.controllerLocation)
    }

    /// Hyper-V's default boot orders: Generation 1 tries the CD, then IDE disks, then legacy network adapters
    /// (its StartupOrder CD, IDE, LegacyNetworkAdapter, Floppy); Generation 2 its disks and DVDs, then its
    /// network adapters.
    static func bootOrder(_ vm: VMConfiguration, drives: [QEMUDrive], models: [QEMUNetworkAdapterModel]) -> [QEMUBootDevice] {
        let dvds = drives.indices.filter { drives[$0].kind == .dvd }.map(QEMUBootDevice.drive)
        let disks = drives.indices.filter { drives[$0].kind == .hardDisk }
        if vm.generation == 1 {
            let ideDisks = disks.filter { drives[$0].controller == .ide }.map(QEMUBootDevice.drive)
            let legacy = models.indices.filter { models[$0] == .legacy }.map(QEMUBootDevice.networkAdapter)
            return dvds + ideDisks + legacy
        }
        return disks.map(QEMUBootDevice.drive) + dvds + models.indices.map(QEMUBootDevice.networkAdapter)
    }
}
