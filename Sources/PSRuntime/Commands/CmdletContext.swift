/// What a running command sees: its bound parameters, the current pipeline object, and the streams
/// it writes to. One context exists per command in a pipeline; `process` sees it updated per object.
public final class CmdletContext {
    public let session: ShellSession
    /// The command's name as declared (`Get-VM`).
    public let commandName: String
    /// The .NET class name (or function name) that PowerShell puts after the comma in this command's
    /// error ids.
    public let errorIdSource: String
    /// The same for the module's `CommandError`s (see `CommandMetadata.commandErrorSource`).
    public let commandErrorSource: String
    /// The parameters bound for the current call (command line plus, during `process`, pipeline input).
    public internal(set) var bound: BoundParameters
    /// The parameter set the binder chose.
    public internal(set) var parameterSetName: String
    /// True when the command receives pipeline input (`$MyInvocation.ExpectingInput`).
    public internal(set) var expectingInput: Bool = false
    /// The current pipeline object during `process` (nil when the command runs without input).
    public internal(set) var currentInput: PSValue?
    /// Where the command is in the script (for error positions).
    public internal(set) var position: ScriptExtent?
    /// The command as typed when that was an alias (`gci`), for the errors it writes.
    public internal(set) var invocationName: String?
    let streams: CommandStreams

    init(session: ShellSession, metadata: CommandMetadata, streams: CommandStreams, storage: BoundStorage? = nil) {
        self.session = session
        self.commandName = metadata.name
        self.errorIdSource = metadata.errorIdSource
        self.commandErrorSource = metadata.commandErrorSource
        self.bound = BoundParameters(metadata: metadata, storage: storage)
        self.parameterSetName = metadata.defaultParameterSet ?? allParameterSets
        self.streams = streams
    }

    public var host: PSHost { session.host }

    // MARK: Parameters

    /// Parameter names this command recently looked up: cmdlets read the same few names for every
    /// pipeline object, and comparing short strings is much cheaper than hashing them.
    private var recentNames: [(name: String, index: Int)] = []
    private var lastRunner: BlockRunner?

    @inline(__always)
    func parameterIndex(_ name: String) -> Int? {
        for e in recentNames where e.name == name { return e.index }
        guard let i = bound.metadata.index(of: name) else { return nil }
        if recentNames.count < 8 { recentNames.append((name, i)) }
        return i
    }

    /// The bound value of a parameter by name or alias, nil when not bound. Cmdlets read their
    /// parameters through typed keys (`context[Self.key]`, ParameterKey.swift); the name lookup is
    /// what those keys and the runtime's own commands use underneath.
    subscript(_ name: String) -> PSValue? {
        guard let i = parameterIndex(name) else { return nil }
        return bound.storage.values[i]
    }

    /// What an untyped `ValueFromPipeline` parameter (InputObject) holds: the current pipeline object
    /// itself while one is being processed, so per-object cmdlets skip the lookup by name; else the
    /// parameter's value from the command line.
    public func inputObject() -> PSValue? { currentInput ?? self["InputObject"] }

    // MARK: Output and streams

    /// Writes one object to the output stream; with `enumerate`, an array's elements go one by one.
    public func writeObject(_ value: PSValue, enumerate: Bool = false) throws {
        if enumerate, case .array(let array) = value {
            if array.kind == .enumerator { return try streams.output.writeEnumerated(value) }
            for element in array.elements { try streams.output.emit(PSObject.asOutput(element)) }
        } else {
            try streams.output.emit(PSObject.asOutput(value))
        }
    }

    /// Writes a non-terminating error. Under `-ErrorAction Stop` this throws the terminating error.
    public func writeError(_ record: ErrorRecord) throws {
        if record.commandName == nil { record.commandName = commandName }
        if record.invocationName == nil { record.invocationName = invocationName }
        if record.position == nil { record.position = position }
        if record.categoryActivity == nil { record.categoryActivity = commandName }
        try streams.writeError(record)
    }

    /// `PathNotFound` → `PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand`: the
    /// FullyQualifiedErrorId of an error this command raises.
    public func qualifiedErrorId(_ errorId: String) -> String { errorId + "," + errorIdSource }

