import PSLanguage

/// Turns one script block's AST into closures. Variables without a scope qualifier get a slot in
/// this block's frame (the resolution step); each AST node becomes one closure (the compile step),
/// so running code never looks at the AST again. Nested `{ }` blocks get their own Compiler.
final class Compiler {
    unowned let session: ShellSession
    let source: SourceInfo
    private var slotIndex: [String: Int] = [:]
    let block: CompiledBlock
    /// Labels of the loops being compiled (for `break label`).
    var loopDepth = 0
    /// Set when the code compiled since the flag was cleared reads `$foreach` / `$switch`: only
    /// those loops keep a script-visible enumerator.
    var usesForeachEnumerator = false
    var usesSwitchEnumerator = false

    init(session: ShellSession, source: SourceInfo, block: CompiledBlock) {
        self.session = session
        self.source = source
        self.block = block
    }

    /// Compiles a whole script block (script file, function body, `{ }` literal).
    static func compile(_ sb: ScriptBlock, session: ShellSession, source: SourceInfo, name: String = "",
                        extraParameters: [ParameterNode] = [], isFilter: Bool = false) -> CompiledBlock {
        let text = source.text.text(sb.range)
        let cb = CompiledBlock(source: source, text: Compiler.innerText(text))
        cb.name = name
        cb.isFilter = isFilter
        let c = Compiler(session: session, source: source, block: cb)
        c.compileParameters(sb.paramBlock, extra: extraParameters)
        if let b = sb.beginBlock { cb.begin = c.compileNamedBlock(b) }
        if let b = sb.processBlock { cb.process = c.compileNamedBlock(b) }
        if let b = sb.endBlock {
            if isFilter && b.isUnnamed && sb.processBlock == nil { cb.process = c.compileNamedBlock(b) } else { cb.end = c.compileNamedBlock(b) }
        }
        if let b = sb.cleanBlock { cb.clean = c.compileNamedBlock(b) }
        cb.dollarUnderSlot = c.slotIndex["_"]
        return cb
    }

    /// `{ body }` → `body` for ScriptBlock.ToString().
    static func innerText(_ t: String) -> String {
        if t.hasPrefix("{") && t.hasSuffix("}") { return String(t.dropFirst().dropLast()) }
        return t
    }

    // MARK: Slots

    func slot(_ name: String) -> Int {
        var key = name.lowercased()
        if key == "psitem" { key = "_" }
        if let i = slotIndex[key] { return i }
        let i = block.slotNames.count
        block.slotNames.append(key == "_" ? "_" : name)
        block.slotKeys.append(key)
        slotIndex[key] = i
        return i
    }

    func extent(_ r: SourceRange) -> ScriptExtent { source.extent(r) }

    /// Wraps a closure so errors without a position get this node's position.
    func positioned(_ range: SourceRange, _ body: @escaping Eval) -> Eval {
        let src = source
        return { f in
            do { return try body(f) } catch let e as PSRuntimeError {
                if e.record.position == nil { e.record.position = src.extent(range) }
                throw e
            }
        }
    }

    // MARK: Blocks

    func compileNamedBlock(_ b: NamedBlock) -> Exec { compileBlock(b.body) }

    /// A statement list: each statement runs in turn; a terminating error that is not script-terminating
    /// is reported and the next statement runs (unless inside `try`, under a trap, or with
    /// `$ErrorActionPreference = 'Stop'`).
    func compileBlock(_ b: StatementBlock) -> Exec {
        let session = self.session
        // One statement (`{ $_ * 2 }`) is the common script block: its closure is kept as itself, not
        // in an array, whose generic storage would add a conversion thunk and a retain to every call.
        if b.traps.isEmpty, b.statements.count == 1 {
            let only = compileStatement(b.statements[0])
            return { f, out in try Compiler.runStatement(only, f, out, session) }
        }
        let stmts = b.statements.compactMap { s -> Exec? in
            if case .trap = s { return nil }
            return compileStatement(s)
        }
        let traps: [(String?, Exec)] = b.traps.map { t in (t.type?.fullName, compileBlock(t.body)) }
        if traps.isEmpty {
            return { f, out in
                for s in stmts { try Compiler.runStatement(s, f, out, session) }
            }
        }
        return { f, out in
            // Like `try`: errors in nested blocks and called functions come back here to the traps.
            session.tryDepth += 1
            defer { session.tryDepth -= 1 }
            for s in stmts { try Compiler.runStatement(s, f, out, session, traps: traps) }
        }
    }

