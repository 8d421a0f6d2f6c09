// Path and location cmdlets: Join-Path, Split-Path, Resolve-Path and the current location
// (Get-/Set-/Push-/Pop-Location).

import Foundation
import PSRuntime

final class JoinPathCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", aliases: ["PSPath"], position: 0, mandatory: true, valueFromPipeline: true)
    static let childPath = Parameter<String>("ChildPath", position: 1)
    static let additionalChildPath = Parameter<[String]>("AdditionalChildPath", position: 2, valueFromRemainingArguments: true)
    static let resolve = Parameter<SwitchParameter>("Resolve")
    static let declaration = CmdletDeclaration("Join-Path", parameters: [path, childPath, additionalChildPath, resolve], outputTypes: ["System.String"], synopsis: "Joins path parts with the path separator.",
       description: "Joins the path and child paths with the drive's separator ('\\' on a Windows-style drive such as C:, else '/'), without doubling separators.")
    func process(_ context: CmdletContext) throws {
        let children = [context[Self.childPath]].compactMap { $0 } + (context[Self.additionalChildPath] ?? [])
        for base in context[Self.path] ?? [] {
            // As PowerShell: the drive a path names must exist; its kind decides the separator.
            var separator = "/"
            if let name = ShellSession.driveQualifier(base) {
                guard let drive = context.session.drives.drive(named: String(name)) else {
                    try context.writeError(DriveNotFound(name: String(name)).record(for: context)); continue
                }
                separator = drive.separator
            } else if base.isEmpty || !(base.hasPrefix("/") || base.hasPrefix("\\") || base.hasPrefix("~")) {
                separator = context.session.currentDrive.separator
            }
            let other = separator == "/" ? "\\" : "/"
            var result = base.replacingAll(other, with: separator)
            for c in children {
                let child = c.replacingAll(other, with: separator)
                if result.isEmpty { result = child; continue }
                if child.isEmpty { continue }
                result = (result.hasSuffix(separator) ? String(result.dropLast()) : result) + separator
                    + (child.hasPrefix(separator) ? String(child.dropFirst()) : child)
            }
            if context[Self.resolve] {
                let hits = try FileSystemPaths.expandLocated(result, session: context.session)
                if hits.isEmpty { try FileItems.notFound(context.session.displayPath(ofReal: FileSystemPaths.resolve(result, session: context.session)), context: context) }
                for h in hits { try context.writeObject(.string(h.display)) }
            } else {
                try context.writeObject(.string(result))
            }
        }
    }
}

