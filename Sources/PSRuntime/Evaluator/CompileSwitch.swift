import Foundation
import PSLanguage

/// A switch clause's test: a script block predicate or a value to compare with.
enum SwitchTest {
    case script(Eval)
    case value(Eval)
}

/// A compiled switch statement.
struct SwitchPlan {
    let clauses: [(SwitchTest, Exec)]
    let defaultBody: Exec?
    let underSlot: Int
    let matchesSlot: Int
    let flags: SwitchFlags
    let caseSensitive: Bool
    let label: String?
    let condition: Eval
    /// A clause reads `$switch`.
    let usesEnumerator: Bool
    /// Reaches the condition's sequence point (before each move to the next value).
    let move: () -> Void
    /// Reach each clause's sequence point (before its test).
    let clauseReachers: [() -> Void]
    /// Tells the debugger of `$switch` being set and put back.
    let setEnumerator: (Bool) -> Void
}

/// What a clause body asked for.
enum SwitchFlow { case next, breakSwitch, nextItem }

extension Compiler {
    /// Runs a clause body, turning `break`/`continue` aimed at this switch into SwitchFlow.
    static func runSwitchBody(_ body: Exec, _ frame: Frame, _ out: OutputSink, label: String?) throws -> SwitchFlow {
        do {
            try body(frame, out)
        } catch let breakSignal as BreakSignal {
            if breakSignal.label == nil || breakSignal.label!.caseInsensitiveCompare(label ?? "") == .orderedSame { return .breakSwitch }
            throw breakSignal
        } catch let continueSignal as ContinueSignal {
            if continueSignal.label == nil || continueSignal.label!.caseInsensitiveCompare(label ?? "") == .orderedSame { return .nextItem }
            throw continueSignal
        }
        return .next
    }

    /// `switch` with `-Regex`, `-Wildcard`, `-Exact`, `-CaseSensitive`, `-File`; `break` leaves the
    /// switch, `continue` moves to the next input value; `default` runs when no clause matched.
    func compileSwitch(_ statement: SwitchStatement) -> Exec {
        let underSlot = slot("_")
        let outerUses = usesSwitchEnumerator
        usesSwitchEnumerator = false
        defer { usesSwitchEnumerator = outerUses }
        // The condition's point is not checked before it is computed, but on every move through its
        // values (the last, failing move too), as PowerShell's switch enumerates (unless it is the
        // block's first point, which is checked on entry instead); each clause's test has its own,
        // reached before the test, then the clause body's points.
        let conditionIndex = reservePoint(statement.condition.range)
        var clauses: [(SwitchTest, Exec)] = []
        var clauseReachers: [() -> Void] = []
        for clause in statement.clauses {
            let test: SwitchTest
            if case .scriptBlock(let literal) = clause.pattern {
                points?.nested.append(literal.range)
                let code = Compiler.compile(literal.body, session: session, source: source)
                test = Compiler.scriptTest(PSScriptBlock(text: code.text, body: code), underSlot, session)
            } else {
                test = .value(compileExpression(clause.pattern))
            }
            clauseReachers.append(pointReacher(reservePoint(clause.pattern.range)) ?? {})
            clauses.append((test, compileBlock(clause.body)))
        }
        let defaultBody = statement.defaultBody.map { compileBlock($0) }
        let matchesSlot = slot("Matches")
        let flags = statement.flags
        let caseSensitive = flags.contains(.caseSensitive)
        let label = statement.label
        let condition = compileValue(statement.condition)
        let session = self.session
        let plan = SwitchPlan(clauses: clauses, defaultBody: defaultBody, underSlot: underSlot, matchesSlot: matchesSlot,
                              flags: flags, caseSensitive: caseSensitive, label: label, condition: condition,
                              usesEnumerator: usesSwitchEnumerator, move: pointReacher(conditionIndex) ?? {},
                              clauseReachers: clauseReachers, setEnumerator: automaticVariableSet("switch"))
        return { frame, out in try Compiler.runSwitch(plan, frame, out, session) }
    }

    static func scriptTest(_ block: PSScriptBlock, _ underSlot: Int, _ session: ShellSession) -> SwitchTest {
        .script({ frame in
            let v = frame.read(underSlot) ?? .null
            let out = try session.invokeCollect(block, dollarUnder: v, dotSource: true)
            return .bool(PSConvert.toBool(out.count == 1 ? out[0] : .array(PSArray(out))))
        })
    }

