// The Alias, Env, Function and Variable drives for the item cmdlets (Get-ChildItem, Get-Item,
// Test-Path, Remove-Item): each is a flat container of named items, as pwsh's session-state providers
// are. Items are the objects the matching cmdlets write (AliasInfo, a DictionaryEntry per environment
// variable, FunctionInfo, PSVariable), listed by name ignoring case.

import Foundation
import PSRuntime

enum SessionStateItems {
    /// One item: its name and the object Get-Item writes for it.
    struct Item {
        let name: String
        let object: () -> PSValue
    }

    /// The paths when every one of them is on a session-state drive (nil when none or only some are:
    /// those go to the file system code, which reports the others).
    static func located(_ paths: [String], session: ShellSession) -> [ProviderPath]? {
        let located = paths.compactMap { try? session.locateItem($0) }
        guard located.count == paths.count, !located.isEmpty,
              located.allSatisfy({ $0.drive.provider != .fileSystem }) else { return nil }
        return located
    }

    /// The drive's items, sorted by name ignoring case (pwsh's order).
    static func all(on drive: PSDrive, session: ShellSession) -> [Item] {
        var items: [Item] = []
        switch drive.provider {
        case .alias:
            items = AliasObjects.visible(session).map { entry in
                Item(name: entry.name) { AliasObjects.make(entry.name, entry.target, entry.details, resolvedBy: session.registry, in: session) }
            }
        case .environment:
            items = ProcessInfo.processInfo.environment.map { key, value in
                Item(name: key) { PropertyAccess.dictionaryEntry(key: .string(key), value: .string(value)) }
            }
        case .function:
            items = session.currentScope.visibleFunctions.map { f in Item(name: f.name) { FunctionObjects.make(f) } }
        case .variable:
            items = VariableObjects.visible(session).map { v in Item(name: v.name) { VariableObjects.make(v) } }
        case .fileSystem:
            return []
        }
        return items.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// The items a path names: the whole drive for `Env:` itself, else the items whose name matches the
    /// last part (wildcards unless literal). Only names directly on the drive exist (it has no folders).
    static func items(at path: ProviderPath, literal: Bool, session: ShellSession) -> [Item]? {
        guard let name = path.components.last else { return nil }
        guard path.components.count == 1 else { return [] }
        let all = all(on: path.drive, session: session)
        if literal || !WildcardPattern.containsWildcard(name) { return all.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame } }
        let pattern = WildcardPattern(name)
        return all.filter { pattern.matches($0.name) }
    }

    /// Deletes an item: unsets the environment variable, removes the alias, function or variable.
    static func remove(_ item: Item, on drive: PSDrive, context: CmdletContext) throws {
        switch drive.provider {
        case .alias:
            guard try context.shouldProcess(target: "Item: \(item.name)", action: "Remove Alias") else { return }
            let session = context.session
            if let found = AliasObjects.find(item.name, from: session.currentScope, only: false, session), found.scope !== session.globalScope {
                found.scope.removeAlias(item.name)
            } else {
                session.registry.removeAlias(item.name)
            }
        case .environment:
            guard try context.shouldProcess(target: "Item: \(item.name)", action: "Remove Item") else { return }
            unsetenv(item.name)
        case .function:
            guard try context.shouldProcess(target: "Item: \(item.name)", action: "Remove Item") else { return }
            context.session.currentScope.removeVisibleFunction(item.name)
        case .variable:
            guard let v = context.session.currentScope.lookup(item.name) else { return }
            if VariableObjects.isProtected(v, force: context.isBound(RemoveItemCommand.force)) {
                try context.writeError(ErrorRecord(message: "Cannot remove variable \(v.name) because it is constant or read-only. If the variable is read-only, try the operation again specifying the Force option.",
                                                   errorId: context.qualifiedErrorId("VariableNotRemovable"), category: .writeError,
                                                   target: .string(v.name), exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
                return
            }
            guard try context.shouldProcess(target: "Item: \(item.name)", action: "Remove Item") else { return }
            v.isSet = false
        case .fileSystem:
            return
        }
    }

    /// PowerShell's error for a name that is not on the drive.
    static func notFound(_ path: ProviderPath, context: CmdletContext) throws {
        try FileItems.notFound(path.display, context: context)
    }
}

/// FunctionInfo objects, as Get-Command and the Function: drive write them.
enum FunctionObjects {
    static func make(_ f: FunctionInfo) -> PSValue {
        let info = CommandInfoObjects.make(type: f.isFilter ? "Filter" : "Function", name: f.name, version: "", source: f.module?.name ?? "",
                                           definition: f.block.text, declaration: f.block.declaration(named: f.name), advanced: f.block.isAdvanced)
        if case .object(let o) = info { o.addNote("ScriptBlock", .scriptBlock(f.block)) }
        return info
    }
}
