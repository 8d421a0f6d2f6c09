import Foundation
import PSRuntime
import VirtualDisk

/// Resize-VHD: grow any disk; shrink a VHDX to a size or to its minimum size (the end of its last
/// partition). A running VM's disk resizes online where Hyper-V allows it (see `resizeOnline`), else it is in use.
final class ResizeVHDCommand: Cmdlet {
    static let sizeBytes = Parameter<UInt64>("SizeBytes", position: 1, mandatory: true, sets: ["Size"])
    static let toMinimumSize = Parameter<SwitchParameter>("ToMinimumSize", mandatory: true, sets: ["MinimumSize"])
    static let allowUnsafeTrim = Parameter<SwitchParameter>("AllowUnsafeTrim")
    static let declaration = CmdletDeclaration("Resize-VHD", parameters: [
        VHDParameters.paths, sizeBytes, toMinimumSize, allowUnsafeTrim, HyperVParameters.passthru, HyperVParameters.asJob,
    ] + HyperVParameters.remoting, defaultParameterSet: "Size", supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Changes the size of a virtual hard disk.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.forEachConfirmedDisk { full in
            // A running VM's drive (a SCSI-attached VHDX) resizes online, through the VM's worker.
            if try host.runningDrive(of: full) != nil {
                try VirtualHardDisks.refuseIfParent(full, .resize, host: host)
                if let info = try host.resizeOnline(full, to: context[Self.toMinimumSize] ? nil : context[Self.sizeBytes] ?? 0) {
                    if context[HyperVParameters.passthru] { try context.writeDisk(info, host) }
                    return
                }
            }
            try VirtualHardDisks.refuseIfInUse(full, .resize, host: host)
            try VirtualHardDisks.refuseIfParent(full, .resize, host: host)
            var size = context[Self.sizeBytes] ?? 0
            if context[Self.toMinimumSize] {
                let info = try VirtualHardDisks.attempt(.resize) { () throws(DiskError) in try DiskFiles.info(full) }
                guard let minimum = info.minimumSize else {
                    throw VirtualHardDisks.error(DiskError(.unsupported, full, "The disk has no partition table, so it has no minimum size."), .resize)
                }
                size = minimum
            }
            let info = try VirtualHardDisks.attempt(.resize) { () throws(DiskError) in try DiskFiles.resize(full, to: size) }
            if context[HyperVParameters.passthru] { try context.writeDisk(info, host) }
        }
    }
}

