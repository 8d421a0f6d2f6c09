// Get-Command, Get-Help, alias and variable cmdlets, Invoke-Expression, Invoke-Command, Import-Module.

import Foundation
import PSRuntime

enum CommandInfoObjects {
    static let typeName = "System.Management.Automation.CommandInfo"

    static func make(type: String, name: String, version: String, source: String, definition: String, declaration: CmdletDeclaration?) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.\(type)Info", typeName, "System.Object"])
        o.addNote("CommandType", .string(type))
        o.addNote("Name", .string(name))
        o.addNote("Version", .string(version))
        o.addNote("Source", .string(source))
        o.addNote("Definition", .string(definition))
        if let declaration {
            o.addNote("Verb", .string(declaration.verb))
            o.addNote("Noun", .string(declaration.noun))
            o.addNote("Parameters", .list(declaration.parameters.map { .string($0.name) }))
            o.addNote("ParameterSets", .list(HelpText.syntax(declaration).map { .string($0) }))
        }
        o.toStringHandler = { _ in name }
        return .object(o)
    }
}

final class GetCommandCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Command", parameters: [
        ParameterDeclaration("Name", .array(.string), position: 0, valueFromPipeline: true),
        ParameterDeclaration("Verb", .array(.string)),
        ParameterDeclaration("Noun", .array(.string)),
        ParameterDeclaration("Module", .array(.string)),
        ParameterDeclaration("CommandType", .array(.string), aliases: ["Type"]),
        ParameterDeclaration("Syntax", .switchParameter),
        ParameterDeclaration("All", .switchParameter),
        ParameterDeclaration("ListImported", .switchParameter),
    ], synopsis: "Lists the commands the shell knows.",
       description: "Lists cmdlets, aliases and functions, filtered by name (wildcards), verb, noun, module or command type. -Syntax shows how to call a command.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let registry = context.session.registry
        let names = context.strings("Name")
        var results: [(String, PSValue, CmdletDeclaration?)] = []
        let verbs = (context.strings("Verb") ?? []).map { WildcardPattern($0) }
        let nouns = (context.strings("Noun") ?? []).map { WildcardPattern($0) }
        let modules = (context.strings("Module") ?? []).map { WildcardPattern($0) }
        let types = (context.strings("CommandType") ?? []).map { $0.lowercased() }
        func wanted(_ t: String) -> Bool { types.isEmpty || types.contains(t.lowercased()) || types.contains("all") }

        if wanted("Cmdlet") {
            for c in registry.allCmdlets {
                let d = c.declaration
                if !verbs.isEmpty && !verbs.contains(where: { $0.matches(d.verb) }) { continue }
                if !nouns.isEmpty && !nouns.contains(where: { $0.matches(d.noun) }) { continue }
                if !modules.isEmpty && !modules.contains(where: { $0.matches(c.moduleName) }) { continue }
                results.append((d.name, CommandInfoObjects.make(type: "Cmdlet", name: d.name, version: "7.0.0.0", source: c.moduleName,
                                                               definition: HelpText.syntax(d).joined(separator: "\n"), declaration: d), d))
            }
        }
        if wanted("Alias") && verbs.isEmpty && nouns.isEmpty && modules.isEmpty {
            for (a, t) in registry.aliases {
                results.append((a, AliasObjects.make(a, t), nil))
            }
        }
        if let names {
            for n in names {
                let p = WildcardPattern(n)
                var hits = results.filter { p.matches($0.0) }
                if hits.isEmpty, !WildcardPattern.containsWildcard(n), wanted("Function"), let f = context.session.currentScope.lookupFunction(n) {
                    hits = [(f.name, CommandInfoObjects.make(type: f.isFilter ? "Filter" : "Function", name: f.name, version: "", source: "",
                                                             definition: f.block.text, declaration: nil), nil)]
                }
                if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                    try context.writeError(ErrorRecord(
                        message: "The term '\(n)' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.",
                        errorId: context.qualifiedErrorId("CommandNotFoundException"), category: .objectNotFound,
                        target: .string(n), exceptionType: "System.Management.Automation.CommandNotFoundException"))
                }
                try output(hits, context)
            }
        } else {
            try output(results.sorted { $0.0.lowercased() < $1.0.lowercased() }, context)
        }
    }

    private func output(_ hits: [(String, PSValue, CmdletDeclaration?)], _ context: CmdletContext) throws {
        for (_, v, d) in hits {
            if context.switchPresent("Syntax") {
                if let d { for line in HelpText.syntax(d) { try context.writeObject(.string("\n" + line + "\n")) } } else if case .object(let o) = v {
                    try context.writeObject((try o.property("Definition")) ?? .null)
                }
            } else {
                try context.writeObject(v)
            }
        }
    }
}