    /// Runs one statement of a block; a statement-terminating error goes to a trap or is reported.
    static func runStatement(_ s: Exec, _ f: Frame, _ out: OutputSink, _ session: ShellSession,
                             traps: [(String?, Exec)] = []) throws {
        do {
            try s(f, out)
        } catch {
            guard let e = error as? PSRuntimeError else { throw error }
            if traps.isEmpty {
                try Compiler.statementFailed(e, session: session, frame: f, out: out)
            } else {
                try Compiler.handleTrap(e, traps, f, out, session)
            }
        }
    }

    /// Runs the first matching trap for an error; falling off its end shows the error and continues,
    /// `continue` suppresses it, `break` rethrows it as terminating.
    static func handleTrap(_ e: PSRuntimeError, _ traps: [(String?, Exec)], _ f: Frame, _ out: OutputSink,
                           _ session: ShellSession) throws {
        // The trap runs outside the block's own error handling (an error in it goes further out).
        session.tryDepth -= 1
        defer { session.tryDepth += 1 }
        let entries = traps.enumerated().map { ExceptionHandlers.Entry(typeName: $0.element.0, handler: $0.offset) }
        guard let index = ExceptionHandlers.find(e, entries) else {
            try Compiler.statementFailed(e, session: session, frame: f, out: out)
            return
        }
        let trap = traps[index]
        let errValue = PSValue.object(ErrorRecordObjects.wrap(e.record))
        let saved = f.scope.localVariable("_")?.value
        f.scope.set("_", errValue)
        if let s = f.code.dollarUnderSlot { f.slots[s].value = errValue; f.slots[s].isSet = true }
        var outcome = 0
        session.handledErrors.append(e)
        defer { session.handledErrors.removeLast() }
        do {
            try trap.1(f, out)
        } catch is ContinueSignal {
            outcome = 1
        } catch is BreakSignal {
            outcome = 2
        }
        if let saved { f.scope.set("_", saved) } else { f.scope.remove("_") }
        session.recordError(e.record)
        switch outcome {
        case 0: try session.currentErrorSink(e.record)
        case 2:
            var rethrown = e
            rethrown.terminatesScript = true
            throw rethrown
        default: break
        }
    }

    /// What happens when a statement ends with a terminating error that nobody handles here.
    static func statementFailed(_ e: PSRuntimeError, session: ShellSession, frame: Frame, out: OutputSink) throws {
        if e.terminatesScript || session.tryDepth > 0 || (e.unwindsCalls && session.callDepth > 1) { throw e }
        if session.preference("ErrorActionPreference", default: .continue) == .stop {
            throw PSRuntimeError(e.record, terminatesScript: true)
        }
        session.lastSuccess = false
        session.appendToEnclosingErrorVariables(.object(ErrorRecordObjects.wrap(e.record)), except: nil)
        switch session.preference("ErrorActionPreference", default: .continue) {
        case .ignore: return
        case .silentlyContinue: session.recordError(e.record)
        default:
            session.recordError(e.record)
            try session.currentErrorSink(e.record)
        }
    }

    // MARK: Statements

