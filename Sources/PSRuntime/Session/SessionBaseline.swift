/// What a session holds before any script ran, to put back between scripts that must not see each
/// other. Building a session (the built-in variables, every module's commands and types) costs far
/// more than running a short script: the evaluator fuzz target, which runs thousands of unrelated
/// scripts a second, made one per input and spent half its time there. It now makes one session,
/// takes its baseline, and restores it after every input.
///
/// Restored: the global scope's variables (as fresh cells holding the original values; hashtables
/// such as `$PSVersionTable` copied, so a script's edits to them go with it), functions, aliases (the
/// session's table, where Set-Alias and Remove-Alias write, too) strict mode and what modules registered in `baselineResets` (breakpoints, Set-PSDebug); `$Error`, `$LASTEXITCODE`, `$?`, a requested exit, and everything
/// `close()` drops. Not restored: objects a script changed through a built-in value's members
/// (`$Host.UI`...), which scripts run this way should not be able to reach in a harmful way anyway.
public struct SessionBaseline {
    fileprivate let variables: [String: PSVariable]
    fileprivate let functions: [String: FunctionInfo]
    fileprivate let aliases: [String: String]
    fileprivate let sessionAliases: [String: String]
    fileprivate let sessionAliasDetails: [String: AliasDetails]
    fileprivate let sessionAliasSpellings: [String: String]
    fileprivate let strictMode: Int?
    fileprivate let directory: String
}

extension ShellSession {
    /// The session's state now (call it before running any script).
    public func baseline() -> SessionBaseline {
        SessionBaseline(variables: globalScope.variables.mapValues { $0.fresh(errorList: errorList) },
                        functions: globalScope.functions, aliases: globalScope.aliases,
                        sessionAliases: registry.aliasEntries, sessionAliasDetails: registry.aliasDetailEntries,
                        sessionAliasSpellings: registry.aliasSpellingEntries,
                        strictMode: globalScope.strictModeSetting, directory: currentDirectory)
    }

    /// Puts the session back to `baseline`, dropping whatever scripts defined since.
    public func restore(_ baseline: SessionBaseline) {
        close()
        globalScope.variables = baseline.variables.mapValues { $0.fresh(errorList: errorList) }
        globalScope.functions = baseline.functions
        globalScope.aliases = baseline.aliases
        registry.aliasEntries = baseline.sessionAliases
        registry.aliasDetailEntries = baseline.sessionAliasDetails
        registry.aliasSpellingEntries = baseline.sessionAliasSpellings
        globalScope.strictModeSetting = baseline.strictMode
        typeData.removeAll()
        if currentDirectory != baseline.directory { currentDirectory = baseline.directory }
        lastExitCode = 0
        lastSuccess = true
        exitRequested = nil
        callDepth = 0
        tryDepth = 0
        stopOrigin = nil
        runningScript = nil
        stopFlag.clear()
        resetCultures()
        // Breakpoints and Set-PSDebug tracing a script left behind would watch the next one.
        for reset in baselineResets.values { reset(self) }
    }
}

extension PSVariable {
    /// A new cell with this one's value and settings (`$Error` stays the session's own list).
    fileprivate func fresh(errorList: PSArray) -> PSVariable {
        var copied = value
        switch value {
        case .hashtable(let table): copied = .hashtable(table.copy())
        case .array(let array) where array !== errorList: copied = .array(array.copy())
        default: break
        }
        let cell = PSVariable(name: name, value: copied, isSet: isSet, options: options)
        cell.typeConstraint = typeConstraint
        cell.validations = validations
        cell.description = description
        cell.holdsAutomationNull = holdsAutomationNull
        return cell
    }
}
