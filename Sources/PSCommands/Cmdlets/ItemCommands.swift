// File system cmdlets: items, content and locations. Paths are relative to the session's current
// location ($PWD); wildcards expand in -Path, never in -LiteralPath.

import Foundation
import PSRuntime

extension FileItems {
    static func notFound(_ path: String, context: CmdletContext) throws {
        try context.writeError(ErrorRecord(message: "Cannot find path '\(path)' because it does not exist.",
                                           errorId: context.qualifiedErrorId("PathNotFound"),
                                           category: .objectNotFound, target: .string(path),
                                           exceptionType: "System.Management.Automation.ItemNotFoundException"))
    }

    /// -Path (wildcards) or -LiteralPath, resolved; missing paths are reported and skipped.
    static func paths(_ context: CmdletContext, parameter: String = "Path") throws -> [String] {
        var out: [String] = []
        if let lit = context.strings("LiteralPath") {
            for p in lit {
                let full = FileSystemPaths.resolve(p, session: context.session)
                if FileManager.default.fileExists(atPath: full) { out.append(full) } else { try notFound(full, context: context) }
            }
            return out
        }
        for p in context.strings(parameter) ?? ["."] {
            let hits = FileSystemPaths.expand(p, session: context.session)
            if hits.isEmpty {
                if WildcardPattern.containsWildcard(p) { continue }
                try notFound(FileSystemPaths.resolve(p, session: context.session), context: context)
            }
            out += hits
        }
        return out
    }
}

final class TestPathCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Test-Path", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("PathType", .string, aliases: ["Type"], validate: [.set(["Any", "Container", "Leaf"])]),
        ParameterDeclaration("IsValid", .switchParameter),
    ], outputTypes: ["System.Boolean"], synopsis: "Tells whether a path exists.",
       description: "Writes True when the path exists (as a directory with -PathType Container, as a file with -PathType Leaf), else False. Wildcards match any existing item.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let literal = context.strings("LiteralPath") != nil
        for p in context.strings("LiteralPath") ?? context.strings("Path") ?? [] {
            if context.switchPresent("IsValid") { try context.writeObject(.bool(!p.contains("\0"))); continue }
            if p.isEmpty { try context.writeObject(.false); continue }
            let hits = FileSystemPaths.expand(p, session: context.session, literal: literal)
            let type = context.string("PathType")?.lowercased() ?? "any"
            let ok = hits.contains { h in
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: h, isDirectory: &isDir)
                return type == "any" || (type == "container") == isDir.boolValue
            }
            try context.writeObject(.bool(ok))
        }
    }
}

final class GetContentCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Content", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("TotalCount", .int64, aliases: ["First", "Head"]),
        ParameterDeclaration("Tail", .int32, aliases: ["Last"]),
        ParameterDeclaration("Raw", .switchParameter),
        ParameterDeclaration("Delimiter", .string),
        ParameterDeclaration("Encoding", .string),
        ParameterDeclaration("ReadCount", .int64),
        ParameterDeclaration("Wait", .switchParameter),
        ParameterDeclaration("Force", .switchParameter),
    ], synopsis: "Reads a file's lines.", description: "Writes the file's lines one by one (or the whole text with -Raw); -TotalCount and -Tail limit them.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for path in try FileItems.paths(context) {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                try context.writeError(ErrorRecord(message: "Unable to get content because it is a directory: '\(path)'. Please use 'Get-ChildItem' instead.",
                                                   errorId: context.qualifiedErrorId("GetContainerContentException"),
                                                   category: .invalidOperation, target: .string(path)))
                continue
            }
            guard let text = FileText.read(path) else {
                try context.writeError(ErrorRecord(message: "Access to the path '\(path)' is denied.", errorId: context.qualifiedErrorId("GetContentReaderUnauthorizedAccessError"),
                                                   category: .permissionDenied, target: .string(path), exceptionType: "System.UnauthorizedAccessException"))
                continue
            }
            if context.switchPresent("Raw") { try context.writeObject(.string(text)); continue }
            var lines: [String]
            if let d = context.string("Delimiter"), !d.isEmpty {
                lines = text.components(separatedBy: d)
                if lines.last == "" { lines.removeLast() }
            } else {
                lines = LineBreaking.splitLines(text)
                if text.hasSuffix("\n") || text.isEmpty { lines.removeLast() }
            }
            if let n = context.int("TotalCount"), n >= 0 { lines = Array(lines.prefix(n)) }
            if let n = context.int("Tail") { lines = Array(lines.suffix(max(n, 0))) }
            for l in lines { try context.writeObject(.string(l)) }
        }
    }
}

