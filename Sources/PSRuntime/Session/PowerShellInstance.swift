import Foundation

/// `[powershell]::Create()`: a pipeline of commands and scripts built with AddScript/AddCommand/
/// AddParameter/AddArgument/AddStatement and run by Invoke() in a session of its own (a new global
/// scope with the same modules, as a new runspace has), or with `Create('CurrentRunspace')` in the
/// caller's. Invoke returns the output; errors, warnings, verbose, debug and information records
/// are collected in `Streams` instead of reaching the host, as with a runspace that has no host.
final class PowerShellInstance {
    static let typeName = "System.Management.Automation.PowerShell"
    /// Nested `[powershell]` sessions each run on the caller's stack; this bounds the nesting.
    static let maxDepth = 64

    /// One command of a statement: a script (dot-sourced unless it asked for a local scope) or a
    /// command name, with the parameters and arguments added after it.
    struct Command {
        var text: String
        var isScript: Bool
        var useLocalScope: Bool
        var named: [(String, PSValue)] = []
        var positional: [PSValue] = []
    }

    unowned let parent: ShellSession
    let sharesParent: Bool
    /// The runspace Invoke runs in (not with CurrentRunspace): one made and opened on first use, or
    /// the one a script assigned to `.Runspace`.
    private var assignedRunspace: RunspaceInstance?
    /// True when this instance made its runspace (Dispose then closes it).
    private var ownsRunspace = false
    /// `[powershell]::Create($initialSessionState)`: what its own runspace starts with.
    let initialState: InitialSessionStateObject.State?
    /// Statements, each a pipeline of commands.
    var statements: [[Command]] = [[]]
    let errors = PSArray([], kind: .arrayList)
    let warnings = PSArray([], kind: .arrayList)
    let verbose = PSArray([], kind: .arrayList)
    let debug = PSArray([], kind: .arrayList)
    let information = PSArray([], kind: .arrayList)
    let progress = PSArray([], kind: .arrayList)
    var hadErrors = false
    var state = "NotStarted"
    var stateReason: PSValue = .null
    var lastOutput: [PSValue] = []

    init(parent: ShellSession, currentRunspace: Bool, initialState: InitialSessionStateObject.State? = nil) {
        self.parent = parent
        sharesParent = currentRunspace
        self.initialState = initialState
    }

    /// The runspace, made (and opened) on first use.
    func runspace() throws -> RunspaceInstance {
        if sharesParent { return parent.runspace }
        if let r = assignedRunspace { return r }
        let r = RunspaceInstance(creator: parent, initialState: initialState)
        try r.open()
        assignedRunspace = r
        ownsRunspace = true
        return r
    }

    /// `$ps.Runspace = $rs`: later invocations run there (a runspace this instance made is closed).
    func setRunspace(_ r: RunspaceInstance) {
        if ownsRunspace, let old = assignedRunspace, old !== r { old.close() }
        assignedRunspace = r
        ownsRunspace = false
    }

    /// The session Invoke runs in.
    func session() throws -> ShellSession {
        if sharesParent { return parent }
        return try runspace().openSession()
    }

    func dispose() {
        if ownsRunspace { assignedRunspace?.close() }
        assignedRunspace = nil
        ownsRunspace = false
        state = "Stopped"
    }

    var isEmpty: Bool { statements.allSatisfy { $0.isEmpty } }

    func add(_ command: Command) { statements[statements.count - 1].append(command) }

    /// The last command added, which AddParameter/AddArgument extend.
    func withLastCommand(_ method: String, _ change: (inout Command) -> Void) throws {
        guard !statements[statements.count - 1].isEmpty else {
            throw DotNetErrors.methodInvocation(method, argumentCount: 1, PSRuntimeError.message(
                "A command is required to add a parameter. A command must be added to the PowerShell instance before adding a parameter.",
                errorId: "InvalidPowerShellStateException", category: .invalidOperation,
                exceptionType: "System.Management.Automation.InvalidPowerShellStateException"))
        }
        change(&statements[statements.count - 1][statements[statements.count - 1].count - 1])
    }

    /// Runs every statement; `input` (when given) is piped into the first command of the first. A
    /// failure is thrown as the .NET method's MethodInvocationException around the real error.
    func invoke(input: [PSValue]?, argumentCount: Int, addToHistory: Bool = false) throws -> [PSValue] {
        do { return try run(input: input, addToHistory: addToHistory) } catch let e as PSRuntimeError {
            throw Self.methodError("Invoke", argumentCount: argumentCount, e)
        }
    }

