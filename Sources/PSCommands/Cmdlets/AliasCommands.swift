// Get-Alias, Set-Alias, New-Alias, Remove-Alias and the AliasInfo objects they write.

import Foundation
import PSRuntime

/// The parameters Set-Alias and New-Alias share.
enum AliasParameters {
    static let name = Parameter<String>("Name", position: 0, mandatory: true)
    static let value = Parameter<String>("Value", position: 1, mandatory: true)
    static let description = Parameter<String>("Description")
    static let option = Parameter<String>("Option")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let scope = Parameter<String>("Scope")
    static let force = Parameter<SwitchParameter>("Force")
    static let all: [any ParameterKey] = [name, value, description, option, passThru, scope, force]
}

enum AliasObjects {
    /// One alias as the cmdlets see it: its spelling, target and details.
    struct Entry {
        let name: String
        let target: String
        let details: AliasDetails
    }

    /// The scope a -Scope argument names (nil when none was given).
    static func scope(_ text: String?, _ context: CmdletContext) throws -> Scope? {
        guard let text, !text.isEmpty else { return nil }
        try AliasFiles.checkScope(text, context)
        return try VariableObjects.scope(context.session, text, context)
    }

    /// The aliases a scope holds itself (the global scope's are the session's table).
    static func entries(in scope: Scope, _ session: ShellSession) -> [Entry] {
        if scope === session.globalScope {
            return session.registry.aliases.map { Entry(name: $0.alias, target: $0.target, details: session.registry.aliasDetails($0.alias)) }
        }
        return scope.localAliases.map { Entry(name: $0.name, target: $0.target, details: $0.details) }
    }