/// Set-Content and Add-Content: each value's string form on its own line.
class ContentWriterBase {
    var values: [PSValue] = []
    class var append: Bool { false }

    func process(_ context: CmdletContext) throws {
        if let v = context.values("Value") { values += v }
    }

    func end(_ context: CmdletContext) throws {
        let text = values.map { PSConvert.toString($0) + (context.switchPresent("NoNewline") ? "" : "\n") }.joined()
        let raw = context.strings("LiteralPath") ?? context.strings("Path") ?? []
        for p in raw {
            let targets = WildcardPattern.containsWildcard(p) && context.strings("LiteralPath") == nil
                ? FileSystemPaths.expand(p, session: context.session) : [FileSystemPaths.resolve(p, session: context.session)]
            for path in targets {
                let dir = (path as NSString).deletingLastPathComponent
                guard FileManager.default.fileExists(atPath: dir) else {
                    try context.writeError(ErrorRecord(message: "Could not find a part of the path '\(path)'.",
                                                       errorId: context.qualifiedErrorId("GetContentWriterDirectoryNotFoundError"),
                                                       category: .objectNotFound, target: .string(path), exceptionType: "System.IO.DirectoryNotFoundException"))
                    continue
                }
                guard try context.shouldProcess(target: "Path: \(path)", action: Self.append ? "Add Content" : "Set Content") else { continue }
                try FileText.write(text, to: path, append: Self.append, context: context)
                if context.switchPresent("PassThru") { for v in values { try context.writeObject(v) } }
            }
        }
    }

    static var parameters: [ParameterDeclaration] {
        [
            ParameterDeclaration("Path", .array(.string), position: 0, mandatory: true, sets: ["Path"]),
            ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], mandatory: true, valueFromPipelineByPropertyName: true, sets: ["LiteralPath"]),
            ParameterDeclaration("Value", .array(.object), position: 1, valueFromPipeline: true),
            ParameterDeclaration("NoNewline", .switchParameter),
            ParameterDeclaration("PassThru", .switchParameter),
            ParameterDeclaration("Encoding", .string),
            ParameterDeclaration("Force", .switchParameter),
        ]
    }
}

final class SetContentCommand: ContentWriterBase, Cmdlet {
    static let declaration = CmdletDeclaration("Set-Content", parameters: parameters, defaultParameterSet: "Path", supportsShouldProcess: true,
        synopsis: "Writes text to a file, replacing its content.", description: "Writes each value's string form on its own line, replacing the file (created if missing).")
    required override init() {}
}

final class AddContentCommand: ContentWriterBase, Cmdlet {
    static let declaration = CmdletDeclaration("Add-Content", parameters: parameters, defaultParameterSet: "Path", supportsShouldProcess: true,
        synopsis: "Appends text to a file.", description: "Appends each value's string form on its own line (the file is created if missing).")
    override class var append: Bool { true }
    required override init() {}
}

final class ClearContentCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Clear-Content", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("Force", .switchParameter),
    ], supportsShouldProcess: true, synopsis: "Empties files.", description: "Deletes the content of the files but keeps the files.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for path in try FileItems.paths(context) {
            guard try context.shouldProcess(target: "Item: \(path)", action: "Clear Content") else { continue }
            try FileText.write("", to: path, append: false, context: context)
        }
    }
}