/// Convert-VHD: a new file of the destination's format (by extension) and the type asked for (the
/// source's by default); -DeleteSource removes the source once the copy is complete.
final class ConvertVHDCommand: Cmdlet {
    static let path = Parameter<String>("Path", aliases: ["FullName"], position: 0, mandatory: true,
                                        valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let destinationPath = Parameter<String>("DestinationPath", position: 1, mandatory: true)
    static let vhdType = Parameter<String>("VHDType", type: .enumType(HyperVEnumTypes.vhdType))
    static let parentPath = Parameter<String>("ParentPath")
    static let blockSizeBytes = Parameter<UInt32>("BlockSizeBytes")
    static let deleteSource = Parameter<SwitchParameter>("DeleteSource")
    static let declaration = CmdletDeclaration("Convert-VHD", parameters: [
        path, destinationPath, vhdType, parentPath, blockSizeBytes, deleteSource, HyperVParameters.passthru, HyperVParameters.asJob,
    ] + HyperVParameters.remoting, supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Copies a virtual hard disk into another format or type.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        guard let given = context[Self.path], let destinationGiven = context[Self.destinationPath] else { return }
        let source = try context.diskPath(given), destination = try context.diskPath(destinationGiven)
        guard try context.shouldProcess(target: source) else { return }
        try context.reporting {
            try VirtualHardDisks.refuseIfInUse(source, .convert, host: host)
            // The source goes afterwards: it must not be a file differencing disks were made on.
            if context[Self.deleteSource] { try VirtualHardDisks.refuseIfParent(source, .convert, host: host) }
            let format = try VirtualHardDisks.format(of: destination)
            let sourceInfo = try VirtualHardDisks.attempt(.convert) { () throws(DiskError) in try DiskFiles.info(source) }
            let type: DiskType
            switch context[Self.vhdType].flatMap(VhdType.init(rawValue:)) {
            case .Fixed?: type = .fixed
            case .Dynamic?: type = .dynamic
            case .Differencing?: type = .differencing
            case .Unknown?, nil: type = sourceInfo.type
            }
            let parent = try context[Self.parentPath].map { try context.diskPath($0) }
            let info = try VirtualHardDisks.attempt(.convert) { () throws(DiskError) in
                try DiskFiles.convert(source, to: destination, format: format, type: type, blockSize: context[Self.blockSizeBytes], parentPath: parent)
            }
            if context[Self.deleteSource] { try? FileManager.default.removeItem(atPath: source) }
            if context[HyperVParameters.passthru] { try context.writeDisk(info, host) }
        }
    }
}

/// Merge-VHD: a differencing disk's data goes into its parent (or down its chain into
/// -DestinationPath) and the merged files are removed.
final class MergeVHDCommand: Cmdlet {
    static let destinationPath = Parameter<String>("DestinationPath", position: 1)
    static let declaration = CmdletDeclaration("Merge-VHD", parameters: [
        VHDParameters.paths, destinationPath, HyperVParameters.force, HyperVParameters.passthru, HyperVParameters.asJob,
    ] + HyperVParameters.remoting, supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Merges differencing disks into their parents.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.forEachConfirmedDisk { full in
            let chain = try VirtualHardDisks.attempt(.merge) { () throws(DiskError) in try DiskImage.open(full).chain }
            for member in chain { try VirtualHardDisks.refuseIfInUse(member, .merge, host: host) }
            let destination: String
            if let given = context[Self.destinationPath] {
                destination = try context.diskPath(given)
                try VirtualHardDisks.attempt(.merge) { () throws(DiskError) in try DiskFiles.merge(full, into: destination) }
            } else {
                destination = try VirtualHardDisks.attempt(.merge) { () throws(DiskError) in try DiskFiles.merge(full) }
            }
            if context[HyperVParameters.passthru] {
                try context.writeDisk(try VirtualHardDisks.attempt(.merge) { () throws(DiskError) in try DiskFiles.info(destination) }, host)
            }
        }
    }
}

/// Optimize-VHD: dynamic and differencing disks give back the blocks that hold nothing. Hyper-V's modes as they
/// run on a disk that is not mounted (hvsh mounts none): Full runs as Prezeroed (the zero-block scan), Quick as
/// Pretrimmed (only blocks the file itself marks unused), Retrim needs a mounted disk. The default is Full for a
/// VHD and Quick for a VHDX, as in Hyper-V.
final class OptimizeVHDCommand: Cmdlet {
    static let mode = Parameter<String>("Mode", type: .enumType(HyperVEnumTypes.vhdCompactMode))
    static let declaration = CmdletDeclaration("Optimize-VHD", parameters: [
        VHDParameters.paths, mode, HyperVParameters.passthru, HyperVParameters.asJob,
    ] + HyperVParameters.remoting, supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Reclaims the unused space of dynamic and differencing disks.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        try context.forEachConfirmedDisk { full in
            try VirtualHardDisks.refuseIfInUse(full, .compact, host: host)
            let format = try VirtualHardDisks.attempt(.compact) { () throws(DiskError) in try DiskFiles.info(full).format }
            let zeroBlocks = try Self.scansForZeroBlocks(context[Self.mode].flatMap(VhdCompactMode.init(rawValue:)), format: format, path: full)
            let info = try VirtualHardDisks.attempt(.compact) { () throws(DiskError) in try DiskFiles.optimize(full, zeroBlocks: zeroBlocks) }
            if context[HyperVParameters.passthru] { try context.writeDisk(info, host) }
        }
    }

    static func scansForZeroBlocks(_ mode: VhdCompactMode?, format: DiskFormat, path: String) throws -> Bool {
        switch mode ?? (format == .vhd ? .Full : .Quick) {
        case .Full, .Prezeroed: return true
        case .Quick, .Pretrimmed: return false
        case .Retrim:
            throw VirtualHardDisks.error(DiskError(.unsupported, path, "The Retrim mode sends the trims of a mounted virtual hard disk to its storage, and '\(path)' is not mounted."), .compact)
        }
    }
}

/// Set-VHD: a differencing disk's parent path, a VHDX's physical sector size, or a disk's identifier.
final class SetVHDCommand: Cmdlet {
    static let path = Parameter<String>("Path", aliases: ["FullName"], position: 0, mandatory: true,
                                        valueFromPipelineByPropertyName: true)
    static let parentPath = Parameter<String>("ParentPath", position: 1, mandatory: true, sets: ["ParentPath"])
    static let leafPath = Parameter<String>("LeafPath", sets: ["ParentPath"])
    static let ignoreIdMismatch = Parameter<SwitchParameter>("IgnoreIdMismatch", sets: ["ParentPath"])
    static let physicalSectorSizeBytes = Parameter<UInt32>("PhysicalSectorSizeBytes", mandatory: true, sets: ["PhysicalSectorSize"],
                                                           validate: [.set(["512", "4096"])])
    static let diskIdentifier = Parameter<String>("DiskIdentifier", mandatory: true, sets: ["DiskIdentifier"])
    static let resetDiskIdentifier = Parameter<SwitchParameter>("ResetDiskIdentifier", mandatory: true, sets: ["ResetDiskIdentifier"])
    static let declaration = CmdletDeclaration("Set-VHD", parameters: [
        path, parentPath, leafPath, ignoreIdMismatch, physicalSectorSizeBytes, diskIdentifier, resetDiskIdentifier,
        HyperVParameters.force, HyperVParameters.passthru,
    ] + HyperVParameters.remoting, defaultParameterSet: "ParentPath", supportsShouldProcess: true,
       outputTypes: [HyperVTypeNames.virtualHardDisk[0]], synopsis: "Sets a differencing disk's parent, a disk's physical sector size or identifier.")

