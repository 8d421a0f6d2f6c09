// Get-Command, Get-Help, Invoke-Expression, Invoke-Command, Import-Module: finding commands and running code.
// The alias and variable cmdlets live in AliasCommands.swift and VariableCommands.swift.

import Foundation
import PSRuntime

enum CommandInfoObjects {
    static let typeName = "System.Management.Automation.CommandInfo"

    static func make(type: String, name: String, version: String, source: String, definition: String, declaration: CmdletDeclaration?,
                     advanced: Bool = true) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.\(type)Info", typeName, "System.Object"])
        o.addNote("CommandType", .string(type))
        o.addNote("Name", .string(name))
        o.addNote("Version", .string(version))
        o.addNote("Source", .string(source))
        // A command's module: the same name as Source for cmdlets and module functions, empty otherwise.
        o.addNote("ModuleName", .string(source))
        o.addNote("Definition", .string(definition))
        if let declaration {
            o.addNote("Verb", .string(declaration.verb))
            o.addNote("Noun", .string(declaration.noun))
            o.addNote("Parameters", CommandParameterObjects.parameters(declaration, advanced: advanced))
            o.addNote("ParameterSets", CommandParameterObjects.parameterSets(declaration, advanced: advanced))
            // The [OutputType()] names, each a PSTypeName that prints as the name.
            o.addNote("OutputType", .array(PSArray(declaration.outputTypes.map { name in
                let typeName = PSObject(typeNames: ["System.Management.Automation.PSTypeName", "System.Object"])
                typeName.addNote("Name", .string(name))
                typeName.addNote("Type", .null)
                typeName.toStringHandler = { _ in name }
                return .object(typeName)
            })))
        }
        o.toStringHandler = { _ in name }
        return .object(o)
    }
}

final class GetCommandCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipeline: true, validate: [.notNullOrEmpty])
    static let verb = Parameter<[String]>("Verb")
    static let noun = Parameter<[String]>("Noun")
    static let module = Parameter<[String]>("Module")
    static let commandType = Parameter<[String]>("CommandType", aliases: ["Type"])
    static let syntax = Parameter<SwitchParameter>("Syntax")
    static let all = Parameter<SwitchParameter>("All")
    static let listImported = Parameter<SwitchParameter>("ListImported")
    static let declaration = CmdletDeclaration("Get-Command", parameters: [
        name, verb, noun, module, commandType, syntax, all, listImported,
    ], synopsis: "Lists the commands the shell knows.",
       description: "Lists cmdlets, aliases and functions, filtered by name (wildcards), verb, noun, module or command type. -Syntax shows how to call a command.")

    func process(_ context: CmdletContext) throws {
        let registry = context.session.registry
        let names = context[Self.name]
        var results: [(String, PSValue, CmdletDeclaration?)] = []
        let verbs = (context[Self.verb] ?? []).map { WildcardPattern($0) }
        let nouns = (context[Self.noun] ?? []).map { WildcardPattern($0) }
        let modules = (context[Self.module] ?? []).map { WildcardPattern($0) }
        let types = (context[Self.commandType] ?? []).map { $0.lowercased() }
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
                results.append((a, AliasObjects.make(a, t, resolvedBy: registry), nil))
            }
        }
        if let names {
            for n in names {
                let p = WildcardPattern(n)
                var hits = results.filter { p.matches($0.0) }
                if hits.isEmpty, !WildcardPattern.containsWildcard(n), wanted("Function"), let f = context.session.currentScope.lookupFunction(n) {
                    hits = [(f.name, FunctionObjects.make(f), nil)]
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
            if context[Self.syntax] {
                if let d { for line in HelpText.syntax(d) { try context.writeObject(.string("\n" + line + "\n")) } } else if case .object(let o) = v {
                    if let decorated = try Self.aliasSyntax(o, context) { try context.writeObject(.string(decorated)); continue }
                    try context.writeObject((try o.property("Definition")) ?? .null)
                }
            } else {
                try context.writeObject(v)
            }
        }
    }
}

