// `[System.IO.FileInfo]'a.txt'` and `[System.IO.DirectoryInfo]'dir'`: PowerShell converts a string
// through the type's one-string constructor, which takes the path as given (relative to the process's
// directory), whether or not anything is there; the object's string is the path as written.

import Foundation
import PSRuntime

enum FileInfoConversion {
    static func register(in types: TypeRegistry) {
        types.register(converterTo: "System.IO.FileInfo") { value in try convert(value, directory: false) }
        types.register(converterTo: "System.IO.DirectoryInfo") { value in try convert(value, directory: true) }
    }

    static func convert(_ value: PSValue, directory: Bool) throws -> PSValue? {
        guard case .string(let text) = value.unwrapped else { return nil }
        guard !text.isEmpty else {
            throw PSRuntimeError.message("Cannot convert value \"\" to type \"System.IO.\(directory ? "DirectoryInfo" : "FileInfo")\". Error: \"The path is empty. (Parameter 'path')\"",
                                         errorId: "InvalidCastConstructorException", category: .invalidArgument,
                                         exceptionType: "System.Management.Automation.PSInvalidCastException")
        }
        let full = fullPath(text)
        if let stat = UnixFileStat(path: full, followingLinks: true), stat.isDirectory == directory,
           case .object(let existing)? = FileItems.item(full) {
            existing.toStringHandler = { _ in text }
            return .object(existing)
        }
        let o = PSObject(typeNames: directory ? FileItems.dirTypeNames : FileItems.fileTypeNames)
        let name = (full as NSString).lastPathComponent
        let parent = (full as NSString).deletingLastPathComponent
        if directory {
            o.addNote("Parent", parent.isEmpty ? .null : .string(parent))
            o.addNote("Root", .string("/"))
        } else {
            o.addNote("DirectoryName", .string(parent))
            o.addNote("IsReadOnly", .true)
        }
        o.addNote("FullName", .string(full))
        o.addNote("Extension", .string(FileItems.dotNetExtension(name)))
        o.addNote("Name", .string(name))
        o.addNote("Exists", .false)
        o.toStringHandler = { _ in text }
        return .object(o)
    }

    /// Path.GetFullPath: a relative path joins the process's directory; `.` and `..` are folded.
    static func fullPath(_ text: String) -> String {
        let joined = text.hasPrefix("/") ? text : FileManager.default.currentDirectoryPath + "/" + text
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        let folded = "/" + parts.joined(separator: "/")
        return text.hasSuffix("/") && folded != "/" ? folded + "/" : folded
    }
}
