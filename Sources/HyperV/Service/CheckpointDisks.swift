import Foundation
import VirtualDisk

/// The disk files of checkpoints, kept as Hyper-V keeps them. A checkpoint freezes each hard disk: the file
/// the VM used becomes the checkpoint's (read-only from then on) and the VM goes on in a new differencing disk
/// on top of it, `<disk>_<GUID>.avhdx` beside it. Applying a checkpoint discards the VM's current differencing
/// disks and starts new ones on the checkpoint's files. Removing a checkpoint merges: the one differencing disk
/// made on top of the checkpoint's file is merged into it, and whoever used that disk uses the file instead.
enum CheckpointDisks {
    /// Hyper-V's name for the differencing disk made on `parent`: the base disk's name, `_`, a new GUID in
    /// upper case, `.avhdx` (`.avhd` on a VHD), in the parent's folder.
    static func differencingPath(on parent: String, id: UUID = UUID()) -> String {
        let folder = (parent as NSString).deletingLastPathComponent
        let file = (parent as NSString).lastPathComponent
        var name = (file as NSString).deletingPathExtension
        // A child of a child keeps the base disk's name: strip the GUID an earlier checkpoint added.
        if let underscore = name.lastIndex(of: "_"), UUID(uuidString: String(name[name.index(after: underscore)...])) != nil {
            name = String(name[..<underscore])
        }
        let isVHD = ["vhd", "avhd"].contains((file as NSString).pathExtension.lowercased())
        return (folder as NSString).appendingPathComponent("\(name)_\(id.uuidString.uppercased()).\(isVHD ? "avhd" : "avhdx")")
    }

    /// A new differencing disk on `parent` (of the parent's format); nil when `parent` is a raw image (which
    /// earlier hvsh versions wrote under a .vhdx name): it cannot have one, and stays outside checkpoints.
    static func createDifferencing(on parent: String, operation: String, vm: VMConfiguration) throws -> String? {
        let child = differencingPath(on: parent)
        do throws(DiskError) {
            let format = try DiskFiles.info(parent).format
            try DiskFiles.create(child, DiskCreateOptions(format: format, type: .differencing, parentPath: parent))
        } catch {
            if error.kind == .notVirtualDisk { return nil }
            throw failure(vm, operation, error)
        }
        return child
    }

    /// Puts every hard disk of `vm` under a new differencing disk; returns the files replaced (old -> new).
    /// Nothing is left behind when one of them fails.
    static func addDifferencingDisks(to vm: VMConfiguration, operation: String) throws -> [String: String] {
        var made: [String: String] = [:]
        do {
            for path in Set(vm.hardDrives.map(\.path)) where !path.isEmpty {
                if let child = try createDifferencing(on: path, operation: operation, vm: vm) { made[path] = child }
            }
        } catch {
            for child in made.values { try? FileManager.default.removeItem(atPath: child) }
            throw error
        }
        return made
    }

    static func replacing(_ vm: VMConfiguration, _ replacements: [String: String]) -> VMConfiguration {
        var changed = vm
        for index in changed.hardDrives.indices {
            if let new = replacements[changed.hardDrives[index].path] { changed.hardDrives[index].path = new }
        }
        return changed
    }

    /// The parent of a differencing disk, nil for any other file (or one that cannot be read).
    static func parent(of path: String) -> String? {
        guard let info = try? DiskFiles.info(path), info.type == .differencing else { return nil }
        return info.parentPath.map(normalized)
    }

    /// Paths compared as files: `a//b/./c` and `a/b/c` name the same disk.
    static func normalized(_ path: String) -> String { (path as NSString).standardizingPath }

    /// Applying a checkpoint discards the VM's state since then: its differencing disks that checkpoints made
    /// (a parent some checkpoint holds) and that no checkpoint holds itself are deleted.
    static func discardCurrentDisks(of vm: VMConfiguration, checkpoints: [SnapshotRecord]) {
        let kept = Set(checkpoints.flatMap { $0.configuration.hardDrives.map(\.path) })
        for path in Set(vm.hardDrives.map(\.path)) where !path.isEmpty && !kept.contains(path) {
            guard let parent = parent(of: path), kept.map(normalized).contains(parent) else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Merges what removing `removed` frees, newest first: for each file a removed checkpoint held that no
    /// remaining checkpoint holds, if exactly one known disk was made on it, that disk is merged into it.
    /// `vm` and `remaining` get the file in place of the merged disk; returns the files replaced (old -> new).
    static func mergeAfterRemoving(_ removed: [SnapshotRecord], vm: inout VMConfiguration, remaining: inout [SnapshotRecord],
                                   operation: String) throws -> [String: String] {
        var replaced: [String: String] = [:]
        func known() -> Set<String> {
            Set((vm.hardDrives.map(\.path) + (remaining + removed).flatMap { $0.configuration.hardDrives.map(\.path) }).filter { !$0.isEmpty })
        }
        for record in removed.sorted(by: { $0.creationTime > $1.creationTime }) {
            for frozen in Set(record.configuration.hardDrives.map(\.path)) where !frozen.isEmpty {
                let frozenNow = replaced[frozen] ?? frozen
                let stillHeld = remaining.contains { $0.configuration.hardDrives.contains { $0.path == frozenNow } }
                    || vm.hardDrives.contains { $0.path == frozenNow }
                guard !stillHeld else { continue }
                let files = known()
                let children = files.filter { parent(of: $0) == normalized(frozenNow) }
                guard children.count == 1, let child = children.first else { continue }
                let grandchildren = files.filter { parent(of: $0) == normalized(child) }
                do {
                    try DiskFiles.merge(child)
                    for grandchild in grandchildren { try relink(grandchild, to: frozenNow, within: files) }
                } catch { throw failure(vm, operation, error) }
                for (old, new) in replaced where new == child { replaced[old] = frozenNow }
                replaced[child] = frozenNow
                vm = replacing(vm, [child: frozenNow])
                for index in remaining.indices {
                    remaining[index].configuration = replacing(remaining[index].configuration, [child: frozenNow])
                }
            }
        }
        return replaced
    }

    /// Points `path` at its new parent after a merge. The parent's data is what this disk was made on, but
    /// the file changed, so this disk records the new identity, and so must every disk made on this one.
    static func relink(_ path: String, to parent: String, within files: Set<String>) throws {
        let children = files.filter { self.parent(of: $0) == normalized(path) }
        try DiskFiles.setParent(path, parentPath: parent, ignoreIdentityMismatch: true)
        for child in children { try relink(child, to: path, within: files) }
    }

    static func failure(_ vm: VMConfiguration, _ operation: String, _ error: any Error) -> HyperVError {
        if let error = error as? HyperVError { return error }
        return HyperVError.invalidState(vm: vm, operation: operation, reason: HyperVHost.sentence("\(error)"))
    }
}
