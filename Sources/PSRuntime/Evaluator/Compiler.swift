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
    /// Set for a class method's body: `return` hands its value to the caller and nothing else is output.
    var isMethodBody = false
    /// The traps of the statement block being compiled, when it has some, for the pipeline chains in
    /// it (outside a `try` body): a chain hands an error in one of its pipelines to them itself and,
    /// when a trap continues, goes on to its next pipeline as PowerShell's chains do.
    var enclosingTraps: BlockTraps?
    /// The sequence points of the named block being compiled (CompileSequencePoints.swift); nil outside one.
    var points: SequencePoints?
    /// Compiling a loop body (PowerShell's `_generatingWhileOrDoLoop`): its first point is checked each turn.
    var inLoopBody = false
    /// The function definitions and `{ }` literals directly in this script block.
    let nestedBlocks = NestedBlockRanges()

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
        for statement in sb.usingStatements {
            let words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count == 2, words[0].lowercased() == "namespace" {
                let ns = String(words[1])
                if !source.namespaces.contains(where: { $0.caseInsensitiveCompare(ns) == .orderedSame }) { source.namespaces.append(ns) }
            }
        }
        let c = Compiler(session: session, source: source, block: cb)
        c.compileParameters(sb.paramBlock, extra: extraParameters)
        if let b = sb.dynamicParamBlock { cb.dynamicParam = c.compileNamedBlockWithPoints(b, in: sb, nested: c.nestedBlocks) }
        if let b = sb.beginBlock { cb.begin = c.compileNamedBlockWithPoints(b, in: sb, nested: c.nestedBlocks) }
        if let b = sb.processBlock { cb.process = c.compileNamedBlockWithPoints(b, in: sb, nested: c.nestedBlocks) }
        if let b = sb.endBlock {
            let compiled = c.compileNamedBlockWithPoints(b, in: sb, nested: c.nestedBlocks)
            if isFilter && b.isUnnamed && sb.processBlock == nil { cb.process = compiled } else { cb.end = compiled }
        }
        if let b = sb.cleanBlock { cb.clean = c.compileNamedBlockWithPoints(b, in: sb, nested: c.nestedBlocks) }
        cb.endIsNamed = sb.endBlock.map { !$0.isUnnamed } ?? false
        cb.processIsNamed = sb.processBlock.map { !$0.isUnnamed } ?? false
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

    /// The slot of a variable if the code compiled so far uses it.
    func slotIndexFor(_ name: String) -> Int? { slotIndex[name.lowercased()] }

    /// Wraps a closure so errors without a position get this node's position.
    func positioned(_ range: SourceRange, _ body: @escaping Eval) -> Eval {
        let src = source
        return { frame in
            do { return try body(frame) } catch let e as PSRuntimeError {
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
        // `enum` and `class` statements define their types before the list's first statement runs.
        let definitions = b.statements.compactMap { s -> TypeDefinition? in
            if case .typeDefinition(let t) = s { return t }
            return nil
        }
        if !definitions.isEmpty {
            let define = compileTypeDefinitions(definitions)
            let run = compileStatementList(b)
            return { frame, out in
                try define(frame)
                try run(frame, out)
            }
        }
        return compileStatementList(b)
    }

    private func compileStatementList(_ b: StatementBlock) -> Exec {
        let session = self.session
        let table = points
        // One statement (`{ $_ * 2 }`) is the common script block: its closure is kept as itself, not
        // in an array, whose generic storage would add a conversion thunk and a retain to every call.
        if b.traps.isEmpty, b.statements.count == 1 {
            let (only, point) = compileListedStatement(b.statements[0])
            if point < 0 { return { frame, out in try Compiler.runStatement(only, frame, out, session) } }
            return { frame, out in
                Compiler.reach(session, table, point)
                try Compiler.runStatement(only, frame, out, session)
            }
        }
        if b.traps.isEmpty {
            let listed = b.statements.map { compileListedStatement($0) }
            let stmts = listed.map(\.exec), statementPoints = listed.map(\.point)
            return { frame, out in
                for i in stmts.indices {
                    Compiler.reach(session, table, statementPoints[i])
                    try Compiler.runStatement(stmts[i], frame, out, session)
                }
            }
        }
        let traps = BlockTraps(b.traps.map { t in (t.type?.fullName, compileBlock(t.body)) })
        let outerTraps = enclosingTraps
        enclosingTraps = traps
        let listed = b.statements.compactMap { s -> (exec: Exec, point: Int)? in
            if case .trap = s { return nil }
            return compileListedStatement(s)
        }
        enclosingTraps = outerTraps
        let stmts = listed.map(\.exec), statementPoints = listed.map(\.point)
        return { frame, out in
            // Like `try`: errors in nested blocks and called functions come back here to the traps.
            session.tryDepth += 1
            defer { session.tryDepth -= 1 }
            for i in stmts.indices {
                Compiler.reach(session, table, statementPoints[i])
                try Compiler.runStatement(stmts[i], frame, out, session, traps: traps)
            }
        }
    }

    /// Runs one statement of a block; a statement-terminating error goes to a trap or is reported.
    static func runStatement(_ s: Exec, _ frame: Frame, _ out: OutputSink, _ session: ShellSession,
                             traps: BlockTraps? = nil) throws {
        do {
            try s(frame, out)
        } catch {
            guard let e = error as? PSRuntimeError else { throw error }
            if let traps {
                if e.brokeOutOfTraps == ObjectIdentifier(traps) { throw e }
                try Compiler.handleTrap(e, traps, frame, out, session)
            } else {
                try Compiler.statementFailed(e, session: session, frame: frame, out: out)
            }
        }
    }

    /// Runs the first matching trap for an error; falling off its end shows the error and continues,
    /// `continue` suppresses it, `break` rethrows it as terminating.
    static func handleTrap(_ e: PSRuntimeError, _ traps: BlockTraps, _ frame: Frame, _ out: OutputSink,
                           _ session: ShellSession) throws {
        // The trap runs outside the block's own error handling (an error in it goes further out).
        session.tryDepth -= 1
        defer { session.tryDepth += 1 }
        let entries = traps.handlers.enumerated().map { ExceptionHandlers.Entry(typeName: $0.element.typeName, handler: $0.offset) }
        guard let (index, passed) = ExceptionHandlers.findWithRecord(e, entries, trap: true) else {
            try Compiler.statementFailed(e, session: session, frame: frame, out: out)
            return
        }
        let trap = traps.handlers[index]
        let errValue = PSValue.object(ErrorRecordObjects.wrap(passed))
        let saved = frame.scope.localVariable("_")?.value
        frame.scope.set("_", errValue)
        if let s = frame.code.dollarUnderSlot { frame.slots[s].value = errValue; frame.slots[s].isSet = true }
        var outcome = 0
        session.handledErrors.append(e)
        defer { session.handledErrors.removeLast() }
        session.lockScriptStackTrace(e.record)
        session.noteTerminatingError(e.record)
        do {
            try trap.body(frame, out)
        } catch is ContinueSignal {
            outcome = 1
        } catch is BreakSignal {
            outcome = 2
        }
        if let saved { frame.scope.set("_", saved) } else { frame.scope.remove("_") }
        session.recordError(e.record)
        switch outcome {
        case 0: try session.currentErrorSink(e.record)
        case 2:
            var rethrown = e
            rethrown.terminatesScript = true
            rethrown.brokeOutOfTraps = ObjectIdentifier(traps)
            throw rethrown
        default: break
        }
    }

    /// What happens when a statement ends with a terminating error that nobody handles here.
    static func statementFailed(_ e: PSRuntimeError, session: ShellSession, frame: Frame, out: OutputSink) throws {
        session.lockScriptStackTrace(e.record)
        // A `throw` outside any try or trap is silenced like a statement's error where the preference is
        // SilentlyContinue or Ignore (an advanced function called with -ErrorAction SilentlyContinue goes
        // on after it); the other script-terminating errors (-ErrorAction Stop, ThrowTerminatingError) are not.
        let silencedThrow = e.fromThrowStatement && session.tryDepth == 0
            && [.silentlyContinue, .ignore].contains(session.preference("ErrorActionPreference", default: .continue))
        if !silencedThrow && (e.terminatesScript || e.endsCommand != nil || session.tryDepth > 0 || (e.unwindsCalls && session.callDepth > 1)) { throw e }
        // A [powershell] instance's own pipelines fail as a whole (Invoke throws) rather than go on.
        if let hosted = session.hostedPipelineCode, hosted == ObjectIdentifier(frame.code) { throw e }
        if session.preference("ErrorActionPreference", default: .continue) == .stop {
            var stopped = PSRuntimeError(e.record, terminatesScript: true)
            stopped.stoppedStatementError = true
            throw stopped
        }
        session.lastSuccess = false
        session.appendToEnclosingErrorVariables(.object(ErrorRecordObjects.wrap(e.record)), except: nil)
        switch session.preference("ErrorActionPreference", default: .continue) {
        // Ignore keeps a statement's error out of the error stream, not out of `$Error` (PowerShell's
        // SetErrorVariables runs before the preference is read; only Write-Error's kind is not kept).
        case .ignore: session.recordError(e.record)
        case .silentlyContinue: session.recordError(e.record)
        default:
            session.recordError(e.record)
            try session.currentErrorSink(e.record)
        }
    }

    // MARK: Statements

    func compileStatement(_ statement: Statement) -> Exec {
        switch statement {
        case .pipeline(let pipeline): return compilePipeline(pipeline)
        case .chain(let chain): return compileChain(chain)
        case .assignment(let assignment):
            let assign = compileAssignment(assignment)
            return { frame, _ in _ = try assign(frame) }
        case .if(let ifStatement): return compileIf(ifStatement)
        case .switch(let switchStatement): return compileSwitch(switchStatement)
        case .foreach(let foreachStatement): return compileForEach(foreachStatement)
        case .for(let forStatement): return compileFor(forStatement)
        case .while(let whileStatement): return compileWhile(whileStatement)
        case .doLoop(let doLoop): return compileDoLoop(doLoop)
        case .break(let jump):
            let label = jumpLabel(jump)
            return { frame, _ in throw BreakSignal(label: try label(frame)) }
        case .continue(let jump):
            let label = jumpLabel(jump)
            return { frame, _ in throw ContinueSignal(label: try label(frame)) }
        case .return(let returnStatement):
            guard let pipeline = returnStatement.pipeline else { return { _, _ in throw ReturnSignal() } }
            if isMethodBody {
                // A method's value is the one `return` names; statement output is not part of it.
                let value = compileValue(pipeline)
                return { frame, _ in throw ReturnSignal(pending: [try value(frame)]) }
            }
            let body = compileStatement(pipeline)
            return { frame, out in
                try body(frame, out)
                throw ReturnSignal()
            }
        case .exit(let exitStatement):
            let value = exitStatement.pipeline.map { compileValue($0) }
            return { frame, _ in
                let code = try value.map { try PSConvert.toInt32(try $0(frame)) } ?? 0
                throw ExitSignal(code: code)
            }
        case .throw(let throwStatement): return compileThrow(throwStatement)
        case .try(let tryStatement): return compileTry(tryStatement)
        case .trap: return { _, _ in }
        case .function(let definition): return compileFunctionDefinition(definition)
        // Defined when the statement list starts (compileBlock).
        case .typeDefinition: return { _, _ in }
        case .block(let block): return compileBlock(block)
        case .error(let failed):
            let source = self.source
            return { _, _ in
                throw PSRuntimeError(ErrorRecord(message: "Unexpected token in statement at \(source.extent(failed.range).text).",
                                                 errorId: "ParseError", category: .parserError))
            }
        }
    }

    func jumpLabel(_ jump: JumpStatement) -> (Frame) throws -> String? {
        guard let label = jump.label else { return { _ in nil } }
        if case .string(let literal) = label { let value = literal.value; return { _ in value } }
        let compute = compileExpression(label)
        return { frame in PSConvert.toString(try compute(frame)) }
    }

    /// A statement used as a value (`$x = <statement>`, `(...)`, conditions): an expression pipeline
    /// yields its value as is; anything else is run and its output collected.
    func compileValue(_ statement: Statement) -> Eval {
        if case .pipeline(let pipeline) = statement, pipeline.elements.count == 1, case .expression(let element) = pipeline.elements[0], element.redirections.isEmpty {
            return compileExpression(element.expression)
        }
        if case .assignment(let assignment) = statement { return compileAssignment(assignment) }
        let exec = compileStatement(statement)
        return { frame in
            let collector = Collector()
            try collector.capturing { try exec(frame, collector) }
            return collector.result
        }
    }

    /// Like `compileValue`, also telling whether the statement wrote nothing at all (a lone expression
    /// always yields its value, so it never counts as empty).
    func compileValueNotingEmpty(_ statement: Statement) -> (Frame) throws -> (PSValue, Bool) {
        if case .pipeline(let pipeline) = statement, pipeline.elements.count == 1, case .expression(let element) = pipeline.elements[0], element.redirections.isEmpty {
            let compute = compileExpression(element.expression)
            return { frame in (try compute(frame), false) }
        }
        if case .assignment = statement {
            let compute = compileValue(statement)
            return { frame in (try compute(frame), false) }
        }
        let exec = compileStatement(statement)
        return { frame in
            let collector = Collector()
            try collector.capturing { try exec(frame, collector) }
            return (collector.result, collector.items.isEmpty)
        }
    }

    /// A plain local variable (`$x`, no scope qualifier, not an automatic constant): its slot.
    func plainVariableSlot(_ expression: PSExpr) -> Int? {
        guard case .variable(let variable) = expression, variable.path.qualifier == nil,
              !["null", "true", "false", "args", "?", "_", "psitem", "input", "this", "myinvocation", "psboundparameters",
                "foreach", "switch", "matches", "lastexitcode", "pwd"].contains(variable.path.name.lowercased()) else { return nil }
        return slot(variable.path.name)
    }

    func compileCondition(_ statement: Statement) -> (Frame) throws -> Bool {
        let value = compileValue(statement)
        guard CommandSearch.containsCommand(statement) else { return { frame in PSConvert.toBool(try value(frame)) } }
        // A condition that runs a command leaves `$?` true, whatever the command did (see CommandSearch).
        let session = self.session
        return { frame in
            let result = PSConvert.toBool(try value(frame))
            session.lastSuccess = true
            return result
        }
    }

    func compileIf(_ statement: IfStatement) -> Exec {
        let clauses = statement.clauses.map { clause -> ((Frame) throws -> Bool, Exec) in
            let index = conditionPoint(clause.condition)
            return (atPoint(index, compileCondition(clause.condition)), compileBlock(clause.body))
        }
        let elseBody = statement.elseBody.map { compileBlock($0) }
        return { frame, out in
            for (condition, body) in clauses where try condition(frame) {
                try body(frame, out)
                return
            }
            try elseBody?(frame, out)
        }
    }

    // MARK: Loops

    /// Runs a loop body, translating break/continue aimed at this loop. Returns false to stop the loop.
    @inline(__always)
    static func runBody(_ body: Exec, _ frame: Frame, _ out: OutputSink, label: String?) throws -> Bool {
        do {
            try body(frame, out)
        } catch let breakSignal as BreakSignal {
            if breakSignal.label == nil || breakSignal.label!.caseInsensitiveCompare(label ?? "") == .orderedSame { return false }
            throw breakSignal
        } catch let continueSignal as ContinueSignal {
            if continueSignal.label == nil || continueSignal.label!.caseInsensitiveCompare(label ?? "") == .orderedSame { return true }
            throw continueSignal
        }
        return true
    }

    func compileForEach(_ statement: ForEachStatement) -> Exec {
        let label = statement.label
        let outerUses = usesForeachEnumerator
        usesForeachEnumerator = false
        // The collection's point is reached once, the variable's before every move (the last one too).
        let collectionPoint = reservePoint(statement.iterable.range)
        let movePoint = reservePoint(statement.variable.range)
        let outerLoop = inLoopBody
        inLoopBody = true
        let body = compileBlock(statement.body)
        inLoopBody = false
        let movePointIndex = checkedPoint(movePoint)
        inLoopBody = outerLoop
        let collectionPointIndex = checkedPoint(collectionPoint)
        let setEnumerator = automaticVariableSet("foreach")
        let table = points, debugSession = self.session
        @inline(__always) func move() { Compiler.reach(debugSession, table, movePointIndex) }
        @inline(__always) func reachCollection() { Compiler.reach(debugSession, table, collectionPointIndex) }
        let usesEnumerator = usesForeachEnumerator
        usesForeachEnumerator = outerUses
        let assign = compileVariableWrite(statement.variable.path, range: statement.variable.range)
        let session = self.session
        if usesEnumerator {
            // `$foreach.MoveNext()` / `Reset()` in the body move the loop itself.
            let iterable = compileValue(statement.iterable)
            return { frame, out in
                reachCollection()
                let value = try iterable(frame)
                let enumerator = LoopEnumerator(value.isNull ? [] : (value.arrayElements ?? [value]))
                setEnumerator(!value.isNull)
                defer { setEnumerator(false) }
                frame.runningLoops.append(RunningLoop(isSwitch: false, enumerator: enumerator))
                defer { frame.runningLoops.removeLast() }
                while true {
                    move()
                    guard enumerator.moveNext() else { break }
                    if session.stopRequested { throw PipelineStoppedSignal() }
                    try assign(frame, enumerator.current)
                    if try !Compiler.runBody(body, frame, out, label: label) { break }
                }
            }
        }
        // `foreach ($i in a..b)`: count without building the array.
        if case .pipeline(let pipeline) = statement.iterable, pipeline.elements.count == 1, case .expression(let element) = pipeline.elements[0],
           element.redirections.isEmpty, case .binary(let rangeExpression) = element.expression, rangeExpression.op == .range {
            let lower = compileExpression(rangeExpression.left), upper = compileExpression(rangeExpression.right)
            return { frame, out in
                reachCollection()
                let (first, last, isChar) = try Arithmetic.rangeBounds(try lower(frame), try upper(frame))
                setEnumerator(true)
                defer { setEnumerator(false) }
                let step = first <= last ? 1 : -1
                var current = first
                while true {
                    if session.stopRequested { throw PipelineStoppedSignal() }
                    move()
                    try assign(frame, isChar ? .char(UInt16(truncatingIfNeeded: current)) : .int(Int32(truncatingIfNeeded: current)))
                    if try !Compiler.runBody(body, frame, out, label: label) { break }
                    if current == last { move(); break }
                    current += step
                }
            }
        }
        let iterable = compileValue(statement.iterable)
        return { frame, out in
            reachCollection()
            let value = try iterable(frame)
            setEnumerator(!value.isNull)
            defer { setEnumerator(false) }
            let items: [PSValue]
            switch value {
            case .null: return
            case .array(let array): items = array.elements
            case .hashtable(let table): items = [.hashtable(table)]
            default: items = [value]
            }
            var finished = true
            for item in items {
                if session.stopRequested { throw PipelineStoppedSignal() }
                move()
                try assign(frame, item)
                if try !Compiler.runBody(body, frame, out, label: label) { finished = false; break }
            }
            if finished { move() }
        }
    }

    func compileFor(_ statement: ForStatement) -> Exec {
        // PowerShell's order: initializer, body, iterator, condition.
        let initializer = statement.initializer.map { atPoint(conditionPoint($0), compileStatement($0)) }
        let outerLoop = inLoopBody
        inLoopBody = true
        let body = compileBlock(statement.body)
        inLoopBody = false
        let iteratorPoint = statement.iterator.map { checkedPoint(conditionPoint($0)) } ?? -1
        let iterator = statement.iterator.map { compileStatement($0) }
        let conditionPointIndex = statement.condition.map { checkedPoint(conditionPoint($0)) } ?? -1
        let condition = statement.condition.map { compileCondition($0) }
        inLoopBody = outerLoop
        let label = statement.label
        let session = self.session
        let table = points
        return { frame, out in
            try initializer?(frame, out)
            while true {
                Compiler.reach(session, table, conditionPointIndex)
                guard try condition?(frame) ?? true else { break }
                if session.stopRequested { throw PipelineStoppedSignal() }
                if try !Compiler.runBody(body, frame, out, label: label) { break }
                Compiler.reach(session, table, iteratorPoint)
                try iterator?(frame, out)
            }
        }
    }

    func compileWhile(_ statement: WhileStatement) -> Exec {
        // The body's points come before the condition's (PowerShell's GenerateWhileLoop).
        let outerLoop = inLoopBody
        inLoopBody = true
        let body = compileBlock(statement.body)
        inLoopBody = false
        let conditionPointIndex = checkedPoint(conditionPoint(statement.condition))
        let condition = compileCondition(statement.condition)
        inLoopBody = outerLoop
        let label = statement.label
        let session = self.session
        let table = points
        return { frame, out in
            while true {
                Compiler.reach(session, table, conditionPointIndex)
                guard try condition(frame) else { break }
                if session.stopRequested { throw PipelineStoppedSignal() }
                if try !Compiler.runBody(body, frame, out, label: label) { break }
            }
        }
    }

    func compileDoLoop(_ statement: DoLoopStatement) -> Exec {
        let outerLoop = inLoopBody
        inLoopBody = true
        let body = compileBlock(statement.body)
        inLoopBody = false
        let conditionPointIndex = checkedPoint(conditionPoint(statement.condition))
        let condition = compileCondition(statement.condition)
        inLoopBody = outerLoop
        let table = points
        let label = statement.label
        let until = statement.isUntil
        let session = self.session
        return { frame, out in
            while true {
                if session.stopRequested { throw PipelineStoppedSignal() }
                if try !Compiler.runBody(body, frame, out, label: label) { break }
                Compiler.reach(session, table, conditionPointIndex)
                guard try condition(frame) != until else { break }
            }
        }
    }

    // MARK: throw / try

    func compileThrow(_ statement: ExitStatement) -> Exec {
        let thrownValue = statement.pipeline.map { compileValue($0) }
        let source = self.source
        let session = self.session
        let range = statement.range
        return { frame, _ in
            // A bare `throw` in a catch block or trap rethrows the error being handled, as it was.
            if thrownValue == nil, let current = session.handledErrors.last {
                var rethrown = current
                rethrown.terminatesScript = true
                throw rethrown
            }
            let value = try thrownValue?(frame) ?? .null
            let record: ErrorRecord
            if let existing = ErrorRecordObjects.record(from: value) {
                record = existing
            } else if case .object(let object) = value, let exception = object.baseObject as? PSException {
                // The record keeps the .NET exception itself, which has no WasThrownFromThrowStatement, so
                // the error view names the category: `OperationStopped: message`.
                record = ErrorRecord(exception, errorId: exception.message, category: .operationStopped, target: .null)
            } else {
                let message = value.isNull ? "ScriptHalted" : PSConvert.toString(value)
                let exception = PSException(message)
                exception.thrownObject = value
                exception.wasThrownFromThrowStatement = true
                record = ErrorRecord(exception, errorId: value.isNull ? "ScriptHalted" : message, category: .operationStopped, target: value)
                record.categoryReason = "RuntimeException"
            }
            if record.position == nil { record.position = source.extent(range) }
            var error = PSRuntimeError(record, terminatesScript: true)
            error.fromThrowStatement = true
            throw error
        }
    }

    func compileTry(_ statement: TryStatement) -> Exec {
        // Errors in the try body go to its catch clauses, so its chains must not trap them themselves.
        let outerTraps = enclosingTraps
        enclosingTraps = nil
        let body = compileBlock(statement.body)
        enclosingTraps = outerTraps
        let catches = statement.catches.map { clause -> ([String], Exec) in (clause.types.map(\.fullName), compileBlock(clause.body)) }
        var entries: [ExceptionHandlers.Entry] = []
        for (index, clause) in catches.enumerated() {
            if clause.0.isEmpty { entries.append(.init(typeName: nil, handler: index)) }
            for typeName in clause.0 { entries.append(.init(typeName: typeName, handler: index)) }
        }
        let finallyBody = statement.finallyBody.map { compileBlock($0) }
        // One untyped `catch` gives `$_` the error's own record (PowerShell compiles it without
        // FindMatchingHandler).
        let singleUntyped = entries.count == 1 && entries[0].typeName == nil
        let session = self.session
        return { frame, out in
            do {
                session.tryDepth += 1
                defer { session.tryDepth -= 1 }
                do {
                    try body(frame, out)
                } catch let error as PSRuntimeError {
                    session.tryDepth -= 1
                    defer { session.tryDepth += 1 }
                    guard let (index, passed) = singleUntyped ? (0, error.record)
                            : ExceptionHandlers.findWithRecord(error, entries, trap: false) else { throw error }
                    let handler = catches[index]
                    session.handledErrors.append(error)
                    defer { session.handledErrors.removeLast() }
                    session.lockScriptStackTrace(error.record)
                    session.recordErrorIfNew(error.record)
                    session.noteTerminatingError(error.record)
                    let errValue = PSValue.object(ErrorRecordObjects.wrap(passed))
                    let saved = frame.scope.localVariable("_")?.value
                    frame.scope.set("_", errValue)
                    if let slot = frame.code.dollarUnderSlot { frame.slots[slot].value = errValue; frame.slots[slot].isSet = true }
                    defer {
                        if let saved { frame.scope.set("_", saved) } else { frame.scope.remove("_") }
                    }
                    try handler.1(frame, out)
                }
            } catch {
                if let finallyBody { try finallyBody(frame, out) }
                throw error
            }
            if let finallyBody { try finallyBody(frame, out) }
        }
    }

    func compileFunctionDefinition(_ definition: FunctionDefinition) -> Exec {
        let session = self.session
        let source = self.source
        let name = definition.name
        let compiled = Compiler.compile(definition.body, session: session, source: source, name: name,
                                        extraParameters: definition.parameters, isFilter: definition.isFilter)
        let block = PSScriptBlock(text: compiled.text, body: compiled)
        block.definitionText = source.text.text(definition.range)
        let isFilter = definition.isFilter
        let range = definition.range
        return { frame, _ in
            var functionName = name
            var target = frame.scope
            let lower = name.lowercased()
            for prefix in ["global:", "script:", "local:", "private:"] where lower.hasPrefix(prefix) {
                functionName = String(name.dropFirst(prefix.count))
                if prefix == "global:" { target = session.globalScope } else if prefix == "script:" { target = frame.scope.scriptScope }
            }
            let info = FunctionInfo(name: functionName, block: block, isFilter: isFilter)
            info.module = target.enclosingModule
            info.definitionRange = range
            info.definition = definition
            target.defineFunction(info)
        }
    }
}
