import Foundation
import PSRuntime
import VirtualDisk

/// Parameters the VHD cmdlets share.
enum VHDParameters {
    /// `-Path` of the cmdlets that take several disks (alias FullName, from the pipeline too).
    static let paths = Parameter<[String]>("Path", aliases: ["FullName"], position: 0, mandatory: true,
                                           valueFromPipeline: true, valueFromPipelineByPropertyName: true)
}

extension CmdletContext {
    /// A path as this host's absolute path, through the session's one resolver (`\\` or `/`,
    /// relative to the current location, drive paths such as `C:\\VMs\\a.vhdx`); a path on a drive
    /// that does not exist is PowerShell's DriveNotFound error.
    func diskPath(_ path: String) throws -> String {
        do { return try session.locate(path).real } catch { throw PSRuntimeError(error.record(for: self)) }
    }

    /// `diskPath` for an optional parameter value; nil and empty (which clear a setting) stay as given.
    func diskPath(_ path: String?) throws -> String? {
        guard let path, !path.isEmpty else { return path }
        return try diskPath(path)
    }

    /// Runs `change` on each -Path the user confirms, as an absolute path; a disk's failure is reported
    /// and the next disk is tried, as Hyper-V's disk cmdlets do.
    func forEachConfirmedDisk(_ change: (String) throws -> Void) throws {
        for path in self[VHDParameters.paths] ?? [] {
            let full = try diskPath(path)
            guard try shouldProcess(target: full) else { continue }
            try reporting { try change(full) }
        }
    }

    /// Writes the VirtualHardDisk object for `info`.
    func writeDisk(_ info: DiskInfo, _ host: HyperVHost) throws {
        try writeObject(.object(MachineObjects.virtualHardDisk.make(try VirtualHardDisks.record(info, host: host))))
    }
}

/// New-VHD: VHD or VHDX (by the path's extension), fixed, dynamic or differencing, written by the
/// VirtualDisk library as the published formats define them.
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
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Creates a VHD or VHDX file: fixed, dynamic or differencing.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        // -ParentPath alone selects the Differencing set; -Differencing is optional there.
        let type: DiskType = context[Self.fixed] ? .fixed : context.isBound(Self.parentPath) ? .differencing : .dynamic
        for path in context[Self.path] ?? [] {
            let full = try context.diskPath(path)
            guard try context.shouldProcess(target: full) else { continue }
            try context.reporting {
                if context.isBound(Self.sourceDisk) {
                    throw HyperVError("hvsh cannot copy physical disks into virtual hard disks.", errorId: "NotSupported", category: .notImplemented)
                }
                let format = try VirtualHardDisks.format(of: full)
                var parent: String?
                if type == .differencing, let given = context[Self.parentPath] {
                    parent = try context.diskPath(given)
                    // The parent of a running VM's disk is being written: no child can be made of it.
                    try VirtualHardDisks.refuseIfInUse(parent!, .create, host: host)
                }
                let directory = (full as NSString).deletingLastPathComponent
                try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let options = DiskCreateOptions(format: format, type: type, size: context[Self.sizeBytes] ?? 0,
                                                blockSize: context[Self.blockSizeBytes],
                                                logicalSectorSize: context[Self.logicalSectorSizeBytes],
                                                physicalSectorSize: context[Self.physicalSectorSizeBytes], parentPath: parent)
                let info = try VirtualHardDisks.attempt(.create) { () throws(DiskError) in try DiskFiles.create(full, options) }
                try context.writeDisk(info, host)
            }
        }
    }
}

/// Get-VHD: what a disk file is, by path or for the disks of VMs.
final class GetVHDCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", aliases: ["FullName"], position: 0, mandatory: true,
                                          valueFromPipeline: true, valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let vmId = Parameter<[PSValue]>("VMId", type: .array(.guid), mandatory: true, valueFromPipelineByPropertyName: true,
                                           sets: ["VMId"])
    static let declaration = CmdletDeclaration("Get-VHD", parameters: [path, vmId] + HyperVParameters.remoting,
        defaultParameterSet: "Path", outputTypes: [HyperVTypeNames.virtualHardDisk[0]],
        synopsis: "Shows a virtual hard disk file's format, type, sizes, parent and identity.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        var paths = try (context[Self.path] ?? []).map { try context.diskPath($0) }
        if let ids = context[Self.vmId] {
            for text in ids.map({ PSConvert.toString($0) }) {
                if let id = UUID(uuidString: text), let vm = try host.vm(id: id) { paths += vm.hardDrives.map(\.path).filter { !$0.isEmpty } }
            }
        }
        for full in paths {
            try context.reporting {
                try context.writeDisk(try VirtualHardDisks.attempt(.get) { () throws(DiskError) in try DiskFiles.info(full) }, host)
            }
        }
    }
}

/// Test-VHD: True when the disk and its whole chain open and check out; otherwise the problem as
/// an error and False.
final class TestVHDCommand: Cmdlet {
    static let supportPersistentReservations = Parameter<SwitchParameter>("SupportPersistentReservations")
    static let declaration = CmdletDeclaration("Test-VHD", parameters: [VHDParameters.paths, supportPersistentReservations]
        + HyperVParameters.remoting, outputTypes: ["System.Boolean"],
        synopsis: "Tests whether a virtual hard disk and its parents are usable.")

    func process(_ context: CmdletContext) throws {
        for path in context[VHDParameters.paths] ?? [] {
            let full = try context.diskPath(path)
            switch DiskFiles.test(full) {
            case .success:
                try context.writeObject(.true)
            case .failure(let failure):
                try context.writeFailure(VirtualHardDisks.error(failure, .test))
                try context.writeObject(.false)
            }
        }
    }
}
