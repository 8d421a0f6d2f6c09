import Foundation
import VirtualDisk

/// What a VirtualHardDisk object shows: the file's properties, the host's name, and whether a VM
/// has the disk attached (open: a running VM's drive; an Off VM's drive is a file nobody has open).
public struct VirtualHardDiskRecord: Sendable {
    public var info: DiskInfo
    public var computerName: String
    public var attached: Bool
}

/// The VHD cmdlets' service side: Hyper-V's rules around the VirtualDisk library (file extensions,
/// disks in use by VMs) and Hyper-V's error texts for the library's failures.
public enum VirtualHardDisks {
    /// The VHD operations, as Hyper-V's messages name them.
    public enum Operation: String, Sendable {
        case create, get, test, resize, convert, merge, compact, setParent
    }

    /// The format a path's extension asks for (`.vhd`/`.avhd`, `.vhdx`/`.avhdx`).
    public static func format(of path: String) throws -> DiskFormat {
        switch (path as NSString).pathExtension.lowercased() {
        case "vhd", "avhd": return .vhd
        case "vhdx", "avhdx": return .vhdx
        default:
            throw HyperVError("Failed to create the virtual hard disk.\nThe file name '\(path)' does not end in a virtual hard disk extension (.vhd, .vhdx).",
                              errorId: "InvalidParameter", category: .invalidArgument, target: path)
        }
    }

    /// The VMs (by name) whose hard disks use `path`, as the drive's own file or as a parent in its chain, and
    /// whether each is running (not Off).
    public static func attachments(of path: String, host: HyperVHost) throws -> [(vm: String, running: Bool, leaf: Bool)] {
        let target = CheckpointDisks.normalized(path)
        var result: [(String, Bool, Bool)] = []
        for vm in try host.allVMs().records {
            let drives = vm.hardDrives.map(\.path).filter { !$0.isEmpty }
            let leaf = drives.contains { CheckpointDisks.normalized($0) == target }
            guard leaf || drives.contains(where: { chain(of: $0).dropFirst().contains(target) }) else { continue }
            result.append((vm.name, host.status(of: vm).state != .Off, leaf))
        }
        return result
    }

    /// A disk file and its parents, as far as they can be found.
    static func chain(of path: String) -> [String] {
        var files = [CheckpointDisks.normalized(path)]
        while files.count < 128, let parent = CheckpointDisks.parent(of: files[files.count - 1]), !files.contains(parent) {
            files.append(parent)
        }
        return files
    }

    /// Hyper-V refuses to change a disk a running VM has open: the file is in use. A running VM holds the
    /// parents of its disks open too (read-only), so they are in use as well.
    public static func refuseIfInUse(_ path: String, _ operation: Operation, host: HyperVHost) throws {
        if let vm = try attachments(of: path, host: host).first(where: \.running) {
            throw error(DiskError(.inUse, path, "in use by '\(vm.vm)'"), operation)
        }
    }

    /// A disk that differencing disks of VMs or checkpoints were made on must keep its content and size:
    /// changing it would break every child (their data is relative to it). Hyper-V's checkpoints keep the
    /// same rule by holding those files open.
    public static func refuseIfParent(_ path: String, _ operation: Operation, host: HyperVHost) throws {
        let target = CheckpointDisks.normalized(path)
        var drives = try host.allVMs().records.flatMap { $0.hardDrives.map(\.path) }
        drives += try host.allSnapshots().records.flatMap { $0.configuration.hardDrives.map(\.path) }
        for drive in Set(drives) where !drive.isEmpty {
            let files = chain(of: drive)
            if let index = files.firstIndex(of: target), index > 0 {
                throw error(DiskError(.readOnly, path, "The virtual hard disk is the parent of the differencing disk '\(files[index - 1])'; changing it would break that chain."), operation)
            }
        }
    }

    public static func record(_ info: DiskInfo, host: HyperVHost) throws -> VirtualHardDiskRecord {
        VirtualHardDiskRecord(info: info, computerName: host.info.computerName,
                              attached: try attachments(of: info.path, host: host).contains { $0.leaf && $0.running })
    }