final class SplitPathCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipeline: true)
    static let parent = Parameter<SwitchParameter>("Parent")
    static let leaf = Parameter<SwitchParameter>("Leaf")
    static let leafBase = Parameter<SwitchParameter>("LeafBase")
    static let `extension` = Parameter<SwitchParameter>("Extension")
    static let qualifier = Parameter<SwitchParameter>("Qualifier")
    static let noQualifier = Parameter<SwitchParameter>("NoQualifier")
    static let isAbsolute = Parameter<SwitchParameter>("IsAbsolute")
    static let resolve = Parameter<SwitchParameter>("Resolve")
    static let declaration = CmdletDeclaration("Split-Path", parameters: [
        path, parent, leaf, leafBase, `extension`, qualifier, noQualifier, isAbsolute, resolve,
    ], synopsis: "Returns a part of a path.", description: "Writes the parent directory (default), the leaf, the leaf without extension, the extension, or whether the path is absolute.")
    func process(_ context: CmdletContext) throws {
        for p in try resolved(context[Self.path] ?? [], context) {
            // A drive qualifier (`C:`) is kept apart; the rest splits on either separator and is
            // joined back with the drive's separator.
            let qualifier = ShellSession.driveQualifier(p).map { String($0) + ":" }
            let separator = qualifier.flatMap { q in context.session.drives.drive(named: String(q.dropLast()))?.separator }
                ?? (qualifier.map { q in q.count == 2 ? "\\" : "/" } ?? (p.contains("\\") && !p.contains("/") ? "\\" : "/"))
            let rest = qualifier.map { String(p.dropFirst($0.count)) } ?? p
            let rooted = rest.hasPrefix("/") || rest.hasPrefix("\\")
            let parts = rest.split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
            let leaf = parts.last ?? ""
            if context[Self.isAbsolute] {
                try context.writeObject(.bool(qualifier != nil || rooted || p.hasPrefix("~"))); continue
            }
            if context[Self.qualifier] {
                guard let qualifier else {
                    throw context.terminatingError("Cannot parse path because path '\(p)' does not have a qualifier specified.",
                                                   errorId: "ParsePathFormatError", category: .invalidArgument)
                }
                try context.writeObject(.string(qualifier)); continue
            }
            if context[Self.noQualifier] { try context.writeObject(.string(rest)); continue }
            if context[Self.leaf] { try context.writeObject(.string(leaf)); continue }
            if context[Self.leafBase] {
                let ext = FileItems.dotNetExtension(leaf)
                try context.writeObject(.string(String(leaf.dropLast(ext.count)))); continue
            }
            if context[Self.extension] { try context.writeObject(.string(FileItems.dotNetExtension(leaf))); continue }
            // The parent: everything before the leaf; the root when only the leaf is below it.
            if parts.count <= 1 {
                let root = (qualifier ?? "") + (rooted && !parts.isEmpty ? separator : "")
                try context.writeObject(.string(parts.isEmpty ? "" : root)); continue
            }
            let parent = (qualifier ?? "") + (rooted ? separator : "") + parts.dropLast().joined(separator: separator)
            try context.writeObject(.string(parent))
        }
    }

    /// -Resolve splits the full path of each item a path names (wildcards expanded; a path naming
    /// nothing is an error), not the text as written.
    private func resolved(_ paths: [String], _ context: CmdletContext) throws -> [String] {
        guard context[Self.resolve] else { return paths }
        var out: [String] = []
        for p in paths {
            do {
                let hits = try FileSystemPaths.expandLocated(p, session: context.session)
                if hits.isEmpty, !WildcardPattern.containsWildcard(p) {
                    try FileItems.notFound(try context.session.locate(p).display, context: context)
                }
                out += hits.map(\.display)
            } catch let missing as DriveNotFound {
                try context.writeError(missing.record(for: context))
            }
        }
        return out
    }
}

enum PathInfoObjects {
    static func make(_ path: ProviderPath) -> PSValue { .object(PathInfo.make(path)) }
}

final class ResolvePathCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let relative = Parameter<SwitchParameter>("Relative")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Resolve-Path", parameters: [path, ItemParameters.literalPath, relative, force], synopsis: "Resolves wildcards and relative paths to full paths.", description: "Writes a PathInfo for each existing item the paths name, on the drive the path names.")
    func process(_ context: CmdletContext) throws {
        for p in try FileItems.located(context, path: Self.path) {
            if context[Self.relative] {
                let here = context.session.currentLocation
                let sep = here.drive.separator
                if p.drive === here.drive, p.components.starts(with: here.components) {
                    try context.writeObject(.string("." + sep + p.components.dropFirst(here.components.count).joined(separator: sep)))
                } else {
                    try context.writeObject(.string(p.display))
                }
            } else {
                try context.writeObject(PathInfoObjects.make(p))
            }
        }
    }
}

