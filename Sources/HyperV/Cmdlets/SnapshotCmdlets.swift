import Foundation
import Inventory
import PSRuntime

/// Hooks the lifecycle layer provides so checkpoints can capture and restore running VMs.
public struct RunningVMCheckpointHooks: Sendable {
    /// Writes the running VM's state to the path, runs the disk change in the same pause, and returns
    /// the state the VM was in.
    public var capture: @Sendable (HyperVHost, VMConfiguration, String, DiskFileChange) throws -> VMState
    /// Turns the running VM off before a checkpoint is applied.
    public var stop: @Sendable (HyperVHost, VMConfiguration) throws -> Void
    /// Runs a change of the running VM's disk files (a merge) while the VM is paused without them.
    public var changeDisks: @Sendable (HyperVHost, VMConfiguration, DiskFileChange) throws -> Void
    public init(capture: @escaping @Sendable (HyperVHost, VMConfiguration, String, DiskFileChange) throws -> VMState,
                stop: @escaping @Sendable (HyperVHost, VMConfiguration) throws -> Void,
                changeDisks: @escaping @Sendable (HyperVHost, VMConfiguration, DiskFileChange) throws -> Void) {
        self.capture = capture
        self.stop = stop
        self.changeDisks = changeDisks
    }
}

enum SnapshotSupport {
    /// How running VMs are checkpointed, stopped for a restore and have their disks merged: through the VMM runtime.
    static let hooks: RunningVMCheckpointHooks? = RunningVMCheckpointHooks(
        capture: { host, vm, path, disks in try host.captureRunning(vm, to: path, changingDisks: disks) },
        stop: { host, vm in try host.turnOffForRestore(vm) },
        changeDisks: { host, vm, change in try host.changeRunningDisks(vm, operation: "Failed to remove the checkpoint.", change) })

    static func objects(_ records: [SnapshotRecord], _ host: HyperVHost) throws -> [PSValue] {
        var names: [UUID: String] = [:]
        var vmNames: [UUID: String] = [:]
        for r in try host.allSnapshots().records { names[r.id] = r.name }
        return try records.map { record in
            if vmNames[record.vmId] == nil { vmNames[record.vmId] = try host.vm(id: record.vmId)?.name ?? record.configuration.name }
            return HyperVObjects.snapshot(record, vmName: vmNames[record.vmId]!, host, names: names)
        }
    }

    /// Restore- and Rename-VMSnapshot take one checkpoint: an object (`-VMSnapshot`, alias `-VMCheckpoint`)...
    static let snapshotObject = Parameter<PSValue>("VMSnapshot", type: .named(HyperVCmdlet.snapshotType), aliases: ["VMCheckpoint"],
                                                   position: 0, mandatory: true, valueFromPipeline: true, sets: ["SnapshotObject"])
    /// ... or `-Name` with the name of its VM.
    static let snapshotVMName = Parameter<[String]>("VMName", type: .string, position: 1, mandatory: true, sets: ["SnapshotName"])

    static func record(from value: PSValue) -> SnapshotRecord? {
        value.asObject?.model(as: VMOwnerAndConfig.self)?.snapshot
    }

    /// Snapshots of the VMs named in `vmNames` (or given in `vms`) whose names match `names`
    /// (wildcards allowed; all when empty).
    static func named(_ context: CmdletContext, _ host: HyperVHost, names: [String], vmNames: Parameter<[String]>,
                      vms: Parameter<[PSValue]>) throws -> [SnapshotRecord] {
        var result: [SnapshotRecord] = []
        for vm in try context.targetVMs(host, names: vmNames, objects: vms) {
            let all = try host.snapshots(of: vm.id)
            if names.isEmpty { result += all; continue }
            for name in names {
                let pattern = WildcardPattern(name)
                let matches = all.filter { pattern.matches($0.name) }
                if matches.isEmpty && !pattern.hasWildcards { try context.writeFailure(HyperVError.snapshotNotFound(name, vmName: vm.name)) }
                result += matches
            }
        }
        return result
    }
}

