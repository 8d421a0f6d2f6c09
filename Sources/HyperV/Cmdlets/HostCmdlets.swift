import Foundation
import Inventory
import PSRuntime

private func hostObject(_ host: HyperVHost) throws -> PSValue {
    .object(MachineObjects.host.make(HostView(info: host.info, settings: try host.hostSettings(), pool: try host.macAddressPool())))
}

final class GetVMHostCommand: Cmdlet {
    static let computerName = Parameter<[String]>("ComputerName", position: 0, sets: ["ComputerName"])
    static let credential = Parameter<[PSValue]>("Credential", position: 1, sets: ["ComputerName"])
    static let cimSession = Parameter<[PSValue]>("CimSession", position: 0, mandatory: true, sets: ["CimSession"])
    static let declaration = CmdletDeclaration("Get-VMHost", parameters: [computerName, credential, cimSession],
        defaultParameterSet: "ComputerName", outputTypes: [HyperVTypeNames.host[0]], synopsis: "Shows this Hyper-V host's settings.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures { try context.writeObject(try hostObject(host)) }
    }
}

final class SetVMHostCommand: Cmdlet {
    static let maximumStorageMigrations = Parameter<UInt32>("MaximumStorageMigrations")
    static let maximumVirtualMachineMigrations = Parameter<UInt32>("MaximumVirtualMachineMigrations")
    static let virtualMachineMigrationAuthenticationType = Parameter<String>("VirtualMachineMigrationAuthenticationType")
    static let useAnyNetworkForMigration = Parameter<Bool>("UseAnyNetworkForMigration")
    static let virtualMachineMigrationPerformanceOption = Parameter<String>("VirtualMachineMigrationPerformanceOption")
    static let resourceMeteringSaveInterval = Parameter<PSValue>("ResourceMeteringSaveInterval", type: .timeSpan)
    static let fibreChannelWwnn = Parameter<String>("FibreChannelWwnn")
    static let fibreChannelWwpnMaximum = Parameter<String>("FibreChannelWwpnMaximum")
    static let fibreChannelWwpnMinimum = Parameter<String>("FibreChannelWwpnMinimum")
    static let macAddressMaximum = Parameter<String>("MacAddressMaximum")
    static let macAddressMinimum = Parameter<String>("MacAddressMinimum")
    static let virtualHardDiskPath = Parameter<String>("VirtualHardDiskPath")
    static let virtualMachinePath = Parameter<String>("VirtualMachinePath")
    static let numaSpanningEnabled = Parameter<Bool>("NumaSpanningEnabled")
    static let enableEnhancedSessionMode = Parameter<Bool>("EnableEnhancedSessionMode")
    static let declaration = CmdletDeclaration("Set-VMHost", parameters: [
        maximumStorageMigrations, maximumVirtualMachineMigrations, virtualMachineMigrationAuthenticationType,
        useAnyNetworkForMigration, virtualMachineMigrationPerformanceOption, resourceMeteringSaveInterval, fibreChannelWwnn,
        fibreChannelWwpnMaximum, fibreChannelWwpnMinimum, macAddressMaximum, macAddressMinimum, virtualHardDiskPath,
        virtualMachinePath, numaSpanningEnabled, enableEnhancedSessionMode, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.host[0]], synopsis: "Changes this Hyper-V host's settings (paths, dynamic MAC address range).")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        guard try context.shouldProcess(target: host.info.computerName) else { return }
        try context.reportingFailures {
            try host.setHost(virtualMachinePath: context[Self.virtualMachinePath], virtualHardDiskPath: context[Self.virtualHardDiskPath],
                             macMinimum: context[Self.macAddressMinimum], macMaximum: context[Self.macAddressMaximum],
                             enableEnhancedSessionMode: context[Self.enableEnhancedSessionMode],
                             numaSpanningEnabled: context[Self.numaSpanningEnabled])
            if context[HyperVParameters.passthru] { try context.writeObject(try hostObject(host)) }
        }
    }
}

private func vhdObject(_ disk: VirtualDisk, _ host: HyperVHost) throws -> PSValue {
    let attached = try host.allVMs().records.contains { vm in vm.hardDrives.contains { $0.path == disk.path } }
    return .object(MachineObjects.virtualHardDisk.make((disk, host.info.computerName, attached)))
}

