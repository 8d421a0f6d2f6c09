import Foundation
import PSLanguage

/// One running stage of a pipeline. Stages are connected by `output`: a stage pushes each output
/// object straight into the next stage's `process` (through a `StageInput`), so objects stream one
/// at a time.
class Stage {
    // unowned(unsafe): these objects live only while their session runs code, and the session owns
    // everything that runs; a checked unowned reference would cost an atomic retain per access.
    unowned(unsafe) let session: ShellSession
    /// Where this stage's output goes: the next stage's input, or the pipeline's own output.
    var output: OutputSink = .discard
    var expectingInput = false
    let streams: CommandStreams
    var name: String { "" }
    /// Where the command sits in its pipeline (1-based, commands only) and how many commands it has.
    var pipelinePosition = 1
    var pipelineLength = 1
    /// True when `2>` / `2>&1` redirect this command's error stream.
    var errorRedirected = false
    /// Set by `>`/`>>`/`>$null` on this command: replaces where its output goes.
    var redirectedOutput: OutputSink?
    /// `-OutVariable` and `-PipelineVariable`: see each output object on its way to the next command.
    var outputWrappers: [(OutputSink) -> OutputSink] = []
    /// Where `2>&1` and the like send records once the stage is connected: `output` without the
    /// wrappers above.
    var mergedOutput: OutputSink?
    /// `-OutBuffer`'s buffers, passed on when the command's end block has run.
    var heldOutputs: [HeldOutput] = []
    /// `-PipelineVariable`'s variable when this command created it: removed once the pipeline is over.
    var pipelineVariableToRemove: (Scope, String)?

    /// Called when the whole pipeline is over, however it ended.
    final func removePipelineVariable() {
        if let (scope, name) = pipelineVariableToRemove { scope.remove(name) }
    }

    /// Called after `end()`: what `-OutBuffer` still holds goes on.
    final func releaseHeldOutput() throws {
        for buffer in heldOutputs { try buffer.release() }
    }

    /// The pipelines a `> file` on this command feeds (an Out-File each): completed once the command
    /// has ended, so the file is formatted as one document, as Out-File would write it.
    var redirectionCompletions: [() throws -> Void] = []

    /// `end()`, then what the command still holds and its redirections' completion.
    final func finish() throws {
        try end()
        try releaseHeldOutput()
        try completeRedirections()
    }

    final func completeRedirections() throws {
        let pending = redirectionCompletions
        redirectionCompletions = []
        for complete in pending { try complete() }
    }

    init(session: ShellSession, streams: CommandStreams? = nil) {
        self.session = session
        self.streams = streams ?? CommandStreams(session: session, redirect: session.currentRedirects)
    }

    func begin() throws {}
    /// Called once `output` points at the following stage for good (after every begin block ran).
    func connected() {}
    func process(_ input: PSValue) throws {}
    func processNoInput() throws {}
    func end() throws {}
    /// Runs once the whole pipeline is over, however it ended (completed, halted by
    /// `Select-Object -First`, or failed): a script's `clean` block.
    func cleanUp() throws {}
    var failed: Bool { streams.hadError }

    /// Applies common parameters (`-ErrorAction`, `-Verbose`, `-WhatIf`, ...) bound by the binder.
    func applyCommonParameters(_ binder: ParameterBinder) {
        let metadata = binder.metadata
        guard metadata.isAdvanced else { return }
        func bound(_ name: String) -> PSValue? { metadata.index(of: name).flatMap { binder.values[$0] } }
        if let value = bound("ErrorAction"), let preference = ActionPreference(value) { streams.errorAction = preference }
        if let value = bound("WarningAction"), let preference = ActionPreference(value) { streams.warningAction = preference }
        if let value = bound("InformationAction"), let preference = ActionPreference(value) { streams.informationAction = preference }
        if let value = bound("Verbose") { streams.verboseAction = PSConvert.toBool(value) ? .continue : .silentlyContinue }
        if let value = bound("Debug") { streams.debugAction = PSConvert.toBool(value) ? .continue : .silentlyContinue }
        if let value = bound("WhatIf") { streams.whatIf = PSConvert.toBool(value) }
        if let value = bound("Confirm") { streams.confirm = PSConvert.toBool(value); streams.confirmSuppressed = !streams.confirm }
        // The variables live in the scope the command was called from.
        let scope = session.currentScope
        if let value = bound("ErrorVariable") { streams.errorVariable = session.collectionVariable(value, in: scope) }
        if let value = bound("WarningVariable") { streams.warningVariable = session.collectionVariable(value, in: scope) }
        if let value = bound("InformationVariable") { streams.informationVariable = session.collectionVariable(value, in: scope) }
        if let value = bound("OutVariable") {
            let list = session.collectionVariable(value, in: scope)
            outputWrappers.append { next in ClosureSink { item in list.elements.append(item); try next.emit(item) } }
        }
        if let value = bound("OutBuffer"), let count = try? PSConvert.toInt32(value), count > 0 {
            // -OutBuffer N holds output back until N + 1 objects are waiting, then passes them on together.
            outputWrappers.append { [unowned self] next in
                let buffer = HeldOutput(next: next, limit: Int(count) + 1)
                self.heldOutputs.append(buffer)
                return buffer
            }
        }
        if let value = bound("PipelineVariable") {
            let name = PSConvert.toString(value)
            // A variable the pipeline made is removed when the pipeline ends; one that was there
            // stays, holding the last output (PowerShell's SetupPipelineVariable/RemovePipelineVariable).
            if scope.localVariable(name)?.isSet != true { pipelineVariableToRemove = (scope, name) }
            let cell = scope.cell(name)
            outputWrappers.append { next in ClosureSink { item in cell.value = item; cell.isSet = true; try next.emit(item) } }
        }
        streams.confirmImpact = metadata.confirmImpact
    }
}

