// File system cmdlets for items (files and directories). Paths are relative to the session's current
// location ($PWD); wildcards expand in -Path, never in -LiteralPath. Content and location cmdlets
// live in ContentCommands.swift and LocationCommands.swift.

import Foundation
import PSRuntime

/// The -LiteralPath most file system cmdlets declare the same way.
enum ItemParameters {
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true)
}

extension FileItems {
    static func notFound(_ path: String, context: CmdletContext) throws {
        try context.writeError(ErrorRecord(message: "Cannot find path '\(path)' because it does not exist.",
                                           errorId: context.qualifiedErrorId("PathNotFound"),
                                           category: .objectNotFound, target: .string(path),
                                           exceptionType: "System.Management.Automation.ItemNotFoundException"))
    }

    /// -Path (wildcards) or -LiteralPath, resolved to real paths; missing paths and drives are
    /// reported and skipped.
    static func paths(_ context: CmdletContext, path: Parameter<[String]>,
                      literalPath: Parameter<[String]> = ItemParameters.literalPath) throws -> [String] {
        try located(context, path: path, literalPath: literalPath).map(\.real)
    }

    /// The same, keeping the drive each path is on (for paths shown back to the user).
    static func located(_ context: CmdletContext, path: Parameter<[String]>,
                        literalPath: Parameter<[String]> = ItemParameters.literalPath) throws -> [ProviderPath] {
        var out: [ProviderPath] = []
        let literal = context[literalPath] != nil
        for p in context[literalPath] ?? context[path] ?? ["."] {
            do {
                let hits = try FileSystemPaths.expandLocated(p, session: context.session, literal: literal)
                if hits.isEmpty {
                    if !literal && WildcardPattern.containsWildcard(p) { continue }
                    try notFound(try context.session.locate(p).display, context: context)
                }
                out += hits
            } catch let missing as DriveNotFound {
                try context.writeError(missing.record(for: context))
            }
        }
        return out
    }
}

final class TestPathCommand: Cmdlet {
    // Mandatory, yet null, '' and @() bind (PowerShell's AllowNull/AllowEmptyString/AllowEmptyCollection):
    // `Test-Path $maybeEmpty` in a lab script reports instead of failing to bind.
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true,
                                          sets: ["Path"], allow: [.null, .emptyString, .emptyCollection])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, valueFromPipelineByPropertyName: true,
                                                 sets: ["LiteralPath"], allow: [.null, .emptyString, .emptyCollection])
    static let pathType = Parameter<String>("PathType", aliases: ["Type"], validate: [.set(["Any", "Container", "Leaf"])])
    static let isValid = Parameter<SwitchParameter>("IsValid")
    static let filter = Parameter<String>("Filter")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    // The FileSystem provider's dynamic parameters (PowerShell 7.5: any -PathType, directories too).
    static let olderThan = Parameter<PSValue>("OlderThan", type: .dateTime)
    static let newerThan = Parameter<PSValue>("NewerThan", type: .dateTime)
    static let declaration = CmdletDeclaration("Test-Path", parameters: [path, literalPath, filter, include, exclude, pathType, isValid,
                                                                        olderThan, newerThan], defaultParameterSet: "Path",
       outputTypes: ["System.Boolean"], synopsis: "Tells whether a path exists.",
       description: "Writes True when the path exists (as a directory with -PathType Container, as a file with -PathType Leaf), else False. Wildcards match any existing item. An empty or blank path is False; no path at all ($null, @()) is an error.")
    func process(_ context: CmdletContext) throws {
        let literal = context.isBound(Self.literalPath)
        let paths = context[Self.literalPath] ?? context[Self.path] ?? []
        if paths.isEmpty {
            // pwsh passes its message as an ArgumentNullException's parameter name, hence the odd wording.
            try context.writeError(ErrorRecord(message: "Value cannot be null. (Parameter 'The provided Path argument was null or an empty collection.')",
                                               errorId: context.qualifiedErrorId("NullPathNotPermitted"), category: .invalidArgument,
                                               target: .null, exceptionType: "System.ArgumentNullException"))
            return
        }
        for p in paths {
            if context[Self.isValid] { try context.writeObject(.bool(Self.isValidSyntax(p, context.session))); continue }
            if p.allSatisfy(\.isWhitespace) { try context.writeObject(.false); continue }
            if let located = try? context.session.locateItem(p), located.drive.provider != .fileSystem {
                let type = context[Self.pathType]?.lowercased() ?? "any"
                let isDrive = located.components.isEmpty
                let exists = isDrive || !(SessionStateItems.items(at: located, literal: literal, session: context.session) ?? []).isEmpty
                try context.writeObject(.bool(exists && (type == "any" || (type == "container") == isDrive)))
                continue
            }
            guard let hits = try? FileSystemPaths.expand(p, session: context.session, literal: literal) else {
                try context.writeObject(.false); continue     // a drive that does not exist: False, as pwsh
            }
            let type = context[Self.pathType]?.lowercased() ?? "any"
            let ok = hits.contains { h in
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: h, isDirectory: &isDir)
                return (type == "any" || (type == "container") == isDir.boolValue) && Self.qualifies(h, context)
            }
            try context.writeObject(.bool(ok))
        }
    }
}

