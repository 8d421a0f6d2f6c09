// Set-Item and Clear-Item: writing the items of the session-state drives (Variable:, Env:, Function:,
// Alias:), as `Set-Item Env:LAB_ROOT /srv/lab` and `Set-Item function:global:Prompt { ... }` do.
// The file system provider has no item value to set, as in PowerShell.

import Foundation
import PSRuntime

final class SetItemCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["LiteralPath"])
    static let value = Parameter<PSValue>("Value", position: 1, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let force = Parameter<SwitchParameter>("Force")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration(
        "Set-Item", parameters: [path, literalPath, value, force, passThru], defaultParameterSet: "Path", supportsShouldProcess: true,
        synopsis: "Sets the value of a variable, environment variable, function or alias through its drive.",
        description: "Sets Variable:, Env:, Function: and Alias: items to -Value, making them when they do not exist (Function:global:Name defines a global function). -PassThru writes the item.")

    func process(_ context: CmdletContext) throws {
        let literal = context.isBound(Self.literalPath)
        for text in context[Self.literalPath] ?? context[Self.path] ?? [] {
            guard let located = try SessionStateWrites.locate(text, context) else { continue }
            let value = context[Self.value] ?? .null
            let names = SessionStateWrites.targetNames(located, literal: literal, context.session)
            for name in names {
                guard try context.shouldProcess(target: "Item: \(name) Value: \(PSConvert.toString(value))", action: "Set Item") else { continue }
                try SessionStateWrites.set(name, value, on: located.drive, force: context[Self.force], context)
                if context[Self.passThru] { try SessionStateWrites.writeItem(name, on: located.drive, context) }
            }
        }
    }
}

final class ClearItemCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["LiteralPath"])
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration(
        "Clear-Item", parameters: [path, literalPath, force], defaultParameterSet: "Path", supportsShouldProcess: true,
        synopsis: "Clears the value of a variable or environment variable through its drive.",
        description: "Sets a Variable: item to $null and removes an Env: item; the item itself stays for a variable.")

    func process(_ context: CmdletContext) throws {
        let literal = context.isBound(Self.literalPath)
        for text in context[Self.literalPath] ?? context[Self.path] ?? [] {
            guard let located = try SessionStateWrites.locate(text, context) else { continue }
            let existing = (SessionStateItems.items(at: located, literal: literal, session: context.session) ?? []).map(\.name)
            if existing.isEmpty {
                try SessionStateItems.notFound(located, context: context)
                continue
            }
            for name in existing {
                guard try context.shouldProcess(target: "Item: \(name)", action: "Clear Item") else { continue }
                switch located.drive.provider {
                case .variable: try SessionStateWrites.set(name, .null, on: located.drive, force: context[Self.force], context)
                case .environment: unsetenv(name)
                default: throw SessionStateWrites.notSupported(context)
                }
            }
        }
    }
}

/// Writing session-state items, shared by Set-Item, Clear-Item and New-Item.
enum SessionStateWrites {
    /// The path on a session-state drive, or an error for a file-system path (which has no item value).
    static func locate(_ text: String, _ context: CmdletContext) throws -> ProviderPath? {
        guard let located = try? context.session.locateItem(text) else {
            let drive = text.split(separator: ":").first.map(String.init) ?? text
            throw context.terminatingError("Cannot find drive. A drive with the name '\(drive)' does not exist.", errorId: "DriveNotFound",
                                           category: .objectNotFound, target: .string(drive),
                                           exceptionType: "System.Management.Automation.DriveNotFoundException")
        }
        guard located.drive.provider != .fileSystem else { throw notSupported(context) }
        guard located.components.count == 1 else {
            try SessionStateItems.notFound(located, context: context)
            return nil
        }
        return located
    }

    /// The names a path sets: the existing items a wildcard matches, else the name as written.
    static func targetNames(_ path: ProviderPath, literal: Bool, _ session: ShellSession) -> [String] {
        let name = path.components[0]
        if !literal, WildcardPattern.containsWildcard(name) {
            return (SessionStateItems.items(at: path, literal: false, session: session) ?? []).map(\.name)
        }
        return [name]
    }

    static func notSupported(_ context: CmdletContext) -> PSRuntimeError {
        context.terminatingError("Provider operation stopped because the provider does not support this operation.",
                                 errorId: "NotSupported", category: .notImplemented, exceptionType: "System.Management.Automation.PSNotSupportedException")
    }

    /// Sets one item: a variable's value, an environment variable, a function's body, an alias's target.
    static func set(_ written: String, _ value: PSValue, on drive: PSDrive, force: Bool, _ context: CmdletContext) throws {
        let session = context.session
        let (scope, name) = scoped(written, session)
        switch drive.provider {
        case .variable:
            if let v = scope.lookup(name), VariableObjects.isProtected(v, force: force) {
                throw context.terminatingError("Cannot overwrite variable \(v.name) because it is read-only or constant.",
                                               errorId: "VariableNotWritable", category: .writeError, target: .string(v.name),
                                               exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException")
            }
            if let local = scope.localVariable(name) { local.value = value; local.isSet = true } else { _ = scope.set(name, value) }
        case .environment:
            let text = value.isNull ? "" : PSConvert.toString(value)
            if text.isEmpty { unsetenv(name) } else { setenv(name, text, 1) }
        case .function:
            let block: PSScriptBlock
            switch value.unwrapped {
            case .scriptBlock(let b): block = b
            case .null: block = try session.compileText("")
            default: block = try session.compileText(PSConvert.toString(value))
            }
            let info = FunctionInfo(name: name, block: block, isFilter: false)
            scope.defineFunction(info)
        case .alias:
            session.registry.setAlias(name, PSConvert.toString(value))
        case .fileSystem:
            throw notSupported(context)
        }
    }

    /// Writes the item as Get-Item would (for -PassThru).
    static func writeItem(_ written: String, on drive: PSDrive, _ context: CmdletContext) throws {
        let name = scoped(written, context.session).name
        let item = SessionStateItems.all(on: drive, session: context.session).first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        if let item { try context.writeObject(item.object()) }
    }

    /// `global:name`, `script:name`, `local:name`: the scope a name on the Variable: or Function: drive writes into.
    static func scoped(_ written: String, _ session: ShellSession) -> (scope: Scope, name: String) {
        let lower = written.lowercased()
        for (prefix, scope) in [("global:", session.globalScope), ("script:", session.currentScope.scriptScope), ("local:", session.currentScope)]
            where lower.hasPrefix(prefix) {
            return (scope, String(written.dropFirst(prefix.count)))
        }
        return (session.currentScope, written)
    }
}
