import Foundation
import PSRuntime

/// Set-, Get-, Remove-, Enable- and Disable-PSBreakpoint over the session's `BreakpointStore`, with
/// PowerShell's parameter sets and errors. hvsh has no interactive debugger: a breakpoint is kept,
/// listed, counts its hits and runs its action, but never stops a script.
final class SetPSBreakpointCommand: Cmdlet {
    static let action = Parameter<PSScriptBlock>("Action", sets: ["Command", "Line", "Variable"])
    static let column = Parameter<Int32>("Column", position: 2, sets: ["Line"], validate: [.range(min: 1, max: Double(Int32.max))])
    static let command = Parameter<[String]>("Command", aliases: ["C"], mandatory: true, sets: ["Command"])
    static let line = Parameter<[Int32]>("Line", position: 1, mandatory: true, sets: ["Line"])
    static let script = Parameter<[String]>("Script", memberships: [
        .init(setName: "Command", position: 0), .init(setName: "Line", position: 0, mandatory: true),
        .init(setName: "Variable", position: 0),
    ], validate: [.notNull])
    static let variable = Parameter<[String]>("Variable", aliases: ["V"], mandatory: true, sets: ["Variable"])
    static let mode = Parameter<String>("Mode", type: .enumType(Breakpoint.accessModeType), sets: ["Variable"])
    static let declaration = CmdletDeclaration(
        "Set-PSBreakpoint", parameters: [action, column, command, line, script, variable, mode, BreakpointRunspace.runspace], defaultParameterSet: "Line",
        outputTypes: ["System.Management.Automation.CommandBreakpoint", "System.Management.Automation.LineBreakpoint",
                      "System.Management.Automation.VariableBreakpoint"],
        synopsis: "Sets a breakpoint on a line, command, or variable.",
        description: "Writes a LineBreakpoint for each line of each script, or a CommandBreakpoint or VariableBreakpoint for each name (in each script given). hvsh has no interactive debugger, so a breakpoint counts its hits and runs its action but never stops a script.")

    func process(_ context: CmdletContext) throws {
        let (store, remote) = try BreakpointRunspace.store(context, context[BreakpointRunspace.runspace])
        var scripts: [String] = []
        var realPaths: [String: String] = [:]
        for p in context[Self.script] ?? [] {
            let hits: [ProviderPath]
            do { hits = try FileSystemPaths.expandLocated(p, session: context.session) } catch {
                try context.writeError(error.record(for: context))
                continue
            }
            if hits.isEmpty {
                // PowerShell's path resolution throws ItemNotFoundException, which ends the command.
                let shown = (try? context.session.locate(p).display) ?? p
                throw context.terminatingError("Cannot find path '\(shown)' because it does not exist.", errorId: "PathNotFound",
                                               category: .objectNotFound, target: .string(shown),
                                               exceptionType: "System.Management.Automation.ItemNotFoundException")
            }
            for hit in hits {
                var isDirectory: ObjCBool = false
                guard hit.drive.provider == .fileSystem, FileManager.default.fileExists(atPath: hit.real, isDirectory: &isDirectory),
                      !isDirectory.boolValue else {
                    try context.writeError("File '\(hit.display)' does not exist.", errorId: "NewPSBreakpoint:FileDoesNotExist",
                                           category: .invalidArgument, exceptionType: "System.ArgumentException")
                    continue
                }
                let ext = (hit.real as NSString).pathExtension.lowercased()
                guard ext == "ps1" || ext == "psm1" else {
                    try context.writeError("Cannot set breakpoint on file '\(hit.display)'; only *.ps1 and *.psm1 files are valid.",
                                           errorId: "NewPSBreakpoint:WrongExtension", category: .invalidArgument,
                                           exceptionType: "System.ArgumentException")
                    continue
                }
                // PowerShell shows the provider path: a drive made by New-PSDrive is seen through to its file.
                let shown = hit.drive.isFileSystemRoot || hit.drive.name.count == 1 ? hit.display : hit.real
                scripts.append(shown)
                realPaths[shown] = hit.real
            }
        }
        let action = context[Self.action]
        func emit(_ kind: Breakpoint.Kind, _ script: String?) throws {
            let b = store.add { Breakpoint(id: $0, kind: kind, script: script, action: action) }
            b.realScript = script.flatMap { realPaths[$0] }
            try context.writeObject(.object(BreakpointRunspace.shown(b, remote)))
        }
        switch context.parameterSetName {
        case "Command":
            for name in context[Self.command] ?? [] {
                if scripts.isEmpty { try emit(.command(name), nil) } else { for s in scripts { try emit(.command(name), s) } }
            }
        case "Variable":
            let mode = context[Self.mode] ?? "Write"
            for name in context[Self.variable] ?? [] {
                if scripts.isEmpty { try emit(.variable(name, mode: mode), nil) } else { for s in scripts { try emit(.variable(name, mode: mode), s) } }
            }
        default:
            for line in context[Self.line] ?? [] {
                if line < 1 {
                    try context.writeError("Line cannot be less than 1.", errorId: "SetPSBreakpoint:LineLessThanOne",
                                           category: .invalidArgument, exceptionType: "System.ArgumentException")
                    continue
                }
                for s in scripts { try emit(.line(line: Int(line), column: Int(context[Self.column] ?? 0)), s) }
            }
        }
    }
}

