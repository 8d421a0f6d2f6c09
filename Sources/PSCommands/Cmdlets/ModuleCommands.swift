// Import-Module, Get-Module, Remove-Module and Export-ModuleMember for script modules (.psm1, with or
// without a .psd1 manifest), as PowerShell runs them; hvsh's own modules are listed as binary ones.

import Foundation
import PSRuntime

final class ImportModuleCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true, valueFromPipeline: true, sets: ["Name"])
    static let moduleInfo = Parameter<[PSValue]>("ModuleInfo", type: .array(.named(ModuleInfoObjects.typeName)),
                                                 position: 0, mandatory: true, valueFromPipeline: true, sets: ["ModuleInfo"])
    static let force = Parameter<SwitchParameter>("Force")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let global = Parameter<SwitchParameter>("Global")
    static let prefix = Parameter<String>("Prefix")
    static let function = Parameter<[String]>("Function")
    static let variable = Parameter<[String]>("Variable")
    static let alias = Parameter<[String]>("Alias")
    static let argumentList = Parameter<[PSValue]>("ArgumentList", aliases: ["Args"])
    static let disableNameChecking = Parameter<SwitchParameter>("DisableNameChecking")
    static let noClobber = Parameter<SwitchParameter>("NoClobber", aliases: ["NoOverwrite"])
    static let minimumVersion = Parameter<String>("MinimumVersion", aliases: ["Version"])
    static let requiredVersion = Parameter<String>("RequiredVersion")
    static let scope = Parameter<String>("Scope", validate: [.set(["Local", "Global"])])
    static let declaration = CmdletDeclaration("Import-Module", parameters: [
        name, moduleInfo, force, passThru, global, prefix, function, variable, alias, argumentList, disableNameChecking,
        noClobber, minimumVersion, requiredVersion, scope,
    ], defaultParameterSet: "Name", synopsis: "Loads a module.",
       description: "Runs a .psm1 module (or the root module of a .psd1 manifest, after its NestedModules) in a scope of its own and makes its exported functions, variables and aliases available. A name without a path is looked up in each folder of $env:PSModulePath. Built-in modules (Hyper-V, ...) are always loaded.")

    func process(_ context: CmdletContext) throws {
        let loader = ModuleLoader(context: context, argumentList: context[Self.argumentList] ?? [],
                                  checkNames: !context[Self.disableNameChecking])
        for info in context[Self.moduleInfo] ?? [] {
            let session = context.session
            // A module already in memory (New-Module's, or one loaded before) is published as it is.
            guard let module = ModuleInfoObjects.module(info, in: session.dynamicModules + session.scriptModules) else { continue }
            try publish(module, loader: loader, context: context)
            if context[Self.passThru] { try context.writeObject(ModuleInfoObjects.make(module)) }
        }
        for name in context[Self.name] ?? [] {
            if let builtin = BuiltinModules.named(name, session: context.session) {
                if context[Self.passThru] { try context.writeObject(builtin) }
                continue
            }
            guard let file = ModuleLoader.locate(name, session: context.session).first(where: { versionAllowed($0, context) }) else {
                try context.writeError(ErrorRecord(
                    message: notFoundMessage(name, context),
                    errorId: context.qualifiedErrorId("Modules_ModuleNotFound"), category: .resourceUnavailable,
                    target: .string(name), exceptionType: "System.IO.FileNotFoundException"))
                continue
            }
            if let loaded = context.session.scriptModules.first(where: { $0.path == file }), !context[Self.force] {
                if context[Self.passThru] { try context.writeObject(ModuleInfoObjects.make(loaded)) }
                continue
            }
            if let old = context.session.scriptModules.first(where: { $0.path == file }) { context.session.unpublish(old) }
            guard let module = try loader.load(file) else { continue }
            try publish(module, loader: loader, context: context)
            if context[Self.passThru] { try context.writeObject(ModuleInfoObjects.make(module)) }
        }
    }

    private func notFoundMessage(_ name: String, _ context: CmdletContext) -> String {
        if let v = context[Self.requiredVersion] ?? context[Self.minimumVersion] {
            return "The specified module '\(name)' with version '\(v)' was not loaded because no valid module file was found in any module directory."
        }
        return "The specified module '\(name)' was not loaded because no valid module file was found in any module directory."
    }

    /// Whether the module file's version meets -RequiredVersion/-MinimumVersion.
    private func versionAllowed(_ file: String, _ context: CmdletContext) -> Bool {
        let version = ModuleLoader.declaredVersion(file, session: context.session)
        if let r = context[Self.requiredVersion], let want = PSVersion(parsing: r), version != want { return false }
        if let m = context[Self.minimumVersion], let want = PSVersion(parsing: m), version < want { return false }
        return true
    }

    /// Puts the module's exports (those -Function/-Variable/-Alias select) into the global scope,
    /// with PowerShell's verbose records and its warning about unapproved verbs.
    private func publish(_ module: ScriptModule, loader: ModuleLoader, context: CmdletContext) throws {
        func keep(_ patterns: [String]?) -> WildcardMatcher? {
            patterns.map { list in { name in list.contains { WildcardPattern($0).matches(name) } } }
        }
        module.restrictExports(functions: keep(context[Self.function]), variables: keep(context[Self.variable]),
                               aliases: keep(context[Self.alias]))
        if context[Self.noClobber] {
            module.restrictExports(functions: { context.session.globalScope.lookupFunction($0) == nil && context.session.registry.cmdlet(named: $0) == nil },
                                   variables: nil, aliases: { context.session.registry.aliasTarget($0) == nil })
        }
        context.session.publish(module)
        var warnedVerb = false
        for f in module.exportedFunctions {
            if loader.checkNames { try loader.checkVerb(f.name, module: module.name, warned: &warnedVerb) }
            try context.writeVerbose("Importing function '\(f.name)'.")
        }
        for v in module.exportedVariables { try context.writeVerbose("Importing variable '\(v.name)'.") }
        for a in module.exportedAliases { try context.writeVerbose("Importing alias '\(a.name)'.") }
    }
}