extension TestPathCommand {
    /// -Filter, -Include and -Exclude match the item's name; -NewerThan and -OlderThan its last write time.
    static func qualifies(_ path: String, _ context: CmdletContext) -> Bool {
        let name = (path as NSString).lastPathComponent
        if let f = context[Self.filter], !StarQuestionPattern.matches(name.lowercased(), pattern: f.lowercased()) { return false }
        if let inc = context[Self.include], !inc.contains(where: { WildcardPattern($0).matches(name) }) { return false }
        if let exc = context[Self.exclude], exc.contains(where: { WildcardPattern($0).matches(name) }) { return false }
        func date(_ key: Parameter<PSValue>) -> PSDateTime? {
            if case .dateTime(let d)? = context[key]?.unwrapped { return d }
            return nil
        }
        let newer = date(Self.newerThan), older = date(Self.olderThan)
        guard newer != nil || older != nil else { return true }
        guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return false }
        let written = PSDateTime(date: modified)
        if let newer, written.ticks <= newer.ticks { return false }
        if let older, written.ticks >= older.ticks { return false }
        return true
    }

    /// -IsValid: the path's syntax only, except that a drive it names must exist, since PowerShell
    /// cannot tell which provider would read the rest (`Z:\abc.txt` is False without a Z: drive,
    /// `FileSystem::Z:\abc.txt` is True).
    static func isValidSyntax(_ path: String, _ session: ShellSession) -> Bool {
        if path.contains("\0") { return false }
        if path.contains("::") { return true }
        guard let colon = path.firstIndex(of: ":") else { return true }
        let name = path[..<colon]
        if name.isEmpty || name.contains("/") || name.contains("\\") { return true }
        return session.drives.drive(named: String(name)) != nil
    }
}

