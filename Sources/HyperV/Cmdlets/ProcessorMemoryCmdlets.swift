import Foundation
import Inventory
import PSRuntime

final class GetVMProcessorCommand: Cmdlet {
    static let declaration = DeviceSource.getterDeclaration("Get-VMProcessor", outputType: HyperVTypeNames.processor[0],
                                                           synopsis: "Shows the processor settings of virtual machines.")

    func process(_ context: CmdletContext) throws {
        try DeviceSource.writeSettings(context, DeviceObjects.processor) { $0.processor }
    }
}

final class SetVMProcessorCommand: Cmdlet {
    static let vmProcessor = Parameter<[PSValue]>("VMProcessor", type: .array(.named(HyperVTypeNames.processor[0])), position: 0,
                                                  mandatory: true, valueFromPipeline: true, sets: ["VMProcessor"])
    static let count = Parameter<Int64>("Count")
    static let compatibilityForMigrationEnabled = Parameter<Bool>("CompatibilityForMigrationEnabled")
    static let compatibilityForMigrationMode = Parameter<String>("CompatibilityForMigrationMode",
                                                                 type: .enumType(HyperVEnumTypes.compatibilityForMigrationMode))
    static let compatibilityForOlderOperatingSystemsEnabled = Parameter<Bool>("CompatibilityForOlderOperatingSystemsEnabled")
    static let hwThreadCountPerCore = Parameter<Int64>("HwThreadCountPerCore")
    static let maximum = Parameter<Int64>("Maximum")
    static let reserve = Parameter<Int64>("Reserve")
    static let relativeWeight = Parameter<Int32>("RelativeWeight")
    static let maximumCountPerNumaNode = Parameter<Int32>("MaximumCountPerNumaNode")
    static let maximumCountPerNumaSocket = Parameter<Int32>("MaximumCountPerNumaSocket")
    static let enableHostResourceProtection = Parameter<Bool>("EnableHostResourceProtection")
    static let exposeVirtualizationExtensions = Parameter<Bool>("ExposeVirtualizationExtensions")
    static let perfmon = Parameter<[String]>("Perfmon")
    static let enableLegacyApicMode = Parameter<Bool>("EnableLegacyApicMode")
    static let apicMode = Parameter<String>("ApicMode", type: .enumType(HyperVEnumTypes.apicMode))
    static let allowACountMCount = Parameter<Bool>("AllowACountMCount")
    static let declaration = CmdletDeclaration("Set-VMProcessor", parameters: HyperVParameters.vmSets + [
        vmProcessor, count, compatibilityForMigrationEnabled, compatibilityForMigrationMode,
        compatibilityForOlderOperatingSystemsEnabled, hwThreadCountPerCore, maximum, reserve, relativeWeight,
        maximumCountPerNumaNode, maximumCountPerNumaSocket, HyperVParameters.resourcePoolName, enableHostResourceProtection,
        exposeVirtualizationExtensions, perfmon, enableLegacyApicMode, apicMode, allowACountMCount, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.processor[0]], synopsis: "Configures the processors of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let c = context
        let vms = try c.deviceOwners(Self.vmProcessor, as: ProcessorSettings.self, host)
        let count = c[Self.count]
        let hwThreads = c[Self.hwThreadCountPerCore]
        let maximum = c[Self.maximum]
        let reserve = c[Self.reserve]
        let perfmon = c[Self.perfmon].map { Set($0.map { $0.lowercased() }) }
        try c.forEachConfirmed(vms) { vm in
            let updated = try host.setProcessor(of: vm) { p in
                if let count { p.count = count }
                if let b = c[Self.compatibilityForMigrationEnabled] { p.compatibilityForMigrationEnabled = b }
                if let e = c[Self.compatibilityForMigrationMode].flatMap(CompatibilityForMigrationMode.parse) { p.compatibilityForMigrationMode = e }
                if let b = c[Self.compatibilityForOlderOperatingSystemsEnabled] { p.compatibilityForOlderOperatingSystemsEnabled = b }
                if let hwThreads { p.hwThreadCountPerCore = hwThreads }
                if let maximum { p.maximum = maximum }
                if let reserve { p.reserve = reserve }
                if let n = c[Self.relativeWeight] { p.relativeWeight = n }
                if let b = c[Self.enableHostResourceProtection] { p.enableHostResourceProtection = b }
                if let b = c[Self.exposeVirtualizationExtensions] { p.exposeVirtualizationExtensions = b }
                if let b = c[Self.enableLegacyApicMode] { p.enableLegacyApicMode = b }
                if let e = c[Self.apicMode].flatMap(ApicMode.parse) { p.apicMode = e }
                if let b = c[Self.allowACountMCount] { p.allowACountMCount = b }
                if let perfmon {
                    p.enablePerfmonPmu = perfmon.contains("pmu")
                    p.enablePerfmonLbr = perfmon.contains("lbr")
                    p.enablePerfmonPebs = perfmon.contains("pebs")
                    p.enablePerfmonIpt = perfmon.contains("ipt")
                }
            }
            try c.writePassthru(.object(DeviceObjects.processor.make(DeviceView(owner: HyperVObjects.owner(updated, host), settings: updated.processor, index: 0))))
        }
    }
}

