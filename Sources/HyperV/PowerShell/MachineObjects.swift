import Foundation
import Inventory
import NetworkAddresses
import PSRuntime
import VirtualDisk

/// The PSObject shapes of VirtualMachine, VMSnapshot, VMHost and VirtualHardDisk.
enum MachineObjects {
    static func uptime(_ seconds: Double) -> PSValue { .timeSpan(timeSpan(seconds: seconds)) }

    /// Seconds (from a worker or an edited config) as a TimeSpan, held to TimeSpan's range.
    static func timeSpan(seconds: Double) -> PSTimeSpan {
        let ticks = (seconds * 10_000_000).rounded()
        guard ticks.isFinite else { return PSTimeSpan(ticks: 0) }
        return PSTimeSpan(ticks: ticks >= 9.2e18 ? .max : ticks <= -9.2e18 ? .min : Int64(ticks))
    }

    static func date(_ date: Date) -> PSValue { .dateTime(PSDateTime(date: date)) }

    /// Properties VirtualMachine and VMSnapshot share, read from a configuration and its owner.
    static func hardware(_ config: @escaping (VMOwnerAndConfig) -> VMConfiguration) -> [String: (VMOwnerAndConfig) -> PSValue] {
        [
            "ComPort1": { .object(DeviceObjects.comPort.make(($0.owner, 1))) },
            "ComPort2": { .object(DeviceObjects.comPort.make(($0.owner, 2))) },
            "DVDDrives": { item in
                PS.list(config(item).dvdDrives.enumerated().map { .object(DeviceObjects.dvdDrive.make(DeviceView(owner: item.owner, settings: $0.element, index: $0.offset))) })
            },
            "FibreChannelHostBusAdapters": { _ in PS.empty },
            "FloppyDrive": { _ in .null },
            "HardDrives": { item in
                PS.list(config(item).hardDrives.enumerated().map { .object(DeviceObjects.hardDiskDrive.make(DeviceView(owner: item.owner, settings: $0.element, index: $0.offset))) })
            },
            "RemoteFxAdapter": { _ in .null },
            "VMIntegrationService": { item in
                PS.list(config(item).integrationServices.enumerated().map { .object(DeviceObjects.integrationComponent.make(DeviceView(owner: item.owner, settings: $0.element, index: $0.offset))) })
            },
            "DynamicMemoryEnabled": { .bool(config($0).memory.dynamicMemoryEnabled) },
            "MemoryMaximum": { .long(config($0).memory.maximum) },
            "MemoryMinimum": { .long(config($0).memory.minimum) },
            "MemoryStartup": { .long(config($0).memory.startup) },
            "ProcessorCount": { .long(config($0).processor.count) },
            "BatteryPassthroughEnabled": { _ in .false },
            "Generation": { .int(Int32(clamping: config($0).generation)) },
            "IsClustered": { _ in .false },
            "Path": { .string(SystemDrive.shown(config($0).path)) },
            "SizeOfSystemFiles": { _ in .uint64(0) },
            "GuestControlledCacheTypes": { .bool(config($0).guestControlledCacheTypes) },
            "LowMemoryMappedIoSpace": { .uint32(config($0).lowMemoryMappedIoSpace) },
            "HighMemoryMappedIoSpace": { .uint64(config($0).highMemoryMappedIoSpace) },
            "LockOnDisconnect": { config($0).lockOnDisconnect.psValue },
            "NetworkAdapters": { item in
                PS.list(config(item).networkAdapters.enumerated().map { .object(DeviceObjects.networkAdapter.make(DeviceView(owner: item.owner, settings: $0.element, index: $0.offset))) })
            },
            "CimSession": { _ in CimSessionValue.make() },
            "ComputerName": { .string($0.owner.computerName) },
            "IsDeleted": { _ in .false },
            "Notes": { .string(config($0).notes) },
            "Version": { .string(config($0).version) },
        ]
    }

    static func ordered(_ names: [String], _ table: [String: (VMOwnerAndConfig) -> PSValue]) -> [(String, (VMOwnerAndConfig) -> PSValue)] {
        names.map { name in
            guard let getter = table[name] else { preconditionFailure("hvsh: no getter for \(name)") }
            return (name, getter)
        }
    }