final class NewItemCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0)
    static let name = Parameter<String>("Name")
    static let itemType = Parameter<String>("ItemType", aliases: ["Type"])
    // -Target is the name a link's target goes by (`New-Item -ItemType SymbolicLink -Target file`).
    static let value = Parameter<PSValue>("Value", aliases: ["Target"], valueFromPipeline: true)
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("New-Item", parameters: [path, name, itemType, value, force], supportsShouldProcess: true, synopsis: "Creates a file or directory.",
       description: "Creates a file (with -Value as its content) or, with -ItemType Directory, a directory (and with -Force its parents). An existing item is an error unless -Force.")
    func process(_ context: CmdletContext) throws {
        let fm = FileManager.default
        let written = (context[Self.path] ?? ["."]).map { p in
            context[Self.name].map { n in p.hasSuffix(":") || p.hasSuffix("/") || p.hasSuffix("\\") ? p + n : p + "/" + n } ?? p
        }
        if let located = SessionStateItems.located(written, session: context.session) {
            for path in located { try newSessionStateItem(path, context) }
            return
        }
        for p in context[Self.path] ?? ["."] {
            var path = FileSystemPaths.resolve(p, session: context.session)
            if let n = context[Self.name] { path = FileSystemPaths.normalize(path + "/" + n) }
            let type = (context[Self.itemType] ?? "File").lowercased()
            let isDir = type == "directory" || type == "container" || type == "d"
            guard try context.shouldProcess(target: "Destination: \(path)", action: isDir ? "Create Directory" : "Create File") else { continue }
            var existingIsDirectory: ObjCBool = false
            if fm.fileExists(atPath: path, isDirectory: &existingIsDirectory) && !context[Self.force],
               !isDir, !existingIsDirectory.boolValue {
                // PowerShell's FileSystemProvider opens a new file with FileMode.CreateNew: the
                // IOException .NET throws for an existing file, reported as NewItemIOError.
                try context.writeError(ErrorRecord(message: "The file '\(path)' already exists.",
                                                   errorId: context.qualifiedErrorId("NewItemIOError"),
                                                   category: .writeError, target: .string(path), exceptionType: "System.IO.IOException"))
                continue
            }
            if fm.fileExists(atPath: path) && !(context[Self.force] && (isDir || true)) {
                try context.writeError(ErrorRecord(message: "An item with the specified name \(path) already exists.",
                                                   errorId: context.qualifiedErrorId("DirectoryExist"),
                                                   category: .resourceExists, target: .string(path), exceptionType: "System.IO.IOException"))
                continue
            }
            do {
                if isDir {
                    try fm.createDirectory(atPath: path, withIntermediateDirectories: context[Self.force] || true)
                } else if ["file", "f", "leaf"].contains(type) {
                    let dir = (path as NSString).deletingLastPathComponent
                    if !fm.fileExists(atPath: dir) {
                        if context[Self.force] { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } else {
                            try context.writeError(ErrorRecord(message: "Could not find a part of the path '\(path)'.",
                                                               errorId: context.qualifiedErrorId("NewItemIOError"),
                                                               category: .writeError, target: .string(path), exceptionType: "System.IO.DirectoryNotFoundException"))
                            continue
                        }
                    }
                    let text = context[Self.value].map { PSConvert.toString($0) } ?? ""
                    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                } else if type == "symboliclink" {
                    try fm.createSymbolicLink(atPath: path, withDestinationPath: context[Self.value].map { PSConvert.toString($0) } ?? "")
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

    /// `New-Item Variable:x -Value 5`, `New-Item Function:f -Value { }`, `New-Item Env:X`, `New-Item Alias:a -Value Cmd`.
    private func newSessionStateItem(_ path: ProviderPath, _ context: CmdletContext) throws {
        guard path.components.count == 1 else { return try SessionStateItems.notFound(path, context: context) }
        let name = path.components[0]
        let exists = !(SessionStateItems.items(at: path, literal: true, session: context.session) ?? []).isEmpty
        if exists && !context[Self.force] {
            let (id, message): (String, String)
            switch path.drive.provider {
            case .variable: (id, message) = ("VariableAlreadyExists", "A variable with name '\(name)' already exists.")
            case .alias: (id, message) = ("AliasAlreadyExists", "The alias is not allowed, because an alias with the name '\(name)' already exists.")
            default: (id, message) = ("NewItemAlreadyExists", "The item at path '\(name)' already exists.")
            }
            try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId(id), category: .resourceExists,
                                               target: .string(name), exceptionType: "System.Management.Automation.SessionStateException"))
            return
        }
        guard try context.shouldProcess(target: "Item: \(name) Value: \(PSConvert.toString(context[Self.value] ?? .null))", action: "New Item") else { return }
        try SessionStateWrites.set(name, context[Self.value] ?? .null, on: path.drive, force: context[Self.force], context)
        try SessionStateWrites.writeItem(name, on: path.drive, context)
    }
}

final class RemoveItemCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, valueFromPipelineByPropertyName: true)
    static let recurse = Parameter<SwitchParameter>("Recurse")
    static let force = Parameter<SwitchParameter>("Force")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    static let filter = Parameter<String>("Filter")
    static let declaration = CmdletDeclaration("Remove-Item", parameters: [
        path, ItemParameters.literalPath, recurse, force, include, exclude, filter,
    ], supportsShouldProcess: true, synopsis: "Deletes files and directories.",
       description: "Deletes the items; a directory that is not empty needs -Recurse. With -Include/-Exclude only the matching items (below a directory: its matching children, and with -Recurse theirs) are deleted, a directory itself only when nothing in it was left; with -Filter only matching files, and directories left empty.")

    func process(_ context: CmdletContext) throws {
        if let located = SessionStateItems.located(context[ItemParameters.literalPath] ?? context[Self.path] ?? [], session: context.session) {
            for path in located {
                let items = SessionStateItems.items(at: path, literal: context.isBound(ItemParameters.literalPath), session: context.session) ?? []
                if items.isEmpty, !WildcardPattern.containsWildcard(path.components.last ?? "") {
                    try SessionStateItems.notFound(path, context: context)
                }
                for item in items { try SessionStateItems.remove(item, on: path.drive, context: context) }
            }
            return
        }
        let filters = ItemFilters(filter: context[Self.filter], include: context[Self.include], exclude: context[Self.exclude])
        let recurse = context[Self.recurse]
        // With -Recurse PowerShell resolves the paths without the filters and applies them below.
        let targets = recurse ? try FileItems.paths(context, path: Self.path) : try FileItems.paths(context, path: Self.path, filters: filters)
        for path in targets {
            let isDir = Self.isDirectory(path)
            if isDir, !recurse, !((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).isEmpty {
                try context.writeError(ErrorRecord(message: "The item at \(path) has children and the Recurse parameter was not specified. If you continue, all children will be removed with the item.",
                                                   errorId: context.qualifiedErrorId("DirectoryNotEmpty"),
                                                   category: .writeError, target: .string(path), exceptionType: "System.IO.IOException"))
                continue
            }
            if filters.hasIncludeOrExclude {
                try removeMatching(path, recurse: recurse, filters, context)
            } else if isDir, filters.filter != nil {
                try removeFilteredFiles(path, filters, context)
            } else {
                try remove(path, isDirectory: isDir, context)
            }
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        let stat = UnixFileStat(path: path)
        return stat?.isDirectory == true && stat?.isSymbolicLink != true
    }

    private func remove(_ path: String, isDirectory: Bool, _ context: CmdletContext) throws {
        guard try context.shouldProcess(target: "Item: \(path)", action: isDirectory ? "Remove Directory" : "Remove File") else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            try context.writeError(ErrorRecord(message: "Access to the path '\(path)' is denied.", errorId: context.qualifiedErrorId("RemoveItemUnauthorizedAccessError"),
                                               category: .permissionDenied, target: .string(path), exceptionType: "System.UnauthorizedAccessException"))
        }
    }

    /// PowerShell's -Include/-Exclude deletion: a directory's children whose names match are deleted
    /// whole, the others kept (and with -Recurse searched in turn); the directory itself goes only
    /// when its own name matches and nothing was kept in it. A file goes when its name matches.
    private func removeMatching(_ path: String, recurse: Bool, _ filters: ItemFilters, _ context: CmdletContext, top: Bool = true) throws {
        guard Self.isDirectory(path) else {
            if filters.matches(ItemFilters.leaf(path)) { try remove(path, isDirectory: false, context) }
            return
        }
        let (dirs, files) = FileItems.children(of: path)
        for name in dirs + files {
            let child = path == "/" ? "/" + name : path + "/" + name
            let childIsDir = Self.isDirectory(child)
            if filters.matches(name) {
                try remove(child, isDirectory: childIsDir, context)
            } else if recurse && childIsDir {
                try removeMatching(child, recurse: true, filters, context, top: false)
            }
        }
        if top, filters.includes(ItemFilters.leaf(path)), ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]).isEmpty {
            try remove(path, isDirectory: true, context)
        }
    }

    /// The provider's -Filter deletion of a directory: matching files throughout, then each directory
    /// that was left empty; one that still holds something is reported and kept.
    private func removeFilteredFiles(_ path: String, _ filters: ItemFilters, _ context: CmdletContext) throws {
        let (dirs, files) = FileItems.children(of: path)
        for name in dirs { try removeFilteredFiles(path + "/" + name, filters, context) }
        for name in files where filters.passesFilter(name) { try remove(path + "/" + name, isDirectory: false, context) }
        if ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).isEmpty {
            try remove(path, isDirectory: true, context)
        } else {
            try context.writeError(ErrorRecord(message: "Directory \(path) cannot be removed because it is not empty.",
                                               errorId: context.qualifiedErrorId("DirectoryNotEmpty"), category: .writeError,
                                               target: .string(path), exceptionType: "System.IO.IOException"))
        }
    }
}

