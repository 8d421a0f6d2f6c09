import Foundation
import PSLanguage

/// One running stage of a pipeline. Stages are connected by `next`: a stage pushes each output
/// object straight into the next stage's `process`, so objects stream one at a time.
class Stage {
    // unowned(unsafe): these objects live only while their session runs code, and the session owns
    // everything that runs; a checked unowned reference would cost an atomic retain per access.
    unowned(unsafe) let session: ShellSession
    var next: (PSValue) throws -> Void = { _ in }
    var expectingInput = false
    let streams: CommandStreams
    var name: String { "" }
    /// Where the command sits in its pipeline (1-based, commands only) and how many commands it has.
    var pipelinePosition = 1
    var pipelineLength = 1
    /// True when `2>` / `2>&1` redirect this command's error stream.
    var errorRedirected = false
    /// Set by `>`/`>>`/`>$null` on this command: wraps where its output goes.
    var redirectedOutput: (((PSValue) throws -> Void) -> (PSValue) throws -> Void)?
    /// `-OutVariable` and `-PipelineVariable`: see each output object on its way to the next command.
    var outputWrappers: [(@escaping (PSValue) throws -> Void) -> (PSValue) throws -> Void] = []

    init(session: ShellSession, streams: CommandStreams? = nil) {
        self.session = session
        self.streams = streams ?? CommandStreams(session: session, output: { _ in }, redirect: session.currentRedirects)
    }

    func begin() throws {}
    /// Called once `next` points at the following stage for good (after every begin block ran).
    func connected() {}
    func process(_ input: PSValue) throws {}
    func processNoInput() throws {}
    func end() throws {}
    var failed: Bool { streams.hadError }

    /// Applies common parameters (`-ErrorAction`, `-Verbose`, `-WhatIf`, ...) bound by the binder.
    func applyCommonParameters(_ b: ParameterBinder) {
        let m = b.metadata
        guard m.isAdvanced else { return }
        func val(_ n: String) -> PSValue? { m.index(of: n).flatMap { b.values[$0] } }
        if let v = val("ErrorAction"), let a = ActionPreference(v) { streams.errorAction = a }
        if let v = val("WarningAction"), let a = ActionPreference(v) { streams.warningAction = a }
        if let v = val("InformationAction"), let a = ActionPreference(v) { streams.informationAction = a }
        if let v = val("Verbose") { streams.verboseAction = PSConvert.toBool(v) ? .continue : .silentlyContinue }
        if let v = val("Debug") { streams.debugAction = PSConvert.toBool(v) ? .continue : .silentlyContinue }
        if let v = val("WhatIf") { streams.whatIf = PSConvert.toBool(v) }
        if let v = val("Confirm") { streams.confirm = PSConvert.toBool(v); streams.confirmSuppressed = !streams.confirm }
        // The variables live in the scope the command was called from.
        let scope = session.currentScope
        if let v = val("ErrorVariable") { streams.errorVariable = session.collectionVariable(v, in: scope) }
        if let v = val("WarningVariable") { streams.warningVariable = session.collectionVariable(v, in: scope) }
        if let v = val("OutVariable") {
            let list = session.collectionVariable(v, in: scope)
            outputWrappers.append { next in { v in list.elements.append(v); try next(v) } }
        }
        if let v = val("PipelineVariable") {
            let cell = scope.cell(PSConvert.toString(v))
            outputWrappers.append { next in { v in cell.value = v; cell.isSet = true; try next(v) } }
        }
        streams.confirmImpact = m.confirmImpact
    }
}

/// The first stage when it is an expression: its value, enumerated.
final class ExpressionStage: Stage {
    let eval: Eval
    let range: (Eval, Eval)?
    let frame: Frame

    init(session: ShellSession, frame: Frame, eval: @escaping Eval, range: (Eval, Eval)?) {
        self.eval = eval
        self.range = range
        self.frame = frame
        super.init(session: session)
    }

    override func processNoInput() throws {
        if let (lo, hi) = range {
            // `1..1000000 | ...` streams the numbers instead of building the array first.
            let (a, b, isChar) = try Arithmetic.rangeBounds(try lo(frame), try hi(frame))
            let step = a <= b ? 1 : -1
            var i = a
            while true {
                if session.stopRequested { throw PipelineStoppedSignal() }
                try next(isChar ? .char(UInt16(truncatingIfNeeded: i)) : .int(Int32(truncatingIfNeeded: i)))
                if i == b { break }
                i += step
            }
            return
        }
        let v = try eval(frame)
        if case .array(let a) = v {
            for e in a.elements { try next(e) }
        } else {
            try next(v)
        }
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
    override var name: String { entry.declaration.name }

    init(session: ShellSession, entry: CmdletEntry, arguments: [BindArgument], position: ScriptExtent?,
         invocationName: String? = nil) {
        self.entry = entry
        self.arguments = arguments
        cmdlet = entry.type.init()
        binder = ParameterBinder(metadata: entry.metadata, commandName: entry.declaration.name, isScript: false, session: session)
        binder.position = position
        let s = CommandStreams(session: session, output: { _ in }, redirect: session.currentRedirects)
        context = CmdletContext(session: session, metadata: entry.metadata, streams: s, storage: binder.storage)
        super.init(session: session, streams: s)
        context.position = position
        context.invocationName = invocationName
        s.commandName = entry.declaration.name
        s.position = position
    }

    override func connected() {
        // From here on each object goes straight to the next stage, without a hop through `self.next`.
        streams.output = next
    }

    override func begin() throws {
        streams.output = { [unowned self] v in try self.next(v) }
        try binder.bindCommandLine(arguments)
        try binder.finishCommandLine(expectingInput: expectingInput)
        applyCommonParameters(binder)
        context.expectingInput = expectingInput
        syncContext()
        try cmdlet.begin(context)
    }

    private func syncContext() {
        context.parameterSetName = binder.chosenSet ?? entry.metadata.defaultParameterSet ?? allParameterSets
    }

    override func processNoInput() throws {
        context.currentInput = nil
        do {
            try cmdlet.process(context)
        } catch let stop as PSPipelineStop {
            if session.stopOrigin == nil { session.stopOrigin = self }
            throw stop
        }
    }

    override func process(_ input: PSValue) throws {
        if session.stopRequested { throw PipelineStoppedSignal() }
        let bound: Bool
        do { bound = try binder.bindPipeline(input) } catch let e as PSRuntimeError where e.isBindingError {
            try context.streams.writeError(e.record)
            return
        }
        if !bound {
            try context.streams.writeError(binder.inputNotBoundError(input))
            return
        }
        if binder.chosenSet == nil {
            // Required when the parameter set or a mandatory parameter comes from the pipeline.
            try binder.checkMandatoryAfterPipeline()
            if let s = binder.chosenSet { context.parameterSetName = s }
        }
        context.currentInput = input
        do {
            try cmdlet.process(context)
        } catch let stop as PSPipelineStop {
            // The innermost stage that sees the stop is the one that asked for it.
            if session.stopOrigin == nil { session.stopOrigin = self }
            throw stop
        }
    }

    override func end() throws {
        try cmdlet.end(context)
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
