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
    /// Inside a module an alias belongs to the module (which exports it); elsewhere to the session.
    static func define(_ name: String, _ target: String, _ session: ShellSession) {
        if let module = session.currentModule { module.scope.setAlias(name, target) } else { session.registry.setAlias(name, target) }
    }

    /// Keeps the -Description and -Option a Set-Alias/New-Alias gave (as PowerShell's
    /// ScopedItemOptions print: "ReadOnly, AllScope"); an alias redefined without them has none.
    static func record(_ name: String, _ context: CmdletContext) -> AliasDetails {
        let names = ["None", "ReadOnly", "Constant", "Private", "AllScope"]
        let given = (context[AliasParameters.option] ?? "None").split(whereSeparator: { $0 == "," || $0 == " " })
            .map { $0.lowercased() }
        let options = names.filter { n in n != "None" && given.contains(n.lowercased()) }
        let details = AliasDetails(description: context[AliasParameters.description] ?? "",
                                   options: options.isEmpty ? "None" : options.joined(separator: ", "))
        context.session.registry.setAliasDetails(name, details)
        return details
    }

    /// PowerShell's rule for changing or removing an alias: a Constant one never, a ReadOnly one
    /// (most built-in aliases are) only with -Force. Writes the error and answers false when refused.
    static func mayChange(_ name: String, force: Bool, removing: Bool, _ context: CmdletContext) throws -> Bool {
        let registry = context.session.registry
        guard registry.aliasTarget(name) != nil else { return true }
        let options = registry.aliasDetails(name).options
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
    static func resolved(_ target: String, _ registry: CommandRegistry) -> String {
        var name = target
        var hops = 0
        while let next = registry.aliasTarget(name), hops < 32 {
            name = next
            hops += 1
        }
        return name
    }

    /// `resolvedBy`: the registry to follow a chain of aliases in for ResolvedCommandName and DisplayName
    /// (Definition stays the alias's own target).
    static func make(_ alias: String, _ target: String, _ details: AliasDetails = AliasDetails(description: "", options: "None"),
                     resolvedBy registry: CommandRegistry? = nil) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.AliasInfo", CommandInfoObjects.typeName, "System.Object"])
        let command = registry.map { resolved(target, $0) } ?? target
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
    static let name = Parameter<[String]>("Name", position: 0)
    static let definition = Parameter<[String]>("Definition")
    static let exclude = Parameter<[String]>("Exclude")
    static let scope = Parameter<String>("Scope")
    static let declaration = CmdletDeclaration("Get-Alias", parameters: [name, definition, exclude, scope], synopsis: "Lists aliases.", description: "Lists the aliases whose name (or, with -Definition, whose target) matches the given patterns.")

    func process(_ context: CmdletContext) throws {
        try AliasFiles.checkScope(context[Self.scope], context)
        let all = context.session.registry.aliases
        let names = context[Self.name] ?? ["*"]
        let defs = (context[Self.definition] ?? []).map { WildcardPattern($0) }
        let excl = (context[Self.exclude] ?? []).map { WildcardPattern($0) }
        for n in names {
            let p = WildcardPattern(n)
            let hits = all.filter { entry in
                p.matches(entry.alias) && (defs.isEmpty || defs.contains { $0.matches(entry.target) }) && !excl.contains { $0.matches(entry.alias) }
            }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find alias because alias '\(n)' does not exist.",
                                                   errorId: context.qualifiedErrorId("ItemNotFoundException"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            for h in hits {
                try context.writeObject(AliasObjects.make(h.alias, h.target, context.session.registry.aliasDetails(h.alias),
                                                          resolvedBy: context.session.registry))
            }
        }
    }
}

final class SetAliasCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Set-Alias", parameters: AliasParameters.all, supportsShouldProcess: true, synopsis: "Creates or changes an alias.", description: "Makes Name another name for the command Value.")
    func process(_ context: CmdletContext) throws {
        let n = context[AliasParameters.name]!, v = context[AliasParameters.value]!
        try AliasFiles.checkScope(context[AliasParameters.scope], context)
        guard try context.shouldProcess(target: "Name: \(n) Value: \(v)", action: "Set Alias") else { return }
        guard try AliasObjects.mayChange(n, force: context[AliasParameters.force], removing: false, context) else { return }
        AliasObjects.define(n, v, context.session)
        let details = AliasObjects.record(n, context)
        if context[AliasParameters.passThru] { try context.writeObject(AliasObjects.make(n, v, details)) }
    }
}

final class NewAliasCommand: Cmdlet {
    static let declaration = CmdletDeclaration("New-Alias", parameters: AliasParameters.all,
        supportsShouldProcess: true, synopsis: "Creates an alias.", description: "Makes Name another name for the command Value; fails if the alias exists unless -Force.")
    func process(_ context: CmdletContext) throws {
        let n = context[AliasParameters.name]!, v = context[AliasParameters.value]!
        if context.session.registry.aliasTarget(n) != nil && !context[AliasParameters.force] {
            try context.writeError(ErrorRecord(message: "The alias is not allowed, because an alias with the name '\(n)' already exists.",
                                               errorId: context.qualifiedErrorId("AliasAlreadyExists"),
                                               category: .resourceExists, target: .string(n),
                                               exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
            return
        }
        try AliasFiles.checkScope(context[AliasParameters.scope], context)
        guard try context.shouldProcess(target: "Name: \(n) Value: \(v)", action: "New Alias") else { return }
        guard try AliasObjects.mayChange(n, force: context[AliasParameters.force], removing: false, context) else { return }
        AliasObjects.define(n, v, context.session)
        let details = AliasObjects.record(n, context)
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
        for n in context[Self.name] ?? [] {
            if context.session.registry.aliasTarget(n) == nil {
                try context.writeError(ErrorRecord(message: "No alias named '\(n)' was found in the session state.",
                                                   errorId: context.qualifiedErrorId("ItemNotFoundException"),
                                                   category: .objectNotFound, target: .string(n)))
                continue
            }
            guard try AliasObjects.mayChange(n, force: context[Self.force], removing: true, context) else { continue }
            context.session.registry.removeAlias(n)
        }
    }
}
