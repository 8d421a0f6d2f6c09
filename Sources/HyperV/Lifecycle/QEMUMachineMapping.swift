import Foundation
import VMM

/// Hyper-V's machine model in QEMU's terms, for a VM whose engine is QEMU.
///
/// | Hyper-V | QEMU |
/// |---|---|
/// | Generation 1 | `pc` (i440FX) with SeaBIOS; IDE 0 and 1 with two locations each; DVD on IDE 1:0 |
/// | Generation 2 | `q35` with OVMF; the VM's NVRAM; Secure Boot with OVMF's SMM build and Microsoft's keys |
/// | SCSI controller *n* | `virtio-scsi-pci` *n*, location *l* as SCSI target *l* (hard disks) |
/// | SCSI DVD drive (Generation 2) | SATA DVD on Q35's AHCI controller, ports in slot order |
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
            // VHD and VHDX (differencing chains too) are served by the worker through hvsh's own VirtualDisk: QEMU's
            // drivers cannot follow a chain of .avhdx files, and they refuse the migration a checkpoint needs.
            let format = DiskImageProbe.format(of: disk.path)
            drives.append(QEMUDrive(kind: .hardDisk, controller: controller(disk.controllerType), controllerNumber: disk.controllerNumber,
                                    controllerLocation: disk.controllerLocation, path: disk.path,
                                    format: format == .raw ? format.rawValue : QEMUDrive.servedFormat))
        }
        // Generation 2's SCSI DVDs become SATA DVDs on Q35's AHCI controller (see QEMUCommandLine), which has six ports.
        let scsiDVDs = vm.dvdDrives.filter { $0.controllerType == .SCSI }.count
        if scsiDVDs > QEMUCommandLine.sataPorts {
            throw HyperVError("'\(vm.name)' has \(scsiDVDs) DVD drives; a Generation 2 VM on the QEMU engine can have at most \(QEMUCommandLine.sataPorts).",
                              errorId: "InvalidParameter", category: .invalidArgument, target: vm.name)
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
            ? QEMUDynamicMemory(minimum: UInt64(max(0, vm.memory.minimum)), bufferPercent: Int(clamping: vm.memory.buffer),
                                maximum: min(UInt64(max(0, vm.memory.maximum)), ProcessInfo.processInfo.physicalMemory)) : nil
        return QEMUMachine(chipset: chipset, firmware: firmware, accelerator: accelerator, drives: drives,
                           networkAdapterModels: models, bootOrder: bootOrder(vm, drives: drives, adapters: adapters),
                           dynamicMemory: dynamicMemory)
    }

    static func controller(_ type: ControllerType) -> QEMUDrive.Controller { type == .IDE ? .ide : .scsi }

    static func slotOrder<T: SlottedDrive>(_ a: T, _ b: T) -> Bool {
        (a.controllerType == .IDE ? 0 : 1, a.controllerNumber, a.controllerLocation)
            < (b.controllerType == .IDE ? 0 : 1, b.controllerNumber, b.controllerLocation)
    }

    /// The firmware's boot order from the VM's (`VMConfiguration.bootCandidates`: Generation 2's BootOrder,
    /// Generation 1's StartupOrder expanded to its IDE DVDs, IDE disks and legacy adapters). Devices left out are
    /// not tried, as on Hyper-V (`-boot strict=on`); entries the guest wrote to NVRAM are OVMF's own business.
    static func bootOrder(_ vm: VMConfiguration, drives: [QEMUDrive], adapters: [NetworkAdapterSettings]) -> [QEMUBootDevice] {
        func drive(_ kind: QEMUDrive.Kind, _ type: ControllerType, _ number: Int, _ location: Int) -> QEMUBootDevice? {
            drives.firstIndex {
                $0.kind == kind && $0.controller == controller(type) && $0.controllerNumber == number && $0.controllerLocation == location
            }.map(QEMUBootDevice.drive)
        }
        var order: [QEMUBootDevice] = []
        for candidate in vm.bootCandidates {
            let device: QEMUBootDevice?
            switch candidate {
            case .hardDrive(let d): device = drive(.hardDisk, d.controllerType, d.controllerNumber, d.controllerLocation)
            case .dvdDrive(let d): device = drive(.dvd, d.controllerType, d.controllerNumber, d.controllerLocation)
            case .networkAdapter(let a): device = adapters.firstIndex { $0.adapterId == a.adapterId }.map(QEMUBootDevice.networkAdapter)
            case .file: device = nil
            }
            if let device, !order.contains(device) { order.append(device) }
        }
        return order
    }
}