    func process(_ context: CmdletContext) throws {
        let host = try context.service(HyperVHost.self)
        guard let given = context[Self.path] else { return }
        let full = try context.diskPath(given)
        guard try context.shouldProcess(target: full) else { return }
        try context.reporting {
            if let parent = context[Self.parentPath] {
                let parentFull = try context.diskPath(parent), ignore = context[Self.ignoreIdMismatch]
                let change = { () throws -> [String: String] in
                    try VirtualHardDisks.attempt(.setParent) { () throws(DiskError) in
                        try DiskFiles.setParent(full, parentPath: parentFull, ignoreIdentityMismatch: ignore)
                    }
                    return [:]
                }
                // Online (the chain's leaf is a running VM's drive): only with -LeafPath naming that leaf, as
                // Hyper-V asks; the VM pauses while its worker lets go of the chain and takes it back.
                if let leaf = try context.diskPath(context[Self.leafPath]) {
                    try Self.setParentOnline(full, leaf: leaf, host: host, change)
                } else {
                    try VirtualHardDisks.refuseIfInUse(full, .setParent, host: host)
                    _ = try change()
                }
            } else if let size = context[Self.physicalSectorSizeBytes] {
                try VirtualHardDisks.refuseIfInUse(full, .setParent, host: host)
                try VirtualHardDisks.attempt(.setParent) { () throws(DiskError) in try DiskFiles.setPhysicalSectorSize(full, size) }
            } else if context.isBound(Self.diskIdentifier) || context[Self.resetDiskIdentifier] {
                try VirtualHardDisks.refuseIfInUse(full, .setParent, host: host)
                var identifier = GUID.random()
                if let text = context[Self.diskIdentifier] {
                    guard let parsed = GUID(text) else {
                        throw HyperVError("'\(text)' is not a valid disk identifier (a GUID).", errorId: "InvalidParameter",
                                          category: .invalidArgument, target: text)
                    }
                    identifier = parsed
                }
                try VirtualHardDisks.attempt(.setParent) { () throws(DiskError) in try DiskFiles.setDiskIdentifier(full, identifier) }
            }
            if context[HyperVParameters.passthru] {
                try context.writeDisk(try VirtualHardDisks.attempt(.get) { () throws(DiskError) in try DiskFiles.info(full) }, host)
            }
        }
    }

    /// -LeafPath: the disk being changed must be in the leaf's chain; when the leaf is a running VM's drive the
    /// change happens while that VM's worker has let go of its disks.
    static func setParentOnline(_ path: String, leaf: String, host: HyperVHost, _ change: @escaping DiskFileChange) throws {
        guard VirtualHardDisks.chain(of: leaf).contains(CheckpointDisks.normalized(path)) else {
            throw HyperVError("Failed to set the parent of the virtual hard disk.\nThe virtual hard disk '\(path)' is not in the chain of the leaf '\(leaf)'.",
                              errorId: "InvalidParameter", category: .invalidArgument, target: leaf)
        }
        let target = CheckpointDisks.normalized(leaf)
        let vm = try host.allVMs().records.first { vm in
            vm.hardDrives.contains { CheckpointDisks.normalized($0.path) == target } && [.Running, .Paused].contains(host.status(of: vm).state)
        }
        guard let vm else {
            try VirtualHardDisks.refuseIfInUse(path, .setParent, host: host)
            _ = try change()
            return
        }
        try host.changeRunningDisks(vm, operation: "Failed to set the parent of the virtual hard disk.", change)
    }
}
