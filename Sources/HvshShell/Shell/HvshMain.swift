#if canImport(Glibc)
import Glibc
#endif

/// What the engine needs to know about how hvsh was started.
public struct EngineOptions: Sendable {
    public var terminal: Terminal
    public var nonInteractive: Bool
    /// Where `$PROFILE` points, whether or not it is loaded.
    public var profilePath: String?
    /// Shared with `Read-Host` when stdin is not a terminal.
    public var standardInput: StandardInput
    /// Set by the REPL so `Read-Host` can read through the line editor.
    public var interactive: Bool
}

/// hvsh's `main`: reads the command line the way pwsh does and runs the REPL, a script, a command
/// or stdin. Returns the process exit code.
public enum HvshMain {
    public static func run(arguments: [String], makeEngine: (EngineOptions) -> any ShellEngine) -> Int32 {
        let terminal = Terminal.current()
        var invocation: Invocation
        switch InvocationParser.parse(arguments, stdinIsTerminal: terminal.stdinIsTerminal) {
        case .success(let parsed): invocation = parsed
        case .failure(let error):
            writeError(error.message + "\n" + (error.showUsage ? "\n" + UsageText.usage + "\n" : ""), terminal)
            return InvocationError.exitCode
        }

        // Either this process waits for the sandboxed one (a code to exit with), or it is now
        // inside the sandbox itself (nil) and goes on.
        if invocation.sandbox && !Sandbox.isInside, let code = Sandbox.enter(arguments: arguments) {
            return code
        }
        if Sandbox.isInside, case .failure(let failure) = Sandbox.prepareInside() {
            writeError("hvsh: refusing to run the sandbox: \(failure)\n", terminal)
            return 1
        }

        switch invocation.action {
        case .showVersion:
            FileText.writeAll(.output, UsageText.versionLine + "\n")
            return 0
        case .showHelp:
            FileText.writeAll(.output, UsageText.usage + "\n")
            return 0
        case .dumpAst(let path):
            return SyntaxTreeDump.run(path: path, terminal: terminal)
        default:
            break
        }

        // A script named on the command line must exist before anything else runs.
        var scriptText: String?
        if case .file(let path, _) = invocation.action {
            let read = FileText.isRegularFile(path) ? ScriptFile.read(path) : .failure(.unreadable)
            if case .failure(.tooLarge) = read {
                writeError(ScriptFile.tooLargeMessage(path), terminal)
                return InvocationError.exitCode
            }
            guard case .success(let text) = read else {
                let suggestions = InvocationParser.switchesContaining(path)
                if !suggestions.isEmpty {
                    writeError("The argument '\(path)' is not a parameter hvsh knows. Did you mean one of:\n"
                               + suggestions.map { "  -" + $0 }.joined(separator: "\n") + "\n", terminal)
                } else {
                    writeError("The script file '\(path)' does not exist or cannot be read.\n", terminal)
                }
                return InvocationError.exitCode
            }
            scriptText = text
            // pwsh resolves the script's path (Path.GetFullPath: `./` and `../` gone) before moving to
            // -WorkingDirectory; $PSCommandPath and line breakpoints on the script see that path.
            if case .file(_, let words) = invocation.action {
                let full = path.hasPrefix("/") ? path : FileText.currentDirectory() + "/" + path
                invocation.action = .file(path: Self.fullPath(full), arguments: words)
            }
        }

        if let directory = invocation.workingDirectory, chdir(directory) != 0 {
            writeError("hvsh: cannot change to the working directory '\(directory)': \(String(cString: strerror(errno)))\n", terminal)
            return InvocationError.exitCode
        }

        let standardInput = StandardInput()
        let profilePath = ProfileLocation.path(environment: Sandbox.currentEnvironment())
        let options = EngineOptions(terminal: terminal, nonInteractive: invocation.nonInteractive,
                                    profilePath: profilePath, standardInput: standardInput,
                                    interactive: invocation.entersREPL && terminal.stdinIsTerminal)
        let engine = makeEngine(options)

        if !invocation.noProfile, let profilePath, FileText.isRegularFile(profilePath) {
            let outcome = engine.runProfile(path: profilePath)
            if let code = outcome.exitCode { return code }
        }

        var exitCode: Int32 = 0
        switch invocation.action {
        case .file(let path, let scriptArguments):
            let outcome = engine.runScript(scriptText ?? "", path: path, arguments: scriptArguments)
            if outcome.exitCode != nil || !invocation.noExit { return outcome.scriptExitCode }
        case .command(let text):
            let outcome = engine.runCommand(text, arguments: [])
            if outcome.exitCode != nil || !invocation.noExit { return outcome.commandExitCode }
        case .commandWithArgs(let text, let words):
            let outcome = engine.runCommand(text, arguments: words)
            if outcome.exitCode != nil || !invocation.noExit { return outcome.commandExitCode }
        case .commandFromStdin:
            return runStatements(from: standardInput, engine: engine)
        case .fileFromStdin:
            return runStatements(from: standardInput, engine: engine)
        case .interactive:
            if !terminal.stdinIsTerminal {
                return runStatements(from: standardInput, engine: engine)
            }
        case .showVersion, .showHelp, .dumpAst:
            break
        }

        if terminal.stdinIsTerminal {
            if !invocation.noLogo, case .interactive = invocation.action {
                FileText.writeAll(.output, UsageText.banner + "\n\n")
            }
            exitCode = runREPL(engine: engine)
        }
        return exitCode
    }

    /// Reads stdin a statement at a time (a statement may span lines) and runs each as it is
    /// complete, so `Read-Host` in between gets the following line. pwsh's -Command exit rule applies.
    static func runStatements(from input: StandardInput, engine: any ShellEngine) -> Int32 {
        var pending = StatementCollector()
        var last = ExecutionOutcome()
        while let line = input.readLine() {
            guard let text = pending.add(line, needsMoreInput: engine.needsMoreInput) else { continue }
            // pwsh's input loop runs redirected input as typed lines, each added to the history.
            last = engine.runInteractive(text)
            if let code = last.exitCode { return code }
        }
        if !pending.isEmpty {
            // Input ended inside a statement: running it reports the parse error.
            last = engine.runCommand(pending.text, arguments: [])
        }
        return last.commandExitCode
    }

    static func runREPL(engine: any ShellEngine) -> Int32 {
        guard let editor = LineEditor() else {
            return runStatements(from: StandardInput(), engine: engine)
        }
        InterruptSignal.install()
        engine.attach(lineEditor: editor)
        defer { engine.attach(lineEditor: nil) }
        let history = HistoryFile.defaultPath(environment: Sandbox.currentEnvironment()).map { HistoryFile(path: $0) }
        var repl = REPL(engine: engine, editor: editor, history: history)
        return repl.run()
    }

    static func writeError(_ text: String, _ terminal: Terminal) {
        FileText.writeAll(.error, terminal.colorsOnStderr ? StreamColor.paint(text, with: StreamColor.error) : text)
    }
}

/// `$PROFILE`: `$XDG_CONFIG_HOME/hvsh/profile.ps1`, else `~/.config/hvsh/profile.ps1`.
extension HvshMain {
    /// An absolute path without `.` and `..` components or doubled slashes (what Path.GetFullPath
    /// gives; symbolic links are kept as written).
    static func fullPath(_ absolute: String) -> String {
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}

public enum ProfileLocation {
    public static func path(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/hvsh/profile.ps1"
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/hvsh/profile.ps1"
    }
}
