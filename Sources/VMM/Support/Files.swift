import Glibc
import LinuxSystem

/// LinuxSystem's whole-file calls with their failures as `VMMError`s that name the path.
public enum Files {
    /// Reads a whole file (a boot image, a snapshot's state).
    public static func read(_ path: String) throws(VMMError) -> [UInt8] {
        do { return try FileSystem.readFile(path) } catch { throw .system("reading \(path)", error) }
    }

    /// Replaces a file whole (`AtomicFile`). Runtime files (pid, exit record) mean nothing after a reboot
    /// and pass `.replacedOnly`; snapshots must survive one and keep the default.
    public static func write(_ path: String, _ bytes: some Collection<UInt8>, mode: mode_t = 0o600,
                             durability: AtomicFile.Durability = .synced) throws(VMMError) {
        do { try AtomicFile.write(bytes, to: path, permissions: mode, durability: durability) } catch {
            throw .system("writing \(path) (\(error.step) \(error.path))", error.errno)
        }
    }

    public static func write(_ path: String, text: String, mode: mode_t = 0o600,
                             durability: AtomicFile.Durability = .synced) throws(VMMError) {
        try write(path, Array(text.utf8), mode: mode, durability: durability)
    }

    /// mkdir -p.
    public static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(VMMError) {
        do { try FileSystem.makeDirectories(path, permissions: mode) } catch { throw .system("mkdir(\(path))", error) }
    }
}