/// The first stage when it is an expression: its value, enumerated.
final class ExpressionStage: Stage {
    let eval: Eval
    let range: (Eval, Eval)?
    let frame: Frame
    /// An expression with redirections of its own (`(cmd) 2>$null`, `$(...) 2>&1`): the commands it
    /// runs write into this stage's redirected streams, so it is evaluated only once they are set.
    var runsUnderOwnRedirects = false

    init(session: ShellSession, frame: Frame, eval: @escaping Eval, range: (Eval, Eval)?) {
        self.eval = eval
        self.range = range
        self.frame = frame
        super.init(session: session)
    }

    override func processNoInput() throws {
        if let (lo, hi) = range {
            // `1..1000000 | ...` streams the numbers instead of building the array first.
            let (first, last, isChar) = try Arithmetic.rangeBounds(try lo(frame), try hi(frame))
            let step = first <= last ? 1 : -1
            let downstream = output
            var i = first
            while true {
                if session.stopRequested { throw PipelineStoppedSignal() }
                try downstream.emit(isChar ? .char(UInt16(truncatingIfNeeded: i)) : .int(Int32(truncatingIfNeeded: i)))
                if i == last { break }
                i += step
            }
            return
        }
        if runsUnderOwnRedirects {
            let saved = session.currentRedirects
            session.currentRedirects = streams.redirect
            defer { session.currentRedirects = saved }
            try output.writeEnumerated(try eval(frame))
            return
        }
        try output.writeEnumerated(try eval(frame))
    }

    override func process(_ input: PSValue) throws {
        throw PSRuntimeError.message("Expressions are only allowed as the first element of a pipeline.",
                                     errorId: "ExpressionsMustBeFirstInPipeline", category: .parserError)
    }
}

/// A compiled cmdlet in a pipeline.
final class CmdletStage: Stage {
    let entry: CmdletEntry
    let cmdlet: any Cmdlet
    let context: CmdletContext
    let binder: ParameterBinder
    let arguments: [BindArgument]
    /// After the first pipeline object, the parameter each object binds to with a plain store (the
    /// untyped InputObject of ForEach-Object, Measure-Object, ...); -1 while the binder decides.
    private var directInputIndex = -1
    /// The cmdlet's per-object entry (`PipelineObjectCmdlet`), used once objects bind directly. A
    /// non-optional closure held in a constant: calling it costs no reference counting per object,
    /// where calling through an optional existential retains the cmdlet each time.
    private let processObject: (PSValue, CmdletContext) throws -> Void
    private let hasObjectEntry: Bool
    /// The scope the command was called in: a script block it runs (ForEach-Object's) sees that
    /// scope's variables even while an earlier function in the pipeline is in the middle of its
    /// process block, as PowerShell restores each command's own scope when it runs.
    private let commandScope: Scope
    /// Whether the pipeline parameter takes a [psobject] (then wrappers reach the cmdlet as they are).
    private let keepsWrappers: Bool
    override var name: String { entry.declaration.name }