    static let vmPropertyOrder = ["ConfigurationLocation", "SmartPagingFileInUse", "SmartPagingFilePath", "SnapshotFileLocation", "AutomaticStartAction", "AutomaticStartDelay", "AutomaticStopAction", "AutomaticCriticalErrorAction", "AutomaticCriticalErrorActionTimeout", "AutomaticCheckpointsEnabled", "CPUUsage", "MemoryAssigned", "MemoryDemand", "MemoryStatus", "NumaAligned", "NumaNodesCount", "NumaSocketCount", "Heartbeat", "IntegrationServicesState", "IntegrationServicesVersion", "Uptime", "OperationalStatus", "PrimaryOperationalStatus", "SecondaryOperationalStatus", "StatusDescriptions", "PrimaryStatusDescription", "SecondaryStatusDescription", "Status", "ReplicationHealth", "ReplicationMode", "ReplicationState", "ResourceMeteringEnabled", "CheckpointType", "EnhancedSessionTransportType", "Groups", "Version", "VirtualMachineType", "VirtualMachineSubType", "Notes", "State", "ComPort1", "ComPort2", "DVDDrives", "FibreChannelHostBusAdapters", "FloppyDrive", "HardDrives", "RemoteFxAdapter", "VMIntegrationService", "DynamicMemoryEnabled", "MemoryMaximum", "MemoryMinimum", "MemoryStartup", "ProcessorCount", "BatteryPassthroughEnabled", "Generation", "IsClustered", "ParentSnapshotId", "ParentSnapshotName", "Path", "SizeOfSystemFiles", "GuestControlledCacheTypes", "LowMemoryMappedIoSpace", "HighMemoryMappedIoSpace", "LockOnDisconnect", "CreationTime", "Id", "Name", "NetworkAdapters", "CimSession", "ComputerName", "IsDeleted"]

    /// hvsh's own VirtualMachine properties, after Hyper-V's.
    static let hvshVMProperties = ["Engine", "EngineInUse"]

    static let virtualMachine: ObjectTemplate<VMOwnerAndConfig> = {
        var table = hardware { $0.config }
        let vmOnly: [String: (VMOwnerAndConfig) -> PSValue] = [
            "ConfigurationLocation": { .string(SystemDrive.shown($0.config.path)) },
            "SmartPagingFileInUse": { _ in .false },
            "SmartPagingFilePath": { .string(SystemDrive.shown($0.config.smartPagingFilePath)) },
            "SnapshotFileLocation": { .string(SystemDrive.shown($0.config.snapshotFileLocation)) },
            "AutomaticStartAction": { $0.config.automaticStartAction.psValue },
            "AutomaticStartDelay": { .int(Int32(clamping: $0.config.automaticStartDelay)) },
            "AutomaticStopAction": { $0.config.automaticStopAction.psValue },
            "AutomaticCriticalErrorAction": { $0.config.automaticCriticalErrorAction.psValue },
            "AutomaticCriticalErrorActionTimeout": { .int(Int32(clamping: $0.config.automaticCriticalErrorActionTimeout)) },
            "AutomaticCheckpointsEnabled": { .bool($0.config.automaticCheckpointsEnabled) },
            "CPUUsage": { .int(Int32(clamping: $0.status.cpuUsage)) },
            "MemoryAssigned": { .long($0.status.memoryAssigned) },
            "MemoryDemand": { .long($0.status.memoryDemand ?? $0.status.memoryAssigned) },
            "MemoryStatus": { _ in .string("") },
            "NumaAligned": { _ in .null },
            "NumaNodesCount": { _ in .int(1) },
            "NumaSocketCount": { _ in .int(1) },
            "Heartbeat": { $0.owner.heartbeat?.psValue ?? .null },
            "IntegrationServicesState": { _ in .string("") },
            "IntegrationServicesVersion": { _ in .null },
            "Uptime": { uptime($0.status.uptimeSeconds) },
            "OperationalStatus": { _ in PS.list([VMOperationalStatus.Ok.psValue]) },
            "PrimaryOperationalStatus": { _ in VMOperationalStatus.Ok.psValue },
            "SecondaryOperationalStatus": { _ in .null },
            "StatusDescriptions": { PS.strings([$0.status.statusText]) },
            "PrimaryStatusDescription": { .string($0.status.statusText) },
            "SecondaryStatusDescription": { _ in .null },
            "Status": { .string($0.status.statusText) },
            "ReplicationHealth": { _ in ReplicationHealthState.NotApplicable.psValue },
            "ReplicationMode": { _ in ReplicationMode.None.psValue },
            "ReplicationState": { _ in ReplicationState.Disabled.psValue },
            "ResourceMeteringEnabled": { _ in .false },
            "CheckpointType": { $0.config.checkpointType.psValue },
            "EnhancedSessionTransportType": { _ in EnhancedSessionTransportType.VMBus.psValue },
            "Groups": { _ in PS.empty },
            "VirtualMachineType": { _ in VirtualMachineType.RealizedVirtualMachine.psValue },
            "VirtualMachineSubType": { $0.config.generation == 2 ? VirtualMachineSubType.Generation2.psValue : VirtualMachineSubType.Generation1.psValue },
            "State": { $0.status.state.psValue },
            "ParentSnapshotId": { PS.guid($0.config.parentSnapshotId) },
            "ParentSnapshotName": { PS.string($0.parentSnapshotName) },
            "CreationTime": { date($0.config.creationTime) },
            "Id": { .guid($0.config.id) },
            "Name": { .string($0.config.name) },
            // hvsh extensions, after Hyper-V's own properties: the engine setting (Set-VM -Engine) and the engine
            // that runs the VM (or would, were it started now).
            "Engine": { ($0.config.engine ?? .Automatic).psValue },
            "EngineInUse": { ($0.status.engine ?? $0.config.effectiveEngine).psValue },
        ]
        table.merge(vmOnly) { _, new in new }
        return ObjectTemplate(typeNames: HyperVTypeNames.virtualMachine, properties: ordered(vmPropertyOrder + hvshVMProperties, table),
                              aliases: vmAliases,
                              toString: { "VirtualMachine (Name = '\($0.config.name)') [Id = '\($0.config.idLower)']" })
    }()

