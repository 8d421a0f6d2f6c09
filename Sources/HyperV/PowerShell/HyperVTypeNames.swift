import PSRuntime

/// The .NET type names of Hyper-V's objects, most derived first, as `PSObject.TypeNames` lists
/// them: format views, `-is` and parameter binding all go by these.
public enum HyperVTypeNames {
    static let ns = "Microsoft.HyperV.PowerShell."
    public static let virtualMachine = [ns + "VirtualMachine", ns + "VirtualMachineBase", ns + "VirtualizationObject", "System.Object"]
    public static let snapshot = [ns + "VMSnapshot", ns + "VirtualMachineBase", ns + "VirtualizationObject", "System.Object"]
    public static let processor = [ns + "VMProcessor", ns + "VMDevice", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let memory = [ns + "VMMemory", ns + "VMDevice", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let networkAdapter = [ns + "VMNetworkAdapter", ns + "VMNetworkAdapterBase", ns + "VMDevice", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let hardDiskDrive = [ns + "HardDiskDrive", ns + "Drive", ns + "VMDevice", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let dvdDrive = [ns + "DvdDrive", ns + "Drive", ns + "VMDevice", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let firmware = [ns + "VMFirmware", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let integrationComponent = [ns + "VMIntegrationComponent", ns + "VMDevice", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let bios = [ns + "VMBios", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let bootSource = [ns + "VMBootSource", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    /// What Set-VMFirmware -BootOrder and -FirstBootDevice take: any device or boot source.
    public static let componentObject = ns + "VMComponentObject"
    public static let host = [ns + "VMHost", ns + "VirtualizationObject", "System.Object"]
    public static let comPort = [ns + "VMComPort", ns + "VMDevice", ns + "VMComponentObject", ns + "VirtualizationObject", "System.Object"]
    public static let virtualHardDisk = ["Microsoft.Vhd.PowerShell.VirtualHardDisk", "System.Object"]
    public static let cimSession = ["Microsoft.Management.Infrastructure.CimSession", "System.Object"]

    /// Every type name a parameter of this module can declare.
    public static var all: [String] {
        [virtualMachine, snapshot, processor, memory, networkAdapter, hardDiskDrive, dvdDrive, firmware, bios, bootSource,
         integrationComponent, host, comPort, virtualHardDisk].flatMap { $0.dropLast() }
    }
}

/// The runtime's enum types for Hyper-V's enums, built once.
public enum HyperVEnumTypes {
    static func make<E: HyperVEnum>(_ type: E.Type) -> PSEnumType {
        PSEnumType(fullName: E.dotNetName, members: E.members)
    }

    public static let vmState = make(VMState.self)
    public static let onOffState = make(OnOffState.self)
    public static let checkpointType = make(CheckpointType.self)
    public static let snapshotType = make(SnapshotType.self)
    public static let startAction = make(StartAction.self)
    public static let stopAction = make(StopAction.self)
    public static let criticalErrorAction = make(CriticalErrorAction.self)
    public static let controllerType = make(ControllerType.self)
    public static let bootDevice = make(BootDevice.self)
    public static let bootSourceType = make(VMBootSourceType.self)
    public static let operationalStatus = make(VMOperationalStatus.self)
    public static let heartbeatStatus = make(VMHeartbeatStatus.self)
    public static let integrationStatus = make(VMIntegrationComponentOperationalStatus.self)
    public static let virtualMachineType = make(VirtualMachineType.self)
    public static let virtualMachineSubType = make(VirtualMachineSubType.self)
    public static let replicationMode = make(ReplicationMode.self)
    public static let replicationState = make(ReplicationState.self)
    public static let replicationHealth = make(ReplicationHealthState.self)
    public static let enhancedSessionTransportType = make(EnhancedSessionTransportType.self)
    public static let compatibilityForMigrationMode = make(CompatibilityForMigrationMode.self)
    public static let apicMode = make(ApicMode.self)
    public static let portMirroringMode = make(VMNetworkAdapterPortMirroringMode.self)
    public static let iovInterruptModeration = make(IovInterruptModerationValue.self)
    public static let consoleMode = make(ConsoleMode.self)
    public static let ipProtocolPreference = make(IPProtocolPreference.self)
    public static let vhdFormat = make(VhdFormat.self)
    public static let vhdType = make(VhdType.self)
    public static let vhdCompactMode = make(VhdCompactMode.self)
    /// hvsh extension (Set-VM -Engine).
    public static let vmEngine = make(VMEngine.self)

    public static let all: [PSEnumType] = [
        vmState, onOffState, checkpointType, snapshotType, startAction, stopAction, criticalErrorAction, controllerType,
        bootDevice, bootSourceType, operationalStatus, heartbeatStatus, integrationStatus, virtualMachineType, virtualMachineSubType, replicationMode, replicationState,
        replicationHealth, enhancedSessionTransportType, compatibilityForMigrationMode, apicMode, portMirroringMode,
        iovInterruptModeration, consoleMode, ipProtocolPreference, vhdFormat, vhdType, vhdCompactMode, vmEngine,
    ]

    /// The PSEnumType of a Swift Hyper-V enum.
    public static func type<E: HyperVEnum>(of _: E.Type) -> PSEnumType {
        byName[E.dotNetName]!
    }

    static let byName: [String: PSEnumType] = Dictionary(uniqueKeysWithValues: all.map { ($0.fullName, $0) })
}

extension HyperVEnum {
    /// This member as a PowerShell enum value.
    public var psValue: PSValue { .enumValue(PSEnumValue(type: HyperVEnumTypes.type(of: Self.self), rawValue: numericValue)) }
}
