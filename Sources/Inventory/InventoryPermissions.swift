import Foundation
import LinuxSystem

/// Keeps the store private to its owner: the home 0700, its folders 0700, its files 0600.
///
/// Why not a group (libvirt's way, a `libvirt` group that may read and drive the daemon's state):
/// hvsh has no daemon; every command is a process of the user who runs it, and a root inventory is
/// only driven by root. A group would let its members hold the lock (freezing every root command)
/// and read notes and kernel command lines, and buy nothing a non-root user needs: such a user gets
/// an inventory of their own under `~/.local/share/hvsh`.
///
/// Homes made by older hvsh versions were 0755 with 0644 files; opening one tightens it, once (a
/// home already 0700 is left alone, so this costs one stat per open). The runtime folder `run/`
/// belongs to the VM workers and is left as they made it; the home's 0700 already keeps others
/// out of it.
enum InventoryPermissions {
    static let runtimeFolder = "run"

    static func tighten(_ root: String) throws {
        let info: FileStatus
        do { info = try FileSystem.status(root) } catch { throw FileSystemCalls.fail(root, "Reading the mode of", error) }
        guard info.isDirectory else {
            throw FileSystemCalls.refused(root, "the inventory home is \(info.kindDescription), not a directory")
        }
        // Only the owner can change modes; another user's (readable) home is theirs to fix.
        guard info.permissions & 0o077 != 0, info.owner == geteuid() else { return }
        // Contents first, the home last: if this is interrupted, the next open sees a loose home
        // and finishes the job.
        for name in try FileSystemCalls.listDirectory(root) where name != runtimeFolder {
            let path = "\(root)/\(name)"
            guard let entry = try? FileSystem.linkStatus(path) else { continue }
            if entry.isDirectory {
                try setMode(path, FileSystemCalls.privateDirectory, from: entry)
                for inner in try FileSystemCalls.listDirectory(path) {
                    let innerPath = "\(path)/\(inner)"
                    if let file = try? FileSystem.linkStatus(innerPath), file.isRegularFile {
                        try setMode(innerPath, FileSystemCalls.privateFile, from: file)
                    }
                }
            } else if entry.isRegularFile {
                try setMode(path, FileSystemCalls.privateFile, from: entry)
            }
        }
        try setMode(root, FileSystemCalls.privateDirectory, from: info)
    }

    private static func setMode(_ path: String, _ mode: mode_t, from info: FileStatus) throws {
        // Tighten, never widen: keep any bit the owner removed (a read-only file stays read-only).
        let wanted = info.permissions & mode
        guard wanted != info.permissions else { return }
        do { try FileSystem.setPermissions(path, wanted) } catch { throw FileSystemCalls.fail(path, "Changing the mode of", error) }
    }
}