    static func switchItems(_ plan: SwitchPlan, _ frame: Frame, _ session: ShellSession) throws -> [PSValue] {
        let condition = try plan.condition(frame)
        if plan.flags.contains(.file) {
            let path = session.resolvePath(PSConvert.toString(condition))
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw PSRuntimeError.message("Cannot find path '\(path)' because it does not exist.",
                                             errorId: "PathNotFound", category: .objectNotFound,
                                             exceptionType: "System.Management.Automation.ItemNotFoundException")
            }
            var lines = text.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            return lines.map { .string($0.hasSuffix("\r") ? String($0.dropLast()) : $0) }
        }
        if case .array(let array) = condition { return array.elements }
        return [condition]
    }

    /// A clause against the current `$_` (a clause body may have assigned it). Values compare as
    /// strings, as PowerShell's switch does: `4` does not match `[DayOfWeek]::Thursday`, 'Thursday' does.
    static func switchMatches(_ plan: SwitchPlan, _ test: SwitchTest, _ frame: Frame, _ session: ShellSession) throws -> Bool {
        switch test {
        case .script(let compute): return PSConvert.toBool(try compute(frame))
        case .value(let compute):
            let pattern = try compute(frame)
            let item = frame.read(plan.underSlot) ?? .null
            if case .scriptBlock(let block) = pattern {
                let out = try session.invokeCollect(block, dollarUnder: item, dotSource: false)
                return PSConvert.toBool(out.count == 1 ? out[0] : .array(PSArray(out)))
            }
            if case .null = pattern { return item.isNull }
            if plan.flags.contains(.regex) || { if case .regex = pattern { return true }; return false }() {
                let text = PSConvert.toString(item)
                let compiledPattern = try session.regexCache.get(PSConvert.toString(pattern), ignoreCase: !plan.caseSensitive)
                guard let match = compiledPattern.regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) else { return false }
                try frame.write(plan.matchesSlot, .hashtable(StringOperators.matchesTable(match, in: text, regex: compiledPattern.regex)))
                return true
            }
            if plan.flags.contains(.wildcard) {
                return Comparison.like(PSConvert.toString(item), PSConvert.toString(pattern), caseSensitive: plan.caseSensitive)
            }
            let text = PSConvert.toString(item), patternText = PSConvert.toString(pattern)
            return plan.caseSensitive ? text == patternText : text.caseInsensitiveCompare(patternText) == .orderedSame
        }
    }

    static func runSwitch(_ plan: SwitchPlan, _ frame: Frame, _ out: OutputSink, _ session: ShellSession) throws {
        let items = try switchItems(plan, frame, session)
        plan.setEnumerator(true)
        defer { plan.setEnumerator(false) }
        let cell = frame.slots[plan.underSlot]
        let saved: PSValue? = cell.isSet ? cell.value : nil
        var failure: Error? = nil
        do {
            try switchLoop(plan, items, frame, out, session)
        } catch {
            failure = error
        }
        if let saved { cell.value = saved } else { cell.isSet = false }
        if let failure { throw failure }
    }

    static func switchLoop(_ plan: SwitchPlan, _ items: [PSValue], _ frame: Frame, _ out: OutputSink, _ session: ShellSession) throws {
        if plan.usesEnumerator {
            // `$switch.MoveNext()` / `Reset()` in a clause move the switch itself.
            let enumerator = LoopEnumerator(items)
            frame.runningLoops.append(RunningLoop(isSwitch: true, enumerator: enumerator))
            defer { frame.runningLoops.removeLast() }
            while true {
                plan.move()
                guard enumerator.moveNext() else { break }
                if try !switchItem(plan, enumerator.current, frame, out, session) { return }
            }
            return
        }
        for item in items {
            plan.move()
            if try !switchItem(plan, item, frame, out, session) { return }
        }
        plan.move()
    }

    /// One input value through the clauses; false when `break` ended the switch.
    static func switchItem(_ plan: SwitchPlan, _ item: PSValue, _ frame: Frame, _ out: OutputSink, _ session: ShellSession) throws -> Bool {
        try frame.write(plan.underSlot, item)
        var matched = false
        var flow = SwitchFlow.next
        for (index, (test, body)) in plan.clauses.enumerated() {
            plan.clauseReachers[index]()
            if try !switchMatches(plan, test, frame, session) { continue }
            matched = true
            flow = try runSwitchBody(body, frame, out, label: plan.label)
            if flow != .next { break }
        }
        if flow == .breakSwitch { return false }
        if flow == .nextItem { return true }
        if !matched, let defaultBody = plan.defaultBody {
            if try runSwitchBody(defaultBody, frame, out, label: plan.label) == .breakSwitch { return false }
        }
        return true
    }

    /// `a && b || c`: each pipeline runs only when the previous one's `$?` allows.
    func compileChain(_ chain: PipelineChain) -> Exec {
        if chain.isBackground { return compileBackground(.chain(chain), range: chain.range) }
        let left = compileStatement(chain.left)
        let right = compilePipeline(chain.right)
        let isAnd = chain.isAnd
        let session = self.session
        if let traps = enclosingTraps {
            // Under a trap, each pipeline's error goes to the trap here; when it continues (or falls off
            // its end), the pipeline counts as failed and the chain goes on, as PowerShell's chains do.
            let trapped: (Exec, Frame, OutputSink) throws -> Void = { element, frame, out in
                do {
                    try element(frame, out)
                } catch let e as PSRuntimeError where e.brokeOutOfTraps != ObjectIdentifier(traps) {
                    try Compiler.handleTrap(e, traps, frame, out, session)
                    session.lastSuccess = false
                }
            }
            return { frame, out in
                try trapped(left, frame, out)
                if session.lastSuccess == isAnd { try trapped(right, frame, out) }
            }
        }
        return { frame, out in
            do {
                try left(frame, out)
            } catch let e as PSRuntimeError where session.tryDepth == 0 {
                // A pipeline-terminating error on the left (ThrowTerminatingError) is reported as a
                // statement's would be, `$?` false, and the chain goes on to `||` (PowerShell's
                // pipeline chain error semantics); script-terminating ones still end the script.
                try Compiler.statementFailed(e, session: session, frame: frame, out: out)
            }
            if session.lastSuccess == isAnd { try right(frame, out) }
        }
    }
}