/// Loads module files: manifests, their nested modules and root module, and .psm1 code.
struct ModuleLoader {
    let context: CmdletContext
    let argumentList: [PSValue]
    let checkNames: Bool

    /// The files a name or path given to Import-Module may stand for, best first.
    static func locate(_ name: String, session: ShellSession) -> [String] {
        if ModuleFiles.isPath(name) {
            return ModuleFiles.file(atPath: FileSystemPaths.resolve(name, session: session)).map { [$0] } ?? []
        }
        return ModuleFiles.find(name: name)
    }

    static func declaredVersion(_ file: String, session: ShellSession) -> PSVersion {
        guard file.lowercased().hasSuffix(".psd1"), let manifest = ModuleFiles.readManifest(file, session: session),
              let v = manifest[.string("ModuleVersion")] else { return PSVersion(0, 0) }
        return PSVersion(parsing: PSConvert.toString(v)) ?? PSVersion(0, 0)
    }

    /// Loads a .psd1 or .psm1/.ps1 file as a module (nil after writing an error).
    func load(_ file: String) throws -> ScriptModule? {
        try context.writeVerbose("Loading module from path '\(file)'.")
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let session = context.session
        if file.lowercased().hasSuffix(".psd1") { return try loadManifest(file, name: name) }
        let module = session.newScriptModule(name: name, path: file)
        try runRoot(file, into: module)
        return module
    }

    /// Runs a script module's code, then, if it never called Export-ModuleMember, exports every
    /// function and alias it defined (PowerShell's default for .psm1 files).
    private func runRoot(_ file: String, into module: ScriptModule) throws {
        try context.session.runModuleFile(file, in: module, arguments: argumentList) { try context.writeObject($0) }
        if !module.usesExportList {
            let all: WildcardMatcher = { _ in true }
            let done = module.export(functions: [all], variables: nil, aliases: [all])
            for f in done.functions { try context.writeVerbose("Exporting function '\(f)'.") }
            for a in done.aliases { try context.writeVerbose("Exporting alias '\(a)'.") }
        }
    }