    /// The aliases visible from the current scope: each name once, the innermost scope's definition.
    static func visible(_ session: ShellSession) -> [Entry] {
        var seen = Set<String>()
        var out: [Entry] = []
        for scope in session.currentScope.scopesBelowGlobal + [session.globalScope] {
            for e in entries(in: scope, session) where !seen.contains(e.name.lowercased()) {
                seen.insert(e.name.lowercased())
                out.append(e)
            }
        }
        return out.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// The alias `name` as seen from `scope` outwards (or in that one scope when `only`).
    static func find(_ name: String, from scope: Scope, only: Bool, _ session: ShellSession) -> (entry: Entry, scope: Scope)? {
        let all = scope.scopesBelowGlobal + [session.globalScope]
        // An AllScope alias (most built-in ones) is in every scope, so it counts in the one asked for too.
        if only, scope !== session.globalScope, scope.localAlias(name) == nil,
           let outer = find(name, from: scope, only: false, session), outer.entry.details.options.contains("AllScope") {
            return outer
        }
        let chain = only ? [scope] : all
        for s in chain {
            if s === session.globalScope {
                if let target = session.registry.aliasTarget(name) {
                    let spelled = session.registry.aliases.first { $0.alias.lowercased() == name.lowercased() }?.alias ?? name
                    return (Entry(name: spelled, target: target, details: session.registry.aliasDetails(name)), s)
                }
            } else if let a = s.localAlias(name) {
                return (Entry(name: a.name, target: a.target, details: a.details), s)
            }
        }
        return nil
    }

    /// Defines an alias in `scope` (nil: the current scope, or inside a module the module's).
    static func define(_ name: String, _ target: String, details: AliasDetails, in scope: Scope?, _ session: ShellSession) {
        if scope == nil, let module = session.currentModule {
            module.scope.setAlias(name, target)
            session.registry.setAliasDetails(name, details)
            return
        }
        let into = scope ?? session.currentScope
        if into === session.globalScope {
            session.registry.setAlias(name, target)
            session.registry.setAliasDetails(name, details)
        } else {
            into.setAlias(name, target, details: details)
        }
    }

    /// The -Description and -Option a Set-Alias/New-Alias gave (as PowerShell's ScopedItemOptions
    /// print: "ReadOnly, AllScope"); an alias redefined without them has none.
    static func details(_ context: CmdletContext) -> AliasDetails {
        let names = ["None", "ReadOnly", "Constant", "Private", "AllScope"]
        let given = (context[AliasParameters.option] ?? "None").split(whereSeparator: { $0 == "," || $0 == " " })
            .map { $0.lowercased() }
        let options = names.filter { n in n != "None" && given.contains(n.lowercased()) }
        return AliasDetails(description: context[AliasParameters.description] ?? "",
                            options: options.isEmpty ? "None" : options.joined(separator: ", "))
    }

    /// PowerShell's rule for changing or removing an alias: a Constant one never, a ReadOnly one
    /// (most built-in aliases are) only with -Force. Writes the error and answers false when refused.
    static func mayChange(_ name: String, in scope: Scope, force: Bool, removing: Bool, _ context: CmdletContext) throws -> Bool {
        guard let existing = find(name, from: scope, only: true, context.session) else { return true }
        let options = existing.entry.details.options
        let constant = options.contains("Constant"), readOnly = options.contains("ReadOnly")
        guard constant || (readOnly && !force) else { return true }
        let message = removing ? "Alias was not removed because alias \(name) is constant or read-only."
            : "Alias is not writeable because alias \(name) is read-only or constant and cannot be written to."
        try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId(removing ? "AliasNotRemovable" : "AliasNotWritable"),
                                           category: .writeError, target: .string(name),
                                           exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
        return false
    }

    /// The command an alias finally stands for, through aliases of aliases (`tma -> Test-MyAlias -> Get-Command`).
    static func resolved(_ target: String, _ registry: CommandRegistry, session: ShellSession? = nil) -> String {
        var name = target
        var hops = 0
        while let next = session?.aliasTarget(name) ?? registry.aliasTarget(name), hops < 32 {
            name = next
            hops += 1
        }
        return name
    }

    /// `resolvedBy`: the registry to follow a chain of aliases in for ResolvedCommandName and DisplayName
    /// (Definition stays the alias's own target).
    static func make(_ alias: String, _ target: String, _ details: AliasDetails = AliasDetails(description: "", options: "None"),
                     resolvedBy registry: CommandRegistry? = nil, in session: ShellSession? = nil) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.AliasInfo", CommandInfoObjects.typeName, "System.Object"])
        let command = registry.map { resolved(target, $0, session: session) } ?? target
        o.addNote("CommandType", .string("Alias"))
        o.addNote("Name", .string(alias))
        o.addNote("Definition", .string(target))
        o.addNote("ResolvedCommandName", .string(command))
        o.addNote("DisplayName", .string("\(alias) -> \(command)"))
        o.addNote("Options", .string(details.options))
        o.addNote("Description", .string(details.description))
        // Built-in aliases belong to no module: Source, Version and ModuleName are empty.
        o.addNote("Source", .string(""))
        o.addNote("Version", .null)
        o.addNote("ModuleName", .string(""))
        o.toStringHandler = { _ in alias }
        return .object(o)
    }
}

final class GetAliasCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipeline: true, validate: [.notNullOrEmpty])
    static let definition = Parameter<[String]>("Definition")
    static let exclude = Parameter<[String]>("Exclude")
    static let scope = Parameter<String>("Scope")
    static let declaration = CmdletDeclaration("Get-Alias", parameters: [name, definition, exclude, scope], synopsis: "Lists aliases.", description: "Lists the aliases whose name (or, with -Definition, whose target) matches the given patterns.")

    func process(_ context: CmdletContext) throws {
        let session = context.session
        let all = try AliasObjects.scope(context[Self.scope], context).map { AliasObjects.entries(in: $0, session) }
            ?? AliasObjects.visible(session)
        let names = context[Self.name] ?? ["*"]
        let defs = (context[Self.definition] ?? []).map { WildcardPattern($0) }
        let excl = (context[Self.exclude] ?? []).map { WildcardPattern($0) }
        for n in names {
            let p = WildcardPattern(n)
            let hits = all.filter { entry in
                p.matches(entry.name) && (defs.isEmpty || defs.contains { $0.matches(entry.target) }) && !excl.contains { $0.matches(entry.name) }
            }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find alias because alias '\(n)' does not exist.",
                                                   errorId: context.qualifiedErrorId("ItemNotFoundException"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            for h in hits {
                try context.writeObject(AliasObjects.make(h.name, h.target, h.details, resolvedBy: session.registry, in: session))
            }
        }
    }
}