final class NewItemCommand: Cmdlet {
    static let declaration = CmdletDeclaration("New-Item", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0),
        ParameterDeclaration("Name", .string),
        ParameterDeclaration("ItemType", .string, aliases: ["Type"]),
        ParameterDeclaration("Value", .object, valueFromPipeline: true),
        ParameterDeclaration("Force", .switchParameter),
    ], supportsShouldProcess: true, synopsis: "Creates a file or directory.",
       description: "Creates a file (with -Value as its content) or, with -ItemType Directory, a directory (and with -Force its parents). An existing item is an error unless -Force.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let fm = FileManager.default
        for p in context.strings("Path") ?? ["."] {
            var path = FileSystemPaths.resolve(p, session: context.session)
            if let n = context.string("Name") { path = FileSystemPaths.normalize(path + "/" + n) }
            let type = (context.string("ItemType") ?? "File").lowercased()
            let isDir = type == "directory" || type == "container" || type == "d"
            guard try context.shouldProcess(target: "Destination: \(path)", action: isDir ? "Create Directory" : "Create File") else { continue }
            if fm.fileExists(atPath: path) && !(context.switchPresent("Force") && (isDir || true)) {
                try context.writeError(ErrorRecord(message: "An item with the specified name \(path) already exists.",
                                                   errorId: context.qualifiedErrorId("DirectoryExist"),
                                                   category: .resourceExists, target: .string(path), exceptionType: "System.IO.IOException"))
                continue
            }
            do {
                if isDir {
                    try fm.createDirectory(atPath: path, withIntermediateDirectories: context.switchPresent("Force") || true)
                } else if ["file", "f", "leaf"].contains(type) {
                    let dir = (path as NSString).deletingLastPathComponent
                    if !fm.fileExists(atPath: dir) {
                        if context.switchPresent("Force") { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } else {
                            try context.writeError(ErrorRecord(message: "Could not find a part of the path '\(path)'.",
                                                               errorId: context.qualifiedErrorId("NewItemIOError"),
                                                               category: .writeError, target: .string(path), exceptionType: "System.IO.DirectoryNotFoundException"))
                            continue
                        }
                    }
                    let text = context["Value"].map { PSConvert.toString($0) } ?? ""
                    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                } else if type == "symboliclink" {
                    try fm.createSymbolicLink(atPath: path, withDestinationPath: context.string("Value") ?? "")
                } else {
                    throw context.terminatingError("The type \"\(type)\" is not a valid item type for the FileSystem provider; use File or Directory.",
                                                   errorId: "Argument", category: .invalidArgument)
                }
            } catch let e as PSRuntimeError { throw e } catch {
                try context.writeError(ErrorRecord(message: "Access to the path '\(path)' is denied.", errorId: context.qualifiedErrorId("NewItemUnauthorizedAccessError"),
                                                   category: .permissionDenied, target: .string(path), exceptionType: "System.UnauthorizedAccessException"))
                continue
            }
            if let item = FileItems.item(path) { try context.writeObject(item) }
        }
    }
}

final class RemoveItemCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-Item", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("Recurse", .switchParameter),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("Include", .array(.string)),
        ParameterDeclaration("Exclude", .array(.string)),
        ParameterDeclaration("Filter", .string),
    ], supportsShouldProcess: true, synopsis: "Deletes files and directories.",
       description: "Deletes the items; a directory that is not empty needs -Recurse.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let fm = FileManager.default
        for path in try FileItems.paths(context) {
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &isDir)
            if isDir.boolValue, !context.switchPresent("Recurse"), !((try? fm.contentsOfDirectory(atPath: path)) ?? []).isEmpty {
                try context.writeError(ErrorRecord(message: "The item at \(path) has children and the Recurse parameter was not specified. If you continue, all children will be removed with the item.",
                                                   errorId: context.qualifiedErrorId("DirectoryNotEmpty"),
                                                   category: .writeError, target: .string(path), exceptionType: "System.IO.IOException"))
                continue
            }
            guard try context.shouldProcess(target: "Item: \(path)", action: isDir.boolValue ? "Remove Directory" : "Remove File") else { continue }
            do { try fm.removeItem(atPath: path) } catch {
                try context.writeError(ErrorRecord(message: "Access to the path '\(path)' is denied.", errorId: context.qualifiedErrorId("RemoveItemUnauthorizedAccessError"),
                                                   category: .permissionDenied, target: .string(path), exceptionType: "System.UnauthorizedAccessException"))
            }
        }
    }
}