    private func loadManifest(_ file: String, name: String) throws -> ScriptModule? {
        let session = context.session
        guard let manifest = ModuleFiles.readManifest(file, session: session) else {
            try context.writeError(ErrorRecord(
                message: "The module manifest '\(file)' could not be processed because it is not a valid PowerShell module manifest file. Remove the elements that are not permitted: \((file as NSString).lastPathComponent)",
                errorId: context.qualifiedErrorId("Modules_InvalidManifest"), category: .invalidData,
                target: .string(file), exceptionType: "System.Management.Automation.PSInvalidOperationException"))
            return nil
        }
        func string(_ key: String) -> String? { manifest[.string(key)].map { PSConvert.toString($0) } }
        func list(_ key: String) -> [String]? {
            guard let v = manifest[.string(key)] else { return nil }
            return (v.arrayElements ?? [v]).map { PSConvert.toString($0) }
        }
        let module = session.newScriptModule(name: name, path: file)
        module.version = string("ModuleVersion").flatMap { PSVersion(parsing: $0) } ?? PSVersion(0, 0)
        module.description = string("Description") ?? ""
        module.author = string("Author") ?? ""
        module.guid = string("GUID").flatMap { UUID(uuidString: $0) }
        module.moduleType = "Manifest"
        for required in list("RequiredModules") ?? [] where BuiltinModules.named(required, session: session) == nil {
            guard session.scriptModules.contains(where: { $0.name.lowercased() == required.lowercased() }) else {
                try context.writeError(ErrorRecord(
                    message: "The required module '\(required)' is not loaded. Load the module or remove the module from 'RequiredModules' in the file '\(file)'.",
                    errorId: context.qualifiedErrorId("Modules_InvalidManifest"), category: .resourceUnavailable,
                    target: .string(file), exceptionType: "System.Management.Automation.MissingMemberException"))
                return nil
            }
        }
        let base = module.moduleBase
        for nested in list("NestedModules") ?? [] {
            guard let path = ModuleFiles.isPath(nested) || !nested.contains("/")
                ? ModuleFiles.file(atPath: FileSystemPaths.resolve(base + "/" + nested, session: session)) ?? ModuleFiles.find(name: nested).first
                : nil,
                let child = try load(path) else { continue }
            // A nested module's exports land in the parent module, which may export them on.
            module.nestedModules.append(child)
            for f in child.exportedFunctions {
                module.scope.defineFunction(f)
                try context.writeVerbose("Importing function '\(f.name)'.")
            }
            for a in child.exportedAliases {
                module.scope.setAlias(a.name, a.target)
                try context.writeVerbose("Importing alias '\(a.name)'.")
            }
        }
        if let root = string("RootModule") ?? string("ModuleToProcess"), !root.isEmpty {
            guard let rootFile = ModuleFiles.file(atPath: FileSystemPaths.resolve(base + "/" + root, session: session)) else {
                try context.writeError(ErrorRecord(
                    message: "The specified module '\(root)' was not loaded because no valid module file was found in any module directory.",
                    errorId: context.qualifiedErrorId("Modules_ModuleNotFound"), category: .resourceUnavailable,
                    target: .string(root), exceptionType: "System.IO.FileNotFoundException"))
                return nil
            }
            try context.writeVerbose("Loading module from path '\(rootFile)'.")
            module.moduleType = "Script"
            try runRoot(rootFile, into: module)
        } else {
            let all: WildcardMatcher = { _ in true }
            module.export(functions: [all], variables: nil, aliases: [all])
        }
        func patterns(_ key: String) -> WildcardMatcher? {
            guard let names = list(key) else { return nil }
            return { name in names.contains { WildcardPattern($0).matches(name) } }
        }
        module.restrictExports(functions: patterns("FunctionsToExport"), variables: patterns("VariablesToExport"),
                               aliases: patterns("AliasesToExport"))
        return module
    }