/// The parameters Copy-Item and Move-Item share.
enum TransferParameters {
    static let path = Parameter<[String]>("Path", position: 0, valueFromPipelineByPropertyName: true)
    static let destination = Parameter<String>("Destination", position: 1)
    static let recurse = Parameter<SwitchParameter>("Recurse")
    static let force = Parameter<SwitchParameter>("Force")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let container = Parameter<SwitchParameter>("Container")
    static let filter = Parameter<String>("Filter")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    static let all: [any ParameterKey] = [path, ItemParameters.literalPath, destination, recurse, force, passThru, container, filter, include, exclude]
}

/// Copy-Item and Move-Item.
class TransferItemBase {
    typealias P = TransferParameters
    class var move: Bool { false }
    func process(_ context: CmdletContext) throws {
        let fm = FileManager.default
        let destRaw = context[P.destination] ?? "."
        let dest = FileSystemPaths.resolve(destRaw, session: context.session)
        let filters = ItemFilters(filter: context[P.filter], include: context[P.include], exclude: context[P.exclude])
        for path in try FileItems.paths(context, path: P.path, filters: filters) {
            var isDir: ObjCBool = false
            var target = dest
            if fm.fileExists(atPath: dest, isDirectory: &isDir), isDir.boolValue { target = dest + "/" + (path as NSString).lastPathComponent }
            var srcIsDir: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &srcIsDir)
            guard try context.shouldProcess(target: "Item: \(path) Destination: \(target)", action: Self.move ? "Move Item" : "Copy File") else { continue }
            do {
                if fm.fileExists(atPath: target) {
                    if !context[P.force] && Self.move {
                        try context.writeError(ErrorRecord(message: "Cannot create a file when that file already exists.",
                                                           errorId: context.qualifiedErrorId("MoveFileInfoItemIOError"),
                                                           category: .writeError, target: .string(path), exceptionType: "System.IO.IOException"))
                        continue
                    }
                    try fm.removeItem(atPath: target)
                }
                if Self.move {
                    try fm.moveItem(atPath: path, toPath: target)
                } else if srcIsDir.boolValue && !context[P.recurse] {
                    try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
                } else if srcIsDir.boolValue && !filters.isEmpty {
                    try Self.copyTree(path, to: target, filters)
                } else {
                    try fm.copyItem(atPath: path, toPath: target)
                }
            } catch {
                try context.writeError(ErrorRecord(message: "Could not find a part of the path '\(target)'.",
                                                   errorId: context.qualifiedErrorId(Self.move ? "MoveItemIOError" : "CopyItemIOError"),
                                                   category: .writeError, target: .string(path), exceptionType: "System.IO.IOException"))
                continue
            }
            if context[P.passThru], let item = FileItems.item(target) { try context.writeObject(item) }
        }
    }
}

