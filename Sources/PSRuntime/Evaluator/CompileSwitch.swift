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
}

/// What a clause body asked for.
enum SwitchFlow { case next, breakSwitch, nextItem }

extension Compiler {
    /// Runs a clause body, turning `break`/`continue` aimed at this switch into SwitchFlow.
    static func runSwitchBody(_ body: Exec, _ f: Frame, _ out: OutputSink, label: String?) throws -> SwitchFlow {
        do {
            try body(f, out)
        } catch let b as BreakSignal {
            if b.label == nil || b.label!.caseInsensitiveCompare(label ?? "") == .orderedSame { return .breakSwitch }
            throw b
        } catch let c as ContinueSignal {
            if c.label == nil || c.label!.caseInsensitiveCompare(label ?? "") == .orderedSame { return .nextItem }
            throw c
        }
        return .next
    }

    /// `switch` with `-Regex`, `-Wildcard`, `-Exact`, `-CaseSensitive`, `-File`; `break` leaves the
    /// switch, `continue` moves to the next input value; `default` runs when no clause matched.
    func compileSwitch(_ s: SwitchStatement) -> Exec {
        let underSlot = slot("_")
        let outerUses = usesSwitchEnumerator
        usesSwitchEnumerator = false
        defer { usesSwitchEnumerator = outerUses }
        var clauses: [(SwitchTest, Exec)] = []
        for c in s.clauses {
            let body = compileBlock(c.body)
            if case .scriptBlock(let sb) = c.pattern {
                let code = Compiler.compile(sb.body, session: session, source: source)
                clauses.append((Compiler.scriptTest(PSScriptBlock(text: code.text, body: code), underSlot, session), body))
            } else {
                clauses.append((.value(compileExpression(c.pattern)), body))
            }
        }
        let defaultBody = s.defaultBody.map { compileBlock($0) }
        let matchesSlot = slot("Matches")
        let flags = s.flags
        let caseSensitive = flags.contains(.caseSensitive)
        let label = s.label
        let condition = compileValue(s.condition)
        let session = self.session
        let plan = SwitchPlan(clauses: clauses, defaultBody: defaultBody, underSlot: underSlot, matchesSlot: matchesSlot,
                              flags: flags, caseSensitive: caseSensitive, label: label, condition: condition,
                              usesEnumerator: usesSwitchEnumerator)
        return { f, out in try Compiler.runSwitch(plan, f, out, session) }
    }

    static func scriptTest(_ block: PSScriptBlock, _ underSlot: Int, _ session: ShellSession) -> SwitchTest {
        .script({ f in
            let v = f.read(underSlot) ?? .null
            let out = try session.invokeCollect(block, dollarUnder: v, dotSource: true)
            return .bool(PSConvert.toBool(out.count == 1 ? out[0] : .array(PSArray(out))))
        })
    }

    static func switchItems(_ plan: SwitchPlan, _ f: Frame, _ session: ShellSession) throws -> [PSValue] {
        let cv = try plan.condition(f)
        if plan.flags.contains(.file) {
            let path = session.resolvePath(PSConvert.toString(cv))
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw PSRuntimeError.message("Cannot find path '\(path)' because it does not exist.",
                                             errorId: "PathNotFound", category: .objectNotFound,
                                             exceptionType: "System.Management.Automation.ItemNotFoundException")
            }
            var lines = text.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            return lines.map { .string($0.hasSuffix("\r") ? String($0.dropLast()) : $0) }
        }
        if case .array(let a) = cv { return a.elements }
        return [cv]
    }

    /// A clause against the current `$_` (a clause body may have assigned it). Values compare as
    /// strings, as PowerShell's switch does: `4` does not match `[DayOfWeek]::Thursday`, 'Thursday' does.
    static func switchMatches(_ plan: SwitchPlan, _ test: SwitchTest, _ f: Frame, _ session: ShellSession) throws -> Bool {
        switch test {
        case .script(let e): return PSConvert.toBool(try e(f))
        case .value(let e):
            let pv = try e(f)
            let item = f.read(plan.underSlot) ?? .null
            if case .scriptBlock(let sb) = pv {
                let out = try session.invokeCollect(sb, dollarUnder: item, dotSource: false)
                return PSConvert.toBool(out.count == 1 ? out[0] : .array(PSArray(out)))
            }
            if case .null = pv { return item.isNull }
            if plan.flags.contains(.regex) || { if case .regex = pv { return true }; return false }() {
                let text = PSConvert.toString(item)
                let re = try session.regexCache.get(PSConvert.toString(pv), ignoreCase: !plan.caseSensitive)
                guard let m = re.regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) else { return false }
                try f.write(plan.matchesSlot, .hashtable(StringOperators.matchesTable(m, in: text, regex: re.regex)))
                return true
            }
            if plan.flags.contains(.wildcard) {
                return Comparison.like(PSConvert.toString(item), PSConvert.toString(pv), caseSensitive: plan.caseSensitive)
            }
            let a = PSConvert.toString(item), b = PSConvert.toString(pv)
            return plan.caseSensitive ? a == b : a.caseInsensitiveCompare(b) == .orderedSame
        }
    }

    static func runSwitch(_ plan: SwitchPlan, _ f: Frame, _ out: OutputSink, _ session: ShellSession) throws {
        let items = try switchItems(plan, f, session)
        let cell = f.slots[plan.underSlot]
        let saved: PSValue? = cell.isSet ? cell.value : nil
        var failure: Error? = nil
        do {
            try switchLoop(plan, items, f, out, session)
        } catch {
            failure = error
        }
        if let saved { cell.value = saved } else { cell.isSet = false }
        if let failure { throw failure }
    }

    static func switchLoop(_ plan: SwitchPlan, _ items: [PSValue], _ f: Frame, _ out: OutputSink, _ session: ShellSession) throws {
        if plan.usesEnumerator {
            // `$switch.MoveNext()` / `Reset()` in a clause move the switch itself.
            let e = LoopEnumerator(items)
            f.runningLoops.append(RunningLoop(isSwitch: true, enumerator: e))
            defer { f.runningLoops.removeLast() }
            while e.moveNext() {
                if try !switchItem(plan, e.current, f, out, session) { return }
            }
            return
        }
        for item in items {
            if try !switchItem(plan, item, f, out, session) { return }
        }
    }

    /// One input value through the clauses; false when `break` ended the switch.
    static func switchItem(_ plan: SwitchPlan, _ item: PSValue, _ f: Frame, _ out: OutputSink, _ session: ShellSession) throws -> Bool {
        try f.write(plan.underSlot, item)
        var matched = false
        var flow = SwitchFlow.next
        for (test, body) in plan.clauses {
            if try !switchMatches(plan, test, f, session) { continue }
            matched = true
            flow = try runSwitchBody(body, f, out, label: plan.label)
            if flow != .next { break }
        }
        if flow == .breakSwitch { return false }
        if flow == .nextItem { return true }
        if !matched, let d = plan.defaultBody {
            if try runSwitchBody(d, f, out, label: plan.label) == .breakSwitch { return false }
        }
        return true
    }

    /// `a && b || c`: each pipeline runs only when the previous one's `$?` allows.
    func compileChain(_ c: PipelineChain) -> Exec {
        let left = compileStatement(c.left)
        let right = compilePipeline(c.right)
        let isAnd = c.isAnd
        let session = self.session
        return { f, out in
            try left(f, out)
            if session.lastSuccess == isAnd { try right(f, out) }
        }
    }
}
