/// `{ cmd ... | cmd ... }.GetSteppablePipeline()`: the pipeline of a one-pipeline script block, built
/// (its arguments evaluated) but not run, so a caller drives it: `Begin(expectingInput)` runs every
/// command's begin block, `Process(item)` pushes one object through (`Process()` runs the first
/// command's process block once without input), `End()` runs the end blocks and then the clean blocks.
/// Process and End return what came out of the last command since the previous call. Proxy
/// functions wrap a cmdlet this way.
final class SteppablePipeline {
    let session: ShellSession
    let stages: [Stage]
    private let output = Collector()
    private var begun = false
    private var finished = false
    private var cleaned = false
    /// Set when a command asked the pipeline to stop (Select-Object -First): the index of the first
    /// stage that still ends; the ones before it end silently, as in a running pipeline.
    private var stoppedFrom: Int?

    static let typeName = "System.Management.Automation.SteppablePipeline"

    private init(session: ShellSession, stages: [Stage]) {
        self.session = session
        self.stages = stages
    }

    /// Runs `block` with the session told to capture its pipeline instead of running it.
    static func make(from block: PSScriptBlock, session: ShellSession) throws -> PSValue {
        var captured: [Stage]?
        session.steppableCapture = { captured = $0 }
        defer { session.steppableCapture = nil }
        _ = try session.invoke(block)
        guard let stages = captured, !stages.isEmpty else {
            throw PSRuntimeError.message("Can only convert a script block that contains exactly one pipeline or command. Expressions or control structures are not permitted. Verify that the script block contains exactly one pipeline or command.",
                                         errorId: "CanConvertOneClauseOnly", category: .invalidOperation,
                                         exceptionType: "System.Management.Automation.ScriptBlockToPowerShellNotSupportedException")
        }
        let pipeline = SteppablePipeline(session: session, stages: stages)
        let object = PSObject(typeNames: [typeName, "System.Object"], baseObject: pipeline)
        object.addVoidMethod("Begin") { _, args in _ = try pipeline.begin(expectingInput: args.first.map(Self.expectsInput) ?? false) }
        object.addMethod("Process") { _, args in
            try pipeline.process(args.isEmpty ? nil : (args.count == 1 ? args[0] : .array(PSArray(args))))
        }
        object.addMethod("End") { _, _ in try pipeline.end() }
        object.addVoidMethod("Clean") { _, _ in pipeline.clean() }
        object.addVoidMethod("Dispose") { _, _ in pipeline.clean() }
        return .object(object)
    }

    /// `Begin($true)` or `Begin($PSCmdlet)`: a cmdlet object means the caller has pipeline input.
    private static func expectsInput(_ value: PSValue) -> Bool {
        if case .object = value { return true }
        return PSConvert.toBool(value)
    }

    func begin(expectingInput: Bool) throws -> PSValue {
        try cleaningOnFailure { try runBegin(expectingInput: expectingInput) }
    }

    private func runBegin(expectingInput: Bool) throws -> PSValue {
        guard !begun else { return .array(PSArray([])) }
        begun = true
        let leadingExpression = stages.first is ExpressionStage ? 1 : 0
        for (index, stage) in stages.enumerated() {
            stage.expectingInput = index > 0 || expectingInput
            stage.pipelinePosition = index + 1 - leadingExpression
            stage.pipelineLength = stages.count - leadingExpression
        }
        // As in a running pipeline, what a begin block writes reaches the next command after its begin.
        let buffers = stages.indices.map { _ in Collector() }
        for (index, stage) in stages.enumerated() { stage.output = buffers[index] }
        for stage in stages { try stage.begin() }
        for (index, stage) in stages.enumerated() {
            var out: OutputSink = stage.redirectedOutput ?? (index + 1 < stages.count ? StageInput(stages[index + 1]) : output)
            for wrap in stage.outputWrappers { out = wrap(out) }
            stage.output = out
            stage.connected()
        }
        for (index, buffer) in buffers.enumerated() {
            for value in buffer.items { try stages[index].output.emit(value) }
        }
        // Begin returns nothing (void in PowerShell): what it wrote comes back from the next Process or End.
        return .null
    }

    func process(_ item: PSValue?) throws -> PSValue {
        try cleaningOnFailure { try runProcess(item) }
    }

    private func runProcess(_ item: PSValue?) throws -> PSValue {
        if !begun { _ = try runBegin(expectingInput: true) }
        guard stoppedFrom == nil else { return drain() }
        do {
            if let item { try stages[0].process(item) } else { try stages[0].processNoInput() }
        } catch is PSPipelineStop {
            noteStop()
        }
        return drain()
    }

    func end() throws -> PSValue {
        try cleaningOnFailure { try runEnd() }
    }

    private func runEnd() throws -> PSValue {
        if !begun { _ = try runBegin(expectingInput: false) }
        guard !finished else { return drain() }
        finished = true
        do {
            for stage in stages[(stoppedFrom ?? 0)...] { try stage.finish() }
        } catch is PSPipelineStop {
            noteStop()
            if let origin = stoppedFrom { for stage in stages[origin...] { try stage.finish() } }
        }
        clean()
        return drain()
    }

    private func noteStop() {
        let origin = session.stopOrigin.flatMap { origin in stages.firstIndex { $0 === origin } } ?? stages.count - 1
        session.stopOrigin = nil
        stoppedFrom = origin
    }

    /// A failure in any block runs the clean blocks at once (once only), then propagates.
    private func cleaningOnFailure(_ body: () throws -> PSValue) throws -> PSValue {
        do {
            return try body()
        } catch {
            clean()
            throw error
        }
    }

    /// Runs every command's clean block once: after End, on a failure, or when asked (`Clean()`).
    func clean() {
        guard !cleaned else { return }
        cleaned = true
        for stage in stages { try? stage.cleanUp(); stage.removePipelineVariable() }
    }

    private func drain() -> PSValue {
        let items = output.items
        output.items.removeAll()
        return .array(PSArray(items))
    }
}
