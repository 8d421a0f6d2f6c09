import Foundation
import Inventory
import PSRuntime

final class GetVMCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", aliases: ["VMName"], position: 0, valueFromPipeline: true, sets: ["Name"])
    static let id = Parameter<PSValue>("Id", type: .guid, position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true,
                                       sets: ["Id"])
    static let declaration = CmdletDeclaration("Get-VM", parameters: [name, id] + HyperVParameters.remoting, defaultParameterSet: "Name",
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Lists the virtual machines of this host.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.reporting {
            if context.parameterSetName == "Id", let value = context[Self.id], !value.isNull {
                let text = PSConvert.toString(value)
                guard let id = UUID(uuidString: text), let vm = try host.vm(id: id) else {
                    throw HyperVError.vmNotFound(id: text)
                }
                try context.writeObject(HyperVObjects.vm(vm, host))
                return
            }
            let vms: [VMConfiguration]
            if let names = context[Self.name], !names.isEmpty {
                vms = try context.targetVMs(host, names: Self.name, objects: nil)
            } else {
                let listing = try host.allVMs()
                try context.reportDamaged(listing.damaged)
                vms = listing.records
            }
            for vm in vms { try context.writeObject(HyperVObjects.vm(vm, host)) }
        }
    }
}

final class NewVMCommand: Cmdlet {
    static let name = Parameter<String>("Name", aliases: ["VMName"], position: 0, valueFromPipeline: true,
                                        valueFromPipelineByPropertyName: true)
    static let memoryStartupBytes = Parameter<Int64>("MemoryStartupBytes", position: 1)
    static let bootDevice = Parameter<String>("BootDevice", type: .enumType(HyperVEnumTypes.bootDevice))
    static let noVHD = Parameter<SwitchParameter>("NoVHD", sets: ["No VHD"])
    static let switchName = Parameter<String>("SwitchName")
    static let newVHDPath = Parameter<String>("NewVHDPath", mandatory: true, sets: ["New VHD"])
    static let newVHDSizeBytes = Parameter<UInt64>("NewVHDSizeBytes", mandatory: true, sets: ["New VHD"])
    static let vhdPath = Parameter<String>("VHDPath", mandatory: true, sets: ["Existing VHD"])
    static let path = Parameter<String>("Path")
    static let version = Parameter<PSValue>("Version", type: .version)
    static let prerelease = Parameter<SwitchParameter>("Prerelease")
    static let experimental = Parameter<SwitchParameter>("Experimental")
    static let generation = Parameter<Int16>("Generation", position: 2, validate: [.set(["1", "2"])])
    static let declaration = CmdletDeclaration("New-VM", parameters: [
        name, memoryStartupBytes, bootDevice, noVHD, switchName, newVHDPath, newVHDSizeBytes, vhdPath, path, version,
        prerelease, experimental, generation, HyperVParameters.force, HyperVParameters.asJob,
    ] + HyperVParameters.remoting, defaultParameterSet: "No VHD", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Creates a virtual machine.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        var request = NewVMRequest()
        if let name = context[Self.name], !name.isEmpty { request.name = name }
        if let memory = context[Self.memoryStartupBytes] { request.memoryStartupBytes = memory }
        if let generation = context[Self.generation] { request.generation = Int(generation) }
        if let version = context[Self.version] { request.version = Self.normalizedVersion(PSConvert.toString(version)) }
        request.path = try context.diskPath(context[Self.path])
        request.switchName = context[Self.switchName]
        // A bare file name goes to the host's disk folder, as Hyper-V puts it; any other path is resolved.
        request.newVHDPath = try context[Self.newVHDPath].map { p in
            p.contains("/") || p.contains("\\") || p.contains(":") ? try context.diskPath(p) : p
        }
        if let size = context[Self.newVHDSizeBytes] { request.newVHDSizeBytes = size }
        request.vhdPath = try context.diskPath(context[Self.vhdPath])
        request.bootDevice = context[Self.bootDevice].flatMap(BootDevice.parse)
        guard try context.shouldProcess(target: request.name) else { return }
        try context.reporting {
            let vm = try host.createVM(request)
            try context.writeObject(HyperVObjects.vm(vm, host))
        }
    }

