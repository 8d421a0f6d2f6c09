/// The script frames running now (a function, script block or script file per block it runs), as
/// PowerShell's debugger keeps them for Get-PSCallStack, and the ErrorRecord.ScriptStackTrace made
/// from them: one `at <function>, <file>: line <n>` line per frame, innermost first.
struct ScriptCallFrame {
    /// PowerShell's FunctionName: `f`, `f<Begin>`, `f<Process>`, `<ScriptBlock>` for a script block
    /// or script file.
    let functionName: String
    /// Where the frame was called from, in its caller's code.
    let callSite: ScriptExtent?
}

extension ShellSession {
    /// The trace for an error at `position` in the innermost frame. A script run by `-File` sits
    /// under the host's own frame (`at <ScriptBlock>, <No file>: line 1`), as in pwsh.
    func scriptStackTrace(at position: ScriptExtent?) -> String {
        var lines: [String] = []
        var where_ = position
        for frame in callFrames.reversed() {
            lines.append(ShellSession.frameLine(frame.functionName, where_))
            where_ = frame.callSite
        }
        if callFramesUnderHost { lines.append(ShellSession.frameLine("<ScriptBlock>", nil)) }
        return lines.joined(separator: "\n")
    }

    static func frameLine(_ name: String, _ position: ScriptExtent?) -> String {
        let file = position?.file.flatMap { $0.isEmpty ? nil : $0 } ?? "<No file>"
        return "at \(name), \(file): line \(position?.startLine ?? 1)"
    }

    /// Sets the record's ScriptStackTrace from the frames running now, once (PowerShell locks it
    /// when the error first gets its position).
    func lockScriptStackTrace(_ r: ErrorRecord, at position: ScriptExtent? = nil) {
        guard r.scriptStackTrace == nil, !callFrames.isEmpty else { return }
        r.scriptStackTrace = scriptStackTrace(at: r.position ?? position)
    }
}