extension GetCommandCommand {
    /// -Syntax of an alias, as PowerShell writes it: `del (alias) -> Remove-Item`, a new line, then the
    /// command's syntax with the alias's name in place of the command's; for an alias of a script, the
    /// script's path and an empty line before its syntax.
    static func aliasSyntax(_ alias: PSObject, _ context: CmdletContext) throws -> String? {
        guard alias.typeNames.first == "System.Management.Automation.AliasInfo",
              let aliasName = try alias.property("Name").map({ PSConvert.toString($0) }),
              let target = try alias.property("Definition").map({ PSConvert.toString($0) }), !target.isEmpty else { return nil }
        func replaced(_ d: CmdletDeclaration, _ name: String) -> String {
            HelpText.syntax(d).map { "\n" + $0.replacingOccurrences(of: name, with: aliasName) + "\n" }.joined()
        }
        if let entry = context.session.registry.cmdlet(named: target) {
            let d = entry.declaration
            return "\(aliasName) (alias) -> \(d.name)\n" + replaced(d, d.name)
        }
        if let f = context.session.currentScope.lookupFunction(target), let d = f.block.declaration(named: f.name) {
            return "\(aliasName) (alias) -> \(f.name)\n" + replaced(d, f.name)
        }
        let path = FileSystemPaths.resolve(target, session: context.session)
        if path.lowercased().hasSuffix(".ps1"), let text = FileText.read(path) {
            let name = (path as NSString).lastPathComponent
            let syntax = try context.session.makeScriptBlock(text).declaration(named: name).map { replaced($0, name) } ?? ""
            return "\(aliasName) (alias) -> \(path)\n\n" + syntax
        }
        return nil
    }
}

final class GetHelpCommand: Cmdlet {
    static let name = Parameter<String>("Name", position: 0)
    static let detailed = Parameter<SwitchParameter>("Detailed")
    static let full = Parameter<SwitchParameter>("Full")
    static let examples = Parameter<SwitchParameter>("Examples")
    static let parameter = Parameter<String>("Parameter")
    static let online = Parameter<SwitchParameter>("Online")
    static let declaration = CmdletDeclaration("Get-Help", parameters: [name, detailed, full, examples, parameter, online], synopsis: "Shows help for a command.",
       description: "Shows a command's synopsis, syntax (generated from its parameters) and description; -Detailed or -Full adds each parameter. Without a name it explains how to get help.")