    func compileStatement(_ s: Statement) -> Exec {
        switch s {
        case .pipeline(let p): return compilePipeline(p)
        case .chain(let c): return compileChain(c)
        case .assignment(let a):
            let assign = compileAssignment(a)
            return { f, _ in _ = try assign(f) }
        case .if(let i): return compileIf(i)
        case .switch(let sw): return compileSwitch(sw)
        case .foreach(let fe): return compileForEach(fe)
        case .for(let fs): return compileFor(fs)
        case .while(let w): return compileWhile(w)
        case .doLoop(let d): return compileDoLoop(d)
        case .break(let j):
            let label = jumpLabel(j)
            return { f, _ in throw BreakSignal(label: try label(f)) }
        case .continue(let j):
            let label = jumpLabel(j)
            return { f, _ in throw ContinueSignal(label: try label(f)) }
        case .return(let r):
            guard let p = r.pipeline else { return { _, _ in throw ReturnSignal() } }
            let body = compileStatement(p)
            return { f, out in
                try body(f, out)
                throw ReturnSignal()
            }
        case .exit(let x):
            let value = x.pipeline.map { compileValue($0) }
            return { f, _ in
                let code = try value.map { try PSConvert.toInt32(try $0(f)) } ?? 0
                throw ExitSignal(code: code)
            }
        case .throw(let t): return compileThrow(t)
        case .try(let t): return compileTry(t)
        case .trap: return { _, _ in }
        case .function(let fd): return compileFunctionDefinition(fd)
        case .block(let b): return compileBlock(b)
        case .error(let e):
            let src = source
            return { _, _ in
                throw PSRuntimeError(ErrorRecord(message: "Unexpected token in statement at \(src.extent(e.range).text).",
                                                 errorId: "ParseError", category: .parserError))
            }
        }
    }

    func jumpLabel(_ j: JumpStatement) -> (Frame) throws -> String? {
        guard let l = j.label else { return { _ in nil } }
        if case .string(let s) = l { let v = s.value; return { _ in v } }
        let e = compileExpression(l)
        return { f in PSConvert.toString(try e(f)) }
    }

    /// A statement used as a value (`$x = <statement>`, `(...)`, conditions): an expression pipeline
    /// yields its value as is; anything else is run and its output collected.
    func compileValue(_ s: Statement) -> Eval {
        if case .pipeline(let p) = s, p.elements.count == 1, case .expression(let ce) = p.elements[0], ce.redirections.isEmpty {
            return compileExpression(ce.expression)
        }
        if case .assignment(let a) = s { return compileAssignment(a) }
        let exec = compileStatement(s)
        return { f in
            let c = Collector()
            try exec(f, c)
            return c.result
        }
    }

    /// Like `compileValue`, also telling whether the statement wrote nothing at all (a lone expression
    /// always yields its value, so it never counts as empty).
    func compileValueNotingEmpty(_ s: Statement) -> (Frame) throws -> (PSValue, Bool) {
        if case .pipeline(let p) = s, p.elements.count == 1, case .expression(let ce) = p.elements[0], ce.redirections.isEmpty {
            let e = compileExpression(ce.expression)
            return { f in (try e(f), false) }
        }
        if case .assignment = s {
            let e = compileValue(s)
            return { f in (try e(f), false) }
        }
        let exec = compileStatement(s)
        return { f in
            let c = Collector()
            try exec(f, c)
            return (c.result, c.items.isEmpty)
        }
    }

    /// A plain local variable (`$x`, no scope qualifier, not an automatic constant): its slot.
    func plainVariableSlot(_ e: PSExpr) -> Int? {
        guard case .variable(let v) = e, v.path.qualifier == nil,
              !["null", "true", "false", "args", "?", "_", "psitem", "input", "this", "myinvocation", "psboundparameters",
                "foreach", "switch", "matches", "lastexitcode", "pwd"].contains(v.path.name.lowercased()) else { return nil }
        return slot(v.path.name)
    }

    func compileCondition(_ s: Statement) -> (Frame) throws -> Bool {
        let v = compileValue(s)
        return { f in PSConvert.toBool(try v(f)) }
    }

    func compileIf(_ s: IfStatement) -> Exec {
        let clauses = s.clauses.map { (compileCondition($0.condition), compileBlock($0.body)) }
        let elseBody = s.elseBody.map { compileBlock($0) }
        return { f, out in
            for (cond, body) in clauses where try cond(f) {
                try body(f, out)
                return
            }
            try elseBody?(f, out)
        }
    }

    // MARK: Loops

