import Foundation
import PSRuntime

/// One generation 2 boot entry with the VM it belongs to (the model behind a VMBootSource).
struct BootSourceView: Sendable {
    var owner: VMOwner
    var entry: BootEntry
    var config: VMConfiguration
}

/// The PSObject shapes of the boot configuration: VMBootSource (Get-VMFirmware's BootOrder) and
/// VMBios (Get-VMBios).
enum BootObjects {
    /// A VMBootSource prints as its BootType, so Format-List shows `BootOrder : {Drive, Network}`.
    static let bootSource = ObjectTemplate<BootSourceView>(typeNames: HyperVTypeNames.bootSource, properties: [
        ("BootType", { $0.entry.type.psValue }),
        ("Description", { .string(description($0)) }),
        ("Device", { device($0) }),
        ("FirmwarePath", { .string(firmwarePath($0)) }),
    ] + ownerTail({ $0.owner }, checkpointAliases: false), toString: { $0.entry.type.rawValue })

    static let bios = ObjectTemplate<DeviceView<VMConfiguration>>(typeNames: HyperVTypeNames.bios, properties: [
        ("NumLockEnabled", { .bool($0.settings.biosSettings.numLockEnabled) }),
        ("StartupOrder", { d in PS.list(d.settings.biosSettings.startupOrder.map(\.psValue)) }),
    ] + ownerTail({ $0.owner }, checkpointAliases: false), toString: { _ in "BIOS" })

    static func bootOrder(_ firmware: DeviceView<VMConfiguration>) -> PSValue {
        PS.list(firmware.settings.bootOrder.map {
            .object(bootSource.make(BootSourceView(owner: firmware.owner, entry: $0, config: firmware.settings)))
        })
    }

    /// The descriptions Hyper-V's UEFI gives its own entries; a file entry keeps the guest's.
    static func description(_ view: BootSourceView) -> String {
        switch view.entry.type {
        case .Drive: "EFI SCSI Device"
        case .Network: "EFI Network"
        case .File: view.entry.description ?? ""
        }
    }

    /// The device's part of its UEFI device path (the VMBus prefix Hyper-V puts first has no meaning here).
    static func firmwarePath(_ view: BootSourceView) -> String {
        let config = view.config
        if let path = view.entry.firmwarePath { return path }
        guard let id = view.entry.deviceId else { return "" }
        if let d = config.hardDrives.first(where: { $0.id == id }) { return "\\Scsi(\(d.controllerNumber),\(d.controllerLocation))" }
        if let d = config.dvdDrives.first(where: { $0.id == id }) { return "\\Scsi(\(d.controllerNumber),\(d.controllerLocation))" }
        if let a = config.networkAdapters.first(where: { $0.adapterId == id }) { return "\\MAC(\(a.macAddress?.compact ?? "000000000000"))" }
        return ""
    }

    /// The HardDiskDrive, DvdDrive or VMNetworkAdapter object the entry boots from.
    static func device(_ view: BootSourceView) -> PSValue {
        let config = view.config
        guard let id = view.entry.deviceId else { return .null }
        if let i = config.hardDrives.firstIndex(where: { $0.id == id }) {
            return .object(DeviceObjects.hardDiskDrive.make(DeviceView(owner: view.owner, settings: config.hardDrives[i], index: i)))
        }
        if let i = config.dvdDrives.firstIndex(where: { $0.id == id }) {
            return .object(DeviceObjects.dvdDrive.make(DeviceView(owner: view.owner, settings: config.dvdDrives[i], index: i)))
        }
        if let i = config.networkAdapters.firstIndex(where: { $0.adapterId == id }) {
            return .object(DeviceObjects.networkAdapter.make(DeviceView(owner: view.owner, settings: config.networkAdapters[i], index: i)))
        }
        return .null
    }

    /// What Set-VMFirmware was given as a boot device: the owning VM's id and the entry, or nil
    /// for an object that is no device or boot source.
    static func reference(_ value: PSValue) -> (vmId: UUID, vmName: String, entry: BootEntry)? {
        guard let object = value.asObject else { return nil }
        if let source = object.model(as: BootSourceView.self) { return (source.owner.vmId, source.owner.vmName, source.entry) }
        if let d = object.model(as: DeviceObjects.Disk.self) { return (d.owner.vmId, d.owner.vmName, BootEntry(type: .Drive, deviceId: d.settings.id)) }
        if let d = object.model(as: DeviceObjects.Dvd.self) { return (d.owner.vmId, d.owner.vmName, BootEntry(type: .Drive, deviceId: d.settings.id)) }
        if let a = object.model(as: DeviceObjects.Adapter.self) {
            return (a.owner.vmId, a.owner.vmName, BootEntry(type: .Network, deviceId: a.settings.adapterId))
        }
        return nil
    }
}
