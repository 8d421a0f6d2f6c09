#if canImport(Glibc)
import Glibc
#endif
import PSLanguage
import PSRuntime

/// `ShellEngine` over PSRuntime's `ShellSession`, with the modules hvsh ships.
public final class RuntimeEngine: ShellEngine {
    let session: ShellSession
    let host: ConsoleHost
    /// Names of functions defined at top level by the profile and REPL entries, for completion
    /// (the runtime offers lookup by name but no listing); each is checked to still exist.
    private let definedFunctions = FunctionNames()

    public init(options: EngineOptions, modules: [PSModule]) {
        host = ConsoleHost(terminal: options.terminal, standardInput: options.standardInput,
                           nonInteractive: options.nonInteractive)
        Self.setDefaultModulePath()
        session = ShellSession(host: host, modules: modules)
        if let profile = options.profilePath {
            session.setGlobalVariable("PROFILE", .string(profile))
        }
        // Ctrl-C stops the running pipeline through the session's stop flag. The flag is retained
        // for the life of the process, so the signal handler never sees it freed.
        if interruptTarget == nil {
            interruptTarget = Unmanaged.passRetained(session.stopFlag)
            InterruptSignal.onInterrupt = { interruptTarget?.takeUnretainedValue().request() }
        }
    }

    /// pwsh sets $env:PSModulePath at start-up when it is not set (the user's, the machine's and
    /// its own module folders), so scripts that read or split it, and the shells they start, see it.
    private static func setDefaultModulePath() {
        if let current = getenv("PSModulePath"), current.pointee != 0 { return }
        let home = getenv("HOME").map { String(cString: $0) } ?? "/root"
        // $PSHOME: the folder of the running executable.
        var psHome = "/usr/local/bin"
        if let real = realpath("/proc/self/exe", nil) {
            let path = String(cString: real)
            free(real)
            if let slash = path.lastIndex(of: "/") { psHome = String(path[..<slash]) }
        }
        let folders = [home + "/.local/share/powershell/Modules", "/usr/local/share/powershell/Modules", psHome + "/Modules"]
        setenv("PSModulePath", folders.joined(separator: ":"), 1)
    }

    public func needsMoreInput(_ text: String) -> Bool {
        Parser.parse(text).isIncomplete
    }

    public func runScript(_ text: String, path: String, arguments: [CommandLineArgument]) -> ExecutionOutcome {
        defer { host.flush() }
        return outcome(session.run(text, path: path, arguments: arguments.map(Self.scriptArgument)))
    }

    public func runCommand(_ text: String, arguments: [String]) -> ExecutionOutcome {
        defer { host.flush() }
        let words = arguments.map { PSRuntime.ScriptArgument(name: nil, value: .string($0)) }
        definedFunctions.note(text)
        return outcome(session.run(text, path: nil, arguments: words))
    }

    public func runInteractive(_ text: String) -> ExecutionOutcome {
        // The line becomes a history entry when it finishes (Get-History in it does not see itself).
        session.history.beginLine(text)
        let result = runCommand(text, arguments: [])
        session.history.finishLine(status: result.stopped ? "Stopped" : result.terminatedByError ? "Failed" : "Completed")
        // `$^`/`$$` name the line just run, for the next one (`Remove-Item $$`).
        session.setFirstAndLastTokens(of: text)
        return result
    }

    public func runProfile(path: String) -> ExecutionOutcome {
        guard case .success(let text) = ScriptFile.read(path) else { return ExecutionOutcome() }
        defer { host.flush() }
        definedFunctions.note(text)
        // Dot-sourced like pwsh's profile: its functions and variables stay in the global scope.
        return outcome(session.run(text, path: nil))
    }

    /// The user's `prompt` function when one is defined (in the profile, say), else pwsh's default.
    public func prompt() -> String {
        if let custom = session.function(named: "prompt"), let output = try? session.invoke(custom.block) {
            let text = output.map { PSConvert.toString($0) }.joined()
            if !text.isEmpty { return text }
        }
        return "PS " + session.currentLocation.display + "> "
    }

    public var completionCatalog: any CompletionCatalog {
        SessionCatalog(session: session, functionNames: definedFunctions)
    }

    public func attach(lineEditor: LineEditor?) { host.lineEditor = lineEditor }

    private func outcome(_ result: RunResult) -> ExecutionOutcome {
        ExecutionOutcome(exitCode: result.exitRequested ? result.exitCode : nil,
                         terminatedByError: result.terminatedByError || result.parseFailed,
                         lastStatementSucceeded: result.lastSuccess, stopped: result.stopped)
    }

    static func scriptArgument(_ argument: CommandLineArgument) -> PSRuntime.ScriptArgument {
        let value: PSValue?
        switch argument.value {
        case .string(let s)?: value = .string(s)
        case .bool(let b)?: value = .bool(b)
        case nil: value = nil
        }
        return PSRuntime.ScriptArgument(name: argument.parameterName, value: value)
    }
}

/// The stop flag of the session Ctrl-C should stop; written once before the SIGINT handler is
/// installed and never changed after, which is what makes reading it from the handler safe.
nonisolated(unsafe) private var interruptTarget: Unmanaged<StopFlag>?

/// Completion's view of a session: registry commands and aliases, parameter metadata, variables.
struct SessionCatalog: CompletionCatalog {
    let session: ShellSession
    let functionNames: FunctionNames

    func commandNames() -> [String] {
        session.registry.allCmdlets.map(\.declaration.name) + session.registry.aliases.map(\.alias)
            + functionNames.all.filter { session.function(named: $0) != nil }
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

    /// Names from the inventory: VMs for -VMName (and -Name of the `*-VM` cmdlets), switches for
    /// -SwitchName (and -Name of `*-VMSwitch`), NAT networks and adapters for their `-Name`.
    /// Read through the module's own Get- cmdlets, so completion sees exactly what they list.
    func objectNames(command: String, parameter: String) -> [String] {
        let target = session.registry.aliasTarget(command) ?? command
        let noun = target.split(separator: "-", maxSplits: 1).last.map { $0.lowercased() } ?? ""
        let lister: String
        switch (parameter.lowercased(), noun) {
        case ("vmname", _), ("name", "vm"): lister = "Get-VM"
        case ("switchname", _), ("name", "vmswitch"): lister = "Get-VMSwitch"
        case ("name", "netnat"): lister = "Get-NetNat"
        case ("name", "netadapter"), ("interfacealias", _): lister = "Get-NetAdapter"
        default: return []
        }
        guard session.registry.cmdlet(named: lister) != nil,
              let objects = try? session.invoke(lister + " -ErrorAction SilentlyContinue") else { return [] }
        return objects.compactMap { value in
            guard let name = try? value.asObject?.property("Name") else { return nil }
            return PSConvert.toString(name)
        }
    }
}

/// Top-level `function`/`filter` names seen in text the shell ran.
final class FunctionNames {
    private(set) var all: [String] = []

    func note(_ text: String) {
        let lowered = text.lowercased()
        guard lowered.contains("function") || lowered.contains("filter") else { return }
        let script = Parser.parse(text).scriptBlock
        for block in [script.beginBlock, script.processBlock, script.endBlock].compactMap({ $0 }) {
            for case .function(let definition) in block.body.statements
            where !all.contains(where: { $0.lowercased() == definition.name.lowercased() }) {
                all.append(definition.name)
            }
        }
    }
}