final class GetPSBreakpointCommand: Cmdlet {
    static let script = Parameter<[String]>("Script", memberships: [
        .init(setName: "Line", position: 0, valueFromPipeline: true), .init(setName: "Command"),
        .init(setName: "Variable"), .init(setName: "Type"),
    ], validate: [.notNullOrEmpty])
    static let id = Parameter<[Int32]>("Id", position: 0, mandatory: true, valueFromPipeline: true, sets: ["Id"], validate: [.notNull])
    static let variable = Parameter<[String]>("Variable", mandatory: true, sets: ["Variable"], validate: [.notNull])
    static let command = Parameter<[String]>("Command", mandatory: true, sets: ["Command"], validate: [.notNull])
    static let type = Parameter<[String]>("Type", type: .array(.enumType(Breakpoint.breakpointType)), position: 0, mandatory: true,
                                          valueFromPipeline: true, sets: ["Type"], validate: [.notNull])
    static let declaration = CmdletDeclaration(
        "Get-PSBreakpoint", parameters: [script, id, variable, command, type, BreakpointRunspace.runspace], defaultParameterSet: "Line",
        outputTypes: ["System.Management.Automation.CommandBreakpoint", "System.Management.Automation.LineBreakpoint",
                      "System.Management.Automation.VariableBreakpoint", "System.Management.Automation.Breakpoint"],
        synopsis: "Gets the breakpoints that are set in the current session.",
        description: "Writes the session's breakpoints, all of them or those with the given ids, commands, variables or types, set in the given scripts.")

    func process(_ context: CmdletContext) throws {
        let (store, remote) = try BreakpointRunspace.store(context, context[BreakpointRunspace.runspace])
        var list = store.breakpoints
        func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }
        switch context.parameterSetName {
        case "Id":
            let ids = (context[Self.id] ?? []).map(Int.init)
            list = list.filter { ids.contains($0.id) }
        case "Command":
            let names = context[Self.command] ?? []
            list = list.filter { if case .command(let c) = $0.kind { return names.contains { same($0, c) } }; return false }
        case "Variable":
            let names = context[Self.variable] ?? []
            list = list.filter { if case .variable(let v, _) = $0.kind { return names.contains { same($0, v) } }; return false }
        case "Type":
            let types = (context[Self.type] ?? []).map { $0.lowercased() + "breakpoint" }
            list = list.filter { types.contains($0.typeName.lowercased()) }
        default: break
        }
        if let scripts = context[Self.script] {
            let wanted = scripts.map { (try? context.session.locate($0).display) ?? $0 }
            list = list.filter { b in b.script.map { s in wanted.contains { same($0, s) } } ?? false }
        }
        for b in list { try context.writeObject(.object(BreakpointRunspace.shown(b, remote))) }
    }
}

/// What Remove-, Enable- and Disable-PSBreakpoint share (PSBreakpointUpdaterCommandBase): the
/// breakpoints named by object (-Breakpoint, from the pipeline) or by -Id, an unknown id an error.
enum BreakpointUpdater {
    static let breakpoint = Parameter<[PSValue]>("Breakpoint", type: .array(.named("System.Management.Automation.Breakpoint")), memberships: [
        .init(setName: "Breakpoint", position: 0, mandatory: true, valueFromPipeline: true),
    ], validate: [.notNull])
    static let id = Parameter<[Int32]>("Id", memberships: [
        .init(setName: "Id", position: 0, mandatory: true, valueFromPipelineByPropertyName: true),
    ], validate: [.notNull])

    static let runspace = Parameter<PSValue>("Runspace", type: .named("System.Management.Automation.Runspaces.Runspace"),
                                             aliases: ["RunspaceId"], memberships: [.init(setName: "Id", valueFromPipelineByPropertyName: true)],
                                             validate: [.notNull]).transformingRunspace()

