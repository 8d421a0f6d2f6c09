// Get-PSDrive, New-PSDrive and Remove-PSDrive over the session's drives (PSRuntime's DriveTable: the
// FileSystem drives `/`, `Temp:`, the `C:` drive the Hyper-V module adds and drives made here, and the
// Alias, Env, Function and Variable drives).

import Foundation
import PSRuntime

final class GetPSDriveCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipelineByPropertyName: true)
    static let psProvider = Parameter<[String]>("PSProvider")
    static let scope = Parameter<String>("Scope")
    static let declaration = CmdletDeclaration("Get-PSDrive", parameters: [name, psProvider, scope],
        outputTypes: [DriveInfoObjects.typeName], synopsis: "Gets the drives of the session.",
        description: "Writes a PSDriveInfo for each drive (`/`, `Alias`, `C`, `Env`, `Function`, `Temp`, `Variable`, and drives made with New-PSDrive) whose name and provider match.")
    func process(_ context: CmdletContext) throws {
        var drives = context.session.drives.drives
        if let providers = context[Self.psProvider] {
            let patterns = providers.map { WildcardPattern($0) }
            func named(_ kind: PSProviderKind) -> Bool { patterns.contains { $0.matches(kind.rawValue) || $0.matches(kind.qualifiedName) } }
            for p in providers where !WildcardPattern.containsWildcard(p) && !drives.contains(where: { WildcardPattern(p).matches($0.provider.rawValue) || WildcardPattern(p).matches($0.provider.qualifiedName) }) {
                try context.writeError(ErrorRecord(message: "Cannot find a provider with the name '\(p)'.",
                                                   errorId: context.qualifiedErrorId("GetLocationNoMatchingDrive"), category: .objectNotFound,
                                                   target: .string(p), exceptionType: "System.Management.Automation.ProviderNotFoundException"))
            }
            drives = drives.filter { named($0.provider) }
            if drives.isEmpty { return }
        }
        guard let names = context[Self.name] else {
            for d in drives { try context.writeObject(.object(DriveInfoObjects.make(d))) }
            return
        }
        for n in names {
            let pattern = WildcardPattern(n)
            let hits = drives.filter { pattern.matches($0.name) }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find drive. A drive with the name '\(n)' does not exist.",
                                                   errorId: context.qualifiedErrorId("GetLocationNoMatchingDrive"), category: .objectNotFound,
                                                   target: .string(n), exceptionType: "System.Management.Automation.DriveNotFoundException"))
            }
            for d in hits { try context.writeObject(.object(DriveInfoObjects.make(d))) }
        }
    }
}

final class NewPSDriveCommand: Cmdlet {
    static let name = Parameter<String>("Name", position: 0, mandatory: true, valueFromPipelineByPropertyName: true)
    static let psProvider = Parameter<String>("PSProvider", position: 1, mandatory: true, valueFromPipelineByPropertyName: true)
    static let root = Parameter<String>("Root", position: 2, mandatory: true, valueFromPipelineByPropertyName: true, allow: .emptyString)
    static let description = Parameter<String>("Description", valueFromPipelineByPropertyName: true)
    static let scope = Parameter<String>("Scope", valueFromPipelineByPropertyName: true)
    static let persist = Parameter<SwitchParameter>("Persist", valueFromPipelineByPropertyName: true)
    static let credential = Parameter<PSValue>("Credential", valueFromPipelineByPropertyName: true)
    static let declaration = CmdletDeclaration("New-PSDrive", parameters: [name, psProvider, root, description, scope, persist, credential],
        supportsShouldProcess: true, outputTypes: [DriveInfoObjects.typeName], synopsis: "Creates a drive mapped to a folder.",
        description: "Creates a FileSystem drive whose root is an existing folder (given as any path, `C:\\Labs` included); paths on it are written `Name:\\...` for a one-letter name, else `Name:/...`. -Persist is refused as pwsh on Linux refuses it.")
    func process(_ context: CmdletContext) throws {
        let session = context.session
        let name = context[Self.name] ?? ""
        let provider = context[Self.psProvider] ?? ""
        guard ["filesystem", "microsoft.powershell.core\\filesystem"].contains(provider.lowercased()) else {
            throw context.terminatingError("Cannot find a provider with the name '\(provider)'.", errorId: "ProviderNotFound",
                                           category: .objectNotFound, target: .string(provider),
                                           exceptionType: "System.Management.Automation.ProviderNotFoundException")
        }
        if name.isEmpty || name.contains(where: { ":/\\.*?[]~".contains($0) }) {
            throw context.terminatingError("The drive name '\(name)' contains characters that are not valid.", errorId: "NewDriveProviderException",
                                           category: .invalidArgument, target: .string(name),
                                           exceptionType: "System.Management.Automation.PSArgumentException")
        }
        let rootText = context[Self.root] ?? ""
        if context[Self.persist] {
            throw context.terminatingError("When you use the Persist parameter, the root must be a file system location on a remote computer.",
                                           errorId: "DriveRootNotNetworkPath", category: .invalidArgument, target: .string(name),
                                           exceptionType: "System.NotSupportedException")
        }
        if session.drives.drive(named: name) != nil {
            try context.writeError(ErrorRecord(message: "A drive with the name '\(name)' already exists.", errorId: context.qualifiedErrorId("DriveAlreadyExists"),
                                               category: .resourceExists, target: .string(name),
                                               exceptionType: "System.Management.Automation.SessionStateException"))
            return
        }
        let real: String
        do { real = try session.locate(rootText).real } catch { try context.writeError(error.record(for: context)); return }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDir), isDir.boolValue else {
            try context.writeError(ErrorRecord(message: "The specified drive root \"\(rootText)\" either does not exist, or it is not a folder.",
                                               errorId: context.qualifiedErrorId("DriveRootError"), category: .readError,
                                               target: .string(name), exceptionType: "System.IO.IOException"))
            return
        }
        guard try context.shouldProcess(target: "Name: \(name) Provider: Microsoft.PowerShell.Core\\FileSystem Root: \(rootText)", action: "New drive") else { return }
        let drive = PSDrive(name: name, root: real, description: context[Self.description] ?? "", scope: context[Self.scope] ?? "Local")
        session.drives.add(drive)
        try context.writeObject(.object(DriveInfoObjects.make(drive)))
    }
}

