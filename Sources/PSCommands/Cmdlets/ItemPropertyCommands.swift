// Get-ItemProperty, Get-ItemPropertyValue, Set-ItemProperty and Clear-ItemProperty for the FileSystem
// provider, as its property interface works: the properties are the item's (FileInfo/DirectoryInfo)
// members; a property object carries the provider's PSPath, PSParentPath, PSChildName, PSDrive and
// PSProvider notes after the properties asked for. Registry paths (HKLM:) fail as on pwsh for Linux:
// the drive does not exist.

import Foundation
import PSRuntime

enum ItemPropertyParameters {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["LiteralPath"])
    static let filter = Parameter<String>("Filter")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
}

extension FileItems {
    /// The items a property cmdlet works on: -Path (wildcards) or -LiteralPath, with the missing
    /// ones reported.
    static func propertyTargets(_ context: CmdletContext, path: Parameter<[String]> = ItemPropertyParameters.path,
                                literalPath: Parameter<[String]> = ItemPropertyParameters.literalPath) throws -> [String] {
        typealias P = ItemPropertyParameters
        let filters = ItemFilters(filter: context[P.filter], include: context[P.include], exclude: context[P.exclude])
        return try paths(context, path: path, literalPath: literalPath, filters: filters)
    }

    /// The object the provider writes for properties: the properties, then where they came from.
    static func propertyObject(_ properties: [(String, PSValue)], path: String, session: ShellSession) -> PSValue {
        let o = PSObject()
        for (name, value) in properties { o.addNote(name, value) }
        let parent = path == "/" ? "" : (path as NSString).deletingLastPathComponent
        o.addNote("PSPath", .string(providerPrefix + path))
        o.addNote("PSParentPath", .string(parent.isEmpty ? "" : providerPrefix + parent))
        o.addNote("PSChildName", .string(path == "/" ? "/" : (path as NSString).lastPathComponent))
        // The drive the item was reached on: the current one when it holds the path, else the
        // Windows-style drive that does, else the file system root.
        let drive = session.currentDrive.components(ofReal: path) != nil ? session.currentDrive
            : (session.drives.windowsDrive(containing: path)?.0 ?? session.drives.drive(named: "/"))
        o.addNote("PSDrive", drive.map { .object(DriveInfoObjects.make($0)) } ?? .null)
        o.addNote("PSProvider", .object(DriveInfoObjects.fileSystemProvider()))
        return .object(o)
    }

    static func propertyNotFound(_ name: String, errorId: String, context: CmdletContext) throws {
        try context.writeError(ErrorRecord(message: "The property \(name) does not exist or was not found.",
                                           errorId: context.qualifiedErrorId(errorId), category: .readError,
                                           target: .string(name), exceptionType: "System.IO.IOException"))
    }

    /// The named properties of the item at `path` (every member when `names` is empty: the item itself).
    static func properties(of path: String, names: [String], errorId: String, context: CmdletContext) throws -> [(String, PSValue)]? {
        guard let item = item(path)?.asObject else { return nil }
        var found: [(String, PSValue)] = []
        for n in names where !n.isEmpty {
            if let value = try? item.property(n) {
                let member = item.members.first { $0.name.lowercased() == n.lowercased() }
                found.append((member?.name ?? n, value))
            } else {
                try propertyNotFound(n, errorId: errorId, context: context)
            }
        }
        return found
    }
}

final class GetItemPropertyCommand: Cmdlet {
    typealias P = ItemPropertyParameters
    static let name = Parameter<[String]>("Name", aliases: ["PSProperty"], position: 1)
    static let declaration = CmdletDeclaration("Get-ItemProperty", parameters: [
        P.path, P.literalPath, name, P.filter, P.include, P.exclude,
    ], defaultParameterSet: "Path", synopsis: "Gets properties of items.",
       description: "Without -Name writes each item (a FileInfo or DirectoryInfo); with -Name writes an object holding those properties (Length, LastWriteTime, Attributes, IsReadOnly, Mode, ...) and the item's PSPath, PSParentPath, PSChildName, PSDrive and PSProvider.")
    func process(_ context: CmdletContext) throws {
        let names = context[Self.name] ?? []
        for path in try FileItems.propertyTargets(context) {
            if names.isEmpty {
                if let item = FileItems.item(path) { try context.writeObject(item) }
                continue
            }
            guard let found = try FileItems.properties(of: path, names: names, errorId: "GetValueError", context: context),
                  !found.isEmpty else { continue }
            try context.writeObject(FileItems.propertyObject(found, path: path, session: context.session))
        }
    }
}