/// New-VHD: `.vhd` files are real VHDs (fixed or dynamic); `.vhdx` files are raw images (see VirtualDisk).
final class NewVHDCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipeline: true,
                                          valueFromPipelineByPropertyName: true)
    static let parentPath = Parameter<String>("ParentPath", position: 1, mandatory: true, sets: ["Differencing"])
    static let sizeBytes = Parameter<UInt64>("SizeBytes", memberships: [
        ParameterSetMembership(setName: "FixedWithoutSource", position: 1, mandatory: true),
        ParameterSetMembership(setName: "DynamicWithoutSource", position: 1, mandatory: true),
        ParameterSetMembership(setName: "Differencing", position: 2),
    ])
    static let sourceDisk = Parameter<UInt32>("SourceDisk", aliases: ["Number"], mandatory: true, valueFromPipelineByPropertyName: true,
                                              sets: ["FixedWithSource", "DynamicWithSource"])
    static let dynamic = Parameter<SwitchParameter>("Dynamic", memberships: [
        ParameterSetMembership(setName: "DynamicWithSource", mandatory: true), ParameterSetMembership(setName: "DynamicWithoutSource"),
    ])
    static let fixed = Parameter<SwitchParameter>("Fixed", mandatory: true, sets: ["FixedWithSource", "FixedWithoutSource"])
    static let differencing = Parameter<SwitchParameter>("Differencing", sets: ["Differencing"])
    static let blockSizeBytes = Parameter<UInt32>("BlockSizeBytes")
    static let logicalSectorSizeBytes = Parameter<UInt32>("LogicalSectorSizeBytes", sets: ["FixedWithoutSource", "DynamicWithoutSource"],
                                                          validate: [.set(["512", "4096"])])
    static let physicalSectorSizeBytes = Parameter<UInt32>("PhysicalSectorSizeBytes",
                                                           sets: ["Differencing", "FixedWithoutSource", "DynamicWithoutSource"],
                                                           validate: [.set(["512", "4096"])])
    static let declaration = CmdletDeclaration("New-VHD", parameters: [
        path, parentPath, sizeBytes, sourceDisk, dynamic, fixed, differencing, blockSizeBytes, logicalSectorSizeBytes,
        physicalSectorSizeBytes, HyperVParameters.asJob,
    ] + HyperVParameters.remoting, defaultParameterSet: "DynamicWithoutSource", supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Creates a virtual hard disk (.vhd: real VHD; .vhdx: raw image).")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let size = context[Self.sizeBytes] ?? 0
        let type: VhdType = context[Self.fixed] ? .Fixed : context[Self.differencing] ? .Differencing : .Dynamic
        for path in context[Self.path] ?? [] {
            let full = path.hasPrefix("/") ? path : (context.session.currentDirectory as NSString).appendingPathComponent(path)
            guard try context.shouldProcess(target: full) else { continue }
            try context.reportingFailures {
                if context.isBound(Self.sourceDisk) {
                    throw HyperVError("hvsh cannot copy physical disks into virtual hard disks.", errorId: "NotSupported", category: .notImplemented)
                }
                let disk = try VirtualDisk.create(path: full, sizeBytes: size, type: type)
                try context.writeObject(try vhdObject(disk, host))
            }
        }
    }
}

final class GetVHDCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", aliases: ["FullName"], position: 0, mandatory: true,
                                          valueFromPipeline: true, valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let vmId = Parameter<[PSValue]>("VMId", type: .array(.guid), mandatory: true, valueFromPipelineByPropertyName: true,
                                           sets: ["VMId"])
    static let declaration = CmdletDeclaration("Get-VHD", parameters: [path, vmId] + HyperVParameters.remoting,
        defaultParameterSet: "Path", outputTypes: [HyperVTypeNames.virtualHardDisk[0]],
        synopsis: "Shows what a virtual hard disk file is.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        var paths = context[Self.path] ?? []
        if let ids = context[Self.vmId] {
            for text in ids.map({ PSConvert.toString($0) }) {
                if let id = UUID(uuidString: text), let vm = try host.vm(id: id) { paths += vm.hardDrives.map(\.path).filter { !$0.isEmpty } }
            }
        }
        for path in paths {
            let full = path.hasPrefix("/") ? path : (context.session.currentDirectory as NSString).appendingPathComponent(path)
            try context.reportingFailures { try context.writeObject(try vhdObject(try VirtualDisk.inspect(path: full), host)) }
        }
    }
}