final class SetAliasCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Set-Alias", parameters: AliasParameters.all, supportsShouldProcess: true, synopsis: "Creates or changes an alias.", description: "Makes Name another name for the command Value, in the current scope unless -Scope names another.")
    func process(_ context: CmdletContext) throws {
        let n = context[AliasParameters.name]!, v = context[AliasParameters.value]!
        let scope = try AliasObjects.scope(context[AliasParameters.scope], context)
        guard try context.shouldProcess(target: "Name: \(n) Value: \(v)", action: "Set Alias") else { return }
        guard try AliasObjects.mayChange(n, in: scope ?? context.session.currentScope, force: context[AliasParameters.force], removing: false, context) else { return }
        let details = AliasObjects.details(context)
        AliasObjects.define(n, v, details: details, in: scope, context.session)
        if context[AliasParameters.passThru] { try context.writeObject(AliasObjects.make(n, v, details)) }
    }
}

final class NewAliasCommand: Cmdlet {
    static let declaration = CmdletDeclaration("New-Alias", parameters: AliasParameters.all,
        supportsShouldProcess: true, synopsis: "Creates an alias.", description: "Makes Name another name for the command Value, in the current scope unless -Scope names another; fails if that scope has the alias unless -Force.")
    func process(_ context: CmdletContext) throws {
        let n = context[AliasParameters.name]!, v = context[AliasParameters.value]!
        let scope = try AliasObjects.scope(context[AliasParameters.scope], context)
        let target = scope ?? context.session.currentScope
        // Only the scope the alias goes into counts: a parent's alias of that name is hidden, not replaced.
        if AliasObjects.find(n, from: target, only: true, context.session) != nil && !context[AliasParameters.force] {
            try context.writeError(ErrorRecord(message: "The alias is not allowed, because an alias with the name '\(n)' already exists.",
                                               errorId: context.qualifiedErrorId("AliasAlreadyExists"),
                                               category: .resourceExists, target: .string(n),
                                               exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
            return
        }
        guard try context.shouldProcess(target: "Name: \(n) Value: \(v)", action: "New Alias") else { return }
        guard try AliasObjects.mayChange(n, in: target, force: context[AliasParameters.force], removing: false, context) else { return }
        let details = AliasObjects.details(context)
        AliasObjects.define(n, v, details: details, in: scope, context.session)
        if context[AliasParameters.passThru] { try context.writeObject(AliasObjects.make(n, v, details)) }
    }
}

final class RemoveAliasCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true)
    static let scope = Parameter<String>("Scope")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Remove-Alias", parameters: [name, scope, force],
                                               synopsis: "Removes an alias.", description: "Deletes the named aliases.")
    func process(_ context: CmdletContext) throws {
        let session = context.session
        let scope = try AliasObjects.scope(context[Self.scope], context)
        for n in context[Self.name] ?? [] {
            // Without -Scope the nearest scope that has the alias loses it.
            guard let found = AliasObjects.find(n, from: scope ?? session.currentScope, only: scope != nil, session) else {
                try context.writeError(ErrorRecord(message: "No alias named '\(n)' was found in the session state.",
                                                   errorId: context.qualifiedErrorId("ItemNotFoundException"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
                continue
            }
            guard try AliasObjects.mayChange(n, in: found.scope, force: context[Self.force], removing: true, context) else { continue }
            if found.scope === session.globalScope { session.registry.removeAlias(n) } else { found.scope.removeAlias(n) }
        }
    }
}
