/// A script block prepared to run many times in one scope with one output (ForEach-Object's process
/// block): the frame, the `$_` cell, the code and the output sink are looked up once, so a run stores
/// `$_` and calls the compiled code, nothing else.
final class BlockRunner {
    unowned(unsafe) let session: ShellSession  // see Stage.session
    let code: CompiledBlock
    let frame: Frame
    let sink: OutputSink
    /// The cell of `$_` in `frame`, when the block reads `$_`. Unretained: `frame.slots` holds it, and a
    /// counted reference would be retained around every store of a pipeline object.
    private let dollarUnderCell: Unretained<PSVariable>?
    /// The block's named blocks in the order they run, as one closure.
    private let body: Exec
    private let scopeID: ObjectIdentifier
    /// The scope current when the runner was made: the same as the frame's parent scope unless the block
    /// belongs to another session state (see `PSScriptBlock.runsUnder`).
    private let callerID: ObjectIdentifier
    private let sinkID: ObjectIdentifier
    private let usesInput: Bool

    init(session: ShellSession, code: CompiledBlock, scope: Scope, caller: Scope, output: OutputSink) {
        self.session = session
        self.code = code
        let frame = Frame(session: session, scope: scope, code: code)
        self.frame = frame
        sink = output
        sinkID = ObjectIdentifier(output)
        dollarUnderCell = code.dollarUnderSlot.map { Unretained(frame.slots[$0]) }
        scopeID = ObjectIdentifier(scope)
        callerID = ObjectIdentifier(caller)
        usesInput = code.usesInput
        body = BlockRunner.sequence(code.begin, code.process, code.end)
    }

    /// The named blocks that exist, run in order, as one closure; a lone block is used as itself (kept
    /// out of arrays, whose generic storage would add a conversion thunk to every call).
    private static func sequence(_ begin: Exec?, _ process: Exec?, _ end: Exec?) -> Exec {
        switch (begin, process, end) {
        case (nil, nil, nil): return { _, _ in }
        case (let only?, nil, nil), (nil, let only?, nil), (nil, nil, let only?): return only
        default:
            return { frame, out in
                if let begin { try begin(frame, out) }
                if let process { try process(frame, out) }
                if let end { try end(frame, out) }
            }
        }
    }

    /// True when this runner can serve a call in `scope` writing to `output`.
    @inline(__always)
    func serves(scope: Scope, output: OutputSink) -> Bool { callerID == ObjectIdentifier(scope) && sink === output }

    /// The same for the session's current scope and an output given by identity (the per-object check).
    @inline(__always)
    func servesCurrentScope(writingTo outputID: ObjectIdentifier) -> Bool {
        callerID == session.currentScopeID && sinkID == outputID
    }

    func run(dollarUnder: PSValue?, redirects: StreamRedirects) throws {
        // Counted as a call, so a block that invokes itself ends in ScriptCallDepthException, not a hang.
        try session.enterCall()
        defer { session.leaveCall() }
        if let cell = dollarUnderCell {
            cell.with { cell in
                cell.value = dollarUnder ?? .null
                cell.isSet = true
            }
        }
        if usesInput { frame.input = dollarUnder.map { [$0] } ?? [] }
        try runBody(redirects: redirects)
    }

    /// The per-object case: `$_` is the pipeline object, `streams` the calling command's.
    func run(object: PSValue, streams: Unretained<CommandStreams>) throws {
        try session.enterCall()
        defer { session.leaveCall() }
        if let cell = dollarUnderCell {
            cell.with { cell in
                cell.value = object
                cell.isSet = true
            }
        }
        if usesInput { frame.input = [object] }
        if scopeID == session.currentScopeID && streams.with({ $0.redirectID }) == session.currentRedirectsID {
            do { try body(frame, sink) } catch let signal as ReturnSignal { try signal.flush(to: sink) }
            return
        }
        try runBody(redirects: streams.object.redirect)
    }

    @inline(__always)
    private func runBody(redirects: StreamRedirects) throws {
        // The usual case (ForEach-Object in the caller's scope, same streams) switches nothing.
        if scopeID == session.currentScopeID && ObjectIdentifier(redirects) == session.currentRedirectsID {
            do { try body(frame, sink) } catch let signal as ReturnSignal { try signal.flush(to: sink) }
            return
        }
        let savedScope = session.currentScope
        let savedRedirects = session.currentRedirects
        session.currentScope = frame.scope
        session.currentRedirects = redirects
        defer {
            session.currentScope = savedScope
            session.currentRedirects = savedRedirects
        }
        do { try body(frame, sink) } catch let signal as ReturnSignal { try signal.flush(to: sink) }
    }
}
