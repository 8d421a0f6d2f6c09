import Foundation
import PSRuntime

/// What Get-, Enable- and Disable-RunspaceDebug share (CommonRunspaceCommandBase): the runspaces
/// chosen by name (wildcards), object, Id or InstanceId, all of them when none is given.
enum RunspaceDebugSelection {
    static let typeName = "Microsoft.PowerShell.Commands.PSRunspaceDebug"
    static let runspaceName = Parameter<[String]>("RunspaceName", position: 0, sets: ["RunspaceNameParameterSet"])
    static let runspace = Parameter<[PSValue]>("Runspace", type: .array(.named("System.Management.Automation.Runspaces.Runspace")),
                                               memberships: [.init(setName: "RunspaceParameterSet", position: 0, mandatory: true,
                                                                   valueFromPipeline: true, valueFromPipelineByPropertyName: true)])
    static let runspaceId = Parameter<[Int32]>("RunspaceId", position: 0, mandatory: true, sets: ["RunspaceIdParameterSet"])
    static let runspaceInstanceId = Parameter<[PSValue]>("RunspaceInstanceId", type: .array(.named("System.Guid")), position: 0, mandatory: true,
                                                         sets: ["RunspaceInstanceIdParameterSet"])
    static let parameters: [any ParameterKey] = [runspaceName, runspace, runspaceId, runspaceInstanceId]

    /// The chosen runspaces as (object, session when open).
    static func chosen(_ context: CmdletContext) -> [PSValue] {
        let all = context.session.runspaceObjects
        func property(_ value: PSValue, _ name: String) -> PSValue {
            if case .object(let o) = value { return (try? o.property(name)) ?? .null }
            return .null
        }
        switch context.parameterSetName {
        case "RunspaceParameterSet": return context[runspace] ?? []
        case "RunspaceIdParameterSet":
            let ids = (context[runspaceId] ?? []).map(Int.init)
            return all.filter { r in ids.contains { String($0) == PSConvert.toString(property(r, "Id")) } }
        case "RunspaceInstanceIdParameterSet":
            let wanted = Set((context[runspaceInstanceId] ?? []).map { PSConvert.toString($0).lowercased() })
            return all.filter { wanted.contains(PSConvert.toString(property($0, "InstanceId")).lowercased()) }
        default:
            guard let names = context[runspaceName], !names.isEmpty else { return all }
            let patterns = names.map { WildcardPattern($0, caseSensitive: false) }
            return all.filter { r in patterns.contains { $0.matches(PSConvert.toString(property(r, "Name"))) } }
        }
    }

    static func name(_ r: PSValue) -> String {
        if case .object(let o) = r { return PSConvert.toString((try? o.property("Name")) ?? .null) }
        return ""
    }

    /// The runspace's session, or PowerShell's error for one that is not open.
    static func session(_ r: PSValue, _ context: CmdletContext) throws -> ShellSession? {
        if let session = context.session.runspaceSession(r)?.session { return session }
        try context.writeError(ErrorRecord(message: "Cannot set debug options on Runspace \(name(r)) because it is not in the Opened state.",
                                           errorId: context.qualifiedErrorId("SetRunspaceDebugOptionFailure"), category: .invalidOperation,
                                           target: r, exceptionType: "System.Management.Automation.PSInvalidOperationException"))
        return nil
    }
}

final class GetRunspaceDebugCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-RunspaceDebug", parameters: RunspaceDebugSelection.parameters, defaultParameterSet: "RunspaceNameParameterSet",
        outputTypes: [RunspaceDebugSelection.typeName], synopsis: "Shows runspace debugging options.",
        description: "Writes a PSRunspaceDebug (Enabled, BreakAll, RunspaceName, RunspaceId) for each chosen runspace, as Enable- and Disable-RunspaceDebug set them.")
    func process(_ context: CmdletContext) throws {
        for r in RunspaceDebugSelection.chosen(context) {
            guard let target = context.session.runspaceSession(r), let session = target.session else { continue }
            let store = BreakpointStore.of(session)
            let o = PSObject(typeNames: [RunspaceDebugSelection.typeName, "System.Object"])
            o.addNote("Enabled", .bool(store.runspaceDebugEnabled))
            o.addNote("BreakAll", .bool(store.breakAll))
            o.addNote("RunspaceName", .string(RunspaceDebugSelection.name(r)))
            let id: PSValue = { if case .object(let face) = r { return (try? face.property("Id")) ?? .null }; return .null }()
            o.addNote("RunspaceId", id)
            try context.writeObject(.object(o))
        }
    }
}

final class EnableRunspaceDebugCommand: Cmdlet {
    static let breakAll = Parameter<SwitchParameter>("BreakAll", memberships: [
        .init(setName: "RunspaceParameterSet", position: 1), .init(setName: "RunspaceNameParameterSet", position: 1),
        .init(setName: "RunspaceIdParameterSet", position: 1),
    ])
    static let declaration = CmdletDeclaration(
        "Enable-RunspaceDebug", parameters: RunspaceDebugSelection.parameters + [breakAll], defaultParameterSet: "RunspaceNameParameterSet",
        synopsis: "Enables debugging on runspaces where any breakpoint is preserved until a debugger is attached.",
        description: "Turns runspace debugging on (and -BreakAll) for each chosen runspace, as Get-RunspaceDebug shows; hvsh's runspaces have no debugger that stops, so nothing waits.")
    func process(_ context: CmdletContext) throws {
        for r in RunspaceDebugSelection.chosen(context) {
            guard let session = try RunspaceDebugSelection.session(r, context) else { continue }
            let store = BreakpointStore.of(session)
            store.runspaceDebugEnabled = true
            if context.isBound(Self.breakAll) { store.breakAll = context[Self.breakAll] }
        }
    }
}