    /// PowerShell warns once per import when an exported function's verb is not an approved one,
    /// and says which with -Verbose.
    func checkVerb(_ function: String, module: String, warned: inout Bool) throws {
        guard let dash = function.firstIndex(of: "-") else { return }
        let verb = String(function[..<dash])
        guard !ApprovedVerbs.isApproved(verb) else { return }
        if !warned {
            warned = true
            try context.writeWarning("The names of some imported commands from the module '\(module)' include unapproved verbs that might make them less discoverable. To find the commands with unapproved verbs, run the Import-Module command again with the Verbose parameter. For a list of approved verbs, type Get-Verb.")
        }
        if let alternates = ApprovedVerbs.alternates[verb.lowercased()] {
            try context.writeVerbose("The '\(function)' command in the \(module)' module was imported, but because its name does not include an approved verb, it might be difficult to find. The suggested alternative verbs are \"\(alternates.joined(separator: ","))\".")
        } else {
            try context.writeVerbose("The '\(function)' command in the \(module)' module was imported, but because its name does not include an approved verb, it might be difficult to find. For a list of approved verbs, type Get-Verb.")
        }
    }
}

/// The modules compiled into hvsh, as Get-Module and Import-Module see them.
enum BuiltinModules {
    /// Core is PowerShell's snap-in of language commands, which Get-Module does not list.
    static func names(_ session: ShellSession) -> [String] {
        session.registry.modules.filter { $0 != "Microsoft.PowerShell.Core" }
    }

    static func named(_ name: String, session: ShellSession) -> PSValue? {
        guard let match = names(session).first(where: { $0.lowercased() == name.lowercased() }) else { return nil }
        return info(match, session: session)
    }

    static func info(_ name: String, session: ShellSession, listing: Bool = false) -> PSValue {
        let cmdlets = session.registry.allCmdlets.filter { $0.moduleName == name }
        return ModuleInfoObjects.make(builtin: name, version: session.registry.moduleVersion(name) ?? PSVersion(1, 0),
                                      cmdlets: cmdlets, listing: listing)
    }
}

final class GetModuleCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipeline: true)
    static let listAvailable = Parameter<SwitchParameter>("ListAvailable")
    static let all = Parameter<SwitchParameter>("All")
    static let refresh = Parameter<SwitchParameter>("Refresh")
    static let declaration = CmdletDeclaration("Get-Module", parameters: [name, listAvailable, all, refresh],
                                               outputTypes: [ModuleInfoObjects.typeName], synopsis: "Lists modules.",
       description: "Lists the modules loaded in the session (script modules and hvsh's built-in ones), or with -ListAvailable those found in the folders of $env:PSModulePath as well.")

    func process(_ context: CmdletContext) throws {
        let session = context.session
        let patterns = (context[Self.name] ?? []).map { WildcardPattern($0) }
        func wanted(_ n: String) -> Bool { patterns.isEmpty || patterns.contains { $0.matches(n) } }
        var found: [(String, PSValue)] = []
        if context[Self.listAvailable] {
            for file in ModuleFiles.available() {
                let n = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                guard wanted(n) else { continue }
                found.append((n, ModuleInfoObjects.make(available: file, session: session)))
            }
            for n in BuiltinModules.names(session).sorted(by: { $0.lowercased() < $1.lowercased() }) where wanted(n) {
                found.append((n, BuiltinModules.info(n, session: session, listing: true)))
            }
        } else {
            for n in BuiltinModules.names(session) where wanted(n) { found.append((n, BuiltinModules.info(n, session: session))) }
            for m in session.scriptModules where wanted(m.name) { found.append((m.name, ModuleInfoObjects.make(m))) }
            found.sort { $0.0.lowercased() < $1.0.lowercased() }
        }
        // A name that matches nothing is not an error: scripts test the result for $null.
        for (_, v) in found { try context.writeObject(v) }
    }
}

