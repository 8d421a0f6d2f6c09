import Foundation

/// Hyper-V's VMBootSourceType: what a generation 2 boot entry points at.
public enum VMBootSourceType: String, HyperVEnum {
    case Drive, Network, File
    public static let dotNetName = "Microsoft.HyperV.PowerShell.VMBootSourceType"
    public var numericValue: Int64 {
        switch self {
        case .Drive: 1
        case .Network: 2
        case .File: 3
        }
    }
}

/// One entry of a generation 2 VM's boot order (Hyper-V's VMBootSource): a hard drive, DVD drive
/// or network adapter of the VM, by its device id, or a file entry the guest wrote to NVRAM.
public struct BootEntry: Codable, Equatable, Sendable {
    public var type: VMBootSourceType
    /// The device's id (HardDriveSettings.id, DvdDriveSettings.id, NetworkAdapterSettings.adapterId).
    public var deviceId: UUID?
    /// For file entries: the firmware path and the description the guest gave it.
    public var firmwarePath: String?
    public var description: String?

    public init(type: VMBootSourceType, deviceId: UUID?, firmwarePath: String? = nil, description: String? = nil) {
        self.type = type
        self.deviceId = deviceId
        self.firmwarePath = firmwarePath
        self.description = description
    }
}

/// Generation 1 BIOS settings (Get-VMBios / Set-VMBios).
public struct BiosSettings: Codable, Equatable, Sendable {
    /// Hyper-V's default order for a new generation 1 VM.
    public static let defaultStartupOrder: [BootDevice] = [.CD, .IDE, .LegacyNetworkAdapter, .Floppy]
    public var startupOrder: [BootDevice] = BiosSettings.defaultStartupOrder
    public var numLockEnabled = false
    public init() {}
}

/// A device a VM may boot from, in the order its firmware tries them: what the engines read.
public enum BootCandidate: Equatable, Sendable {
    case hardDrive(HardDriveSettings)
    case dvdDrive(DvdDriveSettings)
    case networkAdapter(NetworkAdapterSettings)
    /// A generation 2 NVRAM file entry (a boot loader on one of the disks).
    case file(path: String)
}

extension VMConfiguration {
    /// The BIOS settings of a generation 1 VM (configs written before they were kept read as Hyper-V's defaults).
    public var biosSettings: BiosSettings {
        get { bios ?? BiosSettings() }
        set { bios = newValue == BiosSettings() ? nil : newValue }
    }

    /// Hyper-V appends a device to a generation 2 VM's boot order when it is added, so a VM whose
    /// order was never set lists its devices as they were added: disks and DVD drives (New-VM adds
    /// them first), then network adapters.
    var defaultBootOrder: [BootEntry] {
        hardDrives.map { BootEntry(type: .Drive, deviceId: $0.id) }
            + dvdDrives.map { BootEntry(type: .Drive, deviceId: $0.id) }
            + networkAdapters.map { BootEntry(type: .Network, deviceId: $0.adapterId) }
    }

    /// The generation 2 boot order as Get-VMFirmware shows it: the stored order without devices
    /// removed since, or the order devices were added in when it was never set.
    public var bootOrder: [BootEntry] {
        guard let stored = firmware.bootOrder else { return defaultBootOrder }
        return stored.filter { entry in
            guard let id = entry.deviceId else { return entry.type == .File }
            return hasBootableDevice(id)
        }
    }

    func hasBootableDevice(_ id: UUID) -> Bool {
        hardDrives.contains { $0.id == id } || dvdDrives.contains { $0.id == id } || networkAdapters.contains { $0.adapterId == id }
    }

    /// Puts a device just added to a generation 2 VM at the end of its boot order, as Hyper-V
    /// does (call after adding it); the order becomes explicit from then on.
    public mutating func appendToBootOrder(_ entry: BootEntry) {
        guard generation == 2 else { return }
        firmware.bootOrder = bootOrder.filter { $0.deviceId != entry.deviceId } + [entry]
    }

    /// The devices the firmware tries, first to last. Generation 2 follows the boot order;
    /// generation 1 the BIOS startup order, where CD means the IDE DVD drives, IDE the IDE hard
    /// drives (controller 0 location 0 first), LegacyNetworkAdapter the legacy adapters, and Floppy
    /// nothing (hvsh has no floppy drive).
    public var bootCandidates: [BootCandidate] {
        if generation == 2 {
            return bootOrder.compactMap { entry in
                if entry.type == .File { return entry.firmwarePath.map { .file(path: $0) } }
                guard let id = entry.deviceId else { return nil }
                if let d = hardDrives.first(where: { $0.id == id }) { return .hardDrive(d) }
                if let d = dvdDrives.first(where: { $0.id == id }) { return .dvdDrive(d) }
                if let a = networkAdapters.first(where: { $0.adapterId == id }) { return .networkAdapter(a) }
                return nil
            }
        }
        func slotOrder<T>(_ items: [T], _ slot: (T) -> (Int, Int)) -> [T] {
            items.sorted { slot($0) < slot($1) }
        }
        var result: [BootCandidate] = []
        for device in biosSettings.startupOrder {
            switch device {
            case .CD:
                result += slotOrder(dvdDrives.filter { $0.controllerType == .IDE }) { ($0.controllerNumber, $0.controllerLocation) }.map { .dvdDrive($0) }
            case .IDE:
                result += slotOrder(hardDrives.filter { $0.controllerType == .IDE }) { ($0.controllerNumber, $0.controllerLocation) }.map { .hardDrive($0) }
            case .LegacyNetworkAdapter:
                result += networkAdapters.filter(\.isLegacy).map { .networkAdapter($0) }
            case .Floppy, .NetworkAdapter, .VHD:
                break
            }
        }
        return result
    }
}
