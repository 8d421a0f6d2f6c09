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
       description: "Joins the path and child paths with '/', without doubling separators.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let children = [context[Self.childPath]].compactMap { $0 } + (context[Self.additionalChildPath] ?? [])
        for base in context[Self.path] ?? [] {
            var result = base.replacingAll("\\", with: "/")
            for c in children {
                let child = c.replacingAll("\\", with: "/")
                if result.isEmpty { result = child; continue }
                if child.isEmpty { continue }
                result = (result.hasSuffix("/") ? String(result.dropLast()) : result) + "/" + (child.hasPrefix("/") ? String(child.dropFirst()) : child)
            }
            if context[Self.resolve] {
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
    init() {}
    func process(_ context: CmdletContext) throws {
        for p in context[Self.path] ?? [] {
            let path = p.replacingAll("\\", with: "/")
            let ns = path as NSString
            if context[Self.isAbsolute] { try context.writeObject(.bool(path.hasPrefix("/") || path.hasPrefix("~"))); continue }
            if context[Self.leaf] { try context.writeObject(.string(ns.lastPathComponent)); continue }
            if context[Self.leafBase] { try context.writeObject(.string((ns.lastPathComponent as NSString).deletingPathExtension)); continue }
            if context[Self.extension] {
                let e = ns.pathExtension
                try context.writeObject(.string(e.isEmpty ? "" : "." + e)); continue
            }
            if context[Self.qualifier] {
                throw context.terminatingError("Cannot parse path because path '\(p)' does not have a qualifier specified.",
                                               errorId: "ParsePathFormatError", category: .invalidArgument)
            }
            if context[Self.noQualifier] { try context.writeObject(.string(path)); continue }
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
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let relative = Parameter<SwitchParameter>("Relative")
    static let declaration = CmdletDeclaration("Resolve-Path", parameters: [path, ItemParameters.literalPath, relative], synopsis: "Resolves wildcards and relative paths to full paths.", description: "Writes a PathInfo for each existing item the paths name.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for p in try FileItems.paths(context, path: Self.path) {
            if context[Self.relative] {
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
    static let stack = Parameter<SwitchParameter>("Stack")
    static let psDrive = Parameter<[String]>("PSDrive")
    static let declaration = CmdletDeclaration("Get-Location", parameters: [stack, psDrive], synopsis: "Shows the current directory.", description: "Writes the current location as a PathInfo (or the Push-Location stack with -Stack).")
    init() {}
    func process(_ context: CmdletContext) throws {
        if context[Self.stack] {
            for p in LocationStack.stack(context.session).elements.reversed() { try context.writeObject(PathInfoObjects.make(PSConvert.toString(p))) }
            return
        }
        try context.writeObject(PathInfoObjects.make(context.session.currentDirectory))
    }
}

final class SetLocationCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true)
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration("Set-Location", parameters: [path, literalPath, passThru], synopsis: "Changes the current directory.", description: "Makes the directory the current location for relative paths and $PWD.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let raw = context[Self.literalPath] ?? context[Self.path] ?? "~"
        try SetLocationCommand.change(to: raw, context: context)
        if context[Self.passThru] { try context.writeObject(PathInfoObjects.make(context.session.currentDirectory)) }
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
    static let path = Parameter<String>("Path", position: 0, valueFromPipeline: true)
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true)
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let stackName = Parameter<String>("StackName")
    static let declaration = CmdletDeclaration("Push-Location", parameters: [path, literalPath, passThru, stackName], synopsis: "Saves the current directory and optionally changes to another.", description: "Pushes the current location on a stack (Pop-Location returns to it), then changes to -Path if given.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let stack = LocationStack.stack(context.session)
        let current = context.session.currentDirectory
        if let p = context[Self.literalPath] ?? context[Self.path] { try SetLocationCommand.change(to: p, context: context) }
        stack.elements.append(.string(current))
        if context[Self.passThru] { try context.writeObject(PathInfoObjects.make(current)) }
    }
}

final class PopLocationCommand: Cmdlet {
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let stackName = Parameter<String>("StackName")
    static let declaration = CmdletDeclaration("Pop-Location", parameters: [passThru, stackName], synopsis: "Returns to the directory saved by Push-Location.", description: "Changes to the location on top of the Push-Location stack and removes it from the stack.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let stack = LocationStack.stack(context.session)
        guard let top = stack.elements.popLast() else { return }
        try SetLocationCommand.change(to: PSConvert.toString(top), context: context)
        if context[Self.passThru] { try context.writeObject(PathInfoObjects.make(context.session.currentDirectory)) }
    }
}
