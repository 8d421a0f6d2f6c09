// Paths as the item and content cmdlets see them: relative to the session's current location,
// `~` for the home directory, `.`/`..` collapsed; file text read and written as UTF-8.

import Foundation
import LinuxSystem
import PSRuntime

enum FileSystemPaths {
    static func resolve(_ path: String, session: ShellSession) -> String {
        var p = path
        if p == "~" || p.hasPrefix("~/") {
            p = (ProcessInfo.processInfo.environment["HOME"] ?? "/root") + p.dropFirst()
        }
        // Provider-qualified paths, as items' PSPath and PSParentPath carry them.
        for prefix in ["Microsoft.PowerShell.Core\\FileSystem::", "FileSystem::"] where p.hasPrefix(prefix) {
            p = String(p.dropFirst(prefix.count))
        }
        p = p.replacingAll("\\", with: "/")
        if !p.hasPrefix("/") { p = session.currentDirectory + "/" + p }
        return normalize(p)
    }

    static func normalize(_ p: String) -> String {
        var parts: [Substring] = []
        for c in p.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Resolves a path that may contain wildcards in its last components to existing paths.
    static func expand(_ path: String, session: ShellSession, literal: Bool = false) -> [String] {
        let full = resolve(path, session: session)
        if literal || !WildcardPattern.containsWildcard(full) {
            return FileManager.default.fileExists(atPath: full) ? [full] : []
        }
        var results = ["/"]
        for comp in full.split(separator: "/") {
            var next: [String] = []
            for base in results {
                let prefix = base == "/" ? "/" : base + "/"
                if WildcardPattern.containsWildcard(String(comp)) {
                    let pat = WildcardPattern(String(comp))
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
                    for n in names.sorted() where pat.matches(n) { next.append(prefix + n) }
                } else if FileManager.default.fileExists(atPath: prefix + comp) {
                    next.append(prefix + comp)
                }
            }
            results = next
        }
        return results
    }
}

enum FileText {
    static func write(_ text: String, to path: String, append: Bool, context: CmdletContext) throws {
        let data = Data(text.utf8)
        let fm = FileManager.default
        do {
            if append, fm.fileExists(atPath: path) {
                try FileDescriptor.open(path, .writeOnly, options: .append).writeAll(data)
            } else {
                try data.write(to: URL(fileURLWithPath: path))
            }
        } catch {
            throw context.terminatingError(notFoundOrDenied(path), errorId: "FileOpenFailure",
                                           category: .openError, target: .string(path))
        }
    }

    static func read(_ path: String) -> String? {
        guard let d = FileManager.default.contents(atPath: path) else { return nil }
        var s = String(decoding: d, as: UTF8.self)
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        return s
    }

    static func notFoundOrDenied(_ path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: dir) { return "Could not find a part of the path '\(path)'." }
        return "Access to the path '\(path)' is denied."
    }
}
