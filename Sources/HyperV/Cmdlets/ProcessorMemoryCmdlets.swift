import Foundation
import Inventory
import PSRuntime

final class GetVMProcessorCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMProcessor", parameters: DeviceSource.vmSets + [DeviceSource.snapshotSet]
        + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
        outputTypes: [HyperVTypeNames.processor[0]], synopsis: "Shows the processor settings of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures {
            for source in try DeviceSource.resolve(context, host) {
                try context.writeObject(.object(DeviceObjects.processor.make(DeviceView(owner: source.owner, settings: source.config.processor, index: 0))))
            }
        }
    }
}

final class SetVMProcessorCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Set-VMProcessor", parameters: DeviceSource.vmSets + [
        ParameterDeclaration("VMProcessor", .array(.named(HyperVTypeNames.processor[0])), position: 0, mandatory: true,
                             valueFromPipeline: true, sets: ["VMProcessor"]),
        ParameterDeclaration("Count", .int64),
        ParameterDeclaration("CompatibilityForMigrationEnabled", .bool),
        ParameterDeclaration("CompatibilityForMigrationMode", .enumType(HyperVEnumTypes.compatibilityForMigrationMode)),
        ParameterDeclaration("CompatibilityForOlderOperatingSystemsEnabled", .bool),
        ParameterDeclaration("HwThreadCountPerCore", .int64),
        ParameterDeclaration("Maximum", .int64),
        ParameterDeclaration("Reserve", .int64),
        ParameterDeclaration("RelativeWeight", .int32),
        ParameterDeclaration("MaximumCountPerNumaNode", .int32),
        ParameterDeclaration("MaximumCountPerNumaSocket", .int32),
        ParameterDeclaration("ResourcePoolName", .string),
        ParameterDeclaration("EnableHostResourceProtection", .bool),
        ParameterDeclaration("ExposeVirtualizationExtensions", .bool),
        ParameterDeclaration("Perfmon", .array(.string)),
        ParameterDeclaration("EnableLegacyApicMode", .bool),
        ParameterDeclaration("ApicMode", .enumType(HyperVEnumTypes.apicMode)),
        ParameterDeclaration("AllowACountMCount", .bool),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.processor[0]], synopsis: "Configures the processors of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let c = context
        let vms: [VMConfiguration] = c.isBound("VMProcessor")
            ? try c.configsFromDevices("VMProcessor", as: ProcessorSettings.self, host).map(\.0)
            : try c.targetVMs(host)
        let count = try c["Count"].map(PSConvert.toInt64)
        let hwThreads = try c["HwThreadCountPerCore"].map(PSConvert.toInt64)
        let maximum = try c["Maximum"].map(PSConvert.toInt64)
        let reserve = try c["Reserve"].map(PSConvert.toInt64)
        let perfmon = c.strings("Perfmon").map { Set($0.map { $0.lowercased() }) }
        for vm in vms {
            guard try c.shouldProcess(target: vm.name) else { continue }
            try c.reportingFailures {
                let updated = try host.setProcessor(of: vm) { p in
                    if let count { p.count = count }
                    if let b = c.bool("CompatibilityForMigrationEnabled") { p.compatibilityForMigrationEnabled = b }
                    if let e = c.enumName("CompatibilityForMigrationMode").flatMap(CompatibilityForMigrationMode.parse) { p.compatibilityForMigrationMode = e }
                    if let b = c.bool("CompatibilityForOlderOperatingSystemsEnabled") { p.compatibilityForOlderOperatingSystemsEnabled = b }
                    if let hwThreads { p.hwThreadCountPerCore = hwThreads }
                    if let maximum { p.maximum = maximum }
                    if let reserve { p.reserve = reserve }
                    if let n = c.int("RelativeWeight") { p.relativeWeight = Int32(clamping: n) }
                    if let b = c.bool("EnableHostResourceProtection") { p.enableHostResourceProtection = b }
                    if let b = c.bool("ExposeVirtualizationExtensions") { p.exposeVirtualizationExtensions = b }
                    if let b = c.bool("EnableLegacyApicMode") { p.enableLegacyApicMode = b }
                    if let e = c.enumName("ApicMode").flatMap(ApicMode.parse) { p.apicMode = e }
                    if let b = c.bool("AllowACountMCount") { p.allowACountMCount = b }
                    if let perfmon {
                        p.enablePerfmonPmu = perfmon.contains("pmu")
                        p.enablePerfmonLbr = perfmon.contains("lbr")
                        p.enablePerfmonPebs = perfmon.contains("pebs")
                        p.enablePerfmonIpt = perfmon.contains("ipt")
                    }
                }
                if c.passthru() {
                    try c.writeObject(.object(DeviceObjects.processor.make(DeviceView(owner: HyperVObjects.owner(updated, host), settings: updated.processor, index: 0))))
                }
            }
        }
    }
}

final class GetVMMemoryCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMMemory", parameters: DeviceSource.vmSets + [DeviceSource.snapshotSet]
        + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName",
        outputTypes: [HyperVTypeNames.memory[0]], synopsis: "Shows the memory settings of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures {
            for source in try DeviceSource.resolve(context, host) {
                try context.writeObject(.object(DeviceObjects.memory.make(DeviceView(owner: source.owner, settings: source.config.memory, index: 0))))
            }
        }
    }
}

final class SetVMMemoryCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Set-VMMemory", parameters: DeviceSource.vmSets + [
        ParameterDeclaration("VMMemory", .array(.named(HyperVTypeNames.memory[0])), position: 0, mandatory: true,
                             valueFromPipeline: true, sets: ["ResourceObject"]),
        ParameterDeclaration("Buffer", .int32),
        ParameterDeclaration("DynamicMemoryEnabled", .bool),
        ParameterDeclaration("MaximumBytes", .int64),
        ParameterDeclaration("StartupBytes", .int64),
        ParameterDeclaration("MinimumBytes", .int64),
        ParameterDeclaration("Priority", .int32),
        ParameterDeclaration("MaximumAmountPerNumaNodeBytes", .int64),
        ParameterDeclaration("ResourcePoolName", .string),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "VMName", supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.memory[0]], synopsis: "Configures the memory of virtual machines.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let c = context
        let vms: [VMConfiguration] = c.isBound("VMMemory")
            ? try c.configsFromDevices("VMMemory", as: MemorySettings.self, host).map(\.0)
            : try c.targetVMs(host)
        let maximum = try c["MaximumBytes"].map(PSConvert.toInt64)
        let minimum = try c["MinimumBytes"].map(PSConvert.toInt64)
        let startup = try c["StartupBytes"].map(PSConvert.toInt64)
        for vm in vms {
            guard try c.shouldProcess(target: vm.name) else { continue }
            try c.reportingFailures {
                let updated = try host.setMemory(of: vm) { m in
                    if let n = c.int("Buffer") { m.buffer = Int32(clamping: n) }
                    if let b = c.bool("DynamicMemoryEnabled") { m.dynamicMemoryEnabled = b }
                    if let maximum { m.maximum = maximum }
                    if let minimum { m.minimum = minimum }
                    if let startup { m.startup = startup }
                    if let n = c.int("Priority") { m.priority = Int32(clamping: n) }
                }
                if c.passthru() {
                    try c.writeObject(.object(DeviceObjects.memory.make(DeviceView(owner: HyperVObjects.owner(updated, host), settings: updated.memory, index: 0))))
                }
            }
        }
    }
}
