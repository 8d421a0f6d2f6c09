import Foundation
import Inventory
import PSRuntime

private let snapshotArray = PSType.array(.named(HyperVCmdlet.snapshotType))

/// Hooks the lifecycle layer provides so checkpoints can capture and restore running VMs.
public struct RunningVMCheckpointHooks: Sendable {
    /// Writes the running VM's state to the path and returns the state it was in.
    public var capture: @Sendable (HyperVHost, VMConfiguration, String) throws -> VMState
    /// Turns the running VM off before a checkpoint is applied.
    public var stop: @Sendable (HyperVHost, VMConfiguration) throws -> Void
    public init(capture: @escaping @Sendable (HyperVHost, VMConfiguration, String) throws -> VMState,
                stop: @escaping @Sendable (HyperVHost, VMConfiguration) throws -> Void) {
        self.capture = capture
        self.stop = stop
    }
}

enum SnapshotSupport {
    /// How running VMs are checkpointed and stopped for a restore: through the VMM runtime.
    static let hooks: RunningVMCheckpointHooks? = RunningVMCheckpointHooks(
        capture: { host, vm, path in try host.captureRunning(vm, to: path) },
        stop: { host, vm in try host.turnOffForRestore(vm) })

    static func objects(_ records: [SnapshotRecord], _ host: HyperVHost) throws -> [PSValue] {
        var names: [UUID: String] = [:]
        var vmNames: [UUID: String] = [:]
        for r in try host.allSnapshots().records { names[r.id] = r.name }
        return try records.map { record in
            if vmNames[record.vmId] == nil { vmNames[record.vmId] = try host.vm(id: record.vmId)?.name ?? record.configuration.name }
            return HyperVObjects.snapshot(record, vmName: vmNames[record.vmId]!, host, names: names)
        }
    }

    static func record(from value: PSValue) -> SnapshotRecord? {
        value.asObject?.model(as: VMOwnerAndConfig.self)?.snapshot
    }

    /// Snapshots of the named VMs (or VM objects) whose names match `-Name` (wildcards allowed).
    static func named(_ context: CmdletContext, _ host: HyperVHost, vmNameParameter: String = "VMName",
                      nameParameter: String = "Name") throws -> [SnapshotRecord] {
        let names = context.strings(nameParameter) ?? []
        var result: [SnapshotRecord] = []
        for vm in try context.targetVMs(host, nameParameter: vmNameParameter) {
            let all = try host.snapshots(of: vm.id)
            if names.isEmpty { result += all; continue }
            for name in names {
                let pattern = WildcardPattern(name)
                let matches = all.filter { pattern.matches($0.name) }
                if matches.isEmpty && !pattern.hasWildcards { try context.writeHyperV(.snapshotNotFound(name, vmName: vm.name)) }
                result += matches
            }
        }
        return result
    }
}

final class CheckpointVMCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Checkpoint-VM", parameters: [
        ParameterDeclaration("Name", .array(.string), aliases: ["VMName"], position: 0, mandatory: true, valueFromPipeline: true, sets: ["Name"]),
        ParameterDeclaration("VM", .array(.named(HyperVCmdlet.vmType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("SnapshotName", .string, aliases: ["CheckpointName"], position: 1),
        ParameterDeclaration("AsJob", .switchParameter),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Creates a checkpoint of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let hooks = SnapshotSupport.hooks
        for vm in try context.targetVMs(host, nameParameter: "Name") {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
                let record = try host.checkpoint(vm, name: context.string("SnapshotName"),
                                                 captureRunningState: hooks.map { h in { try h.capture(host, $0, $1) } })
                if context.passthru() { try context.writeObject(try SnapshotSupport.objects([record], host)[0]) }
            }
        }
    }
}

