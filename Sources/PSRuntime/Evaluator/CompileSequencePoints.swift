import PSLanguage

/// Sequence points (see `SequencePoints`): where the compiled code tells the session's debugger it
/// has reached a statement. Which nodes get one, and in which order, follows PowerShell's compiler:
/// a pipeline statement (not one that is an assignment's value or inside parentheses) before its
/// commands run, an assignment after its value is compiled, loop conditions after their bodies
/// (checked again on every turn), a foreach's collection once and its variable before every move, a
/// switch's condition on every move, `return`/`exit`/`throw`/`break`/`continue`, and a function body's
/// `{` (on entry, never checked itself) and `}` (on the way out, also after `return`). With no
/// debugger set a point costs one nil check.
extension Compiler {
    /// Reserves a point for `range` in the named block being compiled (nil outside one, e.g. class methods).
    func reservePoint(_ range: SourceRange) -> Int? { points?.add(range) }

    /// Whether reaching point `index` checks breakpoints: the first point is checked on entry
    /// instead, except in a loop body, where it runs again (PowerShell's `_generatingWhileOrDoLoop`).
    private func checks(_ index: Int) -> Bool { index != 0 || inLoopBody }

    /// `exec` preceded by reaching point `index`.
    func atPoint(_ index: Int?, _ exec: @escaping Exec) -> Exec {
        guard let index, let table = points, checks(index) else { return exec }
        let session = self.session
        return { frame, out in
            if let debugger = session.scriptDebugger { debugger.reached(table, index) }
            try exec(frame, out)
        }
    }

    func atPoint(_ index: Int?, _ eval: @escaping Eval) -> Eval {
        guard let index, let table = points, checks(index) else { return eval }
        let session = self.session
        return { frame in
            if let debugger = session.scriptDebugger { debugger.reached(table, index) }
            return try eval(frame)
        }
    }

    func atPoint(_ index: Int?, _ test: @escaping (Frame) throws -> Bool) -> (Frame) throws -> Bool {
        guard let index, let table = points, checks(index) else { return test }
        let session = self.session
        return { frame in
            if let debugger = session.scriptDebugger { debugger.reached(table, index) }
            return try test(frame)
        }
    }

    /// A closure that reaches point `index` (nil when there is nothing to reach).
    func pointReacher(_ index: Int?) -> (() -> Void)? {
        guard let index, let table = points, checks(index) else { return nil }
        let session = self.session
        return { if let debugger = session.scriptDebugger { debugger.reached(table, index) } }
    }

    /// Tells the debugger of a loop's automatic enumerator variable (`$foreach`, `$switch`) being set
    /// (true: to the loop's enumerator) or put back (false), which PowerShell assigns as a variable
    /// when it compiles for debugging (Set-PSDebug -Trace 2 shows `! SET $foreach = 'IEnumerator'.`).
    func automaticVariableSet(_ name: String) -> (Bool) -> Void {
        let session = self.session
        return { set in
            guard let debugger = session.scriptDebugger else { return }
            debugger.variableWriting(name, value: set ? .string("IEnumerator") : .null)
        }
    }

    /// The point to check at run time for `index`: -1 when there is none or it is not checked here.
    func checkedPoint(_ index: Int?) -> Int {
        guard let index, points != nil, checks(index) else { return -1 }
        return index
    }

    /// Reaches `point` of `table` when a debugger is set (the statement loops and loops call this
    /// inline rather than through a wrapping closure: one load and a compare per statement).
    @inline(__always)
    static func reach(_ session: ShellSession, _ table: SequencePoints?, _ point: Int) {
        if point >= 0, let debugger = session.scriptDebugger, let table { debugger.reached(table, point) }
    }

