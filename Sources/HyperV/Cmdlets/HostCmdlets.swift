import Foundation
import Inventory
import PSRuntime

private func hostObject(_ host: HyperVHost) throws -> PSValue {
    .object(MachineObjects.host.make(HostView(info: host.info, settings: try host.hostSettings(), pool: try host.macAddressPool())))
}

final class GetVMHostCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VMHost", parameters: [
        ParameterDeclaration("ComputerName", .array(.string), position: 0, sets: ["ComputerName"]),
        ParameterDeclaration("Credential", .array(.object), position: 1, sets: ["ComputerName"]),
        ParameterDeclaration("CimSession", .array(.object), position: 0, mandatory: true, sets: ["CimSession"]),
    ], defaultParameterSet: "ComputerName", outputTypes: [HyperVTypeNames.host[0]], synopsis: "Shows this Hyper-V host's settings.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        try context.reportingFailures { try context.writeObject(try hostObject(host)) }
    }
}

final class SetVMHostCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Set-VMHost", parameters: [
        ParameterDeclaration("MaximumStorageMigrations", .uint32),
        ParameterDeclaration("MaximumVirtualMachineMigrations", .uint32),
        ParameterDeclaration("VirtualMachineMigrationAuthenticationType", .string),
        ParameterDeclaration("UseAnyNetworkForMigration", .bool),
        ParameterDeclaration("VirtualMachineMigrationPerformanceOption", .string),
        ParameterDeclaration("ResourceMeteringSaveInterval", .timeSpan),
        ParameterDeclaration("FibreChannelWwnn", .string),
        ParameterDeclaration("FibreChannelWwpnMaximum", .string),
        ParameterDeclaration("FibreChannelWwpnMinimum", .string),
        ParameterDeclaration("MacAddressMaximum", .string),
        ParameterDeclaration("MacAddressMinimum", .string),
        ParameterDeclaration("VirtualHardDiskPath", .string),
        ParameterDeclaration("VirtualMachinePath", .string),
        ParameterDeclaration("NumaSpanningEnabled", .bool),
        ParameterDeclaration("EnableEnhancedSessionMode", .bool),
        ParameterDeclaration("Passthru", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.host[0]], synopsis: "Changes this Hyper-V host's settings (paths, dynamic MAC address range).")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        guard try context.shouldProcess(target: host.info.computerName) else { return }
        try context.reportingFailures {
            try host.setHost(virtualMachinePath: context.string("VirtualMachinePath"), virtualHardDiskPath: context.string("VirtualHardDiskPath"),
                             macMinimum: context.string("MacAddressMinimum"), macMaximum: context.string("MacAddressMaximum"),
                             enableEnhancedSessionMode: context.bool("EnableEnhancedSessionMode"),
                             numaSpanningEnabled: context.bool("NumaSpanningEnabled"))
            if context.passthru() { try context.writeObject(try hostObject(host)) }
        }
    }
}

private func vhdObject(_ disk: VirtualDisk, _ host: HyperVHost) throws -> PSValue {
    let attached = try host.allVMs().records.contains { vm in vm.hardDrives.contains { $0.path == disk.path } }
    return .object(MachineObjects.virtualHardDisk.make((disk, host.info.computerName, attached)))
}

/// New-VHD: `.vhd` files are real VHDs (fixed or dynamic); `.vhdx` files are raw images (see VirtualDisk).
final class NewVHDCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("New-VHD", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("ParentPath", .string, position: 1, mandatory: true, sets: ["Differencing"]),
        ParameterDeclaration("SizeBytes", .uint64, memberships: [
            ParameterSetMembership(setName: "FixedWithoutSource", position: 1, mandatory: true),
            ParameterSetMembership(setName: "DynamicWithoutSource", position: 1, mandatory: true),
            ParameterSetMembership(setName: "Differencing", position: 2),
        ]),
        ParameterDeclaration("SourceDisk", .uint32, aliases: ["Number"], mandatory: true, valueFromPipelineByPropertyName: true,
                             sets: ["FixedWithSource", "DynamicWithSource"]),
        ParameterDeclaration("Dynamic", .switchParameter, memberships: [
            ParameterSetMembership(setName: "DynamicWithSource", mandatory: true), ParameterSetMembership(setName: "DynamicWithoutSource"),
        ]),
        ParameterDeclaration("Fixed", .switchParameter, mandatory: true, sets: ["FixedWithSource", "FixedWithoutSource"]),
        ParameterDeclaration("Differencing", .switchParameter, sets: ["Differencing"]),
        ParameterDeclaration("BlockSizeBytes", .uint32),
        ParameterDeclaration("LogicalSectorSizeBytes", .uint32, sets: ["FixedWithoutSource", "DynamicWithoutSource"], validate: [.set(["512", "4096"])]),
        ParameterDeclaration("PhysicalSectorSizeBytes", .uint32, sets: ["Differencing", "FixedWithoutSource", "DynamicWithoutSource"],
                             validate: [.set(["512", "4096"])]),
        ParameterDeclaration("AsJob", .switchParameter),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "DynamicWithoutSource", supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Creates a virtual hard disk (.vhd: real VHD; .vhdx: raw image).")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        let size = try context["SizeBytes"].map(PSConvert.toInt64).map { UInt64(clamping: $0) } ?? 0
        let type: VhdType = context.switchPresent("Fixed") ? .Fixed : context.switchPresent("Differencing") ? .Differencing : .Dynamic
        for path in context.strings("Path") ?? [] {
            let full = path.hasPrefix("/") ? path : (context.session.currentDirectory as NSString).appendingPathComponent(path)
            guard try context.shouldProcess(target: full) else { continue }
            try context.reportingFailures {
                if context.isBound("SourceDisk") {
                    throw HyperVError("hvsh cannot copy physical disks into virtual hard disks.", errorId: "NotSupported", category: .notImplemented)
                }
                let disk = try VirtualDisk.create(path: full, sizeBytes: size, type: type)
                try context.writeObject(try vhdObject(disk, host))
            }
        }
    }
}

final class GetVHDCmdlet: Cmdlet {
    static let declaration = CmdletDeclaration("Get-VHD", parameters: [
        ParameterDeclaration("Path", .array(.string), aliases: ["FullName"], position: 0, mandatory: true,
                             valueFromPipeline: true, valueFromPipelineByPropertyName: true, sets: ["Path"]),
        ParameterDeclaration("VMId", .array(.guid), mandatory: true, valueFromPipelineByPropertyName: true, sets: ["VMId"]),
    ] + HyperVCmdlet.remotingParameters, defaultParameterSet: "Path",
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Shows what a virtual hard disk file is.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let host = try HyperVSession.current()
        var paths = context.strings("Path") ?? []
        if context.isBound("VMId") {
            for text in context.strings("VMId") ?? [] {
                if let id = UUID(uuidString: text), let vm = try host.vm(id: id) { paths += vm.hardDrives.map(\.path).filter { !$0.isEmpty } }
            }
        }
        for path in paths {
            let full = path.hasPrefix("/") ? path : (context.session.currentDirectory as NSString).appendingPathComponent(path)
            try context.reportingFailures { try context.writeObject(try vhdObject(try VirtualDisk.inspect(path: full), host)) }
        }
    }
}