final class GetVMMemoryCommand: Cmdlet {
    static let declaration = DeviceSource.getterDeclaration("Get-VMMemory", outputType: HyperVTypeNames.memory[0],
                                                           synopsis: "Shows the memory settings of virtual machines.")

    func process(_ context: CmdletContext) throws {
        try DeviceSource.writeSettings(context, DeviceObjects.memory) { $0.memory }
    }
}

final class SetVMMemoryCommand: Cmdlet {
    static let vmMemory = Parameter<[PSValue]>("VMMemory", type: .array(.named(HyperVTypeNames.memory[0])), position: 0,
                                               mandatory: true, valueFromPipeline: true, sets: ["ResourceObject"])
    static let buffer = Parameter<Int32>("Buffer")
    static let dynamicMemoryEnabled = Parameter<Bool>("DynamicMemoryEnabled")
    static let maximumBytes = Parameter<Int64>("MaximumBytes")
    static let startupBytes = Parameter<Int64>("StartupBytes")
    static let minimumBytes = Parameter<Int64>("MinimumBytes")
    static let priority = Parameter<Int32>("Priority")
    static let maximumAmountPerNumaNodeBytes = Parameter<Int64>("MaximumAmountPerNumaNodeBytes")
    static let declaration = CmdletDeclaration("Set-VMMemory", parameters: HyperVParameters.vmSets + [
        vmMemory, buffer, dynamicMemoryEnabled, maximumBytes, startupBytes, minimumBytes, priority,
        maximumAmountPerNumaNodeBytes, HyperVParameters.resourcePoolName, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.memory[0]], synopsis: "Configures the memory of virtual machines.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        let c = context
        let vms = try c.deviceOwners(Self.vmMemory, as: MemorySettings.self, host)
        let maximum = c[Self.maximumBytes]
        let minimum = c[Self.minimumBytes]
        let startup = c[Self.startupBytes]
        try c.forEachConfirmed(vms) { vm in
            let updated = try host.setMemory(of: vm) { m in
                if let n = c[Self.buffer] { m.buffer = n }
                if let b = c[Self.dynamicMemoryEnabled] { m.dynamicMemoryEnabled = b }
                if let maximum { m.maximum = maximum }
                if let minimum { m.minimum = minimum }
                if let startup { m.startup = startup }
                if let n = c[Self.priority] { m.priority = n }
            }
            try c.writePassthru(.object(DeviceObjects.memory.make(DeviceView(owner: HyperVObjects.owner(updated, host), settings: updated.memory, index: 0))))
        }
    }
}