final class RemovePSDriveCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true, sets: ["Name"], allow: [.null, .emptyCollection])
    static let literalName = Parameter<[String]>("LiteralName", position: 0, mandatory: true, valueFromPipelineByPropertyName: true, sets: ["LiteralName"])
    static let psProvider = Parameter<[String]>("PSProvider")
    static let scope = Parameter<String>("Scope")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Remove-PSDrive", parameters: [name, literalName, psProvider, scope, force],
        defaultParameterSet: "Name", supportsShouldProcess: true, synopsis: "Removes drives.",
        description: "Removes the named drives; the drive of the current location cannot be removed.")
    func process(_ context: CmdletContext) throws {
        let session = context.session
        let literal = context[Self.literalName] != nil
        for n in context[Self.literalName] ?? context[Self.name] ?? [] {
            let pattern = WildcardPattern(n)
            let hits = session.drives.drives.filter { literal ? $0.name.lowercased() == n.lowercased() : pattern.matches($0.name) }
            if hits.isEmpty && (literal || !WildcardPattern.containsWildcard(n)) {
                try context.writeError(ErrorRecord(message: "Cannot find drive. A drive with the name '\(n)' does not exist.",
                                                   errorId: context.qualifiedErrorId("DriveNotFound"), category: .objectNotFound,
                                                   target: .string(n), exceptionType: "System.Management.Automation.DriveNotFoundException"))
            }
            for d in hits {
                if d === session.currentDrive || d.isFileSystemRoot {
                    try context.writeError(ErrorRecord(message: "Cannot remove drive '\(d.name)' because it is in use.",
                                                       errorId: context.qualifiedErrorId("InvalidOperation"), category: .invalidOperation,
                                                       target: .string(d.name), exceptionType: "System.Management.Automation.PSInvalidOperationException"))
                    continue
                }
                guard try context.shouldProcess(target: "Name: \(d.name) Provider: Microsoft.PowerShell.Core\\FileSystem Root: \(d.displayRoot)", action: "Remove Drive") else { continue }
                session.drives.remove(named: d.name)
            }
        }
    }
}

enum DriveViews {
    /// PowerShell's `drive` table: used and free space in GB with two decimals, the root, and the
    /// drive's current location right-aligned.
    static var all: [FormatView] {
        func gigabytes(_ key: String) -> FormatValue {
            .computed { v in
                let used = PropertyAccess.value(v, "Used") ?? .null, free = PropertyAccess.value(v, "Free") ?? .null
                guard !(used.isNull && free.isNull) else { return .null }
                let n = (try? PSConvert.toInt64(PropertyAccess.value(v, key) ?? .null)) ?? 0
                return .string(String(format: "%.2f", Double(n) / 1_073_741_824))
            }
        }
        return [FormatView(name: "drive", typeNames: [DriveInfoObjects.typeName], table: [
            TableColumn("Name", width: 10),
            TableColumn("Used (GB)", width: 13, alignment: .right, value: gigabytes("Used")),
            TableColumn("Free (GB)", width: 13, alignment: .right, value: gigabytes("Free")),
            TableColumn("Provider", width: 13, value: .computed { v in
                PropertyAccess.value(v, "Provider").flatMap { PropertyAccess.value($0, "Name") } ?? .null }),
            TableColumn("Root", width: 35, value: .computed { v in
                let display = PropertyAccess.value(v, "DisplayRoot") ?? .null
                return display.isNull ? (PropertyAccess.value(v, "Root") ?? .null) : display }),
            TableColumn("CurrentLocation", alignment: .right),
        ])]
    }
}