final class GetHelpCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Help", parameters: [
        ParameterDeclaration("Name", .string, position: 0),
        ParameterDeclaration("Detailed", .switchParameter),
        ParameterDeclaration("Full", .switchParameter),
        ParameterDeclaration("Examples", .switchParameter),
        ParameterDeclaration("Parameter", .string),
        ParameterDeclaration("Online", .switchParameter),
    ], synopsis: "Shows help for a command.",
       description: "Shows a command's synopsis, syntax (generated from its parameters) and description; -Detailed or -Full adds each parameter. Without a name it explains how to get help.")
    init() {}

    func process(_ context: CmdletContext) throws {
        guard let name = context.string("Name") else {
            try context.writeObject(.string("\nTOPIC\n    hvsh help\n\nSHORT DESCRIPTION\n    Shows how to find commands and read their help.\n\nLONG DESCRIPTION\n    Get-Command lists every command; Get-Help <name> shows a command's syntax and description;\n    Get-Help <name> -Detailed adds each parameter.\n"))
            return
        }
        if context.switchPresent("Online") {
            throw context.terminatingError("Online help is not available in hvsh.", errorId: "InvalidOperation", category: .invalidOperation)
        }
        var target = name
        if let a = context.session.registry.aliasTarget(name) { target = a }
        let matches = context.session.registry.allCmdlets.filter { WildcardPattern(target).matches($0.declaration.name) }
        if matches.isEmpty {
            throw context.terminatingError(
                "Get-Help could not find \(name) in a help file in this session.",
                errorId: "HelpNotFound", category: .resourceUnavailable,
                target: .string(name), exceptionType: "Microsoft.PowerShell.Commands.HelpNotFoundException")
        }
        if matches.count > 1 {
            for m in matches {
                let o = PSObject(typeNames: ["HelpInfoShort", "System.Object"])
                o.addNote("Name", .string(m.declaration.name))
                o.addNote("Category", .string("Cmdlet"))
                o.addNote("Module", .string(m.moduleName))
                o.addNote("Synopsis", .string(m.declaration.synopsis))
                try context.writeObject(.object(o))
            }
            return
        }
        let d = matches[0].declaration
        if let p = context.string("Parameter") {
            guard let decl = d.parameters.first(where: { $0.name.lowercased() == p.lowercased() }) else {
                throw context.terminatingError("No parameter matches criteria \(p).", errorId: "NoParmsFound", category: .objectNotFound)
            }
            try context.writeObject(.string("\n-\(decl.name) <\(HelpText.typeName(decl.type))>\n    \(decl.helpMessage ?? "")\n"))
            return
        }
        if context.switchPresent("Examples") {
            try context.writeObject(.string("\nNAME\n    \(d.name)\n\nSYNOPSIS\n    \(d.synopsis)" + HelpExamples.text(for: d.name)))
            return
        }
        let text = HelpText.full(d, detailed: context.switchPresent("Detailed") || context.switchPresent("Full"))
        try context.writeObject(GetHelpCommand.helpObject(d, module: matches[0].moduleName, text: text))
    }

    static let helpInfoType = "MamlCommandHelpInfo"

    /// The help as an object scripts can read (`(Get-Help X).Synopsis`) that prints as the help text.
    static func helpObject(_ d: CmdletDeclaration, module: String, text: String) -> PSValue {
        let o = PSObject(typeNames: [helpInfoType, "HelpInfo", "System.Object"])
        o.addNote("Name", .string(d.name))
        o.addNote("Category", .string("Cmdlet"))
        o.addNote("Synopsis", .string(d.synopsis))
        o.addNote("ModuleName", .string(module))
        o.addNote("Description", .string(d.description))
        o.addNote("Syntax", .array(PSArray(HelpText.syntax(d).map { .string($0) })))
        o.toStringHandler = { _ in text }
        return .object(o)
    }
}

