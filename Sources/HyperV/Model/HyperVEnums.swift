/// Hyper-V's enums, with the .NET names and numeric values its PowerShell module uses, so that
/// `[Microsoft.HyperV.PowerShell.OnOffState]::On`, `-eq 'On'` and `[int]` casts behave the same.
/// Stored in config files by name (readable, and stable if values were ever renumbered).
public protocol HyperVEnum: CaseIterable, Codable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// The .NET full type name, e.g. `Microsoft.HyperV.PowerShell.OnOffState`.
    static var dotNetName: String { get }
    /// The numeric value of this member in Hyper-V's enum.
    var numericValue: Int64 { get }
}

extension HyperVEnum {
    /// Every member's name and value, in declaration order (what the runtime's enum type needs).
    public static var members: [(String, Int64)] { allCases.map { ($0.rawValue, $0.numericValue) } }

    /// Case-insensitive lookup by name or number, as PowerShell converts strings to enums.
    public static func parse(_ text: String) -> Self? {
        let lowered = text.lowercased()
        if let match = allCases.first(where: { $0.rawValue.lowercased() == lowered }) { return match }
        if let number = Int64(text) { return allCases.first { $0.numericValue == number } }
        return nil
    }
}

private let hyperVNamespace = "Microsoft.HyperV.PowerShell."

public enum VMState: String, HyperVEnum {
    case Other, Running, Off, Stopping, Saved, Paused, Starting, Reset, Saving, Pausing, Resuming, FastSaved, FastSaving
    public static let dotNetName = hyperVNamespace + "VMState"
    public var numericValue: Int64 {
        switch self {
        case .Other: 1
        case .Running: 2
        case .Off: 3
        case .Stopping: 4
        case .Saved: 6
        case .Paused: 9
        case .Starting: 10
        case .Reset: 11
        case .Saving: 32773
        case .Pausing: 32776
        case .Resuming: 32777
        case .FastSaved: 32779
        case .FastSaving: 32780
        }
    }
}

public enum OnOffState: String, HyperVEnum {
    case On, Off
    public static let dotNetName = hyperVNamespace + "OnOffState"
    public var numericValue: Int64 { self == .On ? 0 : 1 }
}

public enum CheckpointType: String, HyperVEnum {
    case Disabled, Production, ProductionOnly, Standard
    public static let dotNetName = hyperVNamespace + "CheckpointType"
    public var numericValue: Int64 {
        switch self {
        case .Disabled: 2
        case .Production: 3
        case .ProductionOnly: 4
        case .Standard: 5
        }
    }
}

public enum SnapshotType: String, HyperVEnum {
    case Standard, Recovery, Planned, Missing, Replica, AppConsistentReplica, SyncedReplica
    public static let dotNetName = hyperVNamespace + "SnapshotType"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum StartAction: String, HyperVEnum {
    case Nothing, StartIfRunning, Start
    public static let dotNetName = hyperVNamespace + "StartAction"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) + 2 }
}

public enum StopAction: String, HyperVEnum {
    case TurnOff, Save, ShutDown
    public static let dotNetName = hyperVNamespace + "StopAction"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) + 2 }
}

public enum CriticalErrorAction: String, HyperVEnum {
    case None, Pause
    public static let dotNetName = hyperVNamespace + "CriticalErrorAction"
    public var numericValue: Int64 { self == .None ? 0 : 1 }
}

