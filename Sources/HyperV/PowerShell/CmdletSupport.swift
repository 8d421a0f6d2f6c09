import Foundation
import Inventory
import PSRuntime

/// Shared plumbing of the Hyper-V cmdlets: errors in Hyper-V's shape, finding the VMs a command
/// is about (by name, by object from the pipeline), and making the output objects.
enum HyperVCmdlet {
    static let vmType = HyperVTypeNames.virtualMachine[0]
    static let snapshotType = HyperVTypeNames.snapshot[0]
    static let adapterBaseType = "Microsoft.HyperV.PowerShell.VMNetworkAdapterBase"

    /// `Set-VMProcessor` → `Microsoft.HyperV.PowerShell.Commands.SetVMProcessor`, the second half of
    /// Hyper-V's FullyQualifiedErrorId. The VHD cmdlets live in another assembly:
    /// `Microsoft.Vhd.PowerShell.Cmdlets.NewVHD`.
    static func className(_ commandName: String) -> String {
        let name = commandName.replacingOccurrences(of: "-", with: "")
        return (commandName.hasSuffix("-VHD") ? "Microsoft.Vhd.PowerShell.Cmdlets." : "Microsoft.HyperV.PowerShell.Commands.") + name
    }
}

/// A damaged inventory is reported per file, other inventory failures as one error, in Hyper-V's shape.
extension InventoryError: CommandErrorList {
    public var commandErrors: [any CommandError] {
        if case .damaged(let files) = self {
            return files.map { HyperVError($0.description, errorId: "InvalidConfiguration", category: .invalidData, target: $0.path) }
        }
        return [HyperVError(description, errorId: "OperationFailed", category: .invalidOperation)]
    }
}

extension CmdletContext {
    func reportDamaged(_ files: [DamagedFile]) throws {
        if !files.isEmpty { try writeFailure(InventoryError.damaged(files)) }
    }

    /// Runs `change` on each of `items` (VMs, checkpoints) the user confirms, asking about it by
    /// `target`; an item's failure is reported and the next item is tried, as Hyper-V's cmdlets do.
    func forEachConfirmed<Item>(_ items: [Item], target: (Item) -> String, _ change: (Item) throws -> Void) throws {
        for item in items {
            guard try shouldProcess(target: target(item)) else { continue }
            try reporting { try change(item) }
        }
    }

    func forEachConfirmed(_ vms: [VMConfiguration], _ change: (VMConfiguration) throws -> Void) throws {
        try forEachConfirmed(vms, target: \.name, change)
    }

    /// `forEachConfirmed` over the target VMs (see `targetVMs`): `-VMName` for the device cmdlets,
    /// `-Name` (`HyperVParameters.name`) for the cmdlets about whole VMs.
    func forEachConfirmedVM(_ host: HyperVHost, names: Parameter<[String]> = HyperVParameters.vmName,
                            _ change: (VMConfiguration) throws -> Void) throws {
        try forEachConfirmed(targetVMs(host, names: names), change)
    }

    /// Writes the object `make` builds when -Passthru was given (and builds nothing otherwise).
    func writePassthru(_ make: @autoclosure () throws -> PSValue) throws {
        if self[HyperVParameters.passthru] { try writeObject(make()) }
    }

    /// The VMs a command is about: VM objects bound to `objects` (nil when the cmdlet has no such
    /// parameter), else the names (or wildcards) in `names`. Unknown names get Hyper-V's not-found error.
    func targetVMs(_ host: HyperVHost, names: Parameter<[String]> = HyperVParameters.vmName,
                   objects: Parameter<[PSValue]>? = HyperVParameters.vm) throws -> [VMConfiguration] {
        if let objects, let given = self[objects] {
            var result: [VMConfiguration] = []
            for value in given {
                guard let given = value.asObject?.model(as: VMOwnerAndConfig.self) else { continue }
                if let fresh = try host.vm(id: given.config.id) {
                    result.append(fresh)
                } else {
                    try writeFailure(HyperVError.vmNotFound(given.config.name))
                }
            }
            return result
        }
        let resolved = try host.resolveVMs(named: self[names] ?? [])
        try reportDamaged(resolved.damaged)
        for missing in resolved.missing { try writeFailure(HyperVError.vmNotFound(missing)) }
        return resolved.vms
    }
}

/// Making output objects from models.
enum HyperVObjects {
    static func owner(_ config: VMConfiguration, _ host: HyperVHost, state: VMState? = nil) -> VMOwner {
        if let state {
            return VMOwner(vmId: config.id, vmName: config.name, snapshotId: nil, snapshotName: nil, computerName: host.info.computerName,
                           state: state, host: host.info)
        }
        return owner(config, host, status: host.status(of: config))
    }

    static func owner(_ config: VMConfiguration, _ host: HyperVHost, status: VMRuntimeStatus) -> VMOwner {
        VMOwner(vmId: config.id, vmName: config.name, snapshotId: nil, snapshotName: nil, computerName: host.info.computerName,
                state: status.state, host: host.info, heartbeat: status.heartbeat(of: config))
    }

    static func vm(_ config: VMConfiguration, _ host: HyperVHost) -> PSValue {
        let status = host.status(of: config)
        var parentName: String?
        if let parent = config.parentSnapshotId { parentName = (try? host.inventory.record(SnapshotRecord.self, id: parent))??.name }
        let model = VMOwnerAndConfig(config: config, owner: owner(config, host, status: status), status: status,
                                     snapshot: nil, parentSnapshotName: parentName)
        return .object(MachineObjects.virtualMachine.make(model))
    }

    static func snapshot(_ record: SnapshotRecord, vmName: String, _ host: HyperVHost, names: [UUID: String]) -> PSValue {
        var owner = owner(record.configuration, host, state: .Off)
        owner.vmName = vmName
        owner.snapshotId = record.id
        owner.snapshotName = record.name
        let model = VMOwnerAndConfig(config: record.configuration, owner: owner, status: VMRuntimeStatus(state: record.state),
                                     snapshot: record, parentSnapshotName: record.parentSnapshotId.flatMap { names[$0] })
        return .object(MachineObjects.snapshot.make(model))
    }

    /// The owner for devices read from a VM object or a checkpoint object given on the pipeline.
    static func owner(of snapshot: SnapshotRecord, vmName: String, _ host: HyperVHost) -> VMOwner {
        var owner = owner(snapshot.configuration, host, state: .Off)
        owner.vmName = vmName
        owner.snapshotId = snapshot.id
        owner.snapshotName = snapshot.name
        return owner
    }
}
