#if canImport(Glibc)
import Glibc
#endif
import PSLanguage
import PSRuntime

/// `ShellEngine` over PSRuntime's `ShellSession`, with the modules hvsh ships.
public final class RuntimeEngine: ShellEngine {
    let session: ShellSession
    let host: ConsoleHost

    public init(options: EngineOptions, modules: [PSModule]) {
        host = ConsoleHost(terminal: options.terminal, standardInput: options.standardInput,
                           nonInteractive: options.nonInteractive)
        session = ShellSession(host: host, modules: modules)
        if let profile = options.profilePath {
            session.setGlobalVariable("PROFILE", .string(profile))
        }
    }

    public func needsMoreInput(_ text: String) -> Bool {
        Parser.parse(text).isIncomplete
    }

    public func runScript(_ text: String, path: String, arguments: [ScriptArgument]) -> ExecutionOutcome {
        defer { host.flush() }
        let code = session.runScript(text, path: path, arguments: arguments.flatMap(Self.words))
        return outcome(code)
    }

    public func runCommand(_ text: String, arguments: [String]) -> ExecutionOutcome {
        defer { host.flush() }
        let code = session.runScript(text, path: nil, arguments: arguments.map { .string($0) })
        return outcome(code)
    }

    public func runProfile(path: String) -> ExecutionOutcome {
        guard let text = FileText.read(path) else { return ExecutionOutcome() }
        defer { host.flush() }
        return outcome(session.runScript(text, path: path))
    }

    public func prompt() -> String {
        "PS " + session.currentDirectory + "> "
    }

    public var completionCatalog: any CompletionCatalog { SessionCatalog(session: session) }

    /// Attaches the REPL's line editor so `Read-Host` reads through it.
    public func attach(lineEditor: LineEditor?) { host.lineEditor = lineEditor }

    private func outcome(_ code: Int32) -> ExecutionOutcome {
        if let requested = session.exitRequested {
            return ExecutionOutcome(exitCode: requested)
        }
        let succeeded: Bool
        if case .bool(let ok)? = session.variable("?") { succeeded = ok } else { succeeded = code == 0 }
        return ExecutionOutcome(terminatedByError: code != 0, lastStatementSucceeded: succeeded && code == 0)
    }

    /// A script argument as the words pwsh would pass on: `-Name`, then the value.
    static func words(_ argument: ScriptArgument) -> [PSValue] {
        var out: [PSValue] = []
        if let name = argument.parameterName { out.append(.string("-" + name)) }
        switch argument.value {
        case .string(let s)?: out.append(.string(s))
        case .bool(let b)?: out.append(.bool(b))
        case nil: break
        }
        return out
    }
}

/// Completion's view of a session: registry commands and aliases, parameter metadata, variables.
struct SessionCatalog: CompletionCatalog {
    let session: ShellSession

    func commandNames() -> [String] {
        session.registry.allCmdlets.map(\.declaration.name) + session.registry.aliases.map(\.alias)
    }

    func parameters(ofCommand name: String) -> [CompletionParameter]? {
        let registry = session.registry
        let target = registry.aliasTarget(name) ?? name
        guard let entry = registry.cmdlet(named: target) else { return nil }
        return entry.metadata.parameters.filter { !$0.dontShow }.map { parameter in
            CompletionParameter(name: parameter.name, aliases: parameter.aliases, isSwitch: parameter.isSwitch,
                                allowedValues: allowedValues(parameter))
        }
    }

    private func allowedValues(_ parameter: ParameterDeclaration) -> [String] {
        for validation in parameter.validations {
            if case .set(let names, _) = validation { return names }
        }
        return enumNames(parameter.type)
    }

    private func enumNames(_ type: PSType) -> [String] {
        switch type {
        case .enumType(let e): return e.members.map(\.name)
        case .array(let element), .list(let element): return enumNames(element)
        case .named(let name):
            if case .enumType(let e)? = session.types.resolve(name) { return e.members.map(\.name) }
            return []
        default: return []
        }
    }

    func variableNames() -> [String] {
        var names: [String] = []
        var scope: Scope? = session.currentScope
        while let current = scope {
            names += current.definedVariables.map(\.name)
            scope = current.parent
        }
        return names
    }

    func objectNames(command: String, parameter: String) -> [String] { [] }
}
