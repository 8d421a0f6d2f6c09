/// What the command line asked hvsh to do: the result of `InvocationParser.parse`.
/// A pure value so the parsing rules can be unit-tested without starting a shell.
public struct Invocation: Equatable, Sendable {
    /// The main action. Options that only tune it (profile, logo, directory) live beside it.
    public enum Action: Equatable, Sendable {
        /// No script and no command: the REPL when stdin is a terminal, else commands read from stdin.
        case interactive
        /// `hvsh script.ps1 args...` or `-File script.ps1 args...`.
        case file(path: String, arguments: [CommandLineArgument])
        /// `-File -`: commands read from stdin, echoing prompts like the REPL would.
        case fileFromStdin
        /// `-Command "text"` / `-c`, `-EncodedCommand`; the remaining words joined by spaces.
        case command(String)
        /// `-CommandWithArgs "text" a b`: the text runs with the rest bound to `$args`.
        case commandWithArgs(String, arguments: [String])
        /// `-Command -`: the whole of stdin is the script, without prompts.
        case commandFromStdin
        /// `-DumpAst FILE` or `-DumpAst -` (stdin): print the parser's tree instead of running.
        case dumpAst(path: String)
        case showVersion
        case showHelp
    }

    public var action: Action = .interactive
    public var noProfile = false
    public var noLogo = false
    public var nonInteractive = false
    /// Stay in the REPL after `-Command`/`-File` finish.
    public var noExit = false
    public var workingDirectory: String?
    /// hvsh's own switch: run inside a fresh network namespace (see `Sandbox`).
    public var sandbox = false
    /// `-ExecutionPolicy` is accepted for scripts written for Windows and otherwise ignored.
    public var executionPolicy: String?

    public init() {}

    /// Whether the REPL runs at all (after any command or script when `-NoExit` was given).
    public var entersREPL: Bool {
        switch action {
        case .interactive: return true
        case .showVersion, .showHelp, .dumpAst: return false
        default: return noExit
        }
    }
}

/// One word after the script path of `-File`, classified the way pwsh hands it to the script's `param()`.
public struct CommandLineArgument: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case string(String)
        case bool(Bool)
    }
    /// The parameter name without its dash for `-Name value`, `-Name:value` and a bare `-Switch`.
    public var parameterName: String?
    /// The bound value; nil for a bare `-Switch`.
    public var value: Value?

    public init(parameterName: String?, value: Value?) {
        self.parameterName = parameterName
        self.value = value
    }

    public static func positional(_ text: String) -> CommandLineArgument {
        CommandLineArgument(parameterName: nil, value: .string(text))
    }
}

/// A command line hvsh cannot act on. pwsh exits with 64 for these, and so does hvsh.
public struct InvocationError: Error, Equatable, Sendable {
    public static let exitCode: Int32 = 64
    public var message: String
    /// Whether the usage text should follow the message.
    public var showUsage: Bool

    public init(_ message: String, showUsage: Bool = false) {
        self.message = message
        self.showUsage = showUsage
    }
}
