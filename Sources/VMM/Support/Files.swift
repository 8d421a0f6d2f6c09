#if canImport(Glibc)
import Glibc
#endif
import LinuxSystem

/// Small whole-file helpers for boot images, snapshots and the worker's runtime files.
public enum Files {
    /// Reads a whole file.
    public static func read(_ path: String) throws(VMMError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .system("open(\(path))", .current) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system("read(\(path))", .current)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes a whole file through a temporary name and rename, so readers never see half of it.
    public static func write(_ path: String, _ bytes: some Collection<UInt8>, mode: mode_t = 0o600) throws(VMMError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        if fd < 0 { throw .system("open(\(temporary))", .current) }
        let ok = Array(bytes).withUnsafeBytes { writeAll(fd, $0) }
        close(fd)
        if !ok { let e = Errno.current; unlink(temporary); throw .system("write(\(path))", e) }
        if rename(temporary, path) != 0 { throw .system("rename(\(path))", .current) }
    }

    /// write(2) of a whole buffer, retrying EINTR and short writes.
    @discardableResult
    public static func writeAll(_ fd: CInt, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }

    public static func write(_ path: String, text: String, mode: mode_t = 0o600) throws(VMMError) {
        try write(path, Array(text.utf8), mode: mode)
    }

    public static func readText(_ path: String) -> String? {
        guard let bytes = try? read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// mkdir -p.
    public static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(VMMError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, mode) != 0 && errno != EEXIST { throw .system("mkdir(\(prefix))", .current) }
            prefix += "/"
        }
    }
}