public enum ControllerType: String, HyperVEnum {
    case IDE, SCSI, PMEM
    public static let dotNetName = hyperVNamespace + "ControllerType"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum BootDevice: String, HyperVEnum {
    case Floppy, CD, IDE, LegacyNetworkAdapter, NetworkAdapter, VHD
    public static let dotNetName = hyperVNamespace + "BootDevice"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

/// An integration service's OperationalStatus (CIM's values: 12 No Contact, 13 Lost Communication).
public enum VMIntegrationComponentOperationalStatus: String, HyperVEnum {
    case Ok, Degraded, Error, NonRecoverableError, NoContact, LostCommunication, Disabled
    public static let dotNetName = hyperVNamespace + "VMIntegrationComponentOperationalStatus"
    public var numericValue: Int64 {
        switch self {
        case .Ok: 2
        case .Degraded: 3
        case .Error: 6
        case .NonRecoverableError: 7
        case .NoContact: 12
        case .LostCommunication: 13
        case .Disabled: 32896
        }
    }
}

/// Get-VM's Heartbeat.
public enum VMHeartbeatStatus: String, HyperVEnum {
    case Unknown, Disabled, NoContact, Error, LostCommunication, OkApplicationsUnknown, OkApplicationsHealthy,
         OkApplicationsCritical, Paused
    public static let dotNetName = hyperVNamespace + "VMHeartbeatStatus"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum VMOperationalStatus: String, HyperVEnum {
    case Ok, Degraded, PredictiveFailure, InService, Dormant, SupportingEntity, HostResourceProtectionDisabled
    public static let dotNetName = hyperVNamespace + "VMOperationalStatus"
    public var numericValue: Int64 {
        switch self {
        case .Ok: 2
        case .Degraded: 3
        case .PredictiveFailure: 5
        case .InService: 11
        case .Dormant: 15
        case .SupportingEntity: 16
        case .HostResourceProtectionDisabled: 32896
        }
    }
}

public enum VirtualMachineType: String, HyperVEnum {
    case RealizedVirtualMachine, PlannedVirtualMachine, ReplicaVirtualMachine, RecoveryVirtualMachine
    public static let dotNetName = hyperVNamespace + "VirtualMachineType"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum VirtualMachineSubType: String, HyperVEnum {
    case Unknown, Generation1, Generation2
    public static let dotNetName = hyperVNamespace + "VirtualMachineSubType"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum ReplicationMode: String, HyperVEnum {
    case None, Primary, Replica, TestReplica, ExtendedReplica
    public static let dotNetName = hyperVNamespace + "VMReplicationMode"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum ReplicationState: String, HyperVEnum {
    case Disabled, ReadyForInitialReplication, InitialReplicationInProgress, WaitingForInitialReplication, Replicating
    public static let dotNetName = hyperVNamespace + "VMReplicationState"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum ReplicationHealthState: String, HyperVEnum {
    case NotApplicable, Normal, Warning, Critical
    public static let dotNetName = hyperVNamespace + "VMReplicationHealthState"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum EnhancedSessionTransportType: String, HyperVEnum {
    case VMBus, HvSocket
    public static let dotNetName = hyperVNamespace + "EnhancedSessionTransportType"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum CompatibilityForMigrationMode: String, HyperVEnum {
    case MinimumFeatureSet, CommonClusterFeatureSet
    public static let dotNetName = hyperVNamespace + "CompatibilityForMigrationMode"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) + 1 }
}

public enum ApicMode: String, HyperVEnum {
    case Default, Legacy, X2Apic
    public static let dotNetName = hyperVNamespace + "ApicMode"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum VMNetworkAdapterPortMirroringMode: String, HyperVEnum {
    case None, Destination, Source
    public static let dotNetName = hyperVNamespace + "VMNetworkAdapterPortMirroringMode"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum IovInterruptModerationValue: String, HyperVEnum {
    case Default, Adaptive, Off, Low, Medium, High
    public static let dotNetName = hyperVNamespace + "IovInterruptModerationValue"
    public var numericValue: Int64 {
        switch self {
        case .Default: 0
        case .Adaptive: 1
        case .Off: 2
        case .Low: 100
        case .Medium: 200
        case .High: 300
        }
    }
}

public enum ConsoleMode: String, HyperVEnum {
    case Default, COM1, None
    public static let dotNetName = hyperVNamespace + "ConsoleModeType"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum SecureBootTemplateKind: String, HyperVEnum {
    case MicrosoftWindows, MicrosoftUEFICertificateAuthority, OpenSourceShieldedVM
    public static let dotNetName = hyperVNamespace + "SecureBootTemplate"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum IPProtocolPreference: String, HyperVEnum {
    case IPv4, IPv6
    public static let dotNetName = hyperVNamespace + "IPProtocolPreference"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum VhdFormat: String, HyperVEnum {
    case Unknown, VHD, VHDX, VHDSet
    public static let dotNetName = "Microsoft.Vhd.PowerShell.VhdFormat"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) + (self == .Unknown ? 0 : 1) }
}

/// Optimize-VHD -Mode (see OptimizeVHDCommand for how each runs on a disk that is not mounted).
public enum VhdCompactMode: String, HyperVEnum {
    case Full, Quick, Retrim, Pretrimmed, Prezeroed
    public static let dotNetName = "Microsoft.Vhd.PowerShell.VhdCompactMode"
    public var numericValue: Int64 { Int64(Self.allCases.firstIndex(of: self)!) }
}

public enum VhdType: String, HyperVEnum {
    case Unknown, Fixed, Dynamic, Differencing
    public static let dotNetName = "Microsoft.Vhd.PowerShell.VhdType"
    public var numericValue: Int64 { self == .Unknown ? 0 : Int64(Self.allCases.firstIndex(of: self)!) + 1 }
}