/// Copy-Item and Move-Item.
class TransferItemBase {
    class var move: Bool { false }
    func process(_ context: CmdletContext) throws {
        let fm = FileManager.default
        let destRaw = context.string("Destination") ?? "."
        let dest = FileSystemPaths.resolve(destRaw, session: context.session)
        for path in try FileItems.paths(context) {
            var isDir: ObjCBool = false
            var target = dest
            if fm.fileExists(atPath: dest, isDirectory: &isDir), isDir.boolValue { target = dest + "/" + (path as NSString).lastPathComponent }
            var srcIsDir: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &srcIsDir)
            guard try context.shouldProcess(target: "Item: \(path) Destination: \(target)", action: Self.move ? "Move Item" : "Copy File") else { continue }
            do {
                if fm.fileExists(atPath: target) {
                    if !context.switchPresent("Force") && Self.move {
                        try context.writeError(ErrorRecord(message: "Cannot create a file when that file already exists.",
                                                           errorId: context.qualifiedErrorId("MoveFileInfoItemIOError"),
                                                           category: .writeError, target: .string(path), exceptionType: "System.IO.IOException"))
                        continue
                    }
                    try fm.removeItem(atPath: target)
                }
                if Self.move {
                    try fm.moveItem(atPath: path, toPath: target)
                } else if srcIsDir.boolValue && !context.switchPresent("Recurse") {
                    try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
                } else {
                    try fm.copyItem(atPath: path, toPath: target)
                }
            } catch {
                try context.writeError(ErrorRecord(message: "Could not find a part of the path '\(target)'.",
                                                   errorId: context.qualifiedErrorId(Self.move ? "MoveItemIOError" : "CopyItemIOError"),
                                                   category: .writeError, target: .string(path), exceptionType: "System.IO.IOException"))
                continue
            }
            if context.switchPresent("PassThru"), let item = FileItems.item(target) { try context.writeObject(item) }
        }
    }

    static var parameters: [ParameterDeclaration] {
        [
            ParameterDeclaration("Path", .array(.string), position: 0, valueFromPipelineByPropertyName: true),
            ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
            ParameterDeclaration("Destination", .string, position: 1),
            ParameterDeclaration("Recurse", .switchParameter),
            ParameterDeclaration("Force", .switchParameter),
            ParameterDeclaration("PassThru", .switchParameter),
            ParameterDeclaration("Container", .switchParameter),
        ]
    }
}

final class CopyItemCommand: TransferItemBase, Cmdlet {
    static let declaration = CmdletDeclaration("Copy-Item", parameters: parameters, supportsShouldProcess: true,
        synopsis: "Copies files and directories.", description: "Copies the items to -Destination (into it, when it is a directory); directories are copied with their content with -Recurse.")
    required override init() {}
}

final class MoveItemCommand: TransferItemBase, Cmdlet {
    static let declaration = CmdletDeclaration("Move-Item", parameters: parameters, supportsShouldProcess: true,
        synopsis: "Moves or renames files and directories.", description: "Moves the items to -Destination (into it, when it is a directory).")
    override class var move: Bool { true }
    required override init() {}
}

