import Foundation
import PSLanguage

/// The runtime half of Import-Module / Remove-Module: a module's code runs in the module's own scope,
/// then its exports are published into the global scope (where PowerShell puts what a script or the
/// prompt imports).
extension ShellSession {
    /// Makes an empty module whose code will run in a scope of its own under the global scope.
    public func newScriptModule(name: String, path: String) -> ScriptModule {
        ScriptModule(name: name, path: path, globalScope: globalScope)
    }

    /// Runs a `.psm1`/`.ps1` file in `module`'s scope, as if dot-sourced there: what it defines stays
    /// in the module. `arguments` bind to its `param()` block; its output goes to `output`.
    public func runModuleFile(_ path: String, in module: ScriptModule, arguments: [PSValue],
                              output: @escaping (PSValue) throws -> Void) throws {
        let code = try compileFile(path)
        let args = arguments.map(BindArgument.positional)
        let stage = ScriptStage(session: self, code: code, name: path, arguments: args, callerScope: module.scope,
                                dotSource: true, isScriptFile: true, position: nil, invocationName: path)
        try PipelineRunner.run([stage], session: self, output: ClosureSink(output))
    }

    /// Runs a script block as the code of a dynamic module (New-Module): dot-sourced in the module's
    /// scope, so what it defines stays there; `arguments` bind to its `param()` block.
    public func runModuleBlock(_ block: PSScriptBlock, in module: ScriptModule, arguments: [PSValue],
                               output: @escaping (PSValue) throws -> Void) throws {
        guard let code = block.body else { return }
        let args = arguments.map(BindArgument.positional)
        let stage = ScriptStage(session: self, code: code, name: module.name, arguments: args, callerScope: module.scope,
                                dotSource: true, isScriptFile: false, position: nil, invocationName: module.name)
        try PipelineRunner.run([stage], session: self, output: ClosureSink(output))
    }

    /// Calls a module's function with positional arguments from Swift (the script methods of
    /// `New-Module -AsCustomObject`), in the module's scope as any call of it runs.
    public func callFunction(_ function: FunctionInfo, arguments: [PSValue]) throws -> [PSValue] {
        guard let code = function.block.body else { return [] }
        let args = arguments.map(BindArgument.positional)
        let parent = function.module?.scope ?? currentScope
        let stage = ScriptStage(session: self, code: code, name: function.name, arguments: args, callerScope: parent,
                                dotSource: false, isScriptFile: false, position: nil,
                                invoker: parent === currentScope ? nil : currentScope)
        let collector = Collector()
        try PipelineRunner.run([stage], session: self, output: collector)
        return collector.items
    }

    /// The functions a script file defines at its top level, without running it (what PowerShell's
    /// Get-Module -ListAvailable reports for a .psm1).
    public func functionNames(definedIn path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let script = Parser.parse(bytes: Array(data), fileName: path).scriptBlock
        var names: [String] = []
        for block in [script.beginBlock, script.processBlock, script.endBlock].compactMap({ $0 }) {
            for case .function(let definition) in block.body.statements { names.append(definition.name) }
        }
        return names
    }

    /// What an alias stands for, looking in the current scopes (a module's aliases) and then the session.
    public func aliasTarget(_ name: String) -> String? {
        currentScope.lookupAlias(name) ?? registry.aliasTarget(name)
    }

    /// The module Export-ModuleMember is running in (nil at the prompt or in a plain script).
    public var currentModule: ScriptModule? { currentScope.enclosingModule }

    /// Adds `module` to the session's list (Get-Module) and its exports to the global scope.
    public func publish(_ module: ScriptModule) {
        // Dynamic modules have no file: one replaces only itself.
        scriptModules.removeAll { $0 === module || (!module.path.isEmpty && $0.path == module.path) }
        scriptModules.append(module)
        for f in module.exportedFunctions { globalScope.defineFunction(f) }
        for v in module.exportedVariables { globalScope.adopt(v) }
        for a in module.exportedAliases { globalScope.setAlias(a.name, a.target) }
    }

    /// Takes `module`'s exports back out of the global scope (those still its own) and forgets it.
    public func unpublish(_ module: ScriptModule) {
        for f in module.exportedFunctions where globalScope.functions[f.name.lowercased()] === f {
            globalScope.functions[f.name.lowercased()] = nil
        }
        for v in module.exportedVariables where globalScope.variables[v.name.lowercased()] === v {
            globalScope.variables[v.name.lowercased()]?.isSet = false
        }
        for a in module.exportedAliases where globalScope.aliases[a.name.lowercased()] == a.target {
            globalScope.aliases[a.name.lowercased()] = nil
        }
        scriptModules.removeAll { $0 === module }
    }
}

extension Scope {
    /// Makes a module's exported variable visible here: the module's own cell when the name is new, so
    /// later changes the module makes show through; else the value is copied into the existing cell
    /// (compiled code may already hold it).
    public func adopt(_ v: PSVariable) {
        let key = v.name.lowercased()
        if let existing = variables[key] {
            existing.value = v.value
            existing.isSet = true
        } else {
            variables[key] = v
        }
    }
}
