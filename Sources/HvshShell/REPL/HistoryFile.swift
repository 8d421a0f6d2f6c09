import LinuxSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The REPL's history on disk: one entry per line, newlines inside an entry written as `\n` and
/// backslashes as `\\`, so a multi-line `function` comes back as one entry. Each accepted entry is
/// appended at once (two shells open at the same time both keep theirs); the file is cut back to
/// `limit` entries when it is loaded and has grown well past it.
public struct HistoryFile: Sendable {
    public let path: String
    public let limit: Int

    public init(path: String, limit: Int = 4096) {
        self.path = path
        self.limit = limit
    }

    /// `$XDG_DATA_HOME/hvsh/history`, else `$HOME/.local/share/hvsh/history`; nil without a home.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return data + "/hvsh/history"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/share/hvsh/history"
    }

    /// The stored entries, oldest first, without consecutive duplicates and at most `limit` of them.
    public func load() -> [String] {
        guard let text = FileText.read(path) else { return [] }
        var entries: [String] = []
        var total = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            total += 1
            let entry = Self.unescape(line)
            if entry != entries.last { entries.append(entry) }
        }
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        // Rewrite only when the file has grown a good deal past the limit, so most starts just read.
        if total > limit + limit / 4 { rewrite(entries) }
        return entries
    }

    /// Appends one entry, unless it repeats `previous` or is blank.
    public func append(_ entry: String, previous: String?) {
        guard !entry.allSatisfy(\.isWhitespace), entry != previous else { return }
        Self.makeParentDirectory(of: path)
        guard let file = try? FileDescriptor.open(path, .writeOnly, options: [.create, .append], permissions: 0o600) else { return }
        try? file.writeAll(Array((Self.escape(entry) + "\n").utf8))
    }

    private func rewrite(_ entries: [String]) {
        // History is worth keeping but not worth a disk flush at start-up: replaced whole, not fsynced.
        try? AtomicFile.write(Array(entries.map { Self.escape($0) + "\n" }.joined().utf8), to: path,
                              permissions: 0o600, durability: .replacedOnly)
    }

    static func escape(_ entry: String) -> String {
        var out = ""
        for c in entry {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r\n", "\r": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescape(_ line: Substring) -> String {
        var out = ""
        var escaping = false
        for c in line {
            if escaping {
                out.append(c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func makeParentDirectory(of path: String) {
        let parent = path.split(separator: "/", omittingEmptySubsequences: true).dropLast().joined(separator: "/")
        _ = try? FileSystem.makeDirectories("/" + parent, permissions: 0o700)
    }
}