    func process(_ context: CmdletContext) throws {
        guard let name = context[Self.name] else {
            try context.writeObject(.string("\nTOPIC\n    hvsh help\n\nSHORT DESCRIPTION\n    Shows how to find commands and read their help.\n\nLONG DESCRIPTION\n    Get-Command lists every command; Get-Help <name> shows a command's syntax and description;\n    Get-Help <name> -Detailed adds each parameter.\n"))
            return
        }
        if context[Self.online] {
            throw context.terminatingError("Online help is not available in hvsh.", errorId: "InvalidOperation", category: .invalidOperation)
        }
        if let source = try ScriptHelpObjects.source(for: name, session: context.session) {
            try writeScriptHelp(ScriptHelp(source), source: source, context)
            return
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
        if let p = context[Self.parameter] {
            guard let decl = d.parameters.first(where: { $0.name.lowercased() == p.lowercased() }) else {
                throw context.terminatingError("No parameter matches criteria \(p).", errorId: "NoParmsFound", category: .objectNotFound)
            }
            try context.writeObject(.string("\n-\(decl.name) <\(HelpText.typeName(decl.type))>\n    \(decl.helpMessage ?? "")\n"))
            return
        }
        if context[Self.examples] {
            try context.writeObject(.string("\nNAME\n    \(d.name)\n\nSYNOPSIS\n    \(d.synopsis)" + HelpExamples.text(for: d.name)))
            return
        }
        let text = HelpText.full(d, detailed: context[Self.detailed] || context[Self.full])
        try context.writeObject(GetHelpCommand.helpObject(d, module: matches[0].moduleName, text: text))
    }

    static let helpInfoType = "MamlCommandHelpInfo"

    /// Help of a function or script: the view the switches ask for, or the parameters -Parameter names.
    private func writeScriptHelp(_ help: ScriptHelp, source: CommandHelpSource, _ context: CmdletContext) throws {
        let session = context.session
        if let pattern = context[Self.parameter] {
            let wanted = WildcardPattern(pattern)
            let matches = help.parameters.filter { wanted.matches($0.name) }
            guard !matches.isEmpty else {
                throw context.terminatingError("No parameter matches criteria \(pattern).", errorId: "NoParmsFound",
                                               category: .objectNotFound, target: .string(pattern),
                                               exceptionType: "System.ArgumentException")
            }
            for p in matches { try context.writeObject(.object(ScriptHelpObjects.parameterObject(p, session: session))) }
            return
        }
        let view: ScriptHelpViews.View = context[Self.full] ? .full : context[Self.detailed] ? .detailed
            : context[Self.examples] ? .examples : .normal
        let module = source.isScript ? nil : session.function(named: source.commandName)?.module?.name
        try context.writeObject(ScriptHelpObjects.object(help, view: view, module: module, session: session))
    }

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

final class InvokeExpressionCommand: Cmdlet {
    static let command = Parameter<String>("Command", position: 0, mandatory: true, valueFromPipeline: true)
    static let declaration = CmdletDeclaration("Invoke-Expression", parameters: [command], synopsis: "Runs a string as PowerShell code.", description: "Parses and runs the text in the current scope and writes its output.")
    func process(_ context: CmdletContext) throws {
        do {
            // Run as the command's own code, so the redirections of the Invoke-Expression command
            // (`Invoke-Expression $text 2>&1 > $null`) apply to the streams the text writes.
            let block = try context.session.compileText(context[Self.command] ?? "")
            try context.invokeToOutput(block, dotSource: true)
        } catch let e as PSRuntimeError where !e.record.fullyQualifiedErrorId.contains(",") && !e.record.exception.wasThrownFromThrowStatement {
            // A parse error in the text, or a runtime error of its expressions (`TypeNotFound`,
            // `RuntimeException`), is Invoke-Expression's error: `...,...InvokeExpressionCommand`.
            e.record.fullyQualifiedErrorId = context.qualifiedErrorId(e.record.fullyQualifiedErrorId)
            throw e
        }
    }
}

final class InvokeCommandCommand: Cmdlet {
    static let scriptBlock = Parameter<PSScriptBlock>("ScriptBlock", aliases: ["Command"], position: 0, mandatory: true)
    static let argumentList = Parameter<[PSValue]>("ArgumentList", aliases: ["Args"])
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let noNewScope = Parameter<SwitchParameter>("NoNewScope")
    static let computerName = Parameter<[String]>("ComputerName", aliases: ["Cn"])
    static let session = Parameter<PSValue>("Session")
    static let vmName = Parameter<[String]>("VMName")
    static let credential = Parameter<PSValue>("Credential")
    static let declaration = CmdletDeclaration("Invoke-Command", parameters: [
        scriptBlock, argumentList, inputObject, noNewScope, computerName, session, vmName, credential,
    ], synopsis: "Runs a script block.",
       description: "Runs the script block locally with -ArgumentList as $args (and pipeline input as $input/$_), in a child scope unless -NoNewScope. Remote execution (-ComputerName, -Session, -VMName) is not supported.")
    private var inputs: [PSValue] = []
    func begin(_ context: CmdletContext) throws {
        let remote = [(Self.computerName.name, context.isBound(Self.computerName)), (Self.session.name, context.isBound(Self.session)),
                      (Self.vmName.name, context.isBound(Self.vmName))]
        for (p, given) in remote where given {
            throw context.terminatingError("Remote commands (-\(p)) are not supported on this platform; Invoke-Command runs script blocks locally only.",
                                           errorId: "RemotingNotSupported", category: .notImplemented,
                                           exceptionType: "System.PlatformNotSupportedException")
        }
    }
    func process(_ context: CmdletContext) throws { if let v = context[Self.inputObject] { inputs.append(v) } }
    func end(_ context: CmdletContext) throws {
        guard let b = context[Self.scriptBlock] else { return }
        try context.invokeToOutput(b, dollarUnder: inputs.last, arguments: context[Self.argumentList] ?? [],
                                   dotSource: context[Self.noNewScope])
    }
}

