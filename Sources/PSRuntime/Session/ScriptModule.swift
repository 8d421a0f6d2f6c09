import Foundation

/// A module loaded from a `.psm1` (or through a `.psd1` manifest): its own scope, which its functions
/// run in (the caller's variables are not visible to them, the global ones are), and the functions,
/// variables and aliases it exports into the global scope.
public final class ScriptModule {
    public let name: String
    /// The file Import-Module was given or found: the manifest for a manifest module.
    public let path: String
    /// The module's folder (`$PSScriptRoot` of its root module).
    public var moduleBase: String
    public var version: PSVersion = PSVersion(0, 0)
    /// `Script` for a `.psm1` root module, `Manifest` for a manifest without one.
    public var moduleType = "Script"
    public var description = ""
    public var author = ""
    public var guid: UUID?
    public var nestedModules: [ScriptModule] = []
    /// The module's script scope; its parent is the global scope.
    public let scope: Scope
    /// What the module exports, in PowerShell's order (sorted by name).
    public internal(set) var exportedFunctions: [FunctionInfo] = []
    public internal(set) var exportedVariables: [PSVariable] = []
    public internal(set) var exportedAliases: [(name: String, target: String)] = []
    /// Set once Export-ModuleMember ran: then only what it named is exported.
    public internal(set) var usesExportList = false
    /// The arguments of `-ArgumentList`, bound to the root module's `param()`.
    var arguments: [PSValue] = []

    init(name: String, path: String, globalScope: Scope) {
        self.name = name
        self.path = path
        self.moduleBase = (path as NSString).deletingLastPathComponent
        scope = Scope(parent: globalScope, isScriptScope: true)
        scope.module = self
    }

    /// Export-ModuleMember: adds the matching members of the module scope to the export lists.
    /// Returns the names exported, by kind, for the verbose records.
    @discardableResult
    public func export(functions: [WildcardMatcher]?, variables: [WildcardMatcher]?, aliases: [WildcardMatcher]?)
        -> (functions: [String], variables: [String], aliases: [String]) {
        usesExportList = true
        var done: (functions: [String], variables: [String], aliases: [String]) = ([], [], [])
        if let functions {
            for f in scope.functions.values.sorted(by: { $0.name.lowercased() < $1.name.lowercased() })
            where functions.contains(where: { $0(f.name) }) {
                done.functions.append(f.name)
                if !exportedFunctions.contains(where: { $0 === f }) { exportedFunctions.append(f) }
            }
            exportedFunctions.sort { $0.name.lowercased() < $1.name.lowercased() }
        }
        if let variables {
            for v in scope.definedVariables.sorted(by: { $0.name.lowercased() < $1.name.lowercased() })
            where variables.contains(where: { $0(v.name) }) && !ScriptModule.automaticVariables.contains(v.name.lowercased()) {
                done.variables.append(v.name)
                if !exportedVariables.contains(where: { $0 === v }) { exportedVariables.append(v) }
            }
            exportedVariables.sort { $0.name.lowercased() < $1.name.lowercased() }
        }
        if let aliases {
            for (key, target) in scope.aliases.sorted(by: { $0.key < $1.key }) where aliases.contains(where: { $0(key) }) {
                done.aliases.append(key)
                if !exportedAliases.contains(where: { $0.name.lowercased() == key }) { exportedAliases.append((key, target)) }
            }
            exportedAliases.sort { $0.name.lowercased() < $1.name.lowercased() }
        }
        return done
    }

    /// Keeps only the exports a manifest lists (`FunctionsToExport = 'Get-Lab'`); nil keeps all.
    public func restrictExports(functions: WildcardMatcher?, variables: WildcardMatcher?, aliases: WildcardMatcher?) {
        if let functions { exportedFunctions.removeAll { !functions($0.name) } }
        if let variables { exportedVariables.removeAll { !variables($0.name) } }
        if let aliases { exportedAliases.removeAll { !aliases($0.name) } }
    }

    /// Variables a module never exports (PowerShell's list of automatic ones a module scope has).
    static let automaticVariables: Set<String> = ["psscriptroot", "pscommandpath", "myinvocation", "args", "input", "_", "psitem",
                                                  "psboundparameters", "this", "executioncontext"]
}

/// A case-insensitive wildcard test on a name (`Get-*`).
public typealias WildcardMatcher = (String) -> Bool

extension Scope {
    /// The scope that is current in a session state (a module's, or the global one for nil) as seen from
    /// this scope: this one or the nearest caller in that session state. A module function's scope goes
    /// on to its caller (`invoker`), not to the module scope it hangs under.
    func current(in module: ScriptModule?) -> Scope? {
        var s: Scope? = self
        while let cur = s {
            if cur.enclosingModule === module { return cur }
            s = cur.invoker ?? cur.parent
        }
        return nil
    }

    /// The module whose code this scope belongs to, nil outside modules.
    public var enclosingModule: ScriptModule? { module ?? enclosingModuleScope?.module }
}