    /// The MethodInvocationException a hosting method throws for a failed invocation. Its inner
    /// exception is the .NET one: an ActionPreferenceStopException for an error `-ErrorAction Stop`
    /// turned terminating, a CmdletInvocationException around a ThrowTerminatingError's exception or
    /// around a statement's error that Stop made terminating, and either carries its ErrorRecord (tests read
    /// `.Exception.InnerException.ErrorRecord.FullyQualifiedErrorId`).
    static func methodError(_ method: String, argumentCount: Int, _ e: PSRuntimeError) -> PSRuntimeError {
        var inner = e
        if e.fromThrowTerminatingError || e.stoppedStatementError || e.passedThroughCmdlet {
            let wrapper = PSException(e.record.exception.message, type: "System.Management.Automation.CmdletInvocationException",
                                      inner: e.record.exception)
            wrapper.extraProperties.append(("ErrorRecord", .object(ErrorRecordObjects.wrap(e.record))))
            inner = PSRuntimeError(ErrorRecord(wrapper, errorId: e.record.fullyQualifiedErrorId, category: e.record.category))
        } else if e.stoppedByPreference {
            let stop = PSException(
                "The running command stopped because the preference variable \"ErrorActionPreference\" or common parameter is set to Stop: \(e.record.message)",
                type: "System.Management.Automation.ActionPreferenceStopException")
            stop.extraProperties.append(("ErrorRecord", .object(ErrorRecordObjects.wrap(e.record))))
            inner = PSRuntimeError(ErrorRecord(stop, errorId: "ActionPreferenceStop", category: .operationStopped))
        } else if e.record.exception.isInstance(of: "System.Management.Automation.RuntimeException"),
                  !e.record.exception.extraProperties.contains(where: { $0.name == "ErrorRecord" }) {
            e.record.exception.extraProperties.append(("ErrorRecord", .object(ErrorRecordObjects.wrap(e.record))))
        }
        return DotNetErrors.methodInvocation(method, argumentCount: argumentCount, inner)
    }

    /// Invoke's work; errors are thrown as they are (BeginInvoke keeps one for EndInvoke to throw).
    /// With `addToHistory` (PSInvocationSettings.AddToHistory) the commands' text becomes a history
    /// entry of the session they ran in when they finish.
    func run(input: [PSValue]?, addToHistory: Bool = false) throws -> [PSValue] {
        guard !isEmpty else {
            throw PSRuntimeError.message(
                "No commands are specified.", errorId: "InvalidOperationException", category: .invalidOperation,
                exceptionType: "System.InvalidOperationException")
        }
        let session = try self.session()
        state = "Running"
        let saved = session.currentRedirects
        session.currentRedirects = captureRedirects()
        defer { session.currentRedirects = saved }
        var names: [String] = []
        defer { for name in names { session.globalScope.remove(name) } }
        // Each command's pieces travel in variables of the session's global scope, so values keep
        // their types (nothing is turned into text and parsed back).
        func stash(_ value: PSValue) -> String {
            let name = "__hvsh_ps_\(names.count)"
            names.append(name)
            session.globalScope.set(name, value)
            return name
        }
        var text: [String] = []
        for (index, statement) in statements.enumerated() where !statement.isEmpty {
            var stages: [String] = []
            for command in statement {
                let target: PSValue
                if command.isScript {
                    do { target = .scriptBlock(try session.makeScriptBlock(command.text)) } catch let e as PSRuntimeError {
                        hadErrors = true
                        state = "Failed"
                        throw e
                    }
                } else {
                    target = .string(command.text)
                }
                let named = PSHashtable()
                for (name, value) in command.named { named[name] = value }
                let operatorText = command.isScript && !command.useLocalScope ? "." : "&"
                stages.append("\(operatorText) $\(stash(target)) @\(stash(.hashtable(named))) @\(stash(.array(PSArray(command.positional))))")
            }
            var line = stages.joined(separator: " | ")
            if index == 0, let input { line = "$\(stash(.array(PSArray(input)))) | " + line }
            text.append(line)
        }
        if addToHistory {
            let line = statements.filter { !$0.isEmpty }.map { $0.map(\.text).joined(separator: " | ") }.joined(separator: "; ")
            session.history.beginLine(line)
            if let first = statements.first(where: { !$0.isEmpty })?.first { session.setFirstAndLastTokens(of: first.text) }
        }
        var status = "Failed"
        defer { if addToHistory { session.history.finishLine(status: status) } }
        do {
            let output = try session.invokeHosted(text.joined(separator: "\n"))
            status = "Completed"
            if !errors.elements.isEmpty { hadErrors = true }
            state = "Completed"
            lastOutput = output
            return output
        } catch let e as PSRuntimeError {
            hadErrors = true
            state = "Failed"
            stateReason = .object(ErrorRecordObjects.wrap(e.record))
            throw e
        }
    }

    /// Where the records of the running commands go: this instance's streams.
    private func captureRedirects() -> StreamRedirects {
        let redirects = StreamRedirects(
            error: { [unowned self] r in self.errors.elements.append(.object(ErrorRecordObjects.wrap(r))) },
            warning: { [unowned self] t in self.warnings.elements.append(StreamRecords.informational("Warning", t)) },
            verbose: { [unowned self] t in self.verbose.elements.append(StreamRecords.informational("Verbose", t)) },
            debug: { [unowned self] t in self.debug.elements.append(StreamRecords.informational("Debug", t)) },
            information: { [unowned self] v, _ in
                if case .object(let o) = v, o.typeNames.first == StreamRecords.namespace + "InformationRecord" {
                    self.information.elements.append(v)
                } else {
                    self.information.elements.append(StreamRecords.information(v))
                }
            },
            hostText: { _ in })
        redirects.informationCaptured = true
        redirects.progress = { [unowned self] r in self.progress.elements.append(r) }
        return redirects
    }

    func clearStreams() {
        for stream in [errors, warnings, verbose, debug, information, progress] { stream.elements.removeAll() }
    }
}