/// Convert-Path: each item a path names (wildcards expanded, as Resolve-Path does) as the provider's
/// own path, a plain string (`Convert-Path ~` is the home folder's path).
final class ConvertPathCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipeline: true,
                                          valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["LiteralPath"])
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Convert-Path", parameters: [path, literalPath, force], defaultParameterSet: "Path",
                                               outputTypes: ["System.String"], synopsis: "Converts a path from a PowerShell path to a provider path.",
                                               description: "Writes, as a string, the provider path of each item the paths name (wildcards expand in -Path, never in -LiteralPath); a path that names nothing is an error. -Force is accepted: hvsh's wildcards already match hidden items, as Resolve-Path's do.")
    func process(_ context: CmdletContext) throws {
        for p in try FileItems.located(context, path: Self.path, literalPath: Self.literalPath) {
            try context.writeObject(.string(p.real))
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
    static let stack = Parameter<SwitchParameter>("Stack")
    static let psDrive = Parameter<[String]>("PSDrive")
    static let declaration = CmdletDeclaration("Get-Location", parameters: [stack, psDrive], synopsis: "Shows the current location.", description: "Writes the current location as a PathInfo (the location on each drive with -PSDrive, the Push-Location stack with -Stack).")
    func process(_ context: CmdletContext) throws {
        let session = context.session
        if context[Self.stack] {
            for p in LocationStack.stack(session).elements.reversed() {
                if let located = try? session.locate(PSConvert.toString(p)) { try context.writeObject(PathInfoObjects.make(located)) }
            }
            return
        }
        if let names = context[Self.psDrive] {
            for name in names {
                guard let drive = session.drives.drive(named: name) else {
                    try context.writeError(DriveNotFound(name: name).record(for: context)); continue
                }
                try context.writeObject(PathInfoObjects.make(ProviderPath(drive: drive, components: drive.location)))
            }
            return
        }
        try context.writeObject(PathInfoObjects.make(session.currentLocation))
    }
}

final class SetLocationCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true)
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration("Set-Location", parameters: [path, literalPath, passThru], synopsis: "Changes the current location.", description: "Makes the folder (on any drive: `C:\\`, `Temp:`, `/`) the current location for relative paths and $PWD.")
    func process(_ context: CmdletContext) throws {
        let raw = context[Self.literalPath] ?? context[Self.path] ?? "~"
        try SetLocationCommand.change(to: raw, context: context)
        if context[Self.passThru] { try context.writeObject(PathInfoObjects.make(context.session.currentLocation)) }
    }

    static func change(to raw: String, context: CmdletContext) throws {
        let target: ProviderPath
        do { target = try context.session.locate(raw) } catch { throw PSRuntimeError(error.record(for: context)) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.real, isDirectory: &isDir), isDir.boolValue else {
            throw context.terminatingError("Cannot find path '\(target.display)' because it does not exist.",
                                           errorId: "PathNotFound", category: .objectNotFound, target: .string(target.display),
                                           exceptionType: "System.Management.Automation.ItemNotFoundException")
        }
        context.session.setLocation(target)
    }
}

final class PushLocationCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 0, valueFromPipeline: true)
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true)
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let stackName = Parameter<String>("StackName")
    static let declaration = CmdletDeclaration("Push-Location", parameters: [path, literalPath, passThru, stackName], synopsis: "Saves the current location and optionally changes to another.", description: "Pushes the current location on a stack (Pop-Location returns to it), then changes to -Path if given.")
    func process(_ context: CmdletContext) throws {
        let stack = LocationStack.stack(context.session)
        let current = context.session.currentLocation
        if let p = context[Self.literalPath] ?? context[Self.path] { try SetLocationCommand.change(to: p, context: context) }
        stack.elements.append(.string(current.display))
        if context[Self.passThru] { try context.writeObject(PathInfoObjects.make(current)) }
    }
}

final class PopLocationCommand: Cmdlet {
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let stackName = Parameter<String>("StackName")
    static let declaration = CmdletDeclaration("Pop-Location", parameters: [passThru, stackName], synopsis: "Returns to the location saved by Push-Location.", description: "Changes to the location on top of the Push-Location stack and removes it from the stack.")
    func process(_ context: CmdletContext) throws {
        let stack = LocationStack.stack(context.session)
        guard let top = stack.elements.popLast() else { return }
        try SetLocationCommand.change(to: PSConvert.toString(top), context: context)
        if context[Self.passThru] { try context.writeObject(PathInfoObjects.make(context.session.currentLocation)) }
    }
}