final class GetItemPropertyValueCommand: Cmdlet {
    typealias P = ItemPropertyParameters
    static let path = Parameter<[String]>("Path", position: 0, valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let name = Parameter<[String]>("Name", aliases: ["PSProperty"], position: 1, mandatory: true)
    static let declaration = CmdletDeclaration("Get-ItemPropertyValue", parameters: [
        path, P.literalPath, name, P.filter, P.include, P.exclude,
    ], defaultParameterSet: "Path", synopsis: "Gets the values of properties of items.",
       description: "Writes the value of each named property of each item (the current location when no path is given).")
    func process(_ context: CmdletContext) throws {
        let targets = try FileItems.propertyTargets(context, path: Self.path)
        for path in targets {
            guard let found = try FileItems.properties(of: path, names: context[Self.name] ?? [], errorId: "GetValueError", context: context) else { continue }
            for (_, value) in found where !value.isNull { try context.writeObject(value) }
        }
    }
}

final class SetItemPropertyCommand: Cmdlet {
    typealias P = ItemPropertyParameters
    static let name = Parameter<String>("Name", aliases: ["PSProperty"], position: 1, mandatory: true,
                                        valueFromPipelineByPropertyName: true, sets: ["propertyValuePathSet", "propertyValueLiteralPathSet"])
    static let value = Parameter<PSValue>("Value", position: 2, mandatory: true, valueFromPipelineByPropertyName: true,
                                          sets: ["propertyValuePathSet", "propertyValueLiteralPathSet"], allow: .null)
    static let inputObject = Parameter<PSValue>("InputObject", mandatory: true, valueFromPipeline: true,
                                                sets: ["propertyPSObjectPathSet", "propertyPSObjectLiteralPathSet"])
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipelineByPropertyName: true,
                                          sets: ["propertyValuePathSet", "propertyPSObjectPathSet"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, valueFromPipelineByPropertyName: true,
                                                 sets: ["propertyValueLiteralPathSet", "propertyPSObjectLiteralPathSet"])
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Set-ItemProperty", parameters: [
        path, literalPath, name, value, inputObject, passThru, force, P.filter, P.include, P.exclude,
    ], defaultParameterSet: "propertyValuePathSet", supportsShouldProcess: true, synopsis: "Sets properties of items.",
       description: "Sets IsReadOnly, Attributes (ReadOnly, Normal), LastWriteTime, LastAccessTime (and their Utc forms) of files and directories; -PassThru writes the properties set.")
    func process(_ context: CmdletContext) throws {
        var changes: [(String, PSValue)] = []
        if let n = context[Self.name] { changes.append((n, context[Self.value] ?? .null)) }
        if let input = context[Self.inputObject] {
            if case .hashtable(let h) = input {
                for (k, v) in h.pairs { changes.append((PSConvert.toString(k), v)) }
            } else if let o = input.asObject {
                for m in o.members where m.isProperty { changes.append((m.name, (try? o.property(m.name)) ?? .null)) }
            }
        }
        for path in try FileItems.propertyTargets(context, path: Self.path, literalPath: Self.literalPath) {
            var set: [(String, PSValue)] = []
            let isDir = UnixFileStat(path: path, followingLinks: true)?.isDirectory ?? false
            for (name, value) in changes {
                let target = "Item: \(path) Property: \(name) Value: \(PSConvert.toString(value))"
                guard try context.shouldProcess(target: target, action: isDir ? "Set Property Directory" : "Set Property File") else { continue }
                if let stored = try FileProperties.set(name, value, at: path, context: context) { set.append((name, stored)) }
            }
            if context[Self.passThru] && !set.isEmpty {
                try context.writeObject(FileItems.propertyObject(set, path: path, session: context.session))
            }
        }
    }
}

final class ClearItemPropertyCommand: Cmdlet {
    typealias P = ItemPropertyParameters
    static let name = Parameter<String>("Name", aliases: ["PSProperty"], position: 1, mandatory: true, valueFromPipelineByPropertyName: true)
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Clear-ItemProperty", parameters: [
        P.path, P.literalPath, name, passThru, force, P.filter, P.include, P.exclude,
    ], defaultParameterSet: "Path", supportsShouldProcess: true, synopsis: "Clears a property of items.",
       description: "The FileSystem provider clears only Attributes (to Normal: the file becomes writable); -PassThru writes the cleared value.")
    func process(_ context: CmdletContext) throws {
        let name = context[Self.name] ?? ""
        guard name.lowercased() == "attributes" else {
            for path in try FileItems.propertyTargets(context) {
                try context.writeError(ErrorRecord(message: "The property cannot be cleared because the property is not supported. Only the Attributes property can be cleared. (Parameter 'propertiesToClear')",
                                                   errorId: context.qualifiedErrorId("ClearPropertyArgumentError"), category: .invalidArgument,
                                                   target: .string(path), exceptionType: "System.Management.Automation.PSArgumentException"))
            }
            return
        }
        for path in try FileItems.propertyTargets(context) {
            let isDir = UnixFileStat(path: path, followingLinks: true)?.isDirectory ?? false
            guard try context.shouldProcess(target: "Item: \(path) Property: \(name)", action: isDir ? "Clear Property Directory" : "Clear Property File") else { continue }
            guard let stored = try FileProperties.set("Attributes", .string("Normal"), at: path, context: context) else { continue }
            if context[Self.passThru] {
                try context.writeObject(FileItems.propertyObject([("Attributes", stored)], path: path, session: context.session))
            }
        }
    }
}
