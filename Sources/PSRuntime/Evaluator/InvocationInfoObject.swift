import Foundation

/// `$MyInvocation` and its `MyCommand`, shaped as PowerShell 7's InvocationInfo and CommandInfo.
/// The position is the *call site*: ScriptName, Line, PSScriptRoot and PSCommandPath describe the
/// caller (empty for a script started from the command line), while `$PSScriptRoot` and
/// `$PSCommandPath` (compiled from the code's own file) describe the running script.
enum InvocationInfoObject {
    static func make(command: PSObject, invocationName: String, position: ScriptExtent?, expectingInput: Bool,
                     pipelinePosition: Int = 1, pipelineLength: Int = 1,
                     boundParameters: @escaping () -> PSHashtable, unboundArguments: @escaping () -> [PSValue]) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.InvocationInfo", "System.Object"])
        o.addNote("MyCommand", .object(command))
        o.addProperty("BoundParameters") { _ in .hashtable(boundParameters()) }
        o.addProperty("UnboundArguments") { _ in .array(PSArray(unboundArguments())) }
        // Made on every call but seldom read: the position's parts (linear in the line's length to
        // work out) are computed when read.
        o.addProperty("ScriptLineNumber") { _ in .int(Int32(clamping: position?.startLine ?? 0)) }
        o.addProperty("OffsetInLine") { _ in .int(Int32(clamping: position?.startColumn ?? 0)) }
        let file = position?.file ?? ""
        o.addNote("ScriptName", .string(file))
        // PowerShell's line keeps its terminator (all but a script's last line end in a newline).
        o.addProperty("Line") { _ in .string(position.map { $0.lineText + $0.lineTerminator } ?? "") }
        o.addProperty("Statement") { _ in .string(position?.text ?? "") }
        o.addProperty("PositionMessage") { _ in .string(ErrorRendering.positionMessage(position)) }
        for name in ["ScriptLineNumber", "OffsetInLine", "Line", "Statement", "PositionMessage"] {
            o.setMemberType(name, "NoteProperty")
        }
        o.addNote("PSScriptRoot", .string(file.isEmpty ? "" : (file as NSString).deletingLastPathComponent))
        // $null, not "", when there is no calling script (PowerShell issue 23828 documents the quirk).
        o.addNote("PSCommandPath", file.isEmpty ? .null : .string(file))
        o.addNote("InvocationName", .string(invocationName))
        // Commands of the calling pipeline (a leading expression is its input, not a command).
        o.addNote("PipelineLength", .int(position == nil ? 0 : Int32(pipelineLength)))
        o.addNote("PipelinePosition", .int(position == nil ? 0 : Int32(pipelinePosition)))
        o.addNote("ExpectingInput", .bool(expectingInput))
        o.addNote("CommandOrigin", .string(position == nil ? "Runspace" : "Internal"))
        o.addNote("DisplayScriptPosition", .null)
        return o
    }

    /// A `.ps1` file: Name is the file name; Path, Definition and Source the full path.
    static func externalScript(path: String, code: CompiledBlock) -> PSObject {
        let name = (path as NSString).lastPathComponent
        let cmd = PSObject(typeNames: ["System.Management.Automation.ExternalScriptInfo",
                                       "System.Management.Automation.CommandInfo", "System.Object"])
        cmd.addNote("Path", .string(path))
        cmd.addNote("Definition", .string(path))
        cmd.addNote("Source", .string(path))
        cmd.addNote("Name", .string(name))
        cmd.addNote("CommandType", .string("ExternalScript"))
        cmd.addNote("ScriptContents", .string(String(decoding: code.source.text.bytes, as: UTF8.self)))
        cmd.addNote("ScriptBlock", .scriptBlock(PSScriptBlock(text: code.text, body: code)))
        cmd.addNote("Version", .null)
        cmd.addNote("ModuleName", .string(""))
        cmd.addNote("Module", .null)
        cmd.toStringHandler = { _ in name }
        return cmd
    }

    /// A function or filter: Definition is its body; it has no Path.
    static func function(name: String, code: CompiledBlock) -> PSObject {
        let cmd = PSObject(typeNames: ["System.Management.Automation.FunctionInfo",
                                       "System.Management.Automation.CommandInfo", "System.Object"])
        cmd.addNote("Name", .string(name))
        cmd.addNote("CommandType", .string("Function"))
        cmd.addNote("Definition", .string(code.text))
        cmd.addNote("ScriptBlock", .scriptBlock(PSScriptBlock(text: code.text, body: code)))
        cmd.addNote("Source", .string(""))
        cmd.addNote("ModuleName", .string(""))
        cmd.addNote("Module", .null)
        cmd.toStringHandler = { _ in name }
        return cmd
    }

    /// A script block run with `&` or `.`: no name, its text as the definition.
    static func scriptBlock(code: CompiledBlock) -> PSObject {
        let cmd = PSObject(typeNames: ["System.Management.Automation.ScriptInfo",
                                       "System.Management.Automation.CommandInfo", "System.Object"])
        cmd.addNote("Name", .string(""))
        cmd.addNote("CommandType", .string("Script"))
        cmd.addNote("Definition", .string(code.text))
        cmd.addNote("ScriptBlock", .scriptBlock(PSScriptBlock(text: code.text, body: code)))
        cmd.toStringHandler = { _ in code.text }
        return cmd
    }
}