final class DisableRunspaceDebugCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Disable-RunspaceDebug", parameters: RunspaceDebugSelection.parameters, defaultParameterSet: "RunspaceNameParameterSet",
        synopsis: "Disables debugging on one or more runspaces, and releases any pending debugger stop.",
        description: "Turns runspace debugging and BreakAll off for each chosen runspace.")
    func process(_ context: CmdletContext) throws {
        for r in RunspaceDebugSelection.chosen(context) {
            guard let session = try RunspaceDebugSelection.session(r, context) else { continue }
            let store = BreakpointStore.of(session)
            store.runspaceDebugEnabled = false
            store.breakAll = false
        }
    }
}

/// Debug-Runspace: PowerShell's refusals (no runspace or several by the name, the host's own runspace,
/// a runspace that is not open or whose DebugMode is None); otherwise the session header is written
/// and, as no runspace of hvsh's stops in a debugger, the session ends at once.
final class DebugRunspaceCommand: Cmdlet {
    static let runspace = Parameter<PSValue>("Runspace", type: .named("System.Management.Automation.Runspaces.Runspace"), memberships: [
        .init(setName: "RunspaceParameterSet", position: 0, mandatory: true, valueFromPipeline: true, valueFromPipelineByPropertyName: true),
    ])
    static let name = Parameter<String>("Name", position: 0, mandatory: true, sets: ["NameParameterSet"])
    static let id = Parameter<Int32>("Id", position: 0, mandatory: true, sets: ["IdParameterSet"])
    static let instanceId = Parameter<PSValue>("InstanceId", type: .named("System.Guid"), position: 0, mandatory: true, sets: ["InstanceIdParameterSet"])
    static let breakAll = Parameter<SwitchParameter>("BreakAll")
    static let declaration = CmdletDeclaration(
        "Debug-Runspace", parameters: [runspace, name, id, instanceId, breakAll], defaultParameterSet: "RunspaceParameterSet",
        supportsShouldProcess: true, synopsis: "Starts an interactive debugging session with a runspace.",
        description: "Checks the runspace as PowerShell does (found once, not the host's own, open, DebugMode not None) and starts a debugging session, which ends at once: hvsh's runspaces never stop in a debugger.")

    func process(_ context: CmdletContext) throws {
        let session = context.session
        var target: PSValue?
        if let given = context[Self.runspace] {
            target = given
        } else {
            let all = session.runspaceObjects
            func property(_ value: PSValue, _ name: String) -> String {
                if case .object(let o) = value { return PSConvert.toString((try? o.property(name)) ?? .null) }
                return ""
            }
            let found: [PSValue]
            switch context.parameterSetName {
            case "IdParameterSet": found = all.filter { property($0, "Id") == String(context[Self.id] ?? 0) }
            case "InstanceIdParameterSet":
                let wanted = PSConvert.toString(context[Self.instanceId] ?? .null).lowercased()
                found = all.filter { property($0, "InstanceId").lowercased() == wanted }
            default:
                let pattern = WildcardPattern(context[Self.name] ?? "", caseSensitive: false)
                found = all.filter { pattern.matches(property($0, "Name")) }
            }
            if found.count > 1 {
                throw context.terminatingError("More than one Runspace was found. Only one Runspace can be debugged at a time.",
                                               errorId: "DebugRunspaceTooManyRunspaceFound", category: .invalidOperation,
                                               exceptionType: "System.Management.Automation.PSArgumentException")
            }
            target = found.first
        }
        guard let target, let info = session.runspaceSession(target) else {
            throw context.terminatingError("No Runspace was found.", errorId: "DebugRunspaceNoRunspaceFound", category: .invalidOperation,
                                           exceptionType: "System.Management.Automation.PSArgumentNullException")
        }
        if info.isOwn {
            throw context.terminatingError("You cannot debug the default host Runspace using this cmdlet. To debug the default Runspace use the normal debugging commands from the host.",
                                           errorId: "DebugRunspaceCannotDebugHostRunspace", category: .invalidOperation,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        let name = RunspaceDebugSelection.name(target)
        guard let targetSession = info.session else {
            var state = "Closed"
            if case .object(let o) = target, let s = try? o.property("RunspaceStateInfo") { state = PSConvert.toString(s) }
            throw context.terminatingError("Cannot debug a Runspace that is not in the Opened state. This Runspace state is \(state).",
                                           errorId: "InvalidOperation", category: .invalidOperation, target: target,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        if BreakpointStore.of(targetSession).debugMode == "None" {
            throw context.terminatingError("Cannot debug Runspace. The Runspace debugger is currently turned off (DebugMode is 'None').",
                                           errorId: "InvalidOperation", category: .invalidOperation, target: target,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        guard try context.shouldProcess(target: name, action: "Debug") else { return }
        session.host.write("Debugging Runspace: \(name)\nTo end the debugging session type the 'Detach' command at the debugger prompt, or type 'Ctrl+C' otherwise.\n\n", stream: .output)
    }
}

/// Wait-Debugger: stops in the debugger at the calling statement; with no debugger attached (hvsh
/// has none that stops) the script goes on.
final class WaitDebuggerCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Wait-Debugger", parameters: [], synopsis: "Stops a script in the debugger before running the next statement in the script.",
        description: "Breaks into the debugger at the calling statement; hvsh has no debugger that stops, so the script goes on.")
    func process(_ context: CmdletContext) throws {}
}
