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
        do { return try FileSystem.makeDirectories(path) } catch { throw fail(path, "Creating the directory", error) }
    }

    /// Reads a whole file; nil when it does not exist.
    static func readFile(_ path: String) throws -> Data? {
        do {
            return Data(try FileSystem.readFile(path))
        } catch Errno.noSuchFile {
            return nil
        } catch {
            throw fail(path, "Reading", error as? Errno ?? .ioError)
        }
    }

    /// Writes `data` to `path` so that a reader or a crash sees either the old file or the new one,
    /// never a mix. The caller fsyncs the directory (once per batch) to make the rename itself durable.
    static func writeAtomically(_ data: Data, to path: String) throws {
        do {
            try AtomicFile.write(data, to: path, durability: .fileSynced)
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

    /// Holds flock on `path` (created if needed) while `body` runs. A fresh descriptor per call: flock locks
    /// belong to the open file description, so threads of one process exclude each other too.
    static func withLock<T>(_ path: String, exclusive: Bool, _ body: () throws -> T) throws -> T {
        let lock: FileDescriptor
        do { lock = try FileDescriptor.open(path, .readWrite, options: .create) } catch { throw fail(path, "Opening the lock file", error) }
        do { try lock.lock(exclusive: exclusive) } catch { throw fail(path, "Locking", error) }
        // Closing the descriptor (when `lock` goes) releases the lock.
        return try body()
    }

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
        guard let info = try? FileSystem.status(path) else { return nil }
        return Stamp(device: info.device, inode: info.inode, size: info.size,
                     modifiedSeconds: info.modifiedSeconds, modifiedNanoseconds: info.modifiedNanoseconds)
    }
}
