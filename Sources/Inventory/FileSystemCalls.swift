import Foundation
import LinuxSystem

/// The store's file operations, through LinuxSystem. Each failure becomes an `InventoryError.io` naming
/// the path and the operation, so a user sees which file was the problem.
enum FileSystemCalls {
    static func fail(_ path: String, _ operation: String, _ error: Errno) -> InventoryError {
        .io(path: path, operation: operation, errno: error.rawValue)
    }

    /// mkdir -p; existing directories are fine. Returns true when it created `path` (so the caller
    /// can fsync the parent, which makes the new directory entry itself durable).
    @discardableResult
    static func makeDirectories(_ path: String) throws -> Bool {
        do { return try FileSystem.makeDirectories(path, permissions: privateDirectory) } catch { throw fail(path, "Creating the directory", error) }
    }

    /// A file the store will not read, reported as damaged by path with the reason.
    static func refused(_ path: String, _ reason: String) -> InventoryError {
        .damaged([DamagedFile(path: path, reason: reason)])
    }

    /// The largest config file the store reads; far above any real one (a VM with every device is a
    /// few KB), low enough that a hostile or broken file cannot exhaust memory.
    static let maximumFileSize = 16 << 20

    /// Reads a whole config file; nil when it does not exist. Only a regular file is read: a
    /// symbolic link (to a device, a FIFO or anywhere outside the store) is not followed, and a
    /// FIFO, device, socket or directory is refused by name without blocking on it (O_NONBLOCK
    /// makes opening a FIFO return at once; the type is checked before any read).
    static func readFile(_ path: String) throws -> Data? {
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(path, .readOnly, options: [.noFollow, .nonBlocking])
        } catch Errno.noSuchFile {
            return nil
        } catch Errno.tooManySymbolicLinks {
            throw refused(path, "it is a symbolic link; the inventory reads only regular files")
        } catch {
            throw fail(path, "Reading", error)
        }
        do {
            let info = try file.status()
            guard info.isRegularFile else {
                throw refused(path, "it is \(info.kindDescription); the inventory reads only regular files")
            }
            guard info.size <= maximumFileSize else {
                throw refused(path, "it is \(info.size) bytes, more than the \(maximumFileSize >> 20) MB a configuration file may have")
            }
            let bytes = try file.readToEnd()
            guard bytes.count <= maximumFileSize else {
                throw refused(path, "it grew beyond \(maximumFileSize >> 20) MB while it was read")
            }
            return Data(bytes)
        } catch let error as Errno {
            throw fail(path, "Reading", error)
        }
    }

    /// Writes `bytes` to `path` so that a reader or a crash sees either the old file or the new one,
    /// never a mix. By default the caller fsyncs the directory (once per batch) to make the rename
    /// itself durable. Files are private to the owner (0600): configs hold notes and command lines.
    static func writeAtomically(_ bytes: some Collection<UInt8>, to path: String,
                                durability: AtomicFile.Durability = .fileSynced) throws {
        do {
            try AtomicFile.write(bytes, to: path, permissions: privateFile, durability: durability)
        } catch {
            let operation: String
            switch error.step {
            case .creating: operation = "Creating"
            case .writing: operation = "Writing"
            case .flushing: operation = "Flushing"
            case .closing: operation = "Closing"
            case .replacing: operation = "Replacing"
            case .flushingDirectory: operation = "Flushing the directory"
            }
            throw fail(error.path, operation, error.errno)
        }
    }

    /// The modes of everything the store creates: only the owner may read or write.
    static let privateFile: mode_t = 0o600
    static let privateDirectory: mode_t = 0o700

    /// Removes a file; a file that is already gone is fine.
    static func remove(_ path: String) throws {
        do { try FileSystem.removeFileIfPresent(path) } catch { throw fail(path, "Removing", error) }
    }

    /// Makes `path` a symbolic link to `target`.
    static func link(_ path: String, to target: String) throws {
        do { try FileSystem.makeSymbolicLink(at: path, pointingTo: target) } catch { throw fail(path, "Creating the link", error) }
    }

    /// The text of a symbolic link; nil when there is no link.
    static func readLink(_ path: String) -> String? { try? FileSystem.readLink(path) }

    /// fsync on a directory, so renames and unlinks in it survive a crash of the machine.
    static func syncDirectory(_ path: String) throws {
        do { try FileSystem.syncDirectory(path) } catch { throw fail(path, "Flushing the directory", error) }
    }

    /// Names in a directory (not `.`/`..`); empty when the directory does not exist.
    static func listDirectory(_ path: String) throws -> [String] {
        do {
            return try FileSystem.listDirectory(path)
        } catch Errno.noSuchFile {
            return []
        } catch {
            throw fail(path, "Listing", error as? Errno ?? .ioError)
        }
    }

    /// Whether `path` is a directory (following links).
    static func isDirectory(_ path: String) -> Bool { (try? FileSystem.status(path))?.isDirectory ?? false }

    /// What identifies one version of a file: a rename installs a new inode, and a rewrite moves
    /// the modification time, so an unchanged stamp means unchanged content.
    struct Stamp: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    static func stamp(_ path: String) -> Stamp? {
        // lstat: a link is never decoded (readFile refuses it), so its own stamp is the right one.
        guard let info = try? FileSystem.linkStatus(path) else { return nil }
        return Stamp(device: info.device, inode: info.inode, size: info.size,
                     modifiedSeconds: info.modifiedSeconds, modifiedNanoseconds: info.modifiedNanoseconds)
    }
}