    /// Convenience for the common case.
    public func writeError(_ message: String, errorId: String, category: ErrorCategory = .notSpecified,
                           target: PSValue = .null, exceptionType: String = "System.Exception") throws {
        try writeError(ErrorRecord(message: message, errorId: qualifiedErrorId(errorId), category: category,
                                   target: target, exceptionType: exceptionType))
    }

    /// Builds a terminating error for `throw context.terminatingError(...)` (ThrowTerminatingError).
    public func terminatingError(_ message: String, errorId: String, category: ErrorCategory = .notSpecified,
                                 target: PSValue = .null, exceptionType: String = "System.Exception") -> PSRuntimeError {
        let r = ErrorRecord(message: message, errorId: qualifiedErrorId(errorId), category: category,
                            target: target, exceptionType: exceptionType)
        r.commandName = commandName
        r.invocationName = invocationName
        r.position = position
        r.categoryActivity = commandName
        return PSRuntimeError(r)
    }

    /// A .NET exception a runtime helper threw (DotNetErrors), reported as this command's terminating
    /// error: `System.ArgumentOutOfRangeException,Microsoft.PowerShell.Commands.NewTimeSpanCommand`.
    public func terminatingError(from error: PSRuntimeError) -> PSRuntimeError {
        let ex = error.record.exception
        let r = ErrorRecord(ex, errorId: qualifiedErrorId(ex.typeFullName), category: error.record.category,
                            target: error.record.targetObject)
        r.commandName = commandName
        r.position = position
        r.categoryActivity = commandName
        return PSRuntimeError(r)
    }

    /// Runs `body`, reporting a .NET exception it throws as this command's terminating error.
    public func reportingDotNetErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as PSRuntimeError {
            let type = e.record.exception.typeFullName
            guard type.hasPrefix("System."), !type.hasPrefix("System.Management.Automation.") else { throw e }
            throw terminatingError(from: e)
        }
    }

    public func writeWarning(_ text: String) throws { try streams.writeWarning(text) }
    public func writeVerbose(_ text: String) throws { try streams.writeVerbose(text) }
    public func writeDebug(_ text: String) throws { try streams.writeDebug(text) }
    public func writeInformation(_ value: PSValue, tags: [String] = []) throws { try streams.writeInformation(value, tags: tags) }

    /// Write-Host: text straight to the host (through the information stream, as PowerShell 5+ does).
    public func writeHost(_ text: String, newline: Bool = true) throws { try streams.writeHost(text, newline: newline) }

    /// Write-Progress. Progress is not rendered in non-interactive hosts.
    public func writeProgress(activity: String, status: String = "", percentComplete: Int = -1, completed: Bool = false) throws {
        try streams.checkProgressPreference()
        // SilentlyContinue and Ignore write the record nowhere (no bar, no Streams.Progress entry).
        let preference = session.preference("ProgressPreference", default: .continue)
        if preference == .silentlyContinue || preference == .ignore { return }
        if let capture = streams.redirect.progress {
            let r = PSObject(typeNames: ["System.Management.Automation.ProgressRecord", "System.Object"])
            r.addNote("ActivityId", .int(0))
            r.addNote("ParentActivityId", .int(-1))
            r.addNote("Activity", .string(activity))
            r.addNote("StatusDescription", .string(status))
            r.addNote("CurrentOperation", .null)
            r.addNote("PercentComplete", .int(Int32(clamping: percentComplete)))
            r.addNote("SecondsRemaining", .int(-1))
            r.addNote("RecordType", .string(completed ? "Completed" : "Processing"))
            r.toStringHandler = { _ in "parent = -1 id = 0 act = \(activity) stat = \(status) cur =  pct = \(percentComplete) sec = -1 type = \(completed ? "Completed" : "Processing")" }
            capture(.object(r))
            return
        }
        session.host.progress(activity: activity, status: status, percentComplete: percentComplete, completed: completed)
    }

    /// ShouldProcess: under `-WhatIf` prints `What if: Performing the operation "action" on target "target".`
    /// and returns false; under `-Confirm` (or an impact above `$ConfirmPreference`) asks the host.
    public func shouldProcess(target: String, action: String? = nil) throws -> Bool {
        try streams.shouldProcess(target: target, action: action ?? commandName)
    }

    // MARK: Calling script blocks

    /// Runs a script block whose first error ends it as a thrown error instead of being written: a
    /// format cell's script (PowerShell leaves the cell empty, or shows `#ERR` under -DisplayError).
    public func invokeStoppingAtError(_ block: PSScriptBlock, dollarUnder: PSValue?) throws -> [PSValue] {
        let saved = streams.redirect
        let stopping = saved.copy()
        stopping.error = { record in throw PSRuntimeError(record) }
        streams.redirect = stopping
        defer { streams.redirect = saved }
        return try invoke(block, dollarUnder: dollarUnder)
    }

    /// Runs a script block (ForEach-Object, Where-Object, calculated properties) and collects its output.
    /// With `dotSource`, it runs in the caller's scope as ForEach-Object's blocks do.
    public func invoke(_ block: PSScriptBlock, dollarUnder: PSValue? = nil, arguments: [PSValue] = [],
                       dotSource: Bool = true) throws -> [PSValue] {
        let collector = Collector()
        try session.invokeScriptBlock(block, dollarUnder: dollarUnder, arguments: arguments, dotSource: dotSource,
                                      input: nil, streams: streams, output: collector)
        return collector.items
    }

    /// Runs a script block and sends its output straight on to this command's output (streaming).
    public func invokeToOutput(_ block: PSScriptBlock, dollarUnder: PSValue? = nil, arguments: [PSValue] = [],
                               dotSource: Bool = true) throws {
        if dotSource, arguments.isEmpty, let code = block.body, code.parameters.isEmpty {
            try runner(for: block, code: code).run(dollarUnder: dollarUnder, redirects: streams.redirect)
            return
        }
        try session.invokeScriptBlock(block, dollarUnder: dollarUnder, arguments: arguments, dotSource: dotSource,
                                      input: nil, streams: streams, output: streams.output)
    }

    /// Prepares `block` to run once per pipeline object in the caller's scope with `$_` set to the
    /// object and its output streamed on (ForEach-Object's process blocks).
    public func perObject(_ block: PSScriptBlock) -> PerObjectBlock { PerObjectBlock(block, context: self) }

    /// A runner for `code` in the current scope writing to this command's output; reused while both stay.
    func runner(for block: PSScriptBlock, code: CompiledBlock) -> BlockRunner {
        if let r = lastRunner, r.code === code, r.serves(scope: session.currentScope, output: streams.output) { return r }
        let caller = session.currentScope
        let r = BlockRunner(session: session, code: code, scope: block.runsUnder(caller), caller: caller, output: streams.output)
        lastRunner = r
        return r
    }
}

