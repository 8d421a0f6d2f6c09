import Foundation
import Inventory
import NetworkAddresses

/// One VM's persistent configuration: `Virtual Machines/<Id>.json` in the inventory. Everything
/// Hyper-V keeps in a .vmcx file that hvsh can mean lives here; values Linux cannot mean (resource
/// pools, NUMA, replication) are not stored and are shown with Hyper-V's defaults.
public struct VMConfiguration: InventoryRecord, Equatable {
    public static let inventoryKind = InventoryKind.virtualMachines

    public var id: UUID
    public var name: String
    /// 1 or 2.
    public var generation: Int
    /// Configuration version, e.g. "10.0"; nested virtualization needs 8.0 or later.
    public var version: String
    public var creationTime: Date
    /// The folder holding the VM's files (Hyper-V's ConfigurationLocation / Path).
    public var path: String
    public var snapshotFileLocation: String
    public var smartPagingFilePath: String
    public var notes: String = ""

    public var automaticStartAction: StartAction = .StartIfRunning
    public var automaticStartDelay: Int = 0
    public var automaticStopAction: StopAction = .Save
    public var automaticCriticalErrorAction: CriticalErrorAction = .Pause
    public var automaticCriticalErrorActionTimeout: Int = 30
    public var automaticCheckpointsEnabled: Bool = true
    public var checkpointType: CheckpointType = .Production
    public var lockOnDisconnect: OnOffState = .Off
    public var guestControlledCacheTypes: Bool = false
    public var lowMemoryMappedIoSpace: UInt32 = 134_217_728
    public var highMemoryMappedIoSpace: UInt64 = 536_870_912

    public var processor: ProcessorSettings = ProcessorSettings()
    public var memory: MemorySettings
    public var networkAdapters: [NetworkAdapterSettings] = []
    public var hardDrives: [HardDriveSettings] = []
    public var dvdDrives: [DvdDriveSettings] = []
    public var firmware: FirmwareSettings = FirmwareSettings()
    /// Generation 1 BIOS settings; nil while they are Hyper-V's defaults (see `biosSettings`).
    public var bios: BiosSettings?
    /// Integration services whose state differs from Hyper-V's default, by name. Only these are
    /// stored, which keeps config files (and listing a thousand of them) small.
    public var integrationServiceOverrides: [String: Bool] = [:]

    /// Every integration service in Hyper-V's order, with its current state.
    public var integrationServices: [IntegrationServiceSettings] {
        get {
            IntegrationServiceSettings.defaults.map { service in
                var service = service
                if let enabled = integrationServiceOverrides[service.name] { service.enabled = enabled }
                return service
            }
        }
        set {
            var overrides: [String: Bool] = [:]
            for service in newValue {
                let standard = IntegrationServiceSettings.defaults.first { $0.name == service.name }?.enabled
                if standard != service.enabled { overrides[service.name] = service.enabled }
            }
            integrationServiceOverrides = overrides
        }
    }

    /// The checkpoint the VM's current state descends from (Hyper-V's ParentSnapshotId).
    public var parentSnapshotId: UUID?
    /// Set while the VM is in the Saved state: the file its memory and device state were saved to.
    public var savedStatePath: String?
    /// hvsh extension (Set-VM -Engine): which engine runs the VM; nil is Automatic.
    public var engine: VMEngine?

    public init(id: UUID = UUID(), name: String, generation: Int, version: String, creationTime: Date = Date(),
                path: String, memory: MemorySettings) {
        self.id = id
        self.name = name
        self.generation = generation
        self.version = version
        self.creationTime = creationTime
        self.path = path
        self.snapshotFileLocation = path
        self.smartPagingFilePath = path
        self.memory = memory
    }

    /// Hyper-V shows VM ids in lower case in most places and upper case inside device ids.
    public var idUpper: String { id.uuidString.uppercased() }
    public var idLower: String { id.uuidString.lowercased() }

