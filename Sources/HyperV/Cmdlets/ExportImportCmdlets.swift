import Foundation
import PSRuntime

/// Export-VM: the VM, its checkpoints and every disk file they use, in Hyper-V's export layout.
final class ExportVMCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 1, mandatory: true)
    static let declaration = CmdletDeclaration("Export-VM", parameters: [
        HyperVParameters.name, HyperVParameters.vm, path, HyperVParameters.asJob, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Exports virtual machines (configuration, checkpoints, disks) to <Path>/<VM name>.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let destination = try context.diskPath(context[Self.path] ?? "")
        try context.forEachConfirmedVM(host, names: HyperVParameters.name) { vm in
            try host.exportVM(vm, to: destination)
            try context.writePassthru(HyperVObjects.vm(vm, host))
        }
    }
}

/// Export-VMSnapshot (alias Export-VMCheckpoint): the VM as a checkpoint left it, as a VM of its own.
final class ExportVMSnapshotCommand: Cmdlet {
    static let vmSnapshot = Parameter<[PSValue]>("VMSnapshot", type: .array(.named(HyperVCmdlet.snapshotType)), aliases: ["VMCheckpoint"],
                                                 position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMSnapshot"])
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true, sets: ["VMName"])
    static let path = Parameter<String>("Path", position: 1, mandatory: true)
    static let vmName = Parameter<[String]>("VMName", position: 2, mandatory: true, valueFromPipelineByPropertyName: true, sets: ["VMName"])
    static let declaration = CmdletDeclaration("Export-VMSnapshot", parameters: [
        vmSnapshot, name, path, vmName, HyperVParameters.asJob, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMSnapshot", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.snapshotType], synopsis: "Exports a checkpoint as a virtual machine of its own.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let destination = try context.diskPath(context[Self.path] ?? "")
        var targets: [(VMConfiguration, SnapshotRecord)] = []
        if let given = context[Self.vmSnapshot] {
            for value in given {
                guard let model = value.asObject?.model(as: VMOwnerAndConfig.self), let record = model.snapshot else { continue }
                guard let vm = try host.vm(id: record.vmId) else { try context.writeFailure(HyperVError.vmNotFound(model.owner.vmName)); continue }
                targets.append((vm, record))
            }
        } else {
            let patterns = (context[Self.name] ?? []).map { WildcardPattern($0) }
            for vm in try context.targetVMs(host, names: Self.vmName, objects: nil) {
                let matches = try host.allSnapshots().records.filter { record in record.vmId == vm.id && patterns.contains { p in p.matches(record.name) } }
                if matches.isEmpty {
                    try context.writeFailure(HyperVError("Hyper-V was unable to find a checkpoint named '\((context[Self.name] ?? []).joined(separator: ", "))' for virtual machine '\(vm.name)'.",
                                                        errorId: "InvalidParameter", category: .objectNotFound, target: vm.name))
                }
                targets += matches.map { (vm, $0) }
            }
        }
        try context.forEachConfirmed(targets, target: \.1.name) { vm, record in
            try host.exportVM(vm, to: destination, only: record)
            try context.writePassthru(HyperVObjects.snapshot(record, vmName: vm.name, host, names: [:]))
        }
    }
}

/// Import-VM: registers an exported VM in place (same id), or with -Copy copies its files first
/// (-GenerateNewId for a second VM from the same export).
final class ImportVMCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 0, mandatory: true)
    static let vhdDestinationPath = Parameter<String>("VhdDestinationPath", position: 1, sets: ["Copy"])
    static let register = Parameter<SwitchParameter>("Register", sets: ["Register"])
    static let copy = Parameter<SwitchParameter>("Copy", mandatory: true, sets: ["Copy"])
    static let generateNewId = Parameter<SwitchParameter>("GenerateNewId", sets: ["Copy"])
    static let virtualMachinePath = Parameter<String>("VirtualMachinePath", sets: ["Copy"])
    static let snapshotFilePath = Parameter<String>("SnapshotFilePath", sets: ["Copy"])
    static let declaration = CmdletDeclaration("Import-VM", parameters: [
        path, vhdDestinationPath, register, copy, generateNewId, virtualMachinePath, snapshotFilePath, HyperVParameters.asJob,
    ] + HyperVParameters.remoting, defaultParameterSet: "Register", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Imports a virtual machine that Export-VM wrote (the .vmcx file under 'Virtual Machines').")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        var request = HyperVHost.ImportRequest(path: try context.diskPath(context[Self.path] ?? ""))
        request.copy = context[Self.copy]
        request.generateNewId = context[Self.generateNewId]
        request.vhdDestinationPath = try context.diskPath(context[Self.vhdDestinationPath])
        request.virtualMachinePath = try context.diskPath(context[Self.virtualMachinePath])
        request.snapshotFilePath = try context.diskPath(context[Self.snapshotFilePath])
        guard try context.shouldProcess(target: request.path) else { return }
        try context.reporting {
            let vm = try host.importVM(request)
            try context.writeObject(HyperVObjects.vm(vm, host))
        }
    }
}