extension TransferItemBase {
    /// Copy-Item -Recurse with filters: the folders are copied, and of the files only those whose
    /// names pass -Filter/-Include/-Exclude.
    static func copyTree(_ source: String, to target: String, _ filters: ItemFilters) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        let (dirs, files) = FileItems.children(of: source)
        for name in dirs where filters.includes(name) || filters.include.isEmpty {
            try copyTree(source + "/" + name, to: target + "/" + name, filters)
        }
        for name in files where filters.matches(name) {
            try fm.copyItem(atPath: source + "/" + name, toPath: target + "/" + name)
        }
    }
}

final class CopyItemCommand: TransferItemBase, Cmdlet {
    static let declaration = CmdletDeclaration("Copy-Item", parameters: TransferParameters.all, supportsShouldProcess: true,
        synopsis: "Copies files and directories.", description: "Copies the items to -Destination (into it, when it is a directory); directories are copied with their content with -Recurse.")
    required override init() {}
}

final class MoveItemCommand: TransferItemBase, Cmdlet {
    static let declaration = CmdletDeclaration("Move-Item", parameters: TransferParameters.all, supportsShouldProcess: true,
        synopsis: "Moves or renames files and directories.", description: "Moves the items to -Destination (into it, when it is a directory).")
    override class var move: Bool { true }
    required override init() {}
}