    /// Hyper-V's type data for VirtualMachine: the checkpoint names of the snapshot properties
    /// (Hyper-V renamed snapshots to checkpoints in 2016) and VMName/VMId, which let a VM object
    /// bind by property name to every -VMName parameter.
    static let vmAliases = [
        ("ParentCheckpointId", "ParentSnapshotId"), ("ParentCheckpointName", "ParentSnapshotName"),
        ("VMName", "Name"), ("VMId", "Id"), ("CheckpointFileLocation", "SnapshotFileLocation"),
    ]

    static let snapshotAliases = [("ParentCheckpointId", "ParentSnapshotId"), ("ParentCheckpointName", "ParentSnapshotName")]

    static let snapshotPropertyOrder = ["SnapshotType", "IsAutomaticCheckpoint", "VMId", "VMName", "State", "ComPort1", "ComPort2", "DVDDrives", "FibreChannelHostBusAdapters", "FloppyDrive", "HardDrives", "RemoteFxAdapter", "VMIntegrationService", "DynamicMemoryEnabled", "MemoryMaximum", "MemoryMinimum", "MemoryStartup", "ProcessorCount", "BatteryPassthroughEnabled", "Generation", "IsClustered", "Notes", "ParentSnapshotId", "ParentSnapshotName", "Path", "SizeOfSystemFiles", "Version", "GuestControlledCacheTypes", "LowMemoryMappedIoSpace", "HighMemoryMappedIoSpace", "LockOnDisconnect", "CreationTime", "Id", "Name", "NetworkAdapters", "CimSession", "ComputerName", "IsDeleted"]

    static let snapshot: ObjectTemplate<VMOwnerAndConfig> = {
        var table = hardware { $0.config }
        let snapshotOnly: [String: (VMOwnerAndConfig) -> PSValue] = [
            "SnapshotType": { ($0.snapshot?.snapshotType ?? .Standard).psValue },
            "IsAutomaticCheckpoint": { .bool($0.snapshot?.isAutomaticCheckpoint ?? false) },
            "VMId": { .guid($0.owner.vmId) },
            "VMName": { .string($0.owner.vmName) },
            "State": { ($0.snapshot?.state ?? .Off).psValue },
            "ParentSnapshotId": { PS.guid($0.snapshot?.parentSnapshotId) },
            "ParentSnapshotName": { PS.string($0.parentSnapshotName) },
            "CreationTime": { date($0.snapshot?.creationTime ?? $0.config.creationTime) },
            "Id": { PS.guid($0.snapshot?.id) },
            "Name": { .string($0.snapshot?.name ?? "") },
        ]
        table.merge(snapshotOnly) { _, new in new }
        return ObjectTemplate(typeNames: HyperVTypeNames.snapshot, properties: ordered(snapshotPropertyOrder, table),
                              aliases: snapshotAliases,
                              toString: { "VMSnapshot (Name = '\($0.snapshot?.name ?? "")', VMName = '\($0.owner.vmName)') [Id = '\($0.snapshot?.id.uuidString.lowercased() ?? "")']" })
    }()