// MARK: - Aliases

enum AliasObjects {
    static func make(_ alias: String, _ target: String) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.AliasInfo", CommandInfoObjects.typeName, "System.Object"])
        o.addNote("CommandType", .string("Alias"))
        o.addNote("Name", .string(alias))
        o.addNote("Definition", .string(target))
        o.addNote("ResolvedCommandName", .string(target))
        o.addNote("DisplayName", .string("\(alias) -> \(target)"))
        // Built-in aliases belong to no module: Source, Version and ModuleName are empty.
        o.addNote("Source", .string(""))
        o.addNote("Version", .null)
        o.addNote("ModuleName", .string(""))
        o.toStringHandler = { _ in alias }
        return .object(o)
    }
}

final class GetAliasCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Alias", parameters: [
        ParameterDeclaration("Name", .array(.string), position: 0),
        ParameterDeclaration("Definition", .array(.string)),
        ParameterDeclaration("Exclude", .array(.string)),
        ParameterDeclaration("Scope", .string),
    ], synopsis: "Lists aliases.", description: "Lists the aliases whose name (or, with -Definition, whose target) matches the given patterns.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let all = context.session.registry.aliases
        let names = (context.strings("Name") ?? ["*"])
        let defs = (context.strings("Definition") ?? []).map { WildcardPattern($0) }
        let excl = (context.strings("Exclude") ?? []).map { WildcardPattern($0) }
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
            for h in hits { try context.writeObject(AliasObjects.make(h.alias, h.target)) }
        }
    }
}

final class SetAliasCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Set-Alias", parameters: [
        ParameterDeclaration("Name", .string, position: 0, mandatory: true),
        ParameterDeclaration("Value", .string, position: 1, mandatory: true),
        ParameterDeclaration("Description", .string),
        ParameterDeclaration("Option", .string),
        ParameterDeclaration("PassThru", .switchParameter),
        ParameterDeclaration("Scope", .string),
        ParameterDeclaration("Force", .switchParameter),
    ], supportsShouldProcess: true, synopsis: "Creates or changes an alias.", description: "Makes Name another name for the command Value.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let n = context.string("Name")!, v = context.string("Value")!
        guard try context.shouldProcess(target: "Name: \(n) Value: \(v)", action: "Set Alias") else { return }
        context.session.registry.setAlias(n, v)
        if context.switchPresent("PassThru") { try context.writeObject(AliasObjects.make(n, v)) }
    }
}

final class NewAliasCommand: Cmdlet {
    static let declaration = CmdletDeclaration("New-Alias", parameters: SetAliasCommand.declaration.parameters,
        supportsShouldProcess: true, synopsis: "Creates an alias.", description: "Makes Name another name for the command Value; fails if the alias exists unless -Force.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let n = context.string("Name")!, v = context.string("Value")!
        if context.session.registry.aliasTarget(n) != nil && !context.switchPresent("Force") {
            try context.writeError(ErrorRecord(message: "The alias is not allowed, because an alias with the name '\(n)' already exists.",
                                               errorId: context.qualifiedErrorId("AliasAlreadyExists"),
                                               category: .resourceExists, target: .string(n),
                                               exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
            return
        }
        guard try context.shouldProcess(target: "Name: \(n) Value: \(v)", action: "New Alias") else { return }
        context.session.registry.setAlias(n, v)
        if context.switchPresent("PassThru") { try context.writeObject(AliasObjects.make(n, v)) }
    }
}

final class RemoveAliasCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-Alias", parameters: [
        ParameterDeclaration("Name", .array(.string), position: 0, mandatory: true),
        ParameterDeclaration("Scope", .string),
        ParameterDeclaration("Force", .switchParameter),
    ], synopsis: "Removes an alias.", description: "Deletes the named aliases.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for n in context.strings("Name") ?? [] {
            if context.session.registry.aliasTarget(n) == nil {
                try context.writeError(ErrorRecord(message: "No alias named '\(n)' was found in the session state.",
                                                   errorId: context.qualifiedErrorId("ItemNotFoundException"),
                                                   category: .objectNotFound, target: .string(n)))
                continue
            }
            context.session.registry.removeAlias(n)
        }
    }
}

// MARK: - Variables