final class GetChildItemCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-ChildItem", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("Filter", .string, position: 1),
        ParameterDeclaration("Include", .array(.string)),
        ParameterDeclaration("Exclude", .array(.string)),
        ParameterDeclaration("Recurse", .switchParameter, aliases: ["s"]),
        ParameterDeclaration("Depth", .int32),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("Name", .switchParameter),
        ParameterDeclaration("File", .switchParameter),
        ParameterDeclaration("Directory", .switchParameter, aliases: ["ad", "d"]),
        ParameterDeclaration("Hidden", .switchParameter),
        ParameterDeclaration("FollowSymlink", .switchParameter),
    ], synopsis: "Lists the items in directories.", description: "Lists a directory's files and subdirectories (recursively with -Recurse), filtered by -Filter/-Include/-Exclude wildcards, -File or -Directory.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let fm = FileManager.default
        let filter = context.string("Filter").map { WildcardPattern($0) }
        let include = (context.strings("Include") ?? []).map { WildcardPattern($0) }
        let exclude = (context.strings("Exclude") ?? []).map { WildcardPattern($0) }
        let maxDepth = context.int("Depth") ?? (context.switchPresent("Recurse") ? Int.max : 0)
        for root in try FileItems.paths(context) {
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: root, isDirectory: &isDir)
            if !isDir.boolValue {
                try write(root, relative: (root as NSString).lastPathComponent, context)
                continue
            }
            // As PowerShell's provider: a directory's subdirectories, then its files (each sorted by
            // name, ignoring case), then the same for each subdirectory in turn.
            func walk(_ dir: String, _ rel: String, _ depth: Int) throws {
                var dirs: [String] = [], files: [String] = []
                for n in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
                    if n.hasPrefix(".") && !context.switchPresent("Force") && !context.switchPresent("Hidden") { continue }
                    var d: ObjCBool = false
                    _ = fm.fileExists(atPath: dir == "/" ? "/" + n : dir + "/" + n, isDirectory: &d)
                    if d.boolValue { dirs.append(n) } else { files.append(n) }
                }
                func sortedByName(_ names: [String]) -> [String] {
                    names.map { ($0.lowercased(), $0) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
                }
                dirs = sortedByName(dirs)
                files = sortedByName(files)
                for (n, isDir) in dirs.map({ ($0, true) }) + files.map({ ($0, false) }) {
                    let full = dir == "/" ? "/" + n : dir + "/" + n
                    let matches = (filter?.matches(n) ?? true) && (include.isEmpty || include.contains { $0.matches(n) }) && !exclude.contains { $0.matches(n) }
                    let kindOK = (!context.switchPresent("File") || !isDir) && (!context.switchPresent("Directory") || isDir)
                    if matches && kindOK { try write(full, relative: rel.isEmpty ? n : rel + "/" + n, context) }
                }
                guard depth < maxDepth else { return }
                for n in dirs {
                    let full = dir == "/" ? "/" + n : dir + "/" + n
                    // Links to directories are listed but not followed, so a link loop cannot recurse forever.
                    if UnixFileStat(path: full)?.isSymbolicLink == true && !context.switchPresent("FollowSymlink") { continue }
                    try walk(full, rel.isEmpty ? n : rel + "/" + n, depth + 1)
                }
            }
            try walk(root, "", 0)
        }
    }

    private func write(_ path: String, relative: String, _ context: CmdletContext) throws {
        if context.switchPresent("Name") { try context.writeObject(.string(relative)); return }
        if let item = FileItems.item(path) { try context.writeObject(item) }
    }
}

final class GetItemCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Item", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("Force", .switchParameter),
    ], synopsis: "Gets a file or directory.", description: "Writes an object for each existing item the paths name.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for p in try FileItems.paths(context) { if let i = FileItems.item(p) { try context.writeObject(i) } }
    }
}