    /// The configuration version as a comparable pair, e.g. (8, 0).
    public var versionNumber: (major: Int, minor: Int) { ConfigurationVersion.parse(version) ?? (0, 0) }
}

public struct ProcessorSettings: Codable, Equatable, Sendable {
    public var count: Int64 = 1
    public var compatibilityForMigrationEnabled = false
    public var compatibilityForMigrationMode: CompatibilityForMigrationMode = .MinimumFeatureSet
    public var compatibilityForOlderOperatingSystemsEnabled = false
    public var hwThreadCountPerCore: Int64 = 0
    public var exposeVirtualizationExtensions = false
    public var enablePerfmonPmu = false
    public var enablePerfmonLbr = false
    public var enablePerfmonPebs = false
    public var enablePerfmonIpt = false
    public var enableLegacyApicMode = false
    public var apicMode: ApicMode = .Default
    public var allowACountMCount = true
    public var maximum: Int64 = 100
    public var reserve: Int64 = 0
    public var relativeWeight: Int32 = 100
    public var enableHostResourceProtection = false
    public init() {}
}

public struct MemorySettings: Codable, Equatable, Sendable {
    public var startup: Int64
    public var minimum: Int64 = 536_870_912
    public var maximum: Int64 = 1_099_511_627_776
    public var dynamicMemoryEnabled = false
    public var buffer: Int32 = 20
    public var priority: Int32 = 50
    public init(startup: Int64) { self.startup = startup }
}

public struct NetworkAdapterSettings: Codable, Equatable, Sendable {
    /// Stable identity of the adapter inside the VM (Hyper-V's device instance GUID).
    public var adapterId: UUID = UUID()
    public var name: String = "Network Adapter"
    public var isLegacy = false
    /// Null until a dynamic address is assigned; always set for static addresses.
    public var macAddress: MACAddress?
    public var dynamicMacAddressEnabled = true
    /// The switch the adapter is connected to, by name (empty: not connected).
    public var switchName: String = ""
    public var switchId: UUID?
    public var macAddressSpoofing: OnOffState = .Off
    /// Everything else Set-VMNetworkAdapter can change; stored only once one of them differs from
    /// Hyper-V's defaults, so a plain adapter is a few lines of JSON.
    public var advanced: AdvancedNetworkAdapterSettings?
    public init() {}

    private var settings: AdvancedNetworkAdapterSettings {
        get { advanced ?? AdvancedNetworkAdapterSettings() }
        set { advanced = newValue == AdvancedNetworkAdapterSettings() ? nil : newValue }
    }