    static func each(_ context: CmdletContext, action: String, _ body: (BreakpointStore, Breakpoint) throws -> Void) throws {
        let (store, remote) = try BreakpointRunspace.store(context, context[Self.runspace])
        var chosen: [Breakpoint] = []
        if context.parameterSetName == "Id" {
            for id in context[Self.id] ?? [] {
                guard let b = store.find(id: Int(id)) else {
                    try context.writeError("There is no breakpoint with ID '\(id)'.", errorId: "PSBreakpoint:BreakpointIdNotFound",
                                           category: .invalidArgument, exceptionType: "System.ArgumentException")
                    continue
                }
                chosen.append(b)
            }
        } else {
            for value in context[Self.breakpoint] ?? [] {
                if let b = store.find(value) { chosen.append(b) } else if let (other, b) = BreakpointRunspace.find(value, context) {
                    if try context.shouldProcess(target: b.text, action: action) { try body(other, b) }
                }
            }
        }
        for b in chosen where try context.shouldProcess(target: b.text, action: action) { try body(store, b) }
        _ = remote
    }
}

final class RemovePSBreakpointCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Remove-PSBreakpoint", parameters: [BreakpointUpdater.breakpoint, BreakpointUpdater.id, BreakpointUpdater.runspace], defaultParameterSet: "Breakpoint",
        supportsShouldProcess: true, synopsis: "Deletes breakpoints from the current console.",
        description: "Removes the breakpoints given as objects or by id from the session.")
    func process(_ context: CmdletContext) throws {
        try BreakpointUpdater.each(context, action: "Remove-PSBreakpoint") { store, b in store.remove(b) }
    }
}

final class EnablePSBreakpointCommand: Cmdlet {
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration(
        "Enable-PSBreakpoint", parameters: [BreakpointUpdater.breakpoint, BreakpointUpdater.id, BreakpointUpdater.runspace, passThru], defaultParameterSet: "Breakpoint",
        supportsShouldProcess: true, outputTypes: ["System.Management.Automation.Breakpoint"],
        synopsis: "Enables the breakpoints in the current console.",
        description: "Sets Enabled on the breakpoints given as objects or by id; with -PassThru writes them.")
    func process(_ context: CmdletContext) throws {
        try BreakpointUpdater.each(context, action: "Enable-PSBreakpoint") { _, b in
            b.enabled = true
            if context[Self.passThru] { try context.writeObject(.object(b.object)) }
        }
    }
}

final class DisablePSBreakpointCommand: Cmdlet {
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration(
        "Disable-PSBreakpoint", parameters: [BreakpointUpdater.breakpoint, BreakpointUpdater.id, BreakpointUpdater.runspace, passThru], defaultParameterSet: "Breakpoint",
        supportsShouldProcess: true, outputTypes: ["System.Management.Automation.Breakpoint"],
        synopsis: "Disables the breakpoints in the current console.",
        description: "Clears Enabled on the breakpoints given as objects or by id; with -PassThru writes them.")
    func process(_ context: CmdletContext) throws {
        try BreakpointUpdater.each(context, action: "Disable-PSBreakpoint") { _, b in
            b.enabled = false
            if context[Self.passThru] { try context.writeObject(.object(b.object)) }
        }
    }
}

/// -Runspace of the breakpoint cmdlets (PSBreakpointCommandBase): the runspace whose debugger keeps
/// the breakpoints, given as a runspace or by name, Id or InstanceId (`[Runspace()]`); this session's
/// own when not given. Breakpoints of another runspace carry its InstanceId as a RunspaceId note.
enum BreakpointRunspace {
    static let runspace = Parameter<PSValue>("Runspace", type: .named("System.Management.Automation.Runspaces.Runspace"),
                                             validate: [.notNull]).transformingRunspace()

    static func store(_ context: CmdletContext, _ given: PSValue?) throws -> (BreakpointStore, UUID?) {
        guard let given, let target = context.session.runspaceSession(given) else { return (BreakpointStore.of(context.session), nil) }
        if target.isOwn { return (BreakpointStore.of(context.session), nil) }
        guard let session = target.session else {
            throw context.terminatingError("Cannot perform operation because the runspace is not in the 'Opened' state.",
                                           errorId: "InvalidRunspaceState", category: .invalidOperation,
                                           exceptionType: "System.Management.Automation.Runspaces.InvalidRunspaceStateException")
        }
        return (BreakpointStore.of(session), target.instanceId)
    }

    /// The object written for a breakpoint: a remote runspace's has its RunspaceId.
    static func shown(_ b: Breakpoint, _ remote: UUID?) -> PSObject {
        if let remote, b.object.members.first(where: { $0.name == "RunspaceId" }) == nil { b.object.addNote("RunspaceId", .guid(remote)) }
        return b.object
    }

    /// A breakpoint object of another runspace (its RunspaceId note names the runspace).
    static func find(_ value: PSValue, _ context: CmdletContext) -> (BreakpointStore, Breakpoint)? {
        guard case .object(let o) = value.unwrapped, let id = try? o.property("RunspaceId"), case .guid = id,
              let target = context.session.runspaceSession(context.session.runspaceArgument(id)), let session = target.session else { return nil }
        let store = BreakpointStore.of(session)
        return store.find(value).map { (store, $0) }
    }
}
