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

    /// A statement of a statement list with its point: a pipeline's is taken before it is compiled,
    /// an assignment's inside `compileAssignment`, compound statements place theirs themselves.
    func compileListedStatement(_ statement: Statement) -> Exec {
        switch statement {
        case .pipeline(let p):
            let index = reservePoint(p.range)
            return atPoint(index, compileStatement(statement))
        case .chain(let c):
            let index = reservePoint(c.range)
            return atPoint(index, compileStatement(statement))
        case .break(let j), .continue(let j):
            let exec = compileStatement(statement)
            return atPoint(reservePoint(j.range), exec)
        case .return(let r):
            switch r.pipeline {
            case .pipeline(let p)?:
                let index = reservePoint(p.range)
                return atPoint(index, compileStatement(statement))
            case .none:
                let exec = compileStatement(statement)
                return atPoint(reservePoint(r.range), exec)
            default: return compileStatement(statement)
            }
        case .exit(let r), .throw(let r):
            let exec = compileStatement(statement)
            return atPoint(reservePoint(r.range), exec)
        case .block(let b):
            let exec = compileStatement(statement)
            return atPoint(reservePoint(b.range), exec)
        case .function(let f):
            points?.nested.append(f.range)
            return compileStatement(statement)
        default:
            return compileStatement(statement)
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
