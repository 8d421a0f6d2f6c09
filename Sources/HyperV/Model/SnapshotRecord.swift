import Foundation
import Inventory

/// One checkpoint: `Snapshots/<Id>.json`. It holds a full copy of the VM's configuration at the
/// moment it was taken and, for a checkpoint of a running VM, the saved-state file the VMM wrote.
public struct SnapshotRecord: InventoryRecord, Equatable {
    public static let inventoryKind = InventoryKind.snapshots

    public var id: UUID
    public var vmId: UUID
    public var name: String
    public var snapshotType: SnapshotType = .Standard
    public var isAutomaticCheckpoint = false
    public var creationTime: Date
    public var parentSnapshotId: UUID?
    /// The VM's configuration when the checkpoint was taken (name included).
    public var configuration: VMConfiguration
    /// The VM's state when taken: Off, or Running/Paused with `savedStatePath` holding the memory.
    public var state: VMState = .Off
    public var savedStatePath: String?

    public init(id: UUID = UUID(), vmId: UUID, name: String, creationTime: Date = Date(),
                parentSnapshotId: UUID?, configuration: VMConfiguration) {
        self.id = id
        self.vmId = vmId
        self.name = name
        self.creationTime = creationTime
        self.parentSnapshotId = parentSnapshotId
        self.configuration = configuration
    }
}
