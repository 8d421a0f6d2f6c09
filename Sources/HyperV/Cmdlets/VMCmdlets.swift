import Foundation
import Inventory
import PSRuntime

private let vmArray = PSType.array(.named(HyperVCmdlet.vmType))

final class GetVMCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VM", parameters: [
        ParameterDeclaration("Name", .array(.string), aliases: ["VMName"], position: 0, valueFromPipeline: true, sets: ["Name"]),
        ParameterDeclaration("Id", .guid, position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true, sets: ["Id"]),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "Name",
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Lists the virtual machines of this host.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures {
            if context.parameterSetName == "Id", let value = context["Id"], !value.isNull {
                let text = PSConvert.toString(value)
                guard let id = UUID(uuidString: text), let vm = try host.vm(id: id) else {
                    throw HyperVError.vmNotFound(id: text)
                }
                try context.writeObject(HyperVObjects.vm(vm, host))
                return
            }
            let vms: [VMConfiguration]
            if let names = context.strings("Name"), !names.isEmpty {
                vms = try context.targetVMs(host, nameParameter: "Name", objectParameter: "__none")
            } else {
                let listing = try host.allVMs()
                try context.reportDamaged(listing.damaged)
                vms = listing.records
            }
            for vm in vms { try context.writeObject(HyperVObjects.vm(vm, host)) }
        }
    }
}

