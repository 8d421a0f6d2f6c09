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
        try session.expandWildcardPath(path, literal: literal)
    }

    /// Real paths of the existing items a path (with wildcards unless literal) names.
    static func expand(_ path: String, session: ShellSession, literal: Bool = false) throws(DriveNotFound) -> [String] {
        try expandLocated(path, session: session, literal: literal).map(\.real)
    }
}

enum FileText {
    /// Writes `text` in `encoding`; a new (or replaced, or empty) file starts with the encoding's preamble.
    static func write(_ text: String, to path: String, append: Bool, encoding: FileEncoding = .utf8NoBOM,
                      context: CmdletContext) throws {
        let fm = FileManager.default
        do {
            let size = (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            if append, let size {
                try FileDescriptor.open(path, .writeOnly, options: .append)
                    .writeAll(Data((size == 0 ? encoding.preamble : []) + encoding.bytes(text)))
            } else {
                try Data(encoding.preamble + encoding.bytes(text)).write(to: URL(fileURLWithPath: path))
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

    /// The file's text in the encoding -Encoding named (a byte order mark still decides), or as
    /// `read` decodes it when none was given.
    static func read(_ path: String, encoding: FileEncoding?) -> String? {
        guard let encoding else { return read(path) }
        guard let d = FileManager.default.contents(atPath: path) else { return nil }
        return encoding.text([UInt8](d))
    }

    /// A cmdlet's -Encoding argument, refused as PowerShell's argument transformation refuses a name
    /// it does not know.
    static func encoding(_ context: CmdletContext, _ key: Parameter<String>) throws -> FileEncoding? {
        guard let name = context[key] else { return nil }
        if let e = FileEncoding.named(name) { return e }
        throw context.terminatingError(
            "Cannot process argument transformation on parameter 'Encoding'. '\(name)' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')",
            errorId: "ParameterArgumentTransformationError", category: .invalidData,
            exceptionType: "System.Management.Automation.ParameterBindingArgumentTransformationException")
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