enum VariableObjects {
    /// Set-Variable and New-Variable: the value, -Description and -Option, then -PassThru's object.
    static func assign(_ name: String, in scope: Scope, _ context: CmdletContext) throws {
        let v = scope.set(name, context["Value"] ?? .null)
        if let d = context.string("Description") { v.description = d }
        switch context.string("Option")?.lowercased() {
        case "readonly"?: v.options.insert(.readOnly)
        case "constant"?: v.options.insert(.constant)
        case "private"?: v.options.insert(.private)
        default: break
        }
        if context.switchPresent("PassThru") { try context.writeObject(VariableObjects.make(v)) }
    }

    static func make(_ v: PSVariable) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.PSVariable", "System.Object"])
        o.addNote("Name", .string(v.name))
        o.addProperty("Value") { _ in v.value }
        o.addNote("Description", .string(v.description))
        o.addNote("Options", .string(v.options.contains(.constant) ? "Constant" : (v.options.contains(.readOnly) ? "ReadOnly" : "None")))
        o.toStringHandler = { _ in v.name }
        return .object(o)
    }

    /// Every visible variable, innermost scope first wins.
    static func visible(_ session: ShellSession) -> [PSVariable] {
        var seen: Set<String> = []
        var out: [PSVariable] = []
        var s: Scope? = session.currentScope
        while let cur = s {
            for v in cur.definedVariables where !seen.contains(v.name.lowercased()) {
                seen.insert(v.name.lowercased())
                out.append(v)
            }
            s = cur.parent
        }
        return out.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    static func scope(_ session: ShellSession, _ name: String?) -> Scope {
        switch name?.lowercased() {
        case "global"?: return session.globalScope
        case "script"?: return session.currentScope.scriptScope
        default: return session.currentScope
        }
    }
}

final class GetVariableCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Get-Variable", parameters: [
        ParameterDeclaration("Name", .array(.string), position: 0, valueFromPipeline: true),
        ParameterDeclaration("ValueOnly", .switchParameter),
        ParameterDeclaration("Include", .array(.string)),
        ParameterDeclaration("Exclude", .array(.string)),
        ParameterDeclaration("Scope", .string),
    ], synopsis: "Lists variables.", description: "Lists the variables visible here whose names match; -ValueOnly writes just the values.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let vars = VariableObjects.visible(context.session)
        let excl = (context.strings("Exclude") ?? []).map { WildcardPattern($0) }
        for n in context.strings("Name") ?? ["*"] {
            let p = WildcardPattern(n)
            let hits = vars.filter { v in p.matches(v.name) && !excl.contains { $0.matches(v.name) } }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find a variable with the name '\(n)'.",
                                                   errorId: context.qualifiedErrorId("VariableNotFound"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            for v in hits { try context.writeObject(context.switchPresent("ValueOnly") ? v.value : VariableObjects.make(v)) }
        }
    }
}

final class SetVariableCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Set-Variable", parameters: [
        ParameterDeclaration("Name", .array(.string), position: 0, mandatory: true),
        ParameterDeclaration("Value", .object, position: 1, valueFromPipeline: true),
        ParameterDeclaration("Option", .string),
        ParameterDeclaration("Scope", .string),
        ParameterDeclaration("Description", .string),
        ParameterDeclaration("PassThru", .switchParameter),
        ParameterDeclaration("Force", .switchParameter),
    ], supportsShouldProcess: true, synopsis: "Sets a variable's value, creating it if needed.", description: "Sets the named variables (in -Scope, or the current scope) to -Value.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let scope = VariableObjects.scope(context.session, context.string("Scope"))
        for n in context.strings("Name") ?? [] {
            if let existing = scope.localVariable(n) ?? context.session.currentScope.lookup(n),
               existing.options.contains(.constant) || (existing.options.contains(.readOnly) && !context.switchPresent("Force")) {
                try context.writeError(ErrorRecord(message: "Cannot overwrite variable \(n) because it is read-only or constant.",
                                                   errorId: context.qualifiedErrorId("VariableNotWritable"),
                                                   category: .writeError, target: .string(n),
                                                   exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
                continue
            }
            guard try context.shouldProcess(target: "Name: \(n) Value: \(PSConvert.toString(context["Value"] ?? .null))", action: "Set variable") else { continue }
            try VariableObjects.assign(n, in: scope, context)
        }
    }
}