    init(session: ShellSession, entry: CmdletEntry, arguments: [BindArgument], position: ScriptExtent?,
         invocationName: String? = nil) {
        self.entry = entry
        self.arguments = arguments
        cmdlet = entry.type.init()
        commandScope = session.currentScope
        keepsWrappers = entry.metadata.parameters.contains { $0.type == .psObject && $0.sets.contains(where: \.valueFromPipeline) }
        if let objectCmdlet = cmdlet as? any PipelineObjectCmdlet {
            processObject = { object, context in try objectCmdlet.process(object: object, context) }
            hasObjectEntry = true
        } else {
            processObject = { _, _ in }
            hasObjectEntry = false
        }
        binder = ParameterBinder(metadata: entry.metadata, commandName: entry.declaration.name, isScript: false, session: session)
        binder.position = position
        let s = CommandStreams(session: session, redirect: session.currentRedirects)
        context = CmdletContext(session: session, metadata: entry.metadata, streams: s, storage: binder.storage)
        super.init(session: session, streams: s)
        context.position = position
        context.invocationName = invocationName
        s.commandName = entry.declaration.name
        s.errorIdSource = entry.metadata.errorIdSource
        s.position = position
    }

    override func connected() {
        // From here on what the cmdlet writes goes straight into the next stage.
        streams.output = output
    }

    override func begin() throws {
        // What begin writes waits in the pipeline's buffer until the next command has begun too.
        streams.output = output
        try binder.bindCommandLine(arguments)
        try binder.finishCommandLine(expectingInput: expectingInput)
        applyCommonParameters(binder)
        context.expectingInput = expectingInput
        syncContext()
        do { try cmdlet.begin(context) } catch let e as PSRuntimeError { throw Self.leavingCmdlet(e) }
    }

    private func syncContext() {
        context.parameterSetName = binder.chosenSet ?? entry.metadata.defaultParameterSet ?? allParameterSets
    }

    override func processNoInput() throws {
        context.currentInput = nil
        try runCmdlet { try cmdlet.process(context) }
    }

    override func process(_ wrapped: PSValue) throws {
        if session.stopRequested { throw PipelineStoppedSignal() }
        // As the binder hands the cmdlet the value a plain output wrapper carries (see ParameterBinder.bind).
        let input = keepsWrappers ? wrapped : wrapped.withoutPlainWrapper
        if directInputIndex >= 0 && hasObjectEntry {
            try runCmdlet { try processObject(input, context) }
            return
        }
        guard try bind(input) else { return }
        context.currentInput = input
        try runCmdlet { try cmdlet.process(context) }
    }

    /// Binds a pipeline object; false (after writing the error) when it binds to no parameter.
    private func bind(_ input: PSValue) throws -> Bool {
        if directInputIndex >= 0 {
            // Bound exactly as the first object was: the parameter set and the mandatory check
            // cannot come out differently, only the value changes.
            binder.storage.values[directInputIndex] = input
            return true
        }
        let bound: Bool
        do { bound = try binder.bindPipeline(input) } catch let e as PSRuntimeError where e.isBindingError {
            try context.streams.writeError(e.record)
            return false
        }
        if !bound {
            try context.streams.writeError(binder.inputNotBoundError(input))
            return false
        }
        if binder.chosenSet == nil {
            // Required when the parameter set or a mandatory parameter comes from the pipeline.
            try binder.checkMandatoryAfterPipeline()
            if let s = binder.chosenSet { context.parameterSetName = s }
        }
        directInputIndex = binder.directPipelineIndex ?? -1
        return true
    }

    /// Runs the cmdlet's code; a PSPipelineStop it throws records this stage as the one that asked
    /// (the innermost stage that sees the stop is the one that raised it).
    @inline(__always)
    private func runCmdlet(_ body: () throws -> Void) throws {
        let callerScope = session.currentScope
        if callerScope !== commandScope { session.currentScope = commandScope }
        defer { if session.currentScope !== callerScope { session.currentScope = callerScope } }
        do {
            try body()
        } catch let stop as PSPipelineStop {
            if session.stopOrigin == nil { session.stopOrigin = self }
            throw stop
        } catch let e as PSRuntimeError {
            throw Self.leavingCmdlet(e)
        }
    }

    /// An error leaving the cmdlet's code is marked as PowerShell wraps it (see passedThroughCmdlet).
    private static func leavingCmdlet(_ error: PSRuntimeError) -> PSRuntimeError {
        guard !error.passedThroughCmdlet, !error.fromThrowStatement, !error.stoppedByPreference else { return error }
        var marked = error
        marked.passedThroughCmdlet = true
        return marked
    }

    override func end() throws {
        do { try cmdlet.end(context) } catch let e as PSRuntimeError { throw Self.leavingCmdlet(e) }
    }

}

/// A command that could not be found: with its error stream redirected (`2>$null`, `2>&1`) the error
/// goes there, as in PowerShell; otherwise it terminates the statement.
final class FailedCommandStage: Stage {
    let error: PSRuntimeError
    init(session: ShellSession, error: PSRuntimeError) {
        self.error = error
        super.init(session: session)
    }

    override func begin() throws {
        guard errorRedirected else { throw error }
        streams.hadError = true
        session.recordError(error.record)
        try streams.redirect.error(error.record)
    }
}
