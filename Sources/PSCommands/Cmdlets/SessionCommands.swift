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
            // A name without a dash (a function `foo`) has neither verb nor noun.
            o.addNote("Verb", .string(name.contains("-") ? declaration.verb : ""))
            o.addNote("Noun", .string(name.contains("-") ? declaration.noun : ""))
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
    static let module = Parameter<[String]>("Module", aliases: ["PSSnapin"])
    static let excludeModule = Parameter<[String]>("ExcludeModule")
    static let commandType = Parameter<[String]>("CommandType", aliases: ["Type"])
    static let totalCount = Parameter<Int>("TotalCount")
    static let syntax = Parameter<SwitchParameter>("Syntax")
    static let all = Parameter<SwitchParameter>("All")
    static let listImported = Parameter<SwitchParameter>("ListImported")
    static let parameterName = Parameter<[String]>("ParameterName")
    static let parameterType = Parameter<[String]>("ParameterType")
    static let useFuzzyMatching = Parameter<SwitchParameter>("UseFuzzyMatching", sets: ["AllCommandSet"])
    static let fuzzyMinimumDistance = Parameter<Int>("FuzzyMinimumDistance", sets: ["AllCommandSet"])
    static let useAbbreviationExpansion = Parameter<SwitchParameter>("UseAbbreviationExpansion", sets: ["AllCommandSet"])
    static let declaration = CmdletDeclaration("Get-Command", parameters: [
        name, verb, noun, module, excludeModule, commandType, totalCount, syntax, all, listImported, parameterName, parameterType,
        useFuzzyMatching, fuzzyMinimumDistance, useAbbreviationExpansion,
    ], synopsis: "Lists the commands the shell knows.",
       description: "Lists aliases, functions, filters and cmdlets, filtered by name (wildcards), verb, noun, module, command type or the names and types of their parameters, ordered by command type then name. -Syntax shows how to call a command.")

    /// CommandTypes' values: the order Get-Command lists the kinds in.
    static let typeRanks: [String: Int] = ["alias": 1, "function": 2, "filter": 4, "cmdlet": 8, "externalscript": 16,
                                           "application": 32, "script": 64, "configuration": 256]

    /// One command found: its kind, name, object, parameters (nil for an alias that resolves to nothing).
    struct Found {
        let type: String
        let name: String
        let value: PSValue
        let declaration: CmdletDeclaration?
        let advanced: Bool
        let module: String
        var rank: Int { GetCommandCommand.typeRanks[type.lowercased()] ?? 512 }
    }

    private var found: [Found] = []
    private var seen: Set<String> = []
    private var nameHadWildcard = false
    private var matchedParameterNames: Set<String> = []

    func process(_ context: CmdletContext) throws {
        let types = try (context[Self.commandType] ?? []).flatMap { try Self.commandTypes($0, context) }
        func wanted(_ t: String) -> Bool { types.isEmpty || types.contains(t.lowercased()) || types.contains("all") }
        let filtered = context.isBound(Self.verb) || context.isBound(Self.noun) || context.isBound(Self.module)
        let candidates = allCommands(context).filter { c in
            if c.type == "Alias" && !types.contains("alias") && !types.contains("all") && filtered { return false }
            return wanted(c.type) && matchesFilters(c, context)
        }
        guard let names = context[Self.name] else {
            for c in candidates where seen.insert(c.type + "|" + c.name.lowercased()).inserted { found.append(c) }
            return
        }
        for n in names {
            let pattern = WildcardPattern(n)
            let wildcard = WildcardPattern.containsWildcard(n)
            if wildcard { nameHadWildcard = true }
            if context[Self.useFuzzyMatching] {
                // Damerau-Levenshtein distance of the upper-cased names, at most -FuzzyMinimumDistance (5).
                let limit = context[Self.fuzzyMinimumDistance] ?? 5
                var scored: [(Found, Int)] = []
                for c in candidates + (try externalCommands("*", wildcard: true, context)) {
                    let d = Self.editDistance(n.uppercased(), c.name.uppercased())
                    if d <= limit && seen.insert(c.type + "|" + c.name.lowercased()).inserted { scored.append((c, d)) }
                }
                for (c, d) in scored.sorted(by: { $0.1 < $1.1 }) {
                    if case .object(let o) = c.value { o.addNote("Score", .int(Int32(d))) }
                    found.append(c)
                }
                continue
            }
            if context[Self.useAbbreviationExpansion] {
                // `i-psdf` is Import-PowerShellDataFile: the name's capitals and dashes; a pattern finds nothing.
                if wildcard { continue }
                let abbreviation = n.uppercased()
                for c in candidates where c.type != "Alias" && Self.abbreviation(c.name) == abbreviation
                    && seen.insert(c.type + "|" + c.name.lowercased()).inserted { found.append(c) }
                nameHadWildcard = true
                continue
            }
            var hits = candidates.filter { pattern.matches($0.name) }
            if hits.isEmpty || wanted("Application") || wanted("ExternalScript") {
                hits += try externalCommands(n, wildcard: wildcard, context).filter { wanted($0.type) && matchesFilters($0, context) }
            }
            if hits.isEmpty && !wildcard {
                try context.writeError(ErrorRecord(
                    message: "The term '\(n)' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.",
                    errorId: context.qualifiedErrorId("CommandNotFoundException"), category: .objectNotFound,
                    target: .string(n), exceptionType: "System.Management.Automation.CommandNotFoundException"))
            }
            // A name without wildcards finds the one command it runs (a function hides a cmdlet of its name).
            for c in wildcard ? hits : Array(hits.prefix(1)) where seen.insert(c.type + "|" + c.name.lowercased()).inserted {
                found.append(c)
            }
        }
    }

    func end(_ context: CmdletContext) throws {
        var results = found
        let total = context[Self.totalCount] ?? -1
        // Without a name, -All or -TotalCount, aliases (unless -CommandType asks for them) are listed
        // only when their names look like Verb-Noun, as PowerShell does.
        if context[Self.name] == nil && !context[Self.all] && total < 0 {
            let types = try (context[Self.commandType] ?? []).flatMap { try Self.commandTypes($0, context) }
            let aliasesAsked = types.contains("alias") || types.contains("all")
            results = results.filter { c in c.type != "Alias" || aliasesAsked || (c.name.firstIndex(of: "-").map { $0 > c.name.startIndex } ?? false) }
        }
        for requested in context[Self.parameterName] ?? [] where !WildcardPattern.containsWildcard(requested) {
            if matchedParameterNames.contains(requested.lowercased()) { continue }
            try context.writeError(ErrorRecord(
                message: "No matching commands include a parameter named '\(requested)'.  Check the spelling of the parameter name, and then try again.",
                errorId: context.qualifiedErrorId("CommandParameterNotFound"), category: .objectNotFound,
                target: .string(requested), exceptionType: "System.ArgumentException"))
        }
        if (context[Self.name] == nil || nameHadWildcard) && !context[Self.useFuzzyMatching] {
            results = results.enumerated().sorted { a, b in
                if a.element.rank != b.element.rank { return a.element.rank < b.element.rank }
                let order = a.element.name.lowercased().compare(b.element.name.lowercased())
                return order == .orderedSame ? a.offset < b.offset : order == .orderedAscending
            }.map(\.element)
        }
        if total >= 0 { results = Array(results.prefix(total)) }
        try output(results, context)
    }

    /// The letters -UseAbbreviationExpansion compares: the capitals and dashes of a command's name.
    static func abbreviation(_ name: String) -> String {
        String(name.filter { $0 == "-" || $0.isUppercase }).uppercased()
    }

    /// Damerau-Levenshtein (optimal string alignment) distance, as PowerShell's fuzzy matcher counts.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let s = Array(a), t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + cost) }
            }
        }
        return d[s.count][t.count]
    }

    /// -CommandType's names (a comma list or several values), as the CommandTypes flags enum reads them.
    static func commandTypes(_ text: String, _ context: CmdletContext) throws -> [String] {
        let known = Array(typeRanks.keys) + ["all"]
        return try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard known.contains(name) else {
                throw context.terminatingError(
                    "Cannot bind parameter 'CommandType'. Cannot convert value \"\(text)\" to type \"System.Management.Automation.CommandTypes\". Error: \"Unable to match the identifier name \(part.trimmingCharacters(in: .whitespaces)) to a valid enumerator name. Specify one of the following enumerator names and try again:\nAlias, Function, Filter, Cmdlet, ExternalScript, Application, Script, Configuration, All\"",
                    errorId: "CannotConvertArgumentNoMessage", category: .invalidArgument,
                    exceptionType: "System.Management.Automation.ParameterBindingException")
            }
            return name
        }
    }

    /// The session's aliases, functions and filters (as the current scope sees them) and cmdlets.
    private func allCommands(_ context: CmdletContext) -> [Found] {
        let session = context.session
        let registry = session.registry
        var out: [Found] = []
        for alias in AliasObjects.visible(session) {
            let a = alias.name, t = alias.target
            var declaration: CmdletDeclaration?, advanced = true, module = ""
            if let entry = registry.cmdlet(named: t) { declaration = entry.declaration; module = entry.moduleName } else if let f = session.currentScope.lookupFunction(t) {
                declaration = f.block.declaration(named: f.name); advanced = f.block.isAdvanced; module = f.module?.name ?? ""
            }
            out.append(Found(type: "Alias", name: a, value: AliasObjects.make(a, t, alias.details, resolvedBy: registry, in: session),
                             declaration: declaration, advanced: advanced, module: module))
        }
        for f in session.currentScope.visibleFunctions {
            out.append(Found(type: f.isFilter ? "Filter" : "Function", name: f.name, value: FunctionObjects.make(f),
                             declaration: f.block.declaration(named: f.name), advanced: f.block.isAdvanced, module: f.module?.name ?? ""))
        }
        for c in registry.allCmdlets {
            let d = c.declaration
            out.append(Found(type: "Cmdlet", name: d.name,
                             value: CommandInfoObjects.make(type: "Cmdlet", name: d.name, version: "7.0.0.0", source: c.moduleName,
                                                            definition: HelpText.syntax(d).joined(separator: "\n"), declaration: d),
                             declaration: d, advanced: true, module: c.moduleName))
        }
        return out
    }

    /// Scripts (a path or a `.ps1` name) and programs in PATH that `name` finds: the one that would run
    /// for a plain name, every executable in PATH whose name matches for a wildcard pattern.
    private func externalCommands(_ name: String, wildcard: Bool, _ context: CmdletContext) throws -> [Found] {
        let session = context.session
        let fm = FileManager.default
        if !wildcard && (name.contains("/") || name.lowercased().hasSuffix(".ps1")) {
            let path = FileSystemPaths.resolve(name, session: session)
            if path.lowercased().hasSuffix(".ps1"), fm.fileExists(atPath: path), let text = FileText.read(path) {
                let block = try? session.makeScriptBlock(text)
                let file = (path as NSString).lastPathComponent
                let value = CommandInfoObjects.make(type: "ExternalScript", name: file, version: "", source: path, definition: path,
                                                    declaration: block?.declaration(named: file), advanced: block?.isAdvanced ?? false)
                if case .object(let o) = value {
                    o.addNote("Path", .string(path))
                    o.addNote("ScriptContents", .string(text))
                    if let block { o.addNote("ScriptBlock", .scriptBlock(block)) }
                }
                return [Found(type: "ExternalScript", name: file, value: value, declaration: block?.declaration(named: file),
                              advanced: block?.isAdvanced ?? false, module: "")]
            }
        }
        var paths: [String] = []
        if !wildcard {
            if let p = session.findExecutable(name) { paths = [p] }
        } else if !name.contains("/") {
            let pattern = WildcardPattern(name)
            var seenNames: Set<String> = []
            for dir in session.executableSearchPath {
                for file in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() where pattern.matches(file) {
                    let p = dir + "/" + file
                    var isDir: ObjCBool = false
                    guard fm.isExecutableFile(atPath: p), fm.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue else { continue }
                    if seenNames.insert(file).inserted || context[Self.all] { paths.append(p) }
                }
            }
        }
        return paths.map { p in
            let file = (p as NSString).lastPathComponent
            let value = CommandInfoObjects.make(type: "Application", name: file, version: "0.0.0.0", source: p, definition: p, declaration: nil)
            if case .object(let o) = value {
                o.addNote("Path", .string(p))
                o.addNote("Extension", .string((file as NSString).pathExtension.isEmpty ? "" : "." + (file as NSString).pathExtension))
            }
            return Found(type: "Application", name: file, value: value, declaration: nil, advanced: false, module: "")
        }
    }

    /// -Verb, -Noun, -Module, -ExcludeModule, -ParameterName and -ParameterType.
    private func matchesFilters(_ c: Found, _ context: CmdletContext) -> Bool {
        let verbs = (context[Self.verb] ?? []).map { WildcardPattern($0) }
        let nouns = (context[Self.noun] ?? []).map { WildcardPattern($0) }
        let dash = c.name.firstIndex(of: "-")
        let verb = dash.map { String(c.name[..<$0]) } ?? "", noun = dash.map { String(c.name[c.name.index(after: $0)...]) } ?? ""
        if c.type != "Alias" {
            if !verbs.isEmpty && !verbs.contains(where: { $0.matches(verb) }) { return false }
            if !nouns.isEmpty && !nouns.contains(where: { $0.matches(noun) }) { return false }
        }
        if let modules = context[Self.module], !modules.contains(where: { WildcardPattern($0).matches(c.module) }) { return false }
        if let excluded = context[Self.excludeModule], excluded.contains(where: { WildcardPattern($0).matches(c.module) }) { return false }
        let names = context[Self.parameterName], typeNames = context[Self.parameterType]
        guard names != nil || typeNames != nil else { return true }
        guard let d = c.declaration else { return false }
        let namePatterns = (names ?? ["*"]).map { WildcardPattern($0) }
        let wantedTypes = (typeNames ?? []).map { t -> String in
            let resolved = context.session.types.resolve(t)?.fullName ?? t
            return resolved.lowercased()
        }
        var matched = false
        let parameters = d.parameters + (c.advanced ? CommonParameters.declarations(shouldProcess: d.supportsShouldProcess) : [])
        for p in parameters {
            var nameMatches = false
            for n in [p.name] + p.aliases where namePatterns.contains(where: { $0.matches(n) }) {
                matchedParameterNames.insert(n.lowercased())
                nameMatches = true
            }
            let full = p.type.fullName.lowercased()
            let element = full.hasSuffix("[]") ? String(full.dropLast(2)) : full
            let typeMatches = wantedTypes.isEmpty || wantedTypes.contains(full) || wantedTypes.contains(element)
            if nameMatches && typeMatches { matched = true }
        }
        return matched
    }

    private func output(_ hits: [Found], _ context: CmdletContext) throws {
        for c in hits {
            guard context[Self.syntax] else { try context.writeObject(c.value); continue }
            if c.type == "Alias", case .object(let o) = c.value {
                if let decorated = try Self.aliasSyntax(o, context) { try context.writeObject(.string(decorated)); continue }
                try context.writeObject((try o.property("Definition")) ?? .null)
            } else if let d = c.declaration {
                for line in HelpText.syntax(d, commonParameters: c.advanced) { try context.writeObject(.string("\n" + line + "\n")) }
            } else if case .object(let o) = c.value {
                try context.writeObject((try o.property("Definition")) ?? .null)
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
    static let component = Parameter<[String]>("Component")
    static let role = Parameter<[String]>("Role")
    static let functionality = Parameter<[String]>("Functionality")
    static let declaration = CmdletDeclaration("Get-Help", parameters: [name, detailed, full, examples, parameter, online, component, role, functionality], synopsis: "Shows help for a command.",
       description: "Shows a command's synopsis, syntax (generated from its parameters) and description; -Detailed or -Full adds each parameter. Without a name it explains how to get help.")

    func process(_ context: CmdletContext) throws {
        try help(for: context[Self.name], context, forwarded: false)
    }

    private func help(for requested: String?, _ context: CmdletContext, forwarded: Bool) throws {
        guard let name = requested else {
            try context.writeObject(.string("\nTOPIC\n    hvsh help\n\nSHORT DESCRIPTION\n    Shows how to find commands and read their help.\n\nLONG DESCRIPTION\n    Get-Command lists every command; Get-Help <name> shows a command's syntax and description;\n    Get-Help <name> -Detailed adds each parameter.\n"))
            return
        }
        if context[Self.online] {
            throw context.terminatingError("Online help is not available in hvsh.", errorId: "InvalidOperation", category: .invalidOperation)
        }
        // HelpNotFound is a non-terminating error, as PowerShell's help system reports it.
        func notFound() throws {
            try context.writeError(
                "Get-Help could not find \(name) in a help file in this session.",
                errorId: "HelpNotFound", category: .resourceUnavailable,
                target: .string(name), exceptionType: "Microsoft.PowerShell.Commands.HelpNotFoundException")
        }
        if let source = try ScriptHelpObjects.source(for: name, session: context.session) {
            // `.FORWARDHELPTARGETNAME Get-Help`: that command's help (followed once).
            if !forwarded, let target = source.help?.forwardHelpTargetName, !target.isEmpty {
                return try help(for: target, context, forwarded: true)
            }
            let help = ScriptHelp(source)
            guard matchesFilters(component: help.component, role: help.role, functionality: help.functionality, context) else { return try notFound() }
            try writeScriptHelp(help, source: source, context)
            return
        }
        var target = name
        if let a = context.session.registry.aliasTarget(name) { target = a }
        let matches = context.session.registry.allCmdlets.filter {
            WildcardPattern(target).matches($0.declaration.name) && matchesFilters(component: nil, role: nil, functionality: nil, context)
        }
        if matches.isEmpty { return try notFound() }
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

    /// -Component, -Role and -Functionality: the help's field must match one of the wildcard
    /// patterns given (PowerShell's CommandHelpProvider.Match; a missing field matches as "").
    private func matchesFilters(component: String?, role: String?, functionality: String?, _ context: CmdletContext) -> Bool {
        func match(_ field: String?, _ patterns: [String]?) -> Bool {
            guard let patterns, !patterns.isEmpty else { return true }
            return patterns.contains { $0.isEmpty || WildcardPattern($0).matches(field ?? "") }
        }
        return match(component, context[Self.component]) && match(role, context[Self.role])
            && match(functionality, context[Self.functionality])
    }

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
            // `RuntimeException`), is Invoke-Expression's error: `...,...InvokeExpressionCommand`,
            // a CmdletInvocationException around the error's own exception, which keeps the
            // original record (`$_.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId`).
            let inner = e.record.exception
            if !inner.extraProperties.contains(where: { $0.name == "ErrorRecord" }) {
                let original = e.record.replacingException(inner)
                inner.extraProperties.append(("ErrorRecord", .object(ErrorRecordObjects.wrap(original))))
            }
            let wrapper = PSException(inner.message, type: "System.Management.Automation.CmdletInvocationException", inner: inner)
            let record = e.record.replacingException(wrapper)
            record.fullyQualifiedErrorId = context.qualifiedErrorId(e.record.fullyQualifiedErrorId)
            throw PSRuntimeError(record)
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