    static let host = ObjectTemplate<HostView>(typeNames: HyperVTypeNames.host, properties: [
        ("LogicalProcessorCount", { .int(Int32(clamping: $0.info.logicalProcessorCount)) }),
        ("ResourceMeteringSaveInterval", { .timeSpan(timeSpan(seconds: $0.settings.resourceMeteringSaveInterval)) }),
        ("HostNumaStatus", { _ in .null }),
        ("NumaStatus", { _ in .null }),
        ("IovSupport", { _ in .false }),
        ("IovSupportReasons", { _ in PS.empty }),
        ("InternalNetworkAdapters", { _ in PS.empty }),
        ("ExternalNetworkAdapters", { _ in PS.empty }),
        ("SupportedVmVersions", { _ in PS.strings(ConfigurationVersion.supported) }),
        ("SecureBootTemplates", { _ in PS.strings(SecureBootTemplateKind.allCases.map(\.rawValue)) }),
        ("EnableEnhancedSessionMode", { .bool($0.settings.enableEnhancedSessionMode) }),
        ("FibreChannelWwnn", { _ in .string("C003FF0000FFFF00") }),
        ("FibreChannelWwpnMaximum", { _ in .string("C003FF52E6C9FFFF") }),
        ("FibreChannelWwpnMinimum", { _ in .string("C003FF52E6C90000") }),
        ("MacAddressMaximum", { .string($0.pool.maximum.compact) }),
        ("MacAddressMinimum", { .string($0.pool.minimum.compact) }),
        ("NumaSpanningEnabled", { .bool($0.settings.numaSpanningEnabled) }),
        ("VirtualHardDiskPath", { .string(SystemDrive.shown($0.settings.virtualHardDiskPath)) }),
        ("VirtualMachinePath", { .string(SystemDrive.shown($0.settings.virtualMachinePath)) }),
        ("FullyQualifiedDomainName", { .string($0.info.fullyQualifiedDomainName) }),
        ("MemoryCapacity", { .long($0.info.memoryCapacity) }),
        ("Name", { .string($0.info.computerName) }),
        ("MaximumStorageMigrations", { .uint32($0.settings.maximumStorageMigrations) }),
        ("MaximumVirtualMachineMigrations", { .uint32($0.settings.maximumVirtualMachineMigrations) }),
        ("UseAnyNetworkForMigration", { .bool($0.settings.useAnyNetworkForMigration) }),
        ("VirtualMachineMigrationAuthenticationType", { _ in .string("CredSSP") }),
        ("VirtualMachineMigrationEnabled", { .bool($0.settings.virtualMachineMigrationEnabled) }),
        ("VirtualMachineMigrationPerformanceOption", { _ in .string("TCPIP") }),
        ("CimSession", { _ in CimSessionValue.make() }),
        ("ComputerName", { .string($0.info.computerName) }),
        ("IsDeleted", { _ in .false }),
    ], toString: { "VMHost (Name = '\($0.info.computerName)')" })

    /// Microsoft.Vhd.PowerShell.VirtualHardDisk, properties in Hyper-V's order.
    static let virtualHardDisk = ObjectTemplate<VirtualHardDiskRecord>(typeNames: HyperVTypeNames.virtualHardDisk, properties: [
        ("ComputerName", { .string($0.computerName) }),
        ("Path", { .string(SystemDrive.shown($0.info.path)) }),
        ("VhdFormat", { $0.info.format.vhdFormat.psValue }),
        ("VhdType", { $0.info.type.vhdType.psValue }),
        ("FileSize", { .uint64($0.info.fileSize) }),
        ("Size", { .uint64($0.info.size) }),
        ("MinimumSize", { $0.info.minimumSize.map { .uint64($0) } ?? .null }),
        ("LogicalSectorSize", { .uint32($0.info.logicalSectorSize) }),
        ("PhysicalSectorSize", { .uint32($0.info.physicalSectorSize) }),
        ("BlockSize", { .uint32($0.info.blockSize) }),
        ("ParentPath", { .string(SystemDrive.shown($0.info.parentPath) ?? "") }),
        ("DiskIdentifier", { .string($0.info.diskIdentifier.description) }),
        ("FragmentationPercentage", { .uint32(UInt32($0.info.fragmentationPercentage)) }),
        ("Alignment", { .uint32(UInt32($0.info.alignment)) }),
        ("Attached", { .bool($0.attached) }),
        ("DiskNumber", { _ in .null }),
        ("IsPMEMCompatible", { _ in .false }),
        ("AddressAbstractionType", { _ in .string("None") }),
        ("Number", { _ in .null }),
    ], toString: { SystemDrive.shown($0.info.path) })
}

/// The model behind a VirtualMachine or VMSnapshot object.
public struct VMOwnerAndConfig: Sendable {
    public var config: VMConfiguration
    public var owner: VMOwner
    public var status: VMRuntimeStatus
    public var snapshot: SnapshotRecord?
    public var parentSnapshotName: String?
}

/// The model behind a VMHost object.
public struct HostView: Sendable {
    public var info: HostInfo
    public var settings: HostSettings
    public var pool: MACAddressPool
}