final class RemoveModuleCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true, valueFromPipeline: true,
                                          valueFromPipelineByPropertyName: true, sets: ["name"])
    static let moduleInfo = Parameter<[PSValue]>("ModuleInfo", type: .array(.named(ModuleInfoObjects.typeName)),
                                                 position: 0, mandatory: true, valueFromPipeline: true, sets: ["ModuleInfo"])
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Remove-Module", parameters: [name, moduleInfo, force],
                                               defaultParameterSet: "name", supportsShouldProcess: true,
                                               synopsis: "Removes modules from the session.",
       description: "Takes the functions, variables and aliases a script module exported back out of the session and forgets the module. hvsh's built-in modules stay.")
    private var removed = 0
    private var skipped = 0
    private var specific = false

    func process(_ context: CmdletContext) throws {
        let session = context.session
        var targets: [ScriptModule] = []
        for n in context[Self.name] ?? [] {
            if !WildcardPattern.containsWildcard(n) { specific = true }
            let p = WildcardPattern(n)
            targets += session.scriptModules.filter { p.matches($0.name) }
        }
        for v in context[Self.moduleInfo] ?? [] {
            specific = true
            if let m = ModuleInfoObjects.module(v, in: session.scriptModules) { targets.append(m) }
        }
        for m in targets {
            guard try context.shouldProcess(target: "\(m.name) (Path: '\(m.path)')") else { skipped += 1; continue }
            for f in m.exportedFunctions { try context.writeVerbose("Removing the imported \"\(f.name)\" function.") }
            for v in m.exportedVariables { try context.writeVerbose("Removing the imported \"\(v.name)\" variable.") }
            for a in m.exportedAliases { try context.writeVerbose("Removing the imported \"\(a.name)\" alias.") }
            session.unpublish(m)
            removed += 1
        }
    }

    func end(_ context: CmdletContext) throws {
        guard removed == 0, skipped == 0, specific else { return }
        try context.writeError(ErrorRecord(
            message: "No modules were removed. Verify that the specification of modules to remove is correct and those modules exist in the runspace.",
            errorId: context.qualifiedErrorId("Modules_NoModulesRemoved"), category: .resourceUnavailable,
            exceptionType: "System.InvalidOperationException"))
    }
}

final class ExportModuleMemberCommand: Cmdlet {
    static let function = Parameter<[String]>("Function", position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let cmdlet = Parameter<[String]>("Cmdlet", valueFromPipelineByPropertyName: true)
    static let variable = Parameter<[String]>("Variable", valueFromPipelineByPropertyName: true)
    static let alias = Parameter<[String]>("Alias", valueFromPipelineByPropertyName: true)
    static let declaration = CmdletDeclaration("Export-ModuleMember", parameters: [function, cmdlet, variable, alias],
                                               synopsis: "Chooses what a module exports.",
       description: "Called in a script module: only the functions, variables and aliases named (wildcards allowed) are exported to whoever imports the module.")

    func process(_ context: CmdletContext) throws {
        guard let module = context.session.currentModule else {
            throw context.terminatingError("The Export-ModuleMember cmdlet can only be called from inside a module.",
                                           errorId: "Modules_CanOnlyExecuteExportModuleMemberInsideAModule",
                                           category: .permissionDenied, exceptionType: "System.InvalidOperationException")
        }
        func matchers(_ names: [String]?) -> [WildcardMatcher]? {
            names.map { list in list.map { p in let w = WildcardPattern(p); return { w.matches($0) } } }
        }
        let done = module.export(functions: matchers(context[Self.function]) ?? (context.isBound(Self.function) ? [] : nil),
                                 variables: matchers(context[Self.variable]), aliases: matchers(context[Self.alias]))
        for f in done.functions { try context.writeVerbose("Exporting function '\(f)'.") }
        for v in done.variables { try context.writeVerbose("Exporting variable '\(v)'.") }
        for a in done.aliases { try context.writeVerbose("Exporting alias '\(a)'.") }
    }
}