    public var dhcpGuard: OnOffState { get { settings.dhcpGuard } set { settings.dhcpGuard = newValue } }
    public var routerGuard: OnOffState { get { settings.routerGuard } set { settings.routerGuard = newValue } }
    public var portMirroringMode: VMNetworkAdapterPortMirroringMode { get { settings.portMirroringMode } set { settings.portMirroringMode = newValue } }
    public var ieeePriorityTag: OnOffState { get { settings.ieeePriorityTag } set { settings.ieeePriorityTag = newValue } }
    public var allowTeaming: OnOffState { get { settings.allowTeaming } set { settings.allowTeaming = newValue } }
    public var deviceNaming: OnOffState { get { settings.deviceNaming } set { settings.deviceNaming = newValue } }
    public var fixSpeed10G: OnOffState { get { settings.fixSpeed10G } set { settings.fixSpeed10G = newValue } }
    public var vmqWeight: UInt32 { get { settings.vmqWeight } set { settings.vmqWeight = newValue } }
    public var iovWeight: UInt32 { get { settings.iovWeight } set { settings.iovWeight = newValue } }
    public var iovQueuePairsRequested: UInt32 { get { settings.iovQueuePairsRequested } set { settings.iovQueuePairsRequested = newValue } }
    public var iovInterruptModeration: IovInterruptModerationValue { get { settings.iovInterruptModeration } set { settings.iovInterruptModeration = newValue } }
    public var ipsecOffloadMaxSA: UInt32 { get { settings.ipsecOffloadMaxSA } set { settings.ipsecOffloadMaxSA = newValue } }
    public var virtualSubnetId: UInt32 { get { settings.virtualSubnetId } set { settings.virtualSubnetId = newValue } }
    public var dynamicIPAddressLimit: UInt32 { get { settings.dynamicIPAddressLimit } set { settings.dynamicIPAddressLimit = newValue } }
    public var stormLimit: UInt32 { get { settings.stormLimit } set { settings.stormLimit = newValue } }
    public var vrssEnabled: Bool { get { settings.vrssEnabled } set { settings.vrssEnabled = newValue } }
    public var vmmqEnabled: Bool { get { settings.vmmqEnabled } set { settings.vmmqEnabled = newValue } }
    public var vrssMaxQueuePairs: UInt32 { get { settings.vrssMaxQueuePairs } set { settings.vrssMaxQueuePairs = newValue } }
    public var vrssMinQueuePairs: UInt32 { get { settings.vrssMinQueuePairs } set { settings.vrssMinQueuePairs = newValue } }
    public var notMonitoredInCluster: Bool { get { settings.notMonitoredInCluster } set { settings.notMonitoredInCluster = newValue } }
    public var mandatoryFeatureIds: [String] { get { settings.mandatoryFeatureIds } set { settings.mandatoryFeatureIds = newValue } }
    public var testReplicaPoolName: String { get { settings.testReplicaPoolName } set { settings.testReplicaPoolName = newValue } }
    public var testReplicaSwitchName: String { get { settings.testReplicaSwitchName } set { settings.testReplicaSwitchName = newValue } }
    public var maximumBandwidth: Int64 { get { settings.maximumBandwidth } set { settings.maximumBandwidth = newValue } }
    public var minimumBandwidthAbsolute: Int64 { get { settings.minimumBandwidthAbsolute } set { settings.minimumBandwidthAbsolute = newValue } }
    public var minimumBandwidthWeight: UInt32 { get { settings.minimumBandwidthWeight } set { settings.minimumBandwidthWeight = newValue } }
}

/// The adapter settings few VMs change, with Hyper-V's defaults.
public struct AdvancedNetworkAdapterSettings: Codable, Equatable, Sendable {
    public var dhcpGuard: OnOffState = .Off
    public var routerGuard: OnOffState = .Off
    public var portMirroringMode: VMNetworkAdapterPortMirroringMode = .None
    public var ieeePriorityTag: OnOffState = .Off
    public var allowTeaming: OnOffState = .Off
    public var deviceNaming: OnOffState = .Off
    public var fixSpeed10G: OnOffState = .Off
    public var vmqWeight: UInt32 = 100
    public var iovWeight: UInt32 = 0
    public var iovQueuePairsRequested: UInt32 = 1
    public var iovInterruptModeration: IovInterruptModerationValue = .Default
    public var ipsecOffloadMaxSA: UInt32 = 512
    public var virtualSubnetId: UInt32 = 0
    public var dynamicIPAddressLimit: UInt32 = 0
    public var stormLimit: UInt32 = 0
    public var vrssEnabled = true
    public var vmmqEnabled = false
    public var vrssMaxQueuePairs: UInt32 = 16
    public var vrssMinQueuePairs: UInt32 = 1
    public var notMonitoredInCluster = false
    public var mandatoryFeatureIds: [String] = []
    public var testReplicaPoolName = ""
    public var testReplicaSwitchName = ""
    public var maximumBandwidth: Int64 = 0
    public var minimumBandwidthAbsolute: Int64 = 0
    public var minimumBandwidthWeight: UInt32 = 0
    public init() {}
}

public struct HardDriveSettings: Codable, Equatable, Sendable {
    public var id: UUID = UUID()
    public var path: String
    public var controllerType: ControllerType
    public var controllerNumber: Int
    public var controllerLocation: Int
    public var diskNumber: UInt32?
    public var maximumIOPS: UInt64 = 0
    public var minimumIOPS: UInt64 = 0
    public var supportPersistentReservations = false
    public init(path: String, controllerType: ControllerType, controllerNumber: Int, controllerLocation: Int) {
        self.path = path
        self.controllerType = controllerType
        self.controllerNumber = controllerNumber
        self.controllerLocation = controllerLocation
    }
}