final class JoinPathCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Join-Path", parameters: [
        ParameterDeclaration("Path", .array(.string), aliases: ["PSPath"], position: 0, mandatory: true, valueFromPipeline: true),
        ParameterDeclaration("ChildPath", .string, position: 1),
        ParameterDeclaration("AdditionalChildPath", .array(.string), position: 2, valueFromRemainingArguments: true),
        ParameterDeclaration("Resolve", .switchParameter),
    ], outputTypes: ["System.String"], synopsis: "Joins path parts with the path separator.",
       description: "Joins the path and child paths with '/', without doubling separators.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let children = [context.string("ChildPath")].compactMap { $0 } + (context.strings("AdditionalChildPath") ?? [])
        for base in context.strings("Path") ?? [] {
            var result = base.replacingAll("\\", with: "/")
            for c in children {
                let child = c.replacingAll("\\", with: "/")
                if result.isEmpty { result = child; continue }
                if child.isEmpty { continue }
                result = (result.hasSuffix("/") ? String(result.dropLast()) : result) + "/" + (child.hasPrefix("/") ? String(child.dropFirst()) : child)
            }
            if context.switchPresent("Resolve") {
                let hits = FileSystemPaths.expand(result, session: context.session)
                if hits.isEmpty { try FileItems.notFound(FileSystemPaths.resolve(result, session: context.session), context: context) }
                for h in hits { try context.writeObject(.string(h)) }
            } else {
                try context.writeObject(.string(result))
            }
        }
    }
}

final class SplitPathCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Split-Path", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, mandatory: true, valueFromPipeline: true),
        ParameterDeclaration("Parent", .switchParameter),
        ParameterDeclaration("Leaf", .switchParameter),
        ParameterDeclaration("LeafBase", .switchParameter),
        ParameterDeclaration("Extension", .switchParameter),
        ParameterDeclaration("Qualifier", .switchParameter),
        ParameterDeclaration("NoQualifier", .switchParameter),
        ParameterDeclaration("IsAbsolute", .switchParameter),
        ParameterDeclaration("Resolve", .switchParameter),
    ], synopsis: "Returns a part of a path.", description: "Writes the parent directory (default), the leaf, the leaf without extension, the extension, or whether the path is absolute.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for p in context.strings("Path") ?? [] {
            let path = p.replacingAll("\\", with: "/")
            let ns = path as NSString
            if context.switchPresent("IsAbsolute") { try context.writeObject(.bool(path.hasPrefix("/") || path.hasPrefix("~"))); continue }
            if context.switchPresent("Leaf") { try context.writeObject(.string(ns.lastPathComponent)); continue }
            if context.switchPresent("LeafBase") { try context.writeObject(.string((ns.lastPathComponent as NSString).deletingPathExtension)); continue }
            if context.switchPresent("Extension") {
                let e = ns.pathExtension
                try context.writeObject(.string(e.isEmpty ? "" : "." + e)); continue
            }
            if context.switchPresent("Qualifier") {
                throw context.terminatingError("Cannot parse path because path '\(p)' does not have a qualifier specified.",
                                               errorId: "ParsePathFormatError", category: .invalidArgument)
            }
            if context.switchPresent("NoQualifier") { try context.writeObject(.string(path)); continue }
            var parent = ns.deletingLastPathComponent
            if path.hasSuffix("/") && path.count > 1 { parent = (String(path.dropLast()) as NSString).deletingLastPathComponent }
            try context.writeObject(.string(parent == "/" && path == "/" ? "" : parent))
        }
    }
}

enum PathInfoObjects {
    static func make(_ path: String) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.PathInfo", "System.Object"])
        o.addNote("Drive", .string("/"))
        o.addNote("Provider", .string("Microsoft.PowerShell.Core\\FileSystem"))
        o.addNote("ProviderPath", .string(path))
        o.addNote("Path", .string(path))
        o.toStringHandler = { _ in path }
        return .object(o)
    }
}