    /// `[version]'8.0'` prints as 8.0; `8` alone means 8.0.
    static func normalizedVersion(_ text: String) -> String {
        let parts = text.split(separator: ".")
        if parts.count == 1 { return "\(parts[0]).0" }
        return parts.prefix(2).joined(separator: ".")
    }
}

final class SetVMCommand: Cmdlet {
    static let guestControlledCacheTypes = Parameter<Bool>("GuestControlledCacheTypes")
    static let lowMemoryMappedIoSpace = Parameter<UInt32>("LowMemoryMappedIoSpace")
    static let highMemoryMappedIoSpace = Parameter<UInt64>("HighMemoryMappedIoSpace")
    static let batteryPassthroughEnabled = Parameter<Bool>("BatteryPassthroughEnabled")
    static let processorCount = Parameter<Int64>("ProcessorCount")
    static let dynamicMemory = Parameter<SwitchParameter>("DynamicMemory")
    static let staticMemory = Parameter<SwitchParameter>("StaticMemory")
    static let memoryMinimumBytes = Parameter<Int64>("MemoryMinimumBytes")
    static let memoryMaximumBytes = Parameter<Int64>("MemoryMaximumBytes")
    static let memoryStartupBytes = Parameter<Int64>("MemoryStartupBytes")
    static let automaticStartAction = Parameter<String>("AutomaticStartAction", type: .enumType(HyperVEnumTypes.startAction))
    static let automaticStopAction = Parameter<String>("AutomaticStopAction", type: .enumType(HyperVEnumTypes.stopAction))
    static let automaticStartDelay = Parameter<Int>("AutomaticStartDelay")
    static let automaticCriticalErrorAction = Parameter<String>("AutomaticCriticalErrorAction",
                                                                type: .enumType(HyperVEnumTypes.criticalErrorAction))
    static let automaticCriticalErrorActionTimeout = Parameter<Int>("AutomaticCriticalErrorActionTimeout")
    static let automaticCheckpointsEnabled = Parameter<Bool>("AutomaticCheckpointsEnabled")
    static let lockOnDisconnect = Parameter<String>("LockOnDisconnect", type: .enumType(HyperVEnumTypes.onOffState))
    static let notes = Parameter<String>("Notes")
    static let newVMName = Parameter<String>("NewVMName")
    static let snapshotFileLocation = Parameter<String>("SnapshotFileLocation")
    static let smartPagingFilePath = Parameter<String>("SmartPagingFilePath")
    static let checkpointType = Parameter<String>("CheckpointType", type: .enumType(HyperVEnumTypes.checkpointType))
    static let enhancedSessionTransportType = Parameter<String>("EnhancedSessionTransportType",
                                                                type: .enumType(HyperVEnumTypes.enhancedSessionTransportType))
    static let engine = Parameter<String>("Engine", type: .enumType(HyperVEnumTypes.vmEngine),
                                          help: "hvsh extension: Native (hvsh's VMM), QEMU (BIOS/UEFI guests), or Automatic (QEMU when the VM boots from a DVD, a disk or the network).")
    static let declaration = CmdletDeclaration("Set-VM", parameters: [
        HyperVParameters.name, HyperVParameters.vm, guestControlledCacheTypes, lowMemoryMappedIoSpace, highMemoryMappedIoSpace,
        batteryPassthroughEnabled, processorCount, dynamicMemory, staticMemory, memoryMinimumBytes, memoryMaximumBytes,
        memoryStartupBytes, automaticStartAction, automaticStopAction, automaticStartDelay, automaticCriticalErrorAction,
        automaticCriticalErrorActionTimeout, automaticCheckpointsEnabled, lockOnDisconnect, notes, newVMName,
        snapshotFileLocation, smartPagingFilePath, checkpointType, enhancedSessionTransportType, HyperVParameters.passthru,
        HyperVParameters.allowUnverifiedPaths, engine,
    ] + HyperVParameters.remoting, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Configures a virtual machine.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let c = context
        let processorCount = c[Self.processorCount]
        let minimum = c[Self.memoryMinimumBytes]
        let maximum = c[Self.memoryMaximumBytes]
        let startup = c[Self.memoryStartupBytes]
        let dynamic: Bool? = c[Self.dynamicMemory] ? true : (c[Self.staticMemory] ? false : nil)
        let snapshotFileLocation = try c.diskPath(c[Self.snapshotFileLocation])
        let smartPagingFilePath = try c.diskPath(c[Self.smartPagingFilePath])
        try c.forEachConfirmedVM(host, names: HyperVParameters.name) { vm in
            let updated = try host.setVM(vm) { v in
                if let processorCount { v.processor.count = processorCount }
                if let dynamic { v.memory.dynamicMemoryEnabled = dynamic }
                if let minimum { v.memory.minimum = minimum }
                if let maximum { v.memory.maximum = maximum }
                if let startup { v.memory.startup = startup }
                if let b = c[Self.guestControlledCacheTypes] { v.guestControlledCacheTypes = b }
                if let n = c[Self.lowMemoryMappedIoSpace] { v.lowMemoryMappedIoSpace = n }
                if let n = c[Self.highMemoryMappedIoSpace] { v.highMemoryMappedIoSpace = n }
                if let e = c[Self.automaticStartAction].flatMap(StartAction.parse) { v.automaticStartAction = e }
                if let e = c[Self.automaticStopAction].flatMap(StopAction.parse) { v.automaticStopAction = e }
                if let n = c[Self.automaticStartDelay] { v.automaticStartDelay = n }
                if let e = c[Self.automaticCriticalErrorAction].flatMap(CriticalErrorAction.parse) { v.automaticCriticalErrorAction = e }
                if let n = c[Self.automaticCriticalErrorActionTimeout] { v.automaticCriticalErrorActionTimeout = n }
                if let b = c[Self.automaticCheckpointsEnabled] { v.automaticCheckpointsEnabled = b }
                if let e = c[Self.lockOnDisconnect].flatMap(OnOffState.parse) { v.lockOnDisconnect = e }
                if let s = c[Self.notes] { v.notes = s }
                if let s = c[Self.newVMName] { v.name = s }
                if let s = snapshotFileLocation { v.snapshotFileLocation = s }
                if let s = smartPagingFilePath { v.smartPagingFilePath = s }
                if let e = c[Self.checkpointType].flatMap(CheckpointType.parse) { v.checkpointType = e }
                if let e = c[Self.engine].flatMap(VMEngine.parse) { v.engine = e == .Automatic ? nil : e }
            }
            try c.writePassthru(HyperVObjects.vm(updated, host))
        }
    }
}

final class RenameVMCommand: Cmdlet {
    static let newName = Parameter<String>("NewName", position: 1, mandatory: true)
    static let declaration = CmdletDeclaration("Rename-VM", parameters: [
        HyperVParameters.name, HyperVParameters.vm, newName, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Renames a virtual machine.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let newName = context[Self.newName] ?? ""
        try context.forEachConfirmedVM(host, names: HyperVParameters.name) { vm in
            let renamed = try host.renameVM(vm, to: newName)
            try context.writePassthru(HyperVObjects.vm(renamed, host))
        }
    }
}

final class RemoveVMCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-VM", parameters: [
        HyperVParameters.name, HyperVParameters.vm, HyperVParameters.force, HyperVParameters.asJob, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Deletes a virtual machine; its virtual hard disks are kept.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.forEachConfirmedVM(host, names: HyperVParameters.name) { vm in
            let shown = HyperVObjects.vm(vm, host)
            try host.removeVM(vm)
            try context.writePassthru(shown)
        }
    }
}