public struct DvdDriveSettings: Codable, Equatable, Sendable {
    public var id: UUID = UUID()
    public var path: String?
    public var controllerType: ControllerType
    public var controllerNumber: Int
    public var controllerLocation: Int
    public init(path: String?, controllerType: ControllerType, controllerNumber: Int, controllerLocation: Int) {
        self.path = path
        self.controllerType = controllerType
        self.controllerNumber = controllerNumber
        self.controllerLocation = controllerLocation
    }
}

/// Generation 2 firmware settings, plus hvsh's direct Linux boot (an extension: Hyper-V has no
/// way to boot a kernel image without a disk; hvsh's VMM does, like Firecracker).
public struct FirmwareSettings: Codable, Equatable, Sendable {
    public var secureBoot: OnOffState = .On
    public var secureBootTemplate: String = "MicrosoftWindows"
    public var preferredNetworkBootProtocol: IPProtocolPreference = .IPv4
    public var consoleMode: ConsoleMode = .Default
    public var pauseAfterBootFailure: OnOffState = .Off
    /// The boot order once it was set or a device was added after New-VM; nil means the devices
    /// in the order New-VM added them (see `VMConfiguration.bootOrder`).
    public var bootOrder: [BootEntry]?
    /// True once Set-VMFirmware -BootOrder or -FirstBootDevice set the order: a network adapter the user put first
    /// is a network boot (QEMU's UEFI PXE), where New-VM's adapter first is only where Hyper-V lists it.
    public var bootOrderChosen: Bool?
    /// hvsh extension: a Linux kernel (bzImage), ELF or flat image to boot directly.
    public var kernelPath: String?
    /// hvsh extension: an initrd for `kernelPath`.
    public var initrdPath: String?
    /// hvsh extension: the kernel command line for `kernelPath`.
    public var kernelCommandLine: String?
    public init() {}
}

public struct IntegrationServiceSettings: Codable, Equatable, Sendable {
    public var name: String
    public var enabled: Bool
    /// Hyper-V's per-service id (the suffix of the component's Id).
    public var serviceId: String

    /// The services a new VM has, in Hyper-V's order, with Guest Service Interface off.
    public static let defaults: [IntegrationServiceSettings] = [
        .init(name: "Guest Service Interface", enabled: false, serviceId: "6C09BB55-D683-4DA0-8931-C9BF705F6480"),
        .init(name: "Heartbeat", enabled: true, serviceId: "84EAAE65-2F2E-45F5-9BB5-0E857DC8EB47"),
        .init(name: "Key-Value Pair Exchange", enabled: true, serviceId: "2A34B1C2-FD73-4043-8A5B-DD2159BC743F"),
        .init(name: "Shutdown", enabled: true, serviceId: "9F8233AC-BE49-4C79-8EE3-E7E1985B2077"),
        .init(name: "Time Synchronization", enabled: true, serviceId: "2497F4DE-E9FA-4204-80E4-4B75C46419C0"),
        .init(name: "VSS", enabled: true, serviceId: "5CED1297-4598-4915-A5FC-AD21BB4D02A4"),
    ]
}

/// Configuration versions a host of this kind accepts, oldest first (Windows Server 2022's list).
public enum ConfigurationVersion {
    public static let supported = ["5.0", "6.2", "7.0", "7.1", "8.0", "8.1", "8.2", "8.3", "9.0", "9.1", "9.2", "9.3", "10.0"]
    public static let `default` = "10.0"
    /// The first version that can expose virtualization extensions to its guest.
    public static let nestedMinimum = (major: 8, minor: 0)

    public static func parse(_ text: String) -> (major: Int, minor: Int)? {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return (major, minor)
    }
}
