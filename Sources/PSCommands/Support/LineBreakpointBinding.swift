import PSLanguage
import PSRuntime

/// The store as the session's `ScriptDebugger`: line breakpoints bound to sequence points and
/// Set-PSDebug's trace lines.
extension BreakpointStore: ScriptDebugger {
    func enterBlock(_ points: SequencePoints, name: String) {
        // PowerShell's EnterScriptFunction checks the block's first point (its `{`, or a script's first statement).
        reached(points, 0)
        if traceLevel >= 2, !inAction, let session {
            let shown = name.isEmpty ? "<ScriptBlock>" : name
            let text = points.file.map { "    ! CALL function '\(shown)'  (defined in file '\($0)')" } ?? "    ! CALL function '\(shown)'"
            session.host.write("DEBUG: \(text)\n", stream: .debug)
        }
    }

    func reached(_ points: SequencePoints, _ index: Int) {
        guard !inAction, let session else { return }
        if traceLevel >= 1, index < points.ranges.count { trace(points, points.ranges[index], session) }
        if points.bindingGeneration != generation { bind(points) }
        guard let bound = points.bound[index] else { return }
        for case let b as Breakpoint in bound where b.enabled { hit(b) }
    }

    /// Set-PSDebug -Trace 2's `! SET $name = 'value'.` (the value's text cut to fit 60 characters
    /// with the name, as TraceVariableSet does); then, once the value is set, variable breakpoints on
    /// writes: Write and ReadWrite ones on this name, set for no script or for the script the code is in.
    func variableWriting(_ name: String, value: PSValue) {
        guard traceLevel >= 2, !inAction, let session else { return }
        var text = session.expandToString(value)
        let room = 60 - name.count
        if text.count > room { text = String(text.prefix(max(0, room))) + "\u{2026}" }
        session.host.write("DEBUG:     ! SET $\(name) = '\(text)'.\n", stream: .debug)
    }

    func variableWritten(_ name: String, file: String?) {
        guard !inAction else { return }
        for b in breakpoints where b.enabled {
            guard case .variable(let variable, let mode) = b.kind, mode.lowercased() != "read",
                  variable.caseInsensitiveCompare(name) == .orderedSame || (variable.lowercased() == "psitem" && name == "_") else { continue }
            guard b.script == nil || b.script == file || b.realScript == file else { continue }
            hit(b)
        }
    }

    /// `DEBUG:    3+ line text with  >>>> before the statement` (PositionUtilities.BriefMessage).
    private func trace(_ points: SequencePoints, _ range: SourceRange, _ session: ShellSession) {
        let start = points.lineColumns(range)
        var line = points.source.lineText(start.startLine)
        let characters = Array(line)
        if start.startColumn > characters.count {
            line += " <<<< "
        } else {
            line = String(characters[..<(start.startColumn - 1)]) + " >>>> " + String(characters[(start.startColumn - 1)...])
        }
        let number = String(start.startLine)
        session.host.write("DEBUG: \(String(repeating: " ", count: max(0, 4 - number.count)))\(number)+ \(line)\n", stream: .debug)
    }

    /// Which point of this block each line breakpoint on its file stops at (LineBreakpoint.TrySetBreakpoint):
    /// the first point holding the line (and column); not when the line is inside a nested function or
    /// script block, unless that point starts on the line (column 0 only); a line before all the
    /// block's code binds to its first point; a line with no code, to the next line's first point.
    private func bind(_ points: SequencePoints) {
        points.bindingGeneration = generation
        points.bound = [:]
        guard let file = points.file, !points.wholeBlockOnly else { return }
        for b in breakpoints {
            guard case .line(let line, let column) = b.kind, b.script == file || b.realScript == file,
                  points.contains(points.blockRange, line: line, column: column) else { continue }
            // Bound once, to the first block that has a point for it (PowerShell's pending breakpoints).
            if let key = b.boundBlock, key != points.key { continue }
            if let index = firstPoint(points, line: line, column: column) {
                points.bound[index, default: []].append(b)
                b.boundBlock = points.key
            }
        }
    }

    private func firstPoint(_ points: SequencePoints, line: Int, column: Int) -> Int? {
        let inNested = points.nested.ranges.contains { points.contains($0, line: line, column: column) }
        if let i = points.ranges.firstIndex(where: { points.contains($0, line: line, column: column) }) {
            if !inNested || (points.lineColumns(points.ranges[i]).startLine == line && column == 0) { return i }
        }
        if inNested { return nil }
        if points.bodyRanges.allSatisfy({ points.isAfter($0, line: line, column: column) }) { return 0 }
        if column == 0 { return points.ranges.firstIndex { points.contains($0, line: line + 1, column: 0) } }
        return nil
    }
}
