import HvshShell
#if canImport(Glibc)
import Glibc
#endif

/// Until the runtime's session lands, hvsh parses its command line and reports that it cannot run scripts.
final class UnavailableEngine: ShellEngine {
    private struct EmptyCatalog: CompletionCatalog {
        func commandNames() -> [String] { [] }
        func parameters(ofCommand name: String) -> [CompletionParameter]? { nil }
        func variableNames() -> [String] { [] }
        func objectNames(command: String, parameter: String) -> [String] { [] }
    }
    private func refuse() -> ExecutionOutcome {
        fputs("hvsh: this build has no script engine yet.\n", fdopen(2, "w"))
        return ExecutionOutcome(terminatedByError: true)
    }
    func needsMoreInput(_ text: String) -> Bool { false }
    func runScript(_ text: String, path: String, arguments: [ScriptArgument]) -> ExecutionOutcome { refuse() }
    func runCommand(_ text: String, arguments: [String]) -> ExecutionOutcome { refuse() }
    func runProfile(path: String) -> ExecutionOutcome { ExecutionOutcome() }
    func prompt() -> String { "PS> " }
    var completionCatalog: any CompletionCatalog { EmptyCatalog() }
}

exit(HvshMain.run(arguments: Array(CommandLine.arguments.dropFirst()), makeEngine: { _ in UnavailableEngine() }))
