/// How a piece of script ended, as the command line and the REPL need to know it.
public struct ExecutionOutcome: Equatable, Sendable {
    /// `exit N` ran (N, or 0 for a bare `exit`).
    public var exitCode: Int32?
    /// An error stopped the script (not caught by try/trap), or it did not parse.
    public var terminatedByError: Bool
    /// `$?` after the last statement.
    public var lastStatementSucceeded: Bool

    /// Ctrl-C stopped it.
    public var stopped: Bool

    public init(exitCode: Int32? = nil, terminatedByError: Bool = false, lastStatementSucceeded: Bool = true,
                stopped: Bool = false) {
        self.stopped = stopped
        self.exitCode = exitCode
        self.terminatedByError = terminatedByError
        self.lastStatementSucceeded = lastStatementSucceeded
    }

    /// pwsh's rule for -File: the `exit` value, else 1 after a terminating error, else 0.
    public var scriptExitCode: Int32 {
        if let exitCode { return exitCode }
        return terminatedByError ? 1 : 0
    }

    /// pwsh's rule for -Command: the `exit` value, else 0 when `$?` is true and 1 when it is false.
    public var commandExitCode: Int32 {
        if let exitCode { return exitCode }
        return terminatedByError || !lastStatementSucceeded ? 1 : 0
    }
}

extension ShellEngine {
    /// An engine without a command history runs the line like -Command text.
    public func runInteractive(_ text: String) -> ExecutionOutcome { runCommand(text, arguments: []) }
}

/// The part of the PowerShell runtime the shell drives. `RuntimeEngine` implements it over
/// PSRuntime's session; the REPL, the script runner and completion only see this.
public protocol ShellEngine: AnyObject {
    /// Whether `text` is a prefix of valid script that needs more lines (an open brace, quote, pipe).
    func needsMoreInput(_ text: String) -> Bool
    /// Runs a script file's text with its command-line arguments bound to `param()` and `$args`.
    func runScript(_ text: String, path: String, arguments: [CommandLineArgument]) -> ExecutionOutcome
    /// Runs text typed at the prompt, given with -Command or read from stdin, in the global scope.
    func runCommand(_ text: String, arguments: [String]) -> ExecutionOutcome
    /// Runs a line typed at the prompt as `runCommand` does and adds it to the session's history.
    func runInteractive(_ text: String) -> ExecutionOutcome
    /// Dot-sources the profile.
    func runProfile(path: String) -> ExecutionOutcome
    /// The prompt (the `prompt` function if one is defined, else `PS <cwd>> `).
    func prompt() -> String
    /// What Tab completion knows.
    var completionCatalog: any CompletionCatalog { get }
    /// The REPL hands over its line editor so prompts inside commands (`Read-Host`) use it.
    func attach(lineEditor: LineEditor?)
}
