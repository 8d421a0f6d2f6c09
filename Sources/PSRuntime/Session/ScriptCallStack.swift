import Foundation
/// The script frames running now (a function, script block or script file per block it runs), as
/// PowerShell's debugger keeps them for Get-PSCallStack, and the ErrorRecord.ScriptStackTrace made
/// from them: one `at <function>, <file>: line <n>` line per frame, innermost first.
struct ScriptCallFrame {
    /// PowerShell's FunctionName: `f`, `f<Begin>`, `f<Process>`, `<ScriptBlock>` for a script block
    /// or script file.
    let functionName: String
    /// Where the frame was called from, in its caller's code.
    let callSite: ScriptExtent?
    /// CallStackFrame.Command: the function's name, a script file's name, `<ScriptBlock>` for a block.
    var command = "<ScriptBlock>"
    /// The frame's variables ($MyInvocation, $PSBoundParameters and $args for Get-PSCallStack).
    var frame: Frame?
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

extension ShellSession {
    /// Get-PSCallStack's CallStackFrame objects, innermost first: each frame's command, the line it
    /// is at (`position` in the innermost, the next frame's call site in the others), its file and
    /// its arguments as PowerShell's type data formats them (`{name=value, unbound}`).
    public func callStackFrames(at position: ScriptExtent?) -> [PSValue] {
        var out: [PSValue] = []
        var where_ = position
        for frame in callFrames.reversed() {
            out.append(.object(Self.callStackFrame(name: frame.functionName, command: frame.command, at: where_, frame: frame.frame)))
            where_ = frame.callSite
        }
        if callFramesUnderHost { out.append(.object(Self.callStackFrame(name: "<ScriptBlock>", command: "<ScriptBlock>", at: nil, frame: nil))) }
        return out
    }

    private static func callStackFrame(name: String, command: String, at position: ScriptExtent?, frame: Frame?) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.CallStackFrame", "System.Object"])
        let file = position?.file.flatMap { $0.isEmpty ? nil : $0 }
        let line = position?.startLine ?? 0
        var parts: [String] = []
        if let bound = frame?.boundParameters {
            for (k, v) in bound.pairs { parts.append(PSConvert.toString(k) + "=" + (PSConvert.toBool(v) ? PSConvert.toString(v) : "")) }
        }
        if let unbound = frame?.args {
            for a in unbound { parts.append(PSConvert.toBool(a) ? PSConvert.toString(a) : (a.isNull ? "$null" : "")) }
        }
        o.addNote("Command", .string(command))
        o.addNote("Location", .string(file.map { (($0 as NSString).lastPathComponent) + ": line \(line)" } ?? "<No file>"))
        o.addNote("Arguments", .string("{" + parts.joined(separator: ", ") + "}"))
        o.addNote("ScriptName", file.map { .string($0) } ?? .null)
        o.addNote("ScriptLineNumber", .int(Int32(line)))
        let invocation = frame.map { $0.myInvocation.isNull ? $0.scope.invocationInfo ?? .null : $0.myInvocation } ?? .null
        o.addNote("InvocationInfo", invocation)
        o.addNote("FunctionName", .string(name))
        o.defaultDisplayProperties = ["Command", "Arguments", "Location"]
        o.toStringHandler = { _ in frameLine(name, position) }
        return o
    }
}
