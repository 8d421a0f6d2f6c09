import PSRuntime

/// Get-PSCallStack: the script frames running now, innermost first, as CallStackFrame objects
/// (Command, Location, Arguments, ScriptName, ScriptLineNumber, InvocationInfo, FunctionName).
final class GetPSCallStackCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-PSCallStack", parameters: [], outputTypes: ["System.Management.Automation.CallStackFrame"],
        synopsis: "Displays the current call stack.",
        description: "Writes one CallStackFrame per function, script block and script running now, the innermost (where Get-PSCallStack runs) first, each with the line it is at and its arguments.")

    func end(_ context: CmdletContext) throws {
        for frame in context.session.callStackFrames(at: context.position) { try context.writeObject(frame) }
    }
}