final class NewVariableCommand: Cmdlet {
    static let declaration = CmdletDeclaration("New-Variable", parameters: SetVariableCommand.declaration.parameters,
        supportsShouldProcess: true, synopsis: "Creates a variable.", description: "Creates the variable; fails if it already exists in that scope unless -Force.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let scope = VariableObjects.scope(context.session, context.string("Scope"))
        for n in context.strings("Name") ?? [] {
            if scope.localVariable(n) != nil && !context.switchPresent("Force") {
                try context.writeError(ErrorRecord(message: "A variable with name '\(n)' already exists.",
                                                   errorId: context.qualifiedErrorId("VariableAlreadyExists"),
                                                   category: .resourceExists, target: .string(n),
                                                   exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
                continue
            }
            try VariableObjects.assign(n, in: scope, context)
        }
    }
}

final class RemoveVariableCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Remove-Variable", parameters: [
        ParameterDeclaration("Name", .array(.string), position: 0, mandatory: true),
        ParameterDeclaration("Scope", .string),
        ParameterDeclaration("Force", .switchParameter),
    ], supportsShouldProcess: true, synopsis: "Deletes variables.", description: "Removes the named variables (wildcards allowed).")
    init() {}
    func process(_ context: CmdletContext) throws {
        for n in context.strings("Name") ?? [] {
            let p = WildcardPattern(n)
            var hits = VariableObjects.visible(context.session).filter { p.matches($0.name) }
            if let s = context.string("Scope") { hits = VariableObjects.scope(context.session, s).definedVariables.filter { p.matches($0.name) } }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find a variable with the name '\(n)'.",
                                                   errorId: context.qualifiedErrorId("VariableNotFound"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            for v in hits {
                if v.options.contains(.constant) || (v.options.contains(.readOnly) && !context.switchPresent("Force")) {
                    try context.writeError(ErrorRecord(message: "Cannot remove variable \(v.name) because it is constant or read-only. If the variable is read-only, try the operation again specifying the Force option.",
                                                       errorId: context.qualifiedErrorId("VariableNotRemovable"),
                                                       category: .writeError, target: .string(v.name)))
                    continue
                }
                guard try context.shouldProcess(target: "Name: \(v.name)", action: "Remove Variable") else { continue }
                v.isSet = false
            }
        }
    }
}

final class ClearVariableCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Clear-Variable", parameters: [
        ParameterDeclaration("Name", .array(.string), position: 0, mandatory: true),
        ParameterDeclaration("Scope", .string),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("PassThru", .switchParameter),
    ], supportsShouldProcess: true, synopsis: "Sets variables to $null.", description: "Keeps the named variables but sets their values to $null.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for n in context.strings("Name") ?? [] {
            let p = WildcardPattern(n)
            let hits = VariableObjects.visible(context.session).filter { p.matches($0.name) }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find a variable with the name '\(n)'.",
                                                   errorId: context.qualifiedErrorId("VariableNotFound"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            for v in hits {
                guard try context.shouldProcess(target: "Name: \(v.name)", action: "Clear Variable") else { continue }
                v.value = .null
                if context.switchPresent("PassThru") { try context.writeObject(VariableObjects.make(v)) }
            }
        }
    }
}

// MARK: - Running code

final class InvokeExpressionCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Invoke-Expression", parameters: [
        ParameterDeclaration("Command", .string, position: 0, mandatory: true, valueFromPipeline: true),
    ], synopsis: "Runs a string as PowerShell code.", description: "Parses and runs the text in the current scope and writes its output.")
    init() {}
    func process(_ context: CmdletContext) throws {
        do {
            for v in try context.session.invoke(context.string("Command") ?? "") { try context.writeObject(v) }
        } catch let e as PSRuntimeError where e.record.category == .parserError && !e.record.fullyQualifiedErrorId.contains(",") {
            // A parse error in the text is Invoke-Expression's error (`ExpectedValueExpression,...InvokeExpressionCommand`).
            e.record.fullyQualifiedErrorId = context.qualifiedErrorId(e.record.fullyQualifiedErrorId)
            throw e
        }
    }
}

