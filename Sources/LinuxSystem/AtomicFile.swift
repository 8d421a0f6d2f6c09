import Glibc

/// The one way hvsh replaces a file: write a temporary file beside it, flush it, rename it over the target,
/// flush the directory. A reader (or a machine that crashed) sees the old file or the new one, never a mix.
public enum AtomicFile {
    /// How far the new file must have reached the disk when `write` returns.
    public enum Durability: Sendable {
        /// fsync the file and then its directory: the new file survives a crash of the machine.
        case synced
        /// fsync the file but leave the directory to the caller, who writes many files and flushes each
        /// directory once (the inventory's batches).
        case fileSynced
        /// No fsync at all, for files that mean nothing after a reboot (a worker's pid file and exit record
        /// live in its runtime directory); renaming still keeps readers from seeing half a file.
        case replacedOnly
    }

    /// Which step failed, on which path.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Step: Sendable { case creating, writing, flushing, closing, replacing, flushingDirectory }
        public var step: Step
        public var path: String
        public var errno: Errno

        public var description: String { "\(step) \(path): \(errno)" }
    }

    /// Replaces `path` with what `write` puts into the temporary file's descriptor.
    public static func write(to path: String, permissions: mode_t = 0o644, durability: Durability = .synced,
                             _ write: (borrowing FileDescriptor) throws(Errno) -> Void) throws(Failure) {
        let (directory, name) = split(path)
        let temporary = "\(directory)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let file: FileDescriptor
        do { file = try FileDescriptor.open(temporary, .writeOnly, options: [.create, .exclusiveCreate], permissions: permissions) }
        catch { throw Failure(step: .creating, path: temporary, errno: error) }
        var step = Failure.Step.writing
        do throws(Errno) {
            try write(file)
            if durability != .replacedOnly { step = .flushing; try file.sync() }
            step = .closing
            try file.close()
            step = .replacing
            try FileSystem.rename(temporary, to: path)
        } catch {
            try? FileSystem.removeFile(temporary)
            throw Failure(step: step, path: step == .replacing ? path : temporary, errno: error)
        }
        if durability == .synced {
            do { try FileSystem.syncDirectory(directory) } catch { throw Failure(step: .flushingDirectory, path: directory, errno: error) }
        }
    }

    /// Replaces `path` with `bytes`.
    public static func write(_ bytes: some Collection<UInt8>, to path: String, permissions: mode_t = 0o644,
                             durability: Durability = .synced) throws(Failure) {
        try write(to: path, permissions: permissions, durability: durability) { (file) throws(Errno) in try file.writeAll(bytes) }
    }

    /// The temporary files `write` leaves behind only when the process dies between creating and renaming
    /// one: `.<name>.<pid>.<random>.tmp`.
    public static func isLeftover(_ name: String) -> Bool { name.hasPrefix(".") && name.hasSuffix(".tmp") }

    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }
}