final class NewVMCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("New-VM", parameters: [
        ParameterDeclaration("Name", .string, aliases: ["VMName"], position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("MemoryStartupBytes", .int64, position: 1),
        ParameterDeclaration("BootDevice", .enumType(HyperVEnumTypes.bootDevice)),
        ParameterDeclaration("NoVHD", .switchParameter, sets: ["No VHD"]),
        ParameterDeclaration("SwitchName", .string),
        ParameterDeclaration("NewVHDPath", .string, mandatory: true, sets: ["New VHD"]),
        ParameterDeclaration("NewVHDSizeBytes", .uint64, mandatory: true, sets: ["New VHD"]),
        ParameterDeclaration("VHDPath", .string, mandatory: true, sets: ["Existing VHD"]),
        ParameterDeclaration("Path", .string),
        ParameterDeclaration("Version", .version),
        ParameterDeclaration("Prerelease", .switchParameter),
        ParameterDeclaration("Experimental", .switchParameter),
        ParameterDeclaration("Generation", .int16, position: 2, validate: [.set(["1", "2"])]),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("AsJob", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "No VHD", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Creates a virtual machine.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        var request = NewVMRequest()
        if let name = context.string("Name"), !name.isEmpty { request.name = name }
        if context.isBound("MemoryStartupBytes"), let memory = context["MemoryStartupBytes"] { request.memoryStartupBytes = try PSConvert.toInt64(memory) }
        if let generation = context.int("Generation") { request.generation = generation }
        if let version = context.string("Version") { request.version = Self.normalizedVersion(version) }
        request.path = context.string("Path")
        request.switchName = context.string("SwitchName")
        request.newVHDPath = context.string("NewVHDPath")
        if let size = context["NewVHDSizeBytes"] { request.newVHDSizeBytes = UInt64(try PSConvert.toInt64(size)) }
        request.vhdPath = context.string("VHDPath")
        request.bootDevice = context.enumName("BootDevice").flatMap(BootDevice.parse)
        guard try context.shouldProcess(target: request.name) else { return }
        try context.reportingFailures {
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

final class SetVMCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Set-VM", parameters: [
        ParameterDeclaration("Name", .array(.string), aliases: ["VMName"], position: 0, mandatory: true, valueFromPipeline: true, sets: ["Name"]),
        ParameterDeclaration("VM", vmArray, position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("GuestControlledCacheTypes", .bool),
        ParameterDeclaration("LowMemoryMappedIoSpace", .uint32),
        ParameterDeclaration("HighMemoryMappedIoSpace", .uint64),
        ParameterDeclaration("BatteryPassthroughEnabled", .bool),
        ParameterDeclaration("ProcessorCount", .int64),
        ParameterDeclaration("DynamicMemory", .switchParameter),
        ParameterDeclaration("StaticMemory", .switchParameter),
        ParameterDeclaration("MemoryMinimumBytes", .int64),
        ParameterDeclaration("MemoryMaximumBytes", .int64),
        ParameterDeclaration("MemoryStartupBytes", .int64),
        ParameterDeclaration("AutomaticStartAction", .enumType(HyperVEnumTypes.startAction)),
        ParameterDeclaration("AutomaticStopAction", .enumType(HyperVEnumTypes.stopAction)),
        ParameterDeclaration("AutomaticStartDelay", .int32),
        ParameterDeclaration("AutomaticCriticalErrorAction", .enumType(HyperVEnumTypes.criticalErrorAction)),
        ParameterDeclaration("AutomaticCriticalErrorActionTimeout", .int32),
        ParameterDeclaration("AutomaticCheckpointsEnabled", .bool),
        ParameterDeclaration("LockOnDisconnect", .enumType(HyperVEnumTypes.onOffState)),
        ParameterDeclaration("Notes", .string),
        ParameterDeclaration("NewVMName", .string),
        ParameterDeclaration("SnapshotFileLocation", .string),
        ParameterDeclaration("SmartPagingFilePath", .string),
        ParameterDeclaration("CheckpointType", .enumType(HyperVEnumTypes.checkpointType)),
        ParameterDeclaration("EnhancedSessionTransportType", .enumType(HyperVEnumTypes.enhancedSessionTransportType)),
        ParameterDeclaration("Passthru", .switchParameter),
        ParameterDeclaration("AllowUnverifiedPaths", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Configures a virtual machine.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let c = context
        let processorCount = try c["ProcessorCount"].map(PSConvert.toInt64)
        let minimum = try c["MemoryMinimumBytes"].map(PSConvert.toInt64)
        let maximum = try c["MemoryMaximumBytes"].map(PSConvert.toInt64)
        let startup = try c["MemoryStartupBytes"].map(PSConvert.toInt64)
        let dynamic: Bool? = c.switchPresent("DynamicMemory") ? true : (c.switchPresent("StaticMemory") ? false : nil)
        for vm in try c.targetVMs(host, nameParameter: "Name") {
            guard try c.shouldProcess(target: vm.name) else { continue }
            try c.reportingFailures {
                let updated = try host.setVM(vm) { v in
                    if let processorCount { v.processor.count = processorCount }
                    if let dynamic { v.memory.dynamicMemoryEnabled = dynamic }
                    if let minimum { v.memory.minimum = minimum }
                    if let maximum { v.memory.maximum = maximum }
                    if let startup { v.memory.startup = startup }
                    if let b = c.bool("GuestControlledCacheTypes") { v.guestControlledCacheTypes = b }
                    if let x = c["LowMemoryMappedIoSpace"], let n = try? PSConvert.toInt64(x) { v.lowMemoryMappedIoSpace = UInt32(clamping: n) }
                    if let x = c["HighMemoryMappedIoSpace"], let n = try? PSConvert.toInt64(x) { v.highMemoryMappedIoSpace = UInt64(clamping: n) }
                    if let e = c.enumName("AutomaticStartAction").flatMap(StartAction.parse) { v.automaticStartAction = e }
                    if let e = c.enumName("AutomaticStopAction").flatMap(StopAction.parse) { v.automaticStopAction = e }
                    if let n = c.int("AutomaticStartDelay") { v.automaticStartDelay = n }
                    if let e = c.enumName("AutomaticCriticalErrorAction").flatMap(CriticalErrorAction.parse) { v.automaticCriticalErrorAction = e }
                    if let n = c.int("AutomaticCriticalErrorActionTimeout") { v.automaticCriticalErrorActionTimeout = n }
                    if let b = c.bool("AutomaticCheckpointsEnabled") { v.automaticCheckpointsEnabled = b }
                    if let e = c.enumName("LockOnDisconnect").flatMap(OnOffState.parse) { v.lockOnDisconnect = e }
                    if let s = c.string("Notes") { v.notes = s }
                    if let s = c.string("NewVMName") { v.name = s }
                    if let s = c.string("SnapshotFileLocation") { v.snapshotFileLocation = s }
                    if let s = c.string("SmartPagingFilePath") { v.smartPagingFilePath = s }
                    if let e = c.enumName("CheckpointType").flatMap(CheckpointType.parse) { v.checkpointType = e }
                }
                if c.passthru() { try c.writeObject(HyperVObjects.vm(updated, host)) }
            }
        }
    }
}

final class RenameVMCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Rename-VM", parameters: [
        ParameterDeclaration("Name", .array(.string), aliases: ["VMName"], position: 0, mandatory: true, valueFromPipeline: true, sets: ["Name"]),
        ParameterDeclaration("VM", vmArray, position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("NewName", .string, position: 1, mandatory: true),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Renames a virtual machine.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let newName = context.string("NewName") ?? ""
        for vm in try context.targetVMs(host, nameParameter: "Name") {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
                let renamed = try host.renameVM(vm, to: newName)
                if context.passthru() { try context.writeObject(HyperVObjects.vm(renamed, host)) }
            }
        }
    }
}

final class RemoveVMCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-VM", parameters: [
        ParameterDeclaration("Name", .array(.string), aliases: ["VMName"], position: 0, mandatory: true, valueFromPipeline: true, sets: ["Name"]),
        ParameterDeclaration("VM", vmArray, position: 0, mandatory: true, valueFromPipeline: true, sets: ["VMObject"]),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("AsJob", .switchParameter),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "Name", supportsShouldProcess: true,
       outputTypes: [HyperVCmdlet.vmType], synopsis: "Deletes a virtual machine; its virtual hard disks are kept.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        for vm in try context.targetVMs(host, nameParameter: "Name") {
            guard try context.shouldProcess(target: vm.name) else { continue }
            try context.reportingFailures {
                let shown = HyperVObjects.vm(vm, host)
                try host.removeVM(vm)
                if context.passthru() { try context.writeObject(shown) }
            }
        }
    }
}