final class GetVMSnapshotCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMSnapshot", parameters: [
        ParameterDeclaration("VMName", .array(.string), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"]),
        ParameterDeclaration("VM", .array(.named(HyperVCmdlet.vmType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("Id", .guid, position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true, sets: ["Id"]),
        ParameterDeclaration("Name", .string, memberships: [
            ParameterSetMembership(setName: "VMName", position: 1), ParameterSetMembership(setName: "VMObject", position: 1),
            ParameterSetMembership(setName: "Parent", position: 0), ParameterSetMembership(setName: "Child", position: 0),
        ]),
        ParameterDeclaration("ParentOf", .named("Microsoft.HyperV.PowerShell.VirtualMachineBase"), mandatory: true, sets: ["Parent"]),
        ParameterDeclaration("ChildOf", .named(HyperVCmdlet.snapshotType), mandatory: true, sets: ["Child"]),
        ParameterDeclaration("SnapshotType", .enumType(HyperVEnumTypes.snapshotType), aliases: ["VMRecoveryCheckpoint"],
                             sets: ["VMName", "VMObject", "Parent", "Child"]),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Lists checkpoints of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures {
            var records: [SnapshotRecord]
            switch context.parameterSetName {
            case "Id":
                let text = context.string("Id") ?? ""
                records = try host.allSnapshots().records.filter { $0.id.uuidString.lowercased() == text.lowercased() }
            case "Parent":
                let model = context["ParentOf"]?.asObject?.model(as: VMOwnerAndConfig.self)
                let parentId = model?.snapshot?.parentSnapshotId ?? (model?.snapshot == nil ? model?.config.parentSnapshotId : nil)
                records = try host.allSnapshots().records.filter { $0.id == parentId }
            case "Child":
                let parent = context["ChildOf"].flatMap(SnapshotSupport.record)
                records = try host.allSnapshots().records.filter { parent != nil && $0.parentSnapshotId == parent?.id }
            default:
                records = try SnapshotSupport.named(context, host, nameParameter: "Name")
            }
            if context.parameterSetName == "Parent" || context.parameterSetName == "Child", let name = context.string("Name") {
                let pattern = WildcardPattern(name)
                records = records.filter { pattern.matches($0.name) }
            }
            if let type = context.enumName("SnapshotType").flatMap(SnapshotType.parse) { records = records.filter { $0.snapshotType == type } }
            for object in try SnapshotSupport.objects(records, host) { try context.writeObject(object) }
        }
    }
}

final class RestoreVMSnapshotCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Restore-VMSnapshot", parameters: [
        ParameterDeclaration("VMSnapshot", .named(HyperVCmdlet.snapshotType), aliases: ["VMCheckpoint"], position: 0, mandatory: true,
                             valueFromPipeline: true, sets: ["SnapshotObject"]),
        ParameterDeclaration("VM", .named(HyperVCmdlet.vmType), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VM"]),
        ParameterDeclaration("Name", .string, memberships: [
            ParameterSetMembership(setName: "VM", mandatory: true), ParameterSetMembership(setName: "SnapshotName", position: 0, mandatory: true),
        ]),
        ParameterDeclaration("VMName", .string, position: 1, mandatory: true, sets: ["SnapshotName"]),
        ParameterDeclaration("AsJob", .switchParameter),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "SnapshotName", supportsShouldProcess: true, confirmImpact: .high,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Applies a checkpoint to its virtual machine.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let hooks = SnapshotSupport.hooks
        try context.reportingFailures {
            var records: [SnapshotRecord] = []
            if let value = context["VMSnapshot"], let record = SnapshotSupport.record(from: value) {
                records = [record]
            } else {
                records = try SnapshotSupport.named(context, host, vmNameParameter: context.isBound("VM") ? "__none" : "VMName")
            }
            for record in records {
                guard try context.shouldProcess(target: record.name) else { continue }
                try context.reportingFailures {
                    try host.restore(record, stopRunning: hooks.map { h in { try h.stop(host, $0) } })
                    if context.passthru() { try context.writeObject(try SnapshotSupport.objects([record], host)[0]) }
                }
            }
        }
    }
}

final class RemoveVMSnapshotCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-VMSnapshot", parameters: [
        ParameterDeclaration("VMName", .array(.string), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMName"]),
        ParameterDeclaration("VM", .array(.named(HyperVCmdlet.vmType)), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("VMSnapshot", snapshotArray, aliases: ["VMCheckpoint"], position: 0, mandatory: true, valueFromPipeline: true, sets: ["SnapshotObject"]),
        ParameterDeclaration("Name", .array(.string), position: 1, sets: ["VMName", "VMObject"]),
        ParameterDeclaration("IncludeAllChildSnapshots", .switchParameter, aliases: ["IncludeAllChildCheckpoints"]),
        ParameterDeclaration("AsJob", .switchParameter),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Deletes checkpoints.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures {
            let records = context.isBound("VMSnapshot")
                ? (context.values("VMSnapshot") ?? []).compactMap(SnapshotSupport.record)
                : try SnapshotSupport.named(context, host)
            let shown = context.passthru() ? try SnapshotSupport.objects(records, host) : []
            for (index, record) in records.enumerated() {
                guard try context.shouldProcess(target: record.name) else { continue }
                try context.reportingFailures {
                    try host.removeSnapshot(record, includeChildren: context.switchPresent("IncludeAllChildSnapshots"))
                    if context.passthru() { try context.writeObject(shown[index]) }
                }
            }
        }
    }
}

final class RenameVMSnapshotCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Rename-VMSnapshot", parameters: [
        ParameterDeclaration("VMSnapshot", .named(HyperVCmdlet.snapshotType), aliases: ["VMCheckpoint"], position: 0, mandatory: true,
                             valueFromPipeline: true, sets: ["SnapshotObject"]),
        ParameterDeclaration("VM", .named(HyperVCmdlet.vmType), position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("Name", .string, memberships: [
            ParameterSetMembership(setName: "SnapshotName", position: 0, mandatory: true),
            ParameterSetMembership(setName: "VMObject", position: 1, mandatory: true),
        ]),
        ParameterDeclaration("VMName", .string, position: 1, mandatory: true, sets: ["SnapshotName"]),
        ParameterDeclaration("NewName", .string, memberships: [
            ParameterSetMembership(setName: "SnapshotObject", position: 1, mandatory: true),
            ParameterSetMembership(setName: "SnapshotName", position: 2, mandatory: true),
            ParameterSetMembership(setName: "VMObject", position: 2, mandatory: true),
        ]),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "SnapshotName", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Renames a checkpoint.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let newName = context.string("NewName") ?? ""
        try context.reportingFailures {
            let records = context.isBound("VMSnapshot")
                ? [context["VMSnapshot"]!].compactMap(SnapshotSupport.record)
                : try SnapshotSupport.named(context, host)
            for record in records {
                guard try context.shouldProcess(target: record.name) else { continue }
                try context.reportingFailures {
                    let renamed = try host.renameSnapshot(record, to: newName)
                    if context.passthru() { try context.writeObject(try SnapshotSupport.objects([renamed], host)[0]) }
                }
            }
        }
    }
}

final class RemoveVMSavedStateCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-VMSavedState", parameters: DeviceSource.vmSets + HyperVCmdlet.remotingParameters,
        defaultParameterSet: "VMName", supportsShouldProcess: true, synopsis: "Discards the saved state of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        for vm in try context.targetVMs(host) {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures { try host.removeSavedState(of: vm) }
        }
    }
}