    /// Runs a loop body, translating break/continue aimed at this loop. Returns false to stop the loop.
    @inline(__always)
    static func runBody(_ body: Exec, _ f: Frame, _ out: OutputSink, label: String?) throws -> Bool {
        do {
            try body(f, out)
        } catch let b as BreakSignal {
            if b.label == nil || b.label!.caseInsensitiveCompare(label ?? "") == .orderedSame { return false }
            throw b
        } catch let c as ContinueSignal {
            if c.label == nil || c.label!.caseInsensitiveCompare(label ?? "") == .orderedSame { return true }
            throw c
        }
        return true
    }

    func compileForEach(_ s: ForEachStatement) -> Exec {
        let label = s.label
        let outerUses = usesForeachEnumerator
        usesForeachEnumerator = false
        let body = compileBlock(s.body)
        let usesEnumerator = usesForeachEnumerator
        usesForeachEnumerator = outerUses
        let assign = compileVariableWrite(s.variable.path, range: s.variable.range)
        let session = self.session
        if usesEnumerator {
            // `$foreach.MoveNext()` / `Reset()` in the body move the loop itself.
            let iterable = compileValue(s.iterable)
            return { f, out in
                let v = try iterable(f)
                let e = LoopEnumerator(v.isNull ? [] : (v.arrayElements ?? [v]))
                f.runningLoops.append(RunningLoop(isSwitch: false, enumerator: e))
                defer { f.runningLoops.removeLast() }
                while e.moveNext() {
                    if session.stopRequested { throw PipelineStoppedSignal() }
                    try assign(f, e.current)
                    if try !Compiler.runBody(body, f, out, label: label) { break }
                }
            }
        }
        // `foreach ($i in a..b)`: count without building the array.
        if case .pipeline(let p) = s.iterable, p.elements.count == 1, case .expression(let ce) = p.elements[0],
           ce.redirections.isEmpty, case .binary(let be) = ce.expression, be.op == .range {
            let lo = compileExpression(be.left), hi = compileExpression(be.right)
            return { f, out in
                let (a, b, isChar) = try Arithmetic.rangeBounds(try lo(f), try hi(f))
                let step = a <= b ? 1 : -1
                var i = a
                while true {
                    if session.stopRequested { throw PipelineStoppedSignal() }
                    try assign(f, isChar ? .char(UInt16(truncatingIfNeeded: i)) : .int(Int32(truncatingIfNeeded: i)))
                    if try !Compiler.runBody(body, f, out, label: label) { break }
                    if i == b { break }
                    i += step
                }
            }
        }
        let iterable = compileValue(s.iterable)
        return { f, out in
            let v = try iterable(f)
            let items: [PSValue]
            switch v {
            case .null: return
            case .array(let a): items = a.elements
            case .hashtable(let h): items = [.hashtable(h)]
            default: items = [v]
            }
            for item in items {
                if session.stopRequested { throw PipelineStoppedSignal() }
                try assign(f, item)
                if try !Compiler.runBody(body, f, out, label: label) { break }
            }
        }
    }

    func compileFor(_ s: ForStatement) -> Exec {
        let initializer = s.initializer.map { compileStatement($0) }
        let cond = s.condition.map { compileCondition($0) }
        let iter = s.iterator.map { compileStatement($0) }
        let body = compileBlock(s.body)
        let label = s.label
        let session = self.session
        return { f, out in
            try initializer?(f, out)
            while try cond?(f) ?? true {
                if session.stopRequested { throw PipelineStoppedSignal() }
                if try !Compiler.runBody(body, f, out, label: label) { break }
                try iter?(f, out)
            }
        }
    }

    func compileWhile(_ s: WhileStatement) -> Exec {
        let cond = compileCondition(s.condition)
        let body = compileBlock(s.body)
        let label = s.label
        let session = self.session
        return { f, out in
            while try cond(f) {
                if session.stopRequested { throw PipelineStoppedSignal() }
                if try !Compiler.runBody(body, f, out, label: label) { break }
            }
        }
    }

    func compileDoLoop(_ s: DoLoopStatement) -> Exec {
        let cond = compileCondition(s.condition)
        let body = compileBlock(s.body)
        let label = s.label
        let until = s.isUntil
        let session = self.session
        return { f, out in
            repeat {
                if session.stopRequested { throw PipelineStoppedSignal() }
                if try !Compiler.runBody(body, f, out, label: label) { break }
            } while try cond(f) != until
        }
    }

