import PSLanguage
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Whole-file reads and writes with plain syscalls: the shell reads its profile, history and
/// scripts this way so that starting up does not load Foundation.
enum FileText {
    /// The file's bytes as UTF-8 text (invalid sequences replaced), or nil if it cannot be read.
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readAll(fd)
    }

    /// The largest script hvsh reads (a generated 5 MB lab script is big; /dev/zero is endless).
    static let maximumScriptBytes = 128 << 20

    enum ScriptReadFailure: Error { case unreadable, tooLarge }

    /// A script's text: at most `maximumScriptBytes`, its encoding found by its byte-order mark
    /// (UTF-8 without one), as PowerShell reads `.ps1` files.
    static func readScript(_ path: String) -> Result<String, ScriptReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.unreadable) }
        defer { close(fd) }
        return readScript(fd: fd)
    }

    static func readScript(fd: CInt) -> Result<String, ScriptReadFailure> {
        guard let bytes = readAllBytes(fd, limit: maximumScriptBytes) else { return .failure(.unreadable) }
        guard bytes.count <= maximumScriptBytes else { return .failure(.tooLarge) }
        return .success(String(decoding: ScriptEncoding.utf8(bytes), as: UTF8.self))
    }

    static func tooLargeMessage(_ path: String) -> String {
        "The script file '\(path)' is larger than \(maximumScriptBytes >> 20) MiB; hvsh does not read scripts that large.\n"
    }

    /// Reads a descriptor to its end.
    static func readAll(_ fd: CInt) -> String? {
        guard let bytes = readAllBytes(fd) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads a descriptor to its end, or to just past `limit` bytes (so a caller can tell it is over).
    static func readAllBytes(_ fd: CInt, limit: Int = .max) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[0..<n])
            } else if n == 0 {
                return bytes
            } else if errno != EINTR {
                return nil
            }
        }
        return bytes
    }

    /// Writes all of `text`, retrying short writes and EINTR. False if the write failed.
    @discardableResult
    static func writeAll(_ fd: CInt, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    static func currentDirectory() -> String {
        guard let path = getcwd(nil, 0) else { return "/" }
        defer { free(path) }
        return String(cString: path)
    }
}