/// A script block ready to run once per pipeline object (see `CmdletContext.perObject`). What can be
/// decided once is: whether the block takes the direct path (a script block without parameters,
/// dot-sourced) and, while the scope and output stay the same, the frame it runs in.
public final class PerObjectBlock {
    // unowned(unsafe): made by a command for its own use while it runs; its context outlives it.
    unowned(unsafe) let context: CmdletContext
    private let streams: Unretained<CommandStreams>
    let block: PSScriptBlock
    /// The compiled block when it can run directly; nil for native blocks and blocks with parameters.
    private let code: CompiledBlock?
    /// The runner for the current scope and output (owned here; `current` is the same object, called
    /// per object without a retain).
    private var runner: BlockRunner?
    private var current: Unretained<BlockRunner>?

    init(_ block: PSScriptBlock, context: CmdletContext) {
        self.context = context
        streams = Unretained(context.streams)
        self.block = block
        if let body = block.body, body.parameters.isEmpty { code = body } else { code = nil }
    }

    /// Runs the block with `$_` set to `object`.
    public func run(_ object: PSValue) throws {
        let streams = self.streams
        if let current, current.with({ $0.servesCurrentScope(writingTo: streams.with { $0.outputID }) }) {
            try current.with { try $0.run(object: object, streams: streams) }
            return
        }
        guard let code else {
            try context.invokeToOutput(block, dollarUnder: object)
            return
        }
        let made = context.runner(for: block, code: code)
        runner = made
        current = Unretained(made)
        try made.run(object: object, streams: streams)
    }
}