final class ResolvePathCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Resolve-Path", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("Relative", .switchParameter),
    ], synopsis: "Resolves wildcards and relative paths to full paths.", description: "Writes a PathInfo for each existing item the paths name.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for p in try FileItems.paths(context) {
            if context.switchPresent("Relative") {
                let base = context.session.currentDirectory
                let rel = p.hasPrefix(base + "/") ? "./" + p.dropFirst(base.count + 1) : p
                try context.writeObject(.string(String(rel)))
            } else {
                try context.writeObject(PathInfoObjects.make(p))
            }
        }
    }
}

enum LocationStack {
    static let variable = "__hvshLocationStack"
    static func stack(_ s: ShellSession) -> PSArray {
        if case .array(let a)? = s.globalScope.lookup(variable)?.value { return a }
        let a = PSArray([], kind: .arrayList)
        s.setGlobalVariable(variable, .array(a))
        return a
    }
}

final class GetLocationCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Location", parameters: [
        ParameterDeclaration("Stack", .switchParameter),
        ParameterDeclaration("PSDrive", .array(.string)),
    ], synopsis: "Shows the current directory.", description: "Writes the current location as a PathInfo (or the Push-Location stack with -Stack).")
    init() {}
    func process(_ context: CmdletContext) throws {
        if context.switchPresent("Stack") {
            for p in LocationStack.stack(context.session).elements.reversed() { try context.writeObject(PathInfoObjects.make(PSConvert.toString(p))) }
            return
        }
        try context.writeObject(PathInfoObjects.make(context.session.currentDirectory))
    }
}

final class SetLocationCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Set-Location", parameters: [
        ParameterDeclaration("Path", .string, position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
        ParameterDeclaration("LiteralPath", .string, aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("PassThru", .switchParameter),
    ], synopsis: "Changes the current directory.", description: "Makes the directory the current location for relative paths and $PWD.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let raw = context.string("LiteralPath") ?? context.string("Path") ?? "~"
        try SetLocationCommand.change(to: raw, context: context)
        if context.switchPresent("PassThru") { try context.writeObject(PathInfoObjects.make(context.session.currentDirectory)) }
    }

    static func change(to raw: String, context: CmdletContext) throws {
        let target = FileSystemPaths.resolve(raw, session: context.session)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDir), isDir.boolValue else {
            throw context.terminatingError("Cannot find path '\(target)' because it does not exist.",
                                           errorId: "PathNotFound", category: .objectNotFound, target: .string(target),
                                           exceptionType: "System.Management.Automation.ItemNotFoundException")
        }
        context.session.currentDirectory = target
        context.session.setGlobalVariable("PWD", PathInfoObjects.make(target))
    }
}

final class PushLocationCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Push-Location", parameters: [
        ParameterDeclaration("Path", .string, position: 0, valueFromPipeline: true),
        ParameterDeclaration("LiteralPath", .string, aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("PassThru", .switchParameter),
        ParameterDeclaration("StackName", .string),
    ], synopsis: "Saves the current directory and optionally changes to another.", description: "Pushes the current location on a stack (Pop-Location returns to it), then changes to -Path if given.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let stack = LocationStack.stack(context.session)
        let current = context.session.currentDirectory
        if let p = context.string("LiteralPath") ?? context.string("Path") { try SetLocationCommand.change(to: p, context: context) }
        stack.elements.append(.string(current))
        if context.switchPresent("PassThru") { try context.writeObject(PathInfoObjects.make(current)) }
    }
}

final class PopLocationCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Pop-Location", parameters: [
        ParameterDeclaration("PassThru", .switchParameter),
        ParameterDeclaration("StackName", .string),
    ], synopsis: "Returns to the directory saved by Push-Location.", description: "Changes to the location on top of the Push-Location stack and removes it from the stack.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let stack = LocationStack.stack(context.session)
        guard let top = stack.elements.popLast() else { return }
        try SetLocationCommand.change(to: PSConvert.toString(top), context: context)
        if context.switchPresent("PassThru") { try context.writeObject(PathInfoObjects.make(context.session.currentDirectory)) }
    }
}
