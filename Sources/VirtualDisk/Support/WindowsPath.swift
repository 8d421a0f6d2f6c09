#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Parent paths as the formats store them (Windows style, `\` separators) and this machine's paths.
/// hvsh's own absolute paths are stored as `\\?\` followed by the Linux path with `\` separators,
/// so a Windows reader finds the parent by its relative path and this library by either.
enum WindowsPath {
    /// The directory part of a path ("." for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `path` made absolute against the working directory, with `.` and `..` resolved textually.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return normalized(path) }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let cwd = getcwd(&buffer, buffer.count).map { _ in String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) } ?? "/"
        return normalized(cwd + "/" + path)
    }

    /// `.` and `..` resolved and repeated slashes dropped, textually; a relative path stays
    /// relative (keeping leading `..`).
    static func normalized(_ path: String) -> String {
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() } else if !rooted { parts.append(part) }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return rooted ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// A stored relative path (`..\dir\parent.vhdx`, `.\parent.vhdx`) as a path beside the child.
    static func resolve(relative: String, besideChild child: String) -> String {
        let local = relative.split(separator: "\\", omittingEmptySubsequences: false).joined(separator: "/")
        if local.hasPrefix("/") { return normalized(local) }
        return normalized(directory(of: child) + "/" + local)
    }

    /// A stored absolute path as a local one: `\\?\` + a Linux path written by hvsh; nil for
    /// Windows drive or volume paths, which name nothing on this machine.
    static func localPath(_ stored: String) -> String? {
        var text = stored
        if text.hasPrefix("\\\\?\\") { text.removeFirst(4) }
        let local = text.split(separator: "\\", omittingEmptySubsequences: false).joined(separator: "/")
        return local.hasPrefix("/") ? normalized(local) : nil
    }

    /// How hvsh stores an absolute parent path.
    static func storedAbsolute(_ path: String) -> String {
        "\\\\?\\" + absolute(path).split(separator: "/", omittingEmptySubsequences: false).joined(separator: "\\")
    }

    /// The parent's path relative to the child's directory, Windows style (`.\parent.vhdx`).
    static func storedRelative(parent: String, child: String) -> String {
        let from = absolute(directory(of: child)).split(separator: "/")
        let to = absolute(parent).split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let parts = (ups.isEmpty ? ["."] : ups) + to[common...].map(String.init)
        return parts.joined(separator: "\\")
    }
}