final class GetChildItemCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let filter = Parameter<String>("Filter", position: 1)
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    static let recurse = Parameter<SwitchParameter>("Recurse", aliases: ["s"])
    static let depth = Parameter<Int>("Depth")
    static let force = Parameter<SwitchParameter>("Force")
    static let name = Parameter<SwitchParameter>("Name")
    static let file = Parameter<SwitchParameter>("File")
    static let directory = Parameter<SwitchParameter>("Directory", aliases: ["ad", "d"])
    static let hidden = Parameter<SwitchParameter>("Hidden")
    static let followSymlink = Parameter<SwitchParameter>("FollowSymlink")
    static let declaration = CmdletDeclaration("Get-ChildItem", parameters: [
        path, ItemParameters.literalPath, filter, include, exclude, recurse, depth, force, name, file, directory, hidden, followSymlink,
    ], synopsis: "Lists the items in directories.", description: "Lists a directory's files and subdirectories (recursively with -Recurse), filtered by -Filter/-Include/-Exclude wildcards, -File or -Directory.")
    func process(_ context: CmdletContext) throws {
        let fm = FileManager.default
        let filter = context[Self.filter].map { WildcardPattern($0) }
        let include = (context[Self.include] ?? []).map { WildcardPattern($0) }
        let exclude = (context[Self.exclude] ?? []).map { WildcardPattern($0) }
        let maxDepth = context[Self.depth] ?? (context[Self.recurse] ? Int.max : 0)
        if let located = SessionStateItems.located(context[ItemParameters.literalPath] ?? context[Self.path] ?? [], session: context.session) {
            for path in located {
                let items = path.components.isEmpty ? SessionStateItems.all(on: path.drive, session: context.session)
                    : SessionStateItems.items(at: path, literal: context.isBound(ItemParameters.literalPath), session: context.session) ?? []
                if items.isEmpty, !path.components.isEmpty, !WildcardPattern.containsWildcard(path.components.last ?? "") {
                    try SessionStateItems.notFound(path, context: context)
                }
                for item in items where (filter?.matches(item.name) ?? true) && (include.isEmpty || include.contains { $0.matches(item.name) })
                    && !exclude.contains(where: { $0.matches(item.name) }) {
                    try context.writeObject(context[Self.name] ? .string(item.name) : item.object())
                }
            }
            return
        }
        for root in try FileItems.paths(context, path: Self.path) {
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
                    if n.hasPrefix(".") && !context[Self.force] && !context[Self.hidden] { continue }
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
                    let kindOK = (!context[Self.file] || !isDir) && (!context[Self.directory] || isDir)
                    if matches && kindOK { try write(full, relative: rel.isEmpty ? n : rel + "/" + n, context) }
                }
                guard depth < maxDepth else { return }
                for n in dirs {
                    let full = dir == "/" ? "/" + n : dir + "/" + n
                    // Links to directories are listed but not followed, so a link loop cannot recurse forever.
                    if UnixFileStat(path: full)?.isSymbolicLink == true && !context[Self.followSymlink] { continue }
                    try walk(full, rel.isEmpty ? n : rel + "/" + n, depth + 1)
                }
            }
            try walk(root, "", 0)
        }
    }

    private func write(_ path: String, relative: String, _ context: CmdletContext) throws {
        if context[Self.name] { try context.writeObject(.string(relative)); return }
        if let item = FileItems.item(path) { try context.writeObject(item) }
    }
}

final class GetItemCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Get-Item", parameters: [path, ItemParameters.literalPath, force], synopsis: "Gets a file or directory.", description: "Writes an object for each existing item the paths name.")
    func process(_ context: CmdletContext) throws {
        if let located = SessionStateItems.located(context[ItemParameters.literalPath] ?? context[Self.path] ?? [], session: context.session) {
            for path in located {
                // The drive itself (`Get-Item Env:`): its whole collection of items, as one object, as
                // pwsh's session-state providers write it.
                if path.components.isEmpty {
                    let all = SessionStateItems.all(on: path.drive, session: context.session).map { $0.object() }
                    try context.writeObject(.array(PSArray(all)))
                    continue
                }
                let items = SessionStateItems.items(at: path, literal: context.isBound(ItemParameters.literalPath), session: context.session) ?? []
                if items.isEmpty, !WildcardPattern.containsWildcard(path.components.last ?? "") {
                    try SessionStateItems.notFound(path, context: context)
                }
                for item in items { try context.writeObject(item.object()) }
            }
            return
        }
        for p in try FileItems.paths(context, path: Self.path) { if let i = FileItems.item(p) { try context.writeObject(i) } }
    }
}