    // MARK: throw / try

    func compileThrow(_ t: ExitStatement) -> Exec {
        let value = t.pipeline.map { compileValue($0) }
        let src = source
        let session = self.session
        let range = t.range
        return { f, _ in
            // A bare `throw` in a catch block or trap rethrows the error being handled, as it was.
            if value == nil, let current = session.handledErrors.last {
                var rethrown = current
                rethrown.terminatesScript = true
                throw rethrown
            }
            let v = try value?(f) ?? .null
            let record: ErrorRecord
            if let existing = ErrorRecordObjects.record(from: v) {
                record = existing
            } else if case .object(let o) = v, let ex = o.baseObject as? PSException {
                // The record keeps the .NET exception itself, which has no WasThrownFromThrowStatement, so
                // the error view names the category: `OperationStopped: message`.
                record = ErrorRecord(ex, errorId: ex.message, category: .operationStopped, target: .null)
            } else {
                let message = v.isNull ? "ScriptHalted" : PSConvert.toString(v)
                let ex = PSException(message)
                ex.thrownObject = v
                ex.wasThrownFromThrowStatement = true
                record = ErrorRecord(ex, errorId: v.isNull ? "ScriptHalted" : message, category: .operationStopped, target: v)
                record.categoryReason = "RuntimeException"
            }
            if record.position == nil { record.position = src.extent(range) }
            throw PSRuntimeError(record, terminatesScript: true)
        }
    }

    func compileTry(_ t: TryStatement) -> Exec {
        let body = compileBlock(t.body)
        let catches = t.catches.map { c -> ([String], Exec) in (c.types.map(\.fullName), compileBlock(c.body)) }
        var entries: [ExceptionHandlers.Entry] = []
        for (i, c) in catches.enumerated() {
            if c.0.isEmpty { entries.append(.init(typeName: nil, handler: i)) }
            for t in c.0 { entries.append(.init(typeName: t, handler: i)) }
        }
        let fin = t.finallyBody.map { compileBlock($0) }
        let session = self.session
        return { f, out in
            do {
                session.tryDepth += 1
                defer { session.tryDepth -= 1 }
                do {
                    try body(f, out)
                } catch let e as PSRuntimeError {
                    session.tryDepth -= 1
                    defer { session.tryDepth += 1 }
                    guard let index = ExceptionHandlers.find(e, entries) else { throw e }
                    let handler = catches[index]
                    session.handledErrors.append(e)
                    defer { session.handledErrors.removeLast() }
                    session.recordErrorIfNew(e.record)
                    let errValue = PSValue.object(ErrorRecordObjects.wrap(e.record))
                    let saved = f.scope.localVariable("_")?.value
                    f.scope.set("_", errValue)
                    if let s = f.code.dollarUnderSlot { f.slots[s].value = errValue; f.slots[s].isSet = true }
                    defer {
                        if let saved { f.scope.set("_", saved) } else { f.scope.remove("_") }
                    }
                    try handler.1(f, out)
                }
            } catch {
                if let fin { try fin(f, out) }
                throw error
            }
            if let fin { try fin(f, out) }
        }
    }

    func compileFunctionDefinition(_ fd: FunctionDefinition) -> Exec {
        let session = self.session
        let src = source
        let name = fd.name
        let compiled = Compiler.compile(fd.body, session: session, source: src, name: name,
                                        extraParameters: fd.parameters, isFilter: fd.isFilter)
        let block = PSScriptBlock(text: compiled.text, body: compiled)
        let isFilter = fd.isFilter
        let range = fd.range
        return { f, _ in
            var fname = name
            var target = f.scope
            let lower = name.lowercased()
            for q in ["global:", "script:", "local:", "private:"] where lower.hasPrefix(q) {
                fname = String(name.dropFirst(q.count))
                if q == "global:" { target = session.globalScope } else if q == "script:" { target = f.scope.scriptScope }
            }
            let info = FunctionInfo(name: fname, block: block, isFilter: isFilter)
            info.module = target.enclosingModule
            info.definitionRange = range
            target.defineFunction(info)
        }
    }
}
