import PSRuntime

/// Set-PSDebug: script tracing (-Trace 1 shows each statement as it is reached, 2 also each function
/// entered, as `DEBUG:` lines on the host) and -Strict (strict mode 1 in the global scope); -Off ends
/// both. The trace lines come from the session's breakpoint store, which the compiled code tells of
/// each sequence point. -Step (a prompt before each statement) is accepted and traces as level 1.
final class SetPSDebugCommand: Cmdlet {
    static let trace = Parameter<Int32>("Trace", sets: ["on"], validate: [.range(min: 0, max: 2)])
    static let step = Parameter<SwitchParameter>("Step", sets: ["on"])
    static let strict = Parameter<SwitchParameter>("Strict", sets: ["on"])
    static let off = Parameter<SwitchParameter>("Off", sets: ["off"])
    static let declaration = CmdletDeclaration(
        "Set-PSDebug", parameters: [trace, step, strict, off],
        synopsis: "Turns script debugging features on and off, sets the trace level, and toggles strict mode.",
        description: "-Trace 1 writes a DEBUG line for each statement as it runs (its line, with >>>> before the statement); -Trace 2 also names each function entered; -Strict sets strict mode 1 in the global scope; -Off turns tracing and strict mode off.")

    func process(_ context: CmdletContext) throws {
        let store = BreakpointStore.of(context.session)
        if context[Self.off] {
            store.traceLevel = 0
            context.session.globalScope.strictModeSetting = nil
            return
        }
        let stepGiven = context.isBound(Self.step)
        if let level = context[Self.trace] {
            store.traceLevel = Int(level) < 1 && !(stepGiven && context[Self.step]) ? 0 : max(Int(level), stepGiven ? 1 : 0)
        } else if stepGiven {
            store.traceLevel = context[Self.step] ? max(store.traceLevel, 1) : store.traceLevel
        }
        if context.isBound(Self.strict) {
            context.session.globalScope.strictModeSetting = context[Self.strict] ? 1 : 0
        }
    }
}
