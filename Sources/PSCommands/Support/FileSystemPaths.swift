// Paths as the item and content cmdlets see them: relative to the session's current location,
// `~` for the home directory, `.`/`..` collapsed; file text read and written as UTF-8.

import Foundation
import LinuxSystem
import PSRuntime

enum FileSystemPaths {
    /// The real path of a path as written (see `ShellSession.locate`, the one resolver).
    static func resolve(_ path: String, session: ShellSession) -> String {
        session.resolvePath(path)
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

    /// Resolves a path that may contain wildcards in its components to existing items.
    static func expandLocated(_ path: String, session: ShellSession, literal: Bool = false) throws(DriveNotFound) -> [ProviderPath] {
        let located = try session.locate(path)
        let fm = FileManager.default
        if literal || !located.components.contains(where: { WildcardPattern.containsWildcard($0) }) {
            return fm.fileExists(atPath: located.real) || UnixFileStat(path: located.real) != nil ? [located] : []
        }
        var results: [[String]] = [[]]
        for comp in located.components {
            var next: [[String]] = []
            for base in results {
                let dir = located.drive.realPath(base)
                if WildcardPattern.containsWildcard(comp) {
                    let pat = WildcardPattern(comp)
                    let names = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
                    for n in names.sorted() where pat.matches(n) { next.append(base + [n]) }
                } else if fm.fileExists(atPath: located.drive.realPath(base + [comp])) {
                    next.append(base + [comp])
                }
            }
            results = next
        }
        return results.map { ProviderPath(drive: located.drive, components: $0) }
    }

    /// Real paths of the existing items a path (with wildcards unless literal) names.
    static func expand(_ path: String, session: ShellSession, literal: Bool = false) throws(DriveNotFound) -> [String] {
        try expandLocated(path, session: session, literal: literal).map(\.real)
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
        return decode(d)
    }

    /// Text as .NET's StreamReader reads it: UTF-16 when a byte order mark says so (Export-Alias
    /// and Windows PowerShell's Out-File write it), else UTF-8 with any mark dropped.
    static func decode(_ data: Data) -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) { return String(decoding: utf16(bytes.dropFirst(2), littleEndian: true), as: UTF16.self) }
        if bytes.starts(with: [0xFE, 0xFF]) { return String(decoding: utf16(bytes.dropFirst(2), littleEndian: false), as: UTF16.self) }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> [UInt16] {
        let b = Array(bytes)
        return stride(from: 0, to: b.count - 1, by: 2).map { i in
            littleEndian ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1])
        }
    }

    static func notFoundOrDenied(_ path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: dir) { return "Could not find a part of the path '\(path)'." }
        return "Access to the path '\(path)' is denied."
    }
}