final class InvokeCommandCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Invoke-Command", parameters: [
        ParameterDeclaration("ScriptBlock", .scriptBlock, aliases: ["Command"], position: 0, mandatory: true),
        ParameterDeclaration("ArgumentList", .array(.object), aliases: ["Args"]),
        ParameterDeclaration("InputObject", .object, valueFromPipeline: true),
        ParameterDeclaration("NoNewScope", .switchParameter),
        ParameterDeclaration("ComputerName", .array(.string), aliases: ["Cn"]),
        ParameterDeclaration("Session", .object),
        ParameterDeclaration("VMName", .array(.string)),
        ParameterDeclaration("Credential", .object),
    ], synopsis: "Runs a script block.",
       description: "Runs the script block locally with -ArgumentList as $args (and pipeline input as $input/$_), in a child scope unless -NoNewScope. Remote execution (-ComputerName, -Session, -VMName) is not supported.")
    private var inputs: [PSValue] = []
    init() {}
    func begin(_ context: CmdletContext) throws {
        for p in ["ComputerName", "Session", "VMName"] where context.isBound(p) {
            throw context.terminatingError("Remote commands (-\(p)) are not supported on this platform; Invoke-Command runs script blocks locally only.",
                                           errorId: "RemotingNotSupported", category: .notImplemented,
                                           exceptionType: "System.PlatformNotSupportedException")
        }
    }
    func process(_ context: CmdletContext) throws { if let v = context["InputObject"] { inputs.append(v) } }
    func end(_ context: CmdletContext) throws {
        guard case .scriptBlock(let b)? = context["ScriptBlock"]?.unwrapped else { return }
        try context.invokeToOutput(b, dollarUnder: inputs.last, arguments: context.values("ArgumentList") ?? [],
                                   dotSource: context.switchPresent("NoNewScope"))
    }
}

final class ImportModuleCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Import-Module", parameters: [
        ParameterDeclaration("Name", .array(.string), position: 0, mandatory: true, valueFromPipeline: true),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("PassThru", .switchParameter),
        ParameterDeclaration("Global", .switchParameter),
        ParameterDeclaration("Prefix", .string),
        ParameterDeclaration("ArgumentList", .array(.object), aliases: ["Args"]),
        ParameterDeclaration("DisableNameChecking", .switchParameter),
    ], synopsis: "Loads a module.",
       description: "Runs a .psm1 or .ps1 module file in the session so its functions and variables become available. Built-in modules (Hyper-V, NetTCPIP, ...) are already loaded; importing them by name does nothing.")
    init() {}
    func process(_ context: CmdletContext) throws {
        for name in context.strings("Name") ?? [] {
            let lower = name.lowercased()
            if context.session.registry.modules.contains(where: { $0.lowercased() == lower }) || ImportModuleCommand.builtin.contains(lower) {
                continue
            }
            var path = FileSystemPaths.resolve(name, session: context.session)
            if !FileManager.default.fileExists(atPath: path) {
                for ext in [".psm1", ".ps1"] where FileManager.default.fileExists(atPath: path + ext) { path += ext; break }
            }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                let base = (path as NSString).lastPathComponent
                path = path + "/" + base + ".psm1"
            }
            guard (path.hasSuffix(".psm1") || path.hasSuffix(".ps1")), let text = FileText.read(path) else {
                try context.writeError(ErrorRecord(
                    message: "The specified module '\(name)' was not loaded because no valid module file was found in any module directory.",
                    errorId: context.qualifiedErrorId("Modules_ModuleNotFound"), category: .resourceUnavailable,
                    target: .string(name), exceptionType: "System.IO.FileNotFoundException"))
                continue
            }
            // Module code runs at global scope level of this session, so its functions stay visible.
            _ = try context.session.invoke(text)
            if context.switchPresent("PassThru") {
                let o = PSObject(typeNames: ["System.Management.Automation.PSModuleInfo", "System.Object"])
                o.addNote("Name", .string(((path as NSString).lastPathComponent as NSString).deletingPathExtension))
                o.addNote("Path", .string(path))
                o.addNote("ModuleType", .string("Script"))
                try context.writeObject(.object(o))
            }
        }
    }

    static let builtin: Set<String> = ["hyper-v", "nettcpip", "netadapter", "netnat", "microsoft.powershell.utility",
                                       "microsoft.powershell.management", "microsoft.powershell.core", "dism", "servermanager"]
}