    /// A statement of a statement list with its point (-1: none checked): a pipeline's is taken before
    /// it is compiled, an assignment's after its value, compound statements place theirs themselves.
    func compileListedStatement(_ statement: Statement) -> (exec: Exec, point: Int) {
        switch statement {
        case .pipeline(let p):
            let index = reservePoint(p.range)
            return (compileStatement(statement), checkedPoint(index))
        case .chain(let c):
            let index = reservePoint(c.range)
            return (compileStatement(statement), checkedPoint(index))
        case .assignment(let a):
            let assign = compileAssignmentBody(a)
            return ({ frame, _ in _ = try assign(frame) }, checkedPoint(reservePoint(a.range)))
        case .break(let j), .continue(let j):
            let exec = compileStatement(statement)
            return (exec, checkedPoint(reservePoint(j.range)))
        case .return(let r):
            switch r.pipeline {
            case .pipeline(let p)?:
                let index = reservePoint(p.range)
                return (compileStatement(statement), checkedPoint(index))
            case .none:
                let exec = compileStatement(statement)
                return (exec, checkedPoint(reservePoint(r.range)))
            default: return (compileStatement(statement), -1)
            }
        case .exit(let r), .throw(let r):
            let exec = compileStatement(statement)
            return (exec, checkedPoint(reservePoint(r.range)))
        case .block(let b):
            let exec = compileStatement(statement)
            return (exec, checkedPoint(reservePoint(b.range)))
        case .function(let f):
            points?.nested.append(f.range)
            return (compileStatement(statement), -1)
        default:
            return (compileStatement(statement), -1)
        }
    }

    /// A loop or `if` condition (or a `for` initializer or iterator): its point, then the test.
    func conditionPoint(_ statement: Statement) -> Int? {
        if case .assignment = statement { return nil }  // the assignment has its own
        return reservePoint(statement.range)
    }

    /// A named block: a fresh table, the `{` point first, the `}` point last; the debugger is told
    /// when the block starts and reaches the `}` after the body, also when it returned.
    func compileNamedBlockWithPoints(_ b: NamedBlock, in sb: ScriptBlock, nested: NestedBlockRanges) -> Exec {
        let bodies = [sb.dynamicParamBlock, sb.beginBlock, sb.processBlock, sb.endBlock, sb.cleanBlock].compactMap { $0?.range }
        let table = SequencePoints(source: source.text, blockRange: sb.range, ownRange: b.range, bodyRanges: bodies, nested: nested)
        let saved = (points, inLoopBody)
        points = table
        inLoopBody = false
        defer { (points, inLoopBody) = saved }
        let bytes = source.text.bytes
        var entry: SourceRange?, exit: SourceRange?
        if b.isUnnamed {
            // A script file or a created script block has no braces; a function body or `{ }` literal does.
            let whole = sb.range.start == 0 && sb.range.end >= bytes.count
            if !whole, sb.range.end > sb.range.start, bytes[sb.range.start] == UInt8(ascii: "{"), bytes[sb.range.end - 1] == UInt8(ascii: "}") {
                entry = SourceRange(start: sb.range.start, end: sb.range.start + 1)
                exit = SourceRange(start: sb.range.end - 1, end: sb.range.end)
            }
        } else if let open = (b.range.start..<b.range.end).first(where: { bytes[$0] == UInt8(ascii: "{") }),
                  b.range.end > b.range.start, bytes[b.range.end - 1] == UInt8(ascii: "}") {
            entry = SourceRange(start: open, end: open + 1)
            exit = SourceRange(start: b.range.end - 1, end: b.range.end)
        }
        if let entry { _ = table.add(entry) }
        let body = compileBlock(b.body)
        let exitReach = exit.flatMap { pointReacher(table.add($0)) }
        if table.ranges.isEmpty { table.markWholeBlock() }
        let session = self.session
        let name = block.name
        return { frame, out in
            guard let debugger = session.scriptDebugger else { return try body(frame, out) }
            debugger.enterBlock(table, name: name)
            do {
                try body(frame, out)
            } catch let signal as ReturnSignal {
                exitReach?()
                throw signal
            }
            exitReach?()
        }
    }
}