    /// Hyper-V's message layout: what failed, then the system's reason.
    public static func error(_ failure: DiskError, _ operation: Operation) -> HyperVError {
        let path = failure.path
        let reason: String
        var category: HyperVError.Category = .invalidOperation
        var errorId = "InvalidOperation"
        switch failure.kind {
        case .notFound:
            if operation == .get || operation == .test {
                return HyperVError("'\(path)' is not an existing virtual hard disk file.", errorId: "InvalidParameter",
                                   category: .invalidArgument, target: path)
            }
            reason = "The system cannot find the file specified. (0x80070002)"
            (category, errorId) = (.objectNotFound, "ObjectNotFound")
        case .exists:
            reason = "The file exists. (0x80070050)"
            (category, errorId) = (.resourceExists, "InvalidParameter")
        case .inUse:
            reason = "The process cannot access the file because it is being used by another process. (0x80070020)"
            (category, errorId) = (.resourceUnavailable, "ObjectInUse")
        case .parentNotFound:
            reason = "The chain of virtual hard disks is broken. The system cannot locate the parent virtual hard disk for the differencing disk. (0xC03A000D) " + failure.message
            (category, errorId) = (.objectNotFound, "ObjectNotFound")
        case .parentMismatch:
            reason = "The chain of virtual hard disks is corrupted. There is a mismatch in the identifiers of the parent virtual hard disk and differencing disk. (0xC03A000E) " + failure.message
            (category, errorId) = (.invalidData, "InvalidOperation")
        case .corrupt, .truncated:
            reason = "The file or directory is corrupted and unreadable. (0x80070570) " + failure.message
            (category, errorId) = (.invalidData, "InvalidOperation")
        case .notVirtualDisk:
            reason = "The system does not recognize the file format of this virtual hard disk. (0xC03A0004) " + failure.message
            (category, errorId) = (.invalidData, "InvalidOperation")
        case .invalidArgument:
            reason = failure.message
            (category, errorId) = (.invalidArgument, "InvalidParameter")
        case .unsupported:
            reason = failure.message
            (category, errorId) = (.invalidOperation, "NotSupported")
        case .readOnly, .system:
            reason = failure.message
        }
        let (headline, verb): (String, String) = switch operation {
        case .create: ("Failed to create the virtual hard disk.", "create")
        case .get: ("Failed to get the virtual hard disk information.", "open")
        case .test: ("The virtual hard disk is not usable.", "open")
        case .resize: ("Failed to resize the virtual disk.", "resize")
        case .convert: ("Failed to convert the virtual hard disk.", "convert")
        case .merge: ("Failed to merge the virtual disk.", "merge")
        case .compact: ("Failed to compact the virtual disk.", "compact")
        case .setParent: ("Failed to set the parent of the virtual hard disk.", "modify")
        }
        return HyperVError("\(headline)\nThe system failed to \(verb) '\(path)': \(reason)", errorId: errorId, category: category, target: path)
    }

    /// Runs a library call, turning its failure into Hyper-V's error for `operation`.
    public static func attempt<T>(_ operation: Operation, _ body: () throws(DiskError) -> T) throws -> T {
        do { return try body() } catch { throw Self.error(error, operation) }
    }

    /// New-VM -NewVHDPath: a dynamic disk of the path's format, its folder made as needed.
    public static func createForNewVM(path: String, size: UInt64) throws -> DiskInfo {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let format = try format(of: path)
        return try attempt(.create) { () throws(DiskError) in
            try DiskFiles.create(path, DiskCreateOptions(format: format, type: .dynamic, size: size))
        }
    }
}

extension DiskFormat {
    var vhdFormat: VhdFormat { self == .vhd ? .VHD : .VHDX }
}

extension DiskType {
    var vhdType: VhdType {
        switch self {
        case .fixed: return .Fixed
        case .dynamic: return .Dynamic
        case .differencing: return .Differencing
        }
    }
}
