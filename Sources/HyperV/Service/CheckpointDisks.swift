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

    /// Whether `path` is a differencing disk a checkpoint made (`<name>_<GUID>.avhdx`, `.avhd`): only those are
    /// deleted or merged away by checkpoint removal; a user's own disks never are.
    static func isCheckpointDisk(_ path: String) -> Bool {
        ["avhdx", "avhd"].contains((path as NSString).pathExtension.lowercased())
    }

    /// After checkpoints are removed, brings the VM's disk tree back to what the remaining checkpoints need, as
    /// Hyper-V does, until nothing changes: a checkpoint disk that nothing holds and that has no child is
    /// deleted (a branch nobody can reach any more); a file that nothing holds and that has exactly one child
    /// gets that child merged into it, and whoever used the child uses the file. A file with two children (a
    /// checkpoint tree, not a line) stays until one branch goes. Files that are not checkpoint disks and not
    /// parents of checkpoint disks (a shared golden parent under a VM's own differencing disk) are never
    /// touched. `vm` and `remaining` get the new files; returns the files replaced (old -> new).
    static func mergeAfterRemoving(_ removed: [SnapshotRecord], vm: inout VMConfiguration, remaining: inout [SnapshotRecord],
                                   operation: String) throws -> [String: String] {
        var replaced: [String: String] = [:]
        // The VM's disk tree: every file a checkpoint or the VM uses, with their parents, down to the bases.
        var files = Set<String>()
        var parents: [String: String] = [:]
        var queue = (vm.hardDrives.map(\.path) + (remaining + removed).flatMap { $0.configuration.hardDrives.map(\.path) })
            .filter { !$0.isEmpty }.map(normalized)
        while let path = queue.popLast() {
            guard files.insert(path).inserted else { continue }
            if let parent = parent(of: path) {
                parents[path] = parent
                queue.append(parent)
            }
        }
        func held(_ path: String) -> Bool {
            vm.hardDrives.contains { normalized($0.path) == path }
                || remaining.contains { $0.configuration.hardDrives.contains { normalized($0.path) == path } }
        }
        func children(of path: String) -> [String] { files.filter { parents[$0] == path }.sorted() }
        func replace(_ old: String, with new: String) {
            for (from, to) in replaced where to == old { replaced[from] = new }
            replaced[old] = new
            vm = replacing(vm, [old: new])
            for index in remaining.indices {
                remaining[index].configuration = replacing(remaining[index].configuration, [old: new])
            }
        }
        var changed = true
        while changed {
            changed = false
            for path in files.sorted() where !held(path) {
                let below = children(of: path)
                if below.isEmpty {
                    guard isCheckpointDisk(path) else { continue }
                    do { try FileManager.default.removeItem(atPath: path) } catch { throw failure(vm, operation, error) }
                    files.remove(path)
                    parents[path] = nil
                    changed = true
                } else if below.count == 1, let child = below.first, isCheckpointDisk(child) {
                    let grandchildren = children(of: child)
                    do {
                        try DiskFiles.merge(child)
                        for grandchild in grandchildren { try relink(grandchild, to: path, parents: parents) }
                    } catch { throw failure(vm, operation, error) }
                    files.remove(child)
                    parents[child] = nil
                    for grandchild in grandchildren { parents[grandchild] = path }
                    // The vm's and the records' paths are as stored; the merged child is replaced in both spellings.
                    for stored in Set((vm.hardDrives + remaining.flatMap(\.configuration.hardDrives)).map(\.path))
                    where normalized(stored) == child { replace(stored, with: path) }
                    replace(child, with: path)
                    changed = true
                }
                if changed { break }
            }
        }
        return replaced
    }

    /// Points `path` at its new parent after a merge. The parent's data is what this disk was made on, but
    /// the file changed, so this disk records the new identity, and so must every disk made on this one.
    static func relink(_ path: String, to parent: String, parents: [String: String]) throws {
        let children = parents.filter { $0.value == path }.map(\.key)
        try DiskFiles.setParent(path, parentPath: parent, ignoreIdentityMismatch: true)
        for child in children { try relink(child, to: path, parents: parents) }
    }

    static func failure(_ vm: VMConfiguration, _ operation: String, _ error: any Error) -> HyperVError {
        if let error = error as? HyperVError { return error }
        return HyperVError.invalidState(vm: vm, operation: operation, reason: HyperVHost.sentence("\(error)"))
    }
}