final class CheckpointVMCommand: Cmdlet {
    static let snapshotName = Parameter<String>("SnapshotName", aliases: ["CheckpointName"], position: 1)
    static let declaration = CmdletDeclaration("Checkpoint-VM", parameters: [
        HyperVParameters.name, HyperVParameters.vm, snapshotName, HyperVParameters.asJob, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Creates a checkpoint of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let hooks = SnapshotSupport.hooks
        try context.forEachConfirmedVM(host, names: HyperVParameters.name) { vm in
            let record = try host.checkpoint(vm, name: context[Self.snapshotName],
                                             captureRunningState: hooks.map { h in { try h.capture(host, $0, $1, $2) } })
            try context.writePassthru(SnapshotSupport.objects([record], host)[0])
        }
    }
}

final class GetVMSnapshotCommand: Cmdlet {
    static let id = Parameter<PSValue>("Id", type: .guid, position: 0, mandatory: true, valueFromPipeline: true,
                                       valueFromPipelineByPropertyName: true, sets: ["Id"])
    static let name = Parameter<String>("Name", memberships: [
        ParameterSetMembership(setName: "VMName", position: 1), ParameterSetMembership(setName: "VMObject", position: 1),
        ParameterSetMembership(setName: "Parent", position: 0), ParameterSetMembership(setName: "Child", position: 0),
    ])
    static let parentOf = Parameter<PSValue>("ParentOf", type: .named("Microsoft.HyperV.PowerShell.VirtualMachineBase"), mandatory: true,
                                             sets: ["Parent"])
    static let childOf = Parameter<PSValue>("ChildOf", type: .named(HyperVCmdlet.snapshotType), mandatory: true, sets: ["Child"])
    static let snapshotType = Parameter<String>("SnapshotType", type: .enumType(HyperVEnumTypes.snapshotType),
                                                aliases: ["VMRecoveryCheckpoint"], sets: ["VMName", "VMObject", "Parent", "Child"])
    static let declaration = CmdletDeclaration("Get-VMSnapshot", parameters: [
        HyperVParameters.vmName, HyperVParameters.vm, id, name, parentOf, childOf, snapshotType,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName",
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Lists checkpoints of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.reporting {
            var records: [SnapshotRecord]
            switch context.parameterSetName {
            case "Id":
                let text = context[Self.id].map { PSConvert.toString($0) } ?? ""
                records = try host.allSnapshots().records.filter { $0.id.uuidString.lowercased() == text.lowercased() }
            case "Parent":
                let model = context[Self.parentOf]?.asObject?.model(as: VMOwnerAndConfig.self)
                let parentId = model?.snapshot?.parentSnapshotId ?? (model?.snapshot == nil ? model?.config.parentSnapshotId : nil)
                records = try host.allSnapshots().records.filter { $0.id == parentId }
            case "Child":
                let parent = context[Self.childOf].flatMap(SnapshotSupport.record)
                records = try host.allSnapshots().records.filter { parent != nil && $0.parentSnapshotId == parent?.id }
            default:
                records = try SnapshotSupport.named(context, host, names: context[Self.name].map { [$0] } ?? [],
                                                    vmNames: HyperVParameters.vmName, vms: HyperVParameters.vm)
            }
            if context.parameterSetName == "Parent" || context.parameterSetName == "Child", let name = context[Self.name] {
                let pattern = WildcardPattern(name)
                records = records.filter { pattern.matches($0.name) }
            }
            if let type = context[Self.snapshotType].flatMap(SnapshotType.parse) { records = records.filter { $0.snapshotType == type } }
            for object in try SnapshotSupport.objects(records, host) { try context.writeObject(object) }
        }
    }
}

final class RestoreVMSnapshotCommand: Cmdlet {
    static let vm = Parameter<[PSValue]>("VM", type: .named(HyperVCmdlet.vmType), position: 0, mandatory: true, valueFromPipeline: true,
                                         sets: ["VM"])
    static let name = Parameter<String>("Name", memberships: [
        ParameterSetMembership(setName: "VM", mandatory: true), ParameterSetMembership(setName: "SnapshotName", position: 0, mandatory: true),
    ])
    static let declaration = CmdletDeclaration("Restore-VMSnapshot", parameters: [
        SnapshotSupport.snapshotObject, vm, name, SnapshotSupport.snapshotVMName, HyperVParameters.asJob, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "SnapshotName", supportsShouldProcess: true, confirmImpact: .high,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Applies a checkpoint to its virtual machine.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let hooks = SnapshotSupport.hooks
        try context.reporting {
            var records: [SnapshotRecord] = []
            if let value = context[SnapshotSupport.snapshotObject], let record = SnapshotSupport.record(from: value) {
                records = [record]
            } else {
                records = try SnapshotSupport.named(context, host, names: context[Self.name].map { [$0] } ?? [],
                                                    vmNames: SnapshotSupport.snapshotVMName, vms: Self.vm)
            }
            try context.forEachConfirmed(records, target: \.name) { record in
                try host.restore(record, stopRunning: hooks.map { h in { try h.stop(host, $0) } })
                try context.writePassthru(SnapshotSupport.objects([record], host)[0])
            }
        }
    }
}

final class RemoveVMSnapshotCommand: Cmdlet {
    static let vmSnapshot = Parameter<[PSValue]>("VMSnapshot", type: .array(.named(HyperVCmdlet.snapshotType)), aliases: ["VMCheckpoint"],
                                                 position: 0, mandatory: true, valueFromPipeline: true, sets: ["SnapshotObject"])
    static let name = Parameter<[String]>("Name", position: 1, sets: ["VMName", "VMObject"])
    static let includeAllChildSnapshots = Parameter<SwitchParameter>("IncludeAllChildSnapshots", aliases: ["IncludeAllChildCheckpoints"])
    static let declaration = CmdletDeclaration("Remove-VMSnapshot", parameters: [
        HyperVParameters.vmName, HyperVParameters.vm, vmSnapshot, name, includeAllChildSnapshots, HyperVParameters.asJob,
        HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Deletes checkpoints.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.reporting {
            let records = context.isBound(Self.vmSnapshot)
                ? (context[Self.vmSnapshot] ?? []).compactMap(SnapshotSupport.record)
                : try SnapshotSupport.named(context, host, names: context[Self.name] ?? [],
                                            vmNames: HyperVParameters.vmName, vms: HyperVParameters.vm)
            let passthru = context[HyperVParameters.passthru]
            let shown = passthru ? try SnapshotSupport.objects(records, host) : []
            try context.forEachConfirmed(Array(records.enumerated()), target: \.element.name) { index, record in
                try host.removeSnapshot(record, includeChildren: context[Self.includeAllChildSnapshots],
                                        changeRunningDisks: SnapshotSupport.hooks.map { h in { try h.changeDisks(host, $0, $1) } })
                if passthru { try context.writeObject(shown[index]) }
            }
        }
    }
}

final class RenameVMSnapshotCommand: Cmdlet {
    static let vm = Parameter<[PSValue]>("VM", type: .named(HyperVCmdlet.vmType), position: 0, mandatory: true, valueFromPipeline: true,
                                         sets: ["VMObject"])
    static let name = Parameter<String>("Name", memberships: [
        ParameterSetMembership(setName: "SnapshotName", position: 0, mandatory: true),
        ParameterSetMembership(setName: "VMObject", position: 1, mandatory: true),
    ])
    static let newName = Parameter<String>("NewName", memberships: [
        ParameterSetMembership(setName: "SnapshotObject", position: 1, mandatory: true),
        ParameterSetMembership(setName: "SnapshotName", position: 2, mandatory: true),
        ParameterSetMembership(setName: "VMObject", position: 2, mandatory: true),
    ])
    static let declaration = CmdletDeclaration("Rename-VMSnapshot", parameters: [
        SnapshotSupport.snapshotObject, vm, name, SnapshotSupport.snapshotVMName, newName, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "SnapshotName", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Renames a checkpoint.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let newName = context[Self.newName] ?? ""
        try context.reporting {
            let records = context.isBound(SnapshotSupport.snapshotObject)
                ? [context[SnapshotSupport.snapshotObject]!].compactMap(SnapshotSupport.record)
                : try SnapshotSupport.named(context, host, names: context[Self.name].map { [$0] } ?? [],
                                            vmNames: SnapshotSupport.snapshotVMName, vms: Self.vm)
            try context.forEachConfirmed(records, target: \.name) { record in
                let renamed = try host.renameSnapshot(record, to: newName)
                try context.writePassthru(SnapshotSupport.objects([renamed], host)[0])
            }
        }
    }
}

final class RemoveVMSavedStateCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-VMSavedState", parameters: HyperVParameters.vmSets + HyperVParameters.remoting,
        defaultParameterSet: "VMName", supportsShouldProcess: true, synopsis: "Discards the saved state of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.forEachConfirmedVM(host) { vm in try host.removeSavedState(of: vm) }
    }
}
