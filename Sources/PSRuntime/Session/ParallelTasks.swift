import Foundation
import PSLanguage

/// ForEach-Object -Parallel's tasks: each input object runs the script block in a runspace of its
/// own (a new session with the caller's modules and location, `$_` set to the object, `$using:`
/// values copied in), and everything it writes comes back to the caller as events, in the order
/// written. Iterations run one after another on the caller's thread (a session stays on one
/// thread); -TimeoutSeconds is a deadline for the whole command that a timer enforces by setting
/// the running iteration's stop flag, so a runaway iteration really stops.
public final class ParallelTasks {
    /// What an iteration wrote, as the caller's ForEach-Object re-writes it.
    public enum Event {
        case output(PSValue)
        case error(ErrorRecord)
        case warning(String)
        case verbose(String)
        case debug(String)
        case information(PSValue)
    }

    private unowned let parent: ShellSession
    private let text: String
    private let usingValues: [String: PSValue]
    private let deadline: DispatchTime?
    /// The caller's location when the command began (a job may run later, from elsewhere).
    private let location: String
    /// Set when the deadline passed: the command stops starting iterations.
    public private(set) var timedOut = false

    /// Collects the `$using:` values of `block` from the caller's scope now (PowerShell does this in
    /// BeginProcessing): an undefined one is UsingVariableIsUndefined, a script block value
    /// ParallelUsingVariableCannotBeScriptBlock (thrown with those ids; the cmdlet qualifies them).
    public init(parent: ShellSession, block: PSScriptBlock, timeoutSeconds: Int) throws {
        self.parent = parent
        text = block.text
        var values: [String: PSValue] = [:]
        for path in UsingVariableSearch.find(in: Parser.parse(block.text).scriptBlock) {
            let key = path.name.lowercased()
            if values[key] != nil { continue }
            guard let variable = parent.currentScope.lookup(path.name) else {
                throw PSRuntimeError.message(
                    "The value of the using variable '$using:\(path.name)' cannot be retrieved because it has not been set in the local session.",
                    errorId: "UsingVariableIsUndefined", category: .invalidOperation, target: .string(path.name))
            }
            if case .scriptBlock = variable.value.unwrapped {
                throw PSRuntimeError.message(
                    "A ForEach-Object -Parallel using variable cannot be a script block. Passed-in script block variables are not supported with ForEach-Object -Parallel, and can result in undefined behavior.",
                    errorId: "ParallelUsingVariableCannotBeScriptBlock", category: .invalidType,
                    exceptionType: "System.Management.Automation.PSArgumentException")
            }
            values[key] = variable.value
        }
        usingValues = values
        location = parent.currentDirectory
        deadline = timeoutSeconds > 0 ? .now() + .seconds(timeoutSeconds) : nil
    }

    /// Runs one iteration for `item`, handing each thing it writes to `deliver` as it is written. A
    /// terminating error (or the deadline) ends the iteration with a PSTaskException error event.
    public func run(_ item: PSValue, deliver: @escaping (Event) throws -> Void) throws {
        try run(dollarUnder: item, arguments: [], input: nil, deliver: deliver)
    }

    /// Runs the block once as a job does: `$args` from `arguments`, `$input` from `input`, `$_` unset
    /// unless `dollarUnder` is given.
    public func run(dollarUnder: PSValue?, arguments: [PSValue], input: [PSValue]?,
                    deliver: @escaping (Event) throws -> Void) throws {
        if let deadline, DispatchTime.now() >= deadline { timedOut = true }
        if timedOut { return }
        let session = ShellSession(host: BufferHost(), modules: Array(parent.importedModules.dropFirst()))
        session.hostAccess = parent.hostAccess
        session.runspaceDepth = parent.runspaceDepth + 1
        guard session.runspaceDepth <= PowerShellInstance.maxDepth else {
            throw PSRuntimeError.message("PowerShell instances are nested more than \(PowerShellInstance.maxDepth) deep.",
                                         errorId: "InvalidOperationException", category: .invalidOperation,
                                         exceptionType: "System.InvalidOperationException")
        }
        session.runspaceRegistry = parent.runspaceRegistry
        session.usingValues = usingValues
        session.hostIsAbsent = true
        session.currentDirectory = location
        for name in ["VerbosePreference", "DebugPreference", "WarningPreference", "InformationPreference", "ProgressPreference"] {
            if let value = parent.variable(name) { session.globalScope.set(name, value) }
        }
        let redirects = StreamRedirects(
            error: { try deliver(.error($0)) },
            warning: { try deliver(.warning($0)) },
            verbose: { try deliver(.verbose($0)) },
            debug: { try deliver(.debug($0)) },
            information: { value, _ in try deliver(.information(value)) },
            hostText: { _ in })
        redirects.informationCaptured = true
        session.currentRedirects = redirects
        // The deadline stops the running iteration through its own stop flag (a Sendable atomic).
        let timer: DispatchWorkItem?
        if let deadline {
            let flag = session.stopFlag
            let work = DispatchWorkItem { flag.request() }
            DispatchQueue.global().asyncAfter(deadline: deadline, execute: work)
            timer = work
        } else {
            timer = nil
        }
        defer { timer?.cancel() }
        let reason: PSException
        do {
            let block = try session.makeScriptBlock(text)
            let sink = ClosureSink { try deliver(.output($0)) }
            try ScriptStack.run {
                try session.runParallelIteration(block, item: dollarUnder, arguments: arguments, input: input, output: sink)
            }
            return
        } catch let e as PSRuntimeError {
            reason = e.record.exception
        } catch is PipelineStoppedSignal {
            if deadline != nil { timedOut = true }
            reason = PSException("The pipeline has been stopped.", type: "System.Management.Automation.PipelineStoppedException")
        }
        // As PSTask does: the terminating exception becomes a non-terminating PSTaskException record.
        try deliver(.error(ErrorRecord(reason, errorId: "PSTaskException", category: .invalidOperation)))
    }
}

extension ShellSession {
    /// Runs a parallel iteration's script block as a runspace's pipeline runs a script: in a scope of
    /// its own under the global one, `$_` set to the input object.
    func runParallelIteration(_ block: PSScriptBlock, item: PSValue?, arguments: [PSValue], input: [PSValue]?,
                              output: OutputSink) throws {
        try invokeScriptBlock(block, dollarUnder: item, arguments: arguments, dotSource: false, input: input, streams: nil,
                              output: output)
    }
}
