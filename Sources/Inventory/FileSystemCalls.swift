import Foundation

/// Thin, EINTR-safe wrappers over the few system calls the store needs. Each failure becomes an
/// `InventoryError.io` naming the path, so a user sees which file was the problem.
enum FileSystemCalls {
    static func retrying(_ body: () -> Int32) -> Int32 {
        while true {
            let result = body()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    static func fail(_ path: String, _ operation: String) -> InventoryError {
        .io(path: path, operation: operation, errno: errno)
    }

    /// mkdir -p; existing directories are fine. Returns true when it created `path` (so the caller
    /// can fsync the parent, which makes the new directory entry itself durable).
    @discardableResult
    static func makeDirectories(_ path: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return false }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw InventoryError.io(path: path, operation: "Creating the directory", errno: EIO)
        }
        return true
    }

    /// Reads a whole file; nil when it does not exist.
    static func readFile(_ path: String) throws -> Data? {
        let fd = retrying { open(path, O_RDONLY | O_CLOEXEC) }
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw fail(path, "Opening")
        }
        defer { close(fd) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { buffer in
                Int32(truncatingIfNeeded: read(fd, buffer.baseAddress, buffer.count))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail(path, "Reading")
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<Int(n)])
        }
        return data
    }

    /// Writes `data` to `path` so that a reader or a crash sees either the old file or the new one,
    /// never a mix: a temp file in the same directory, written and fsynced, then renamed over the
    /// target. The caller fsyncs the directory (once per batch) to make the rename itself durable.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = "\(directory)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = retrying { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644) }
        if fd < 0 { throw fail(temporary, "Creating") }
        var closed = false
        defer { if !closed { close(fd) } }
        do {
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw fail(temporary, "Writing")
                    }
                    offset += n
                }
            }
            if retrying({ fsync(fd) }) != 0 { throw fail(temporary, "Flushing") }
            closed = true
            if close(fd) != 0 { throw fail(temporary, "Closing") }
            if rename(temporary, path) != 0 { throw fail(path, "Replacing") }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Removes a file; a file that is already gone is fine.
    static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw fail(path, "Removing") }
    }

    /// The text of a symbolic link; nil when there is no link.
    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// fsync on a directory, so renames and unlinks in it survive a crash of the machine.
    static func syncDirectory(_ path: String) throws {
        let fd = retrying { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        if fd < 0 { throw fail(path, "Opening the directory") }
        defer { close(fd) }
        if retrying({ fsync(fd) }) != 0 && errno != EINVAL { throw fail(path, "Flushing the directory") }
    }

    /// Names in a directory (not `.`/`..`); empty when the directory does not exist.
    static func listDirectory(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else {
            if errno == ENOENT { return [] }
            throw fail(path, "Listing")
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
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
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                     modifiedSeconds: info.st_mtim.tv_sec, modifiedNanoseconds: info.st_mtim.tv_nsec)
    }
}
