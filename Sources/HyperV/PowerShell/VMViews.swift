import Foundation
import PSRuntime

/// Who a device object belongs to: the VM (or the checkpoint it was read from) and the host.
public struct VMOwner: Sendable {
    public var vmId: UUID
    public var vmName: String
    public var snapshotId: UUID?
    public var snapshotName: String?
    public var computerName: String
    public var state: VMState
    public var host: HostInfo
    /// Get-VM's Heartbeat for this VM (nil when not running); the Heartbeat service's status follows it.
    public var heartbeat: VMHeartbeatStatus? = nil

    var isRunning: Bool { state == .Running || state == .Paused }
}

/// One device of a VM, with its owner.
public struct DeviceView<Settings: Sendable>: Sendable {
    public var owner: VMOwner
    public var settings: Settings
    /// Index of the device among its kind (used by ids such as `...\0`).
    public var index: Int
}

/// Hyper-V's CimSession property shows `CimSession: .` for the local host.
enum CimSessionValue {
    static let template = ObjectTemplate<Int>(typeNames: HyperVTypeNames.cimSession,
                                               properties: [("ComputerName", { _ in .string(".") })],
                                               toString: { _ in "CimSession: ." })
    static func make() -> PSValue { .object(template.make(0)) }
}

/// Device ids are `Microsoft:<VM ID>\<device class GUID>\<instance>` in Hyper-V.
enum DeviceIds {
    static let processorClass = "b637f346-6a0e-4dec-af52-bd70cb80a21d"
    static let memoryClass = "4764334d-e001-4176-82ee-5594ec9b530e"
    static func id(_ owner: VMOwner, _ deviceClass: String, _ instance: String) -> String {
        "Microsoft:\(owner.vmId.uuidString.uppercased())\\\(deviceClass)\\\(instance)"
    }
}

/// The properties every Hyper-V device object ends with, in Hyper-V's order.
func ownerTail<T>(_ owner: @escaping (T) -> VMOwner, checkpointAliases: Bool) -> [(String, (T) -> PSValue)] {
    var tail: [(String, (T) -> PSValue)] = [
        ("VMId", { .guid(owner($0).vmId) }),
        ("VMName", { .string(owner($0).vmName) }),
        ("VMSnapshotId", { owner($0).snapshotId.map { .guid($0) } ?? PS.zeroGuid }),
        ("VMSnapshotName", { .string(owner($0).snapshotName ?? "") }),
        ("CimSession", { _ in CimSessionValue.make() }),
        ("ComputerName", { .string(owner($0).computerName) }),
        ("IsDeleted", { _ in .false }),
    ]
    if checkpointAliases {
        tail.append(("VMCheckpointId", { owner($0).snapshotId.map { .guid($0) } ?? PS.zeroGuid }))
        tail.append(("VMCheckpointName", { .string(owner($0).snapshotName ?? "") }))
    }
    return tail
}
