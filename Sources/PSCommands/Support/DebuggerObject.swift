import Foundation
import PSRuntime

/// A runspace's `Debugger` (System.Management.Automation.ScriptDebugger): the session's breakpoints
/// through methods (GetBreakpoints, SetLineBreakpoint, EnableBreakpoint, ...), its DebugMode, and the
/// state of a debugger that never stops (InBreakpoint false; IsActive while breakpoints or tracing exist).
enum DebuggerObject {
    static let debugModeType = PSEnumType(fullName: "System.Management.Automation.DebugModes",
                                          members: [("None", 0), ("Default", 1), ("LocalScript", 2), ("RemoteScript", 4)], isFlags: true)

    /// The session's one Debugger object.
    static func of(_ session: ShellSession) -> PSObject {
        let store = BreakpointStore.of(session)
        if let made = store.debuggerObject { return made }
        let o = make(store, session)
        store.debuggerObject = o
        return o
    }

    private static func make(_ store: BreakpointStore, _ session: ShellSession) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.ScriptDebugger", "System.Management.Automation.Debugger", "System.Object"])
        o.addProperty("DebugMode") { _ in debugModeType.value(named: store.debugMode).map { .enumValue($0) } ?? .string(store.debugMode) }
        o.addProperty("InBreakpoint") { _ in .false }
        o.addProperty("IsActive") { _ in .bool(!store.breakpoints.isEmpty || store.traceLevel > 0) }
        o.addVoidMethod("SetDebugMode") { _, args in
            guard args.count == 1 else { throw DotNetErrors.noOverload("SetDebugMode", argumentCount: args.count) }
            let converted = try PSConvert.convert(args[0], to: .enumType(debugModeType), types: session.types)
            store.debugMode = PSConvert.toString(converted)
        }
        o.addMethod("GetBreakpoints") { _, args in
            .array(PSArray(store.breakpoints.map { .object($0.object) }))
        }
        o.addMethod("GetBreakpoint") { _, args in
            guard args.count >= 1 else { throw DotNetErrors.noOverload("GetBreakpoint", argumentCount: args.count) }
            let id = try PSConvert.toInt32(args[0])
            return store.find(id: Int(id)).map { .object($0.object) } ?? .null
        }
        o.addMethod("RemoveBreakpoint") { _, args in
            guard args.count >= 1 else { throw DotNetErrors.noOverload("RemoveBreakpoint", argumentCount: args.count) }
            guard let b = store.find(args[0]), store.breakpoints.contains(where: { $0 === b }) else { return .false }
            store.remove(b)
            return .true
        }
        o.addMethod("EnableBreakpoint") { _, args in
            guard args.count >= 1 else { throw DotNetErrors.noOverload("EnableBreakpoint", argumentCount: args.count) }
            guard let b = store.find(args[0]) else { return .null }
            b.enabled = true
            return .object(b.object)
        }
        o.addMethod("DisableBreakpoint") { _, args in
            guard args.count >= 1 else { throw DotNetErrors.noOverload("DisableBreakpoint", argumentCount: args.count) }
            guard let b = store.find(args[0]) else { return .null }
            b.enabled = false
            return .object(b.object)
        }
        // SetLineBreakpoint(path, line, column, action), SetCommandBreakpoint(command, action, path),
        // SetVariableBreakpoint(name, mode, action, path): as Set-PSBreakpoint makes them.
        o.addMethod("SetLineBreakpoint") { _, args in
            guard args.count >= 2 else { throw DotNetErrors.noOverload("SetLineBreakpoint", argumentCount: args.count) }
            let path = PSConvert.toString(args[0])
            let line = Int(try PSConvert.toInt32(args[1]))
            let column = args.count > 2 ? Int(try PSConvert.toInt32(args[2])) : 0
            let b = store.add { Breakpoint(id: $0, kind: .line(line: line, column: column), script: path, action: action(args, 3)) }
            return .object(b.object)
        }
        o.addMethod("SetCommandBreakpoint") { _, args in
            guard args.count >= 1 else { throw DotNetErrors.noOverload("SetCommandBreakpoint", argumentCount: args.count) }
            let script = args.count > 2 && !args[2].isNull ? PSConvert.toString(args[2]) : nil
            let b = store.add { Breakpoint(id: $0, kind: .command(PSConvert.toString(args[0])), script: script, action: action(args, 1)) }
            return .object(b.object)
        }
        o.addMethod("SetVariableBreakpoint") { _, args in
            guard args.count >= 2 else { throw DotNetErrors.noOverload("SetVariableBreakpoint", argumentCount: args.count) }
            let mode = PSConvert.toString(try PSConvert.convert(args[1], to: .enumType(Breakpoint.accessModeType), types: session.types))
            let script = args.count > 3 && !args[3].isNull ? PSConvert.toString(args[3]) : nil
            let b = store.add { Breakpoint(id: $0, kind: .variable(PSConvert.toString(args[0]), mode: mode), script: script, action: action(args, 2)) }
            return .object(b.object)
        }
        o.toStringHandler = { _ in "System.Management.Automation.ScriptDebugger" }
        return o
    }

    private static func action(_ args: [PSValue], _ index: Int) -> PSScriptBlock? {
        guard index < args.count, case .scriptBlock(let block) = args[index].unwrapped else { return nil }
        return block
    }
}
