import PSRuntime

/// The session's breakpoints, as PowerShell's Debugger keeps them: Line, Command and Variable
/// breakpoints numbered by one counter for the whole session. hvsh has no interactive debugger, so a
/// breakpoint never stops a script; the objects, their ids and the cmdlets that manage them behave as
/// PowerShell's, and command and line breakpoints count their hits and run their actions (line
/// breakpoints bind to sequence points as PowerShell's do: LineBreakpointBinding.swift). The store is
/// also Set-PSDebug's tracer.
final class BreakpointStore {
    private(set) var breakpoints: [Breakpoint] = []
    // Every breakpoint made, removed ones too: Enable/Disable-PSBreakpoint still change a removed
    // breakpoint's object, as PowerShell's do.
    private var made: [Breakpoint] = []
    private var nextId = 0

    private(set) weak var session: ShellSession?
    // While an action runs, commands it calls hit no breakpoint (no action re-enters itself).
    private(set) var inAction = false

    init(session: ShellSession) { self.session = session }

    /// Set-PSDebug -Trace: 1 shows each statement as it is reached, 2 also each block entered.
    var traceLevel = 0 {
        didSet { observeStatements() }
    }
    /// The runspace's Debugger object (DebuggerObject), made once.
    var debuggerObject: PSObject?
    /// Debugger.DebugMode (SetDebugMode): `None` refuses Debug-Runspace.
    var debugMode = "Default"
    /// Enable-/Disable-RunspaceDebug's settings, as Get-RunspaceDebug shows them.
    var runspaceDebugEnabled = false
    var breakAll = false
    /// Changes when breakpoints are added or removed: a block's binding of line breakpoints is redone.
    private(set) var generation = 0

    func add(_ make: (Int) -> Breakpoint) -> Breakpoint {
        let b = make(nextId)
        nextId += 1
        breakpoints.append(b)
        made.append(b)
        generation += 1
        observeCommands()
        observeStatements()
        return b
    }
    func remove(_ b: Breakpoint) {
        breakpoints.removeAll { $0 === b }
        generation += 1
        observeCommands()
        observeStatements()
    }

    /// The compiled code tells the store of blocks, statements and assignments while a line or variable
    /// breakpoint or tracing exists.
    private func observeStatements() {
        guard let session else { return }
        let any = traceLevel > 0 || breakpoints.contains { if case .command = $0.kind { return false }; return true }
        session.scriptDebugger = any ? self : nil
    }

    /// The session tells the store of each command it runs while a command breakpoint exists, and not otherwise.
    private func observeCommands() {
        guard let session else { return }
        let any = breakpoints.contains { if case .command = $0.kind { return true }; return false }
        session.commandInvocationObserver = any ? { [weak self] invocationName, commandName, scriptName in
            self?.commandInvoked(invocationName, commandName, scriptName)
        } : nil
    }

    /// A command breakpoint is hit when its name (a wildcard pattern) matches the command as typed or
    /// its own name (a script's path or its name without .ps1) and, if it has a script, the command is
    /// called from that script (CommandBreakpoint.Trigger). A hit counts; its action runs with the
    /// breakpoint as $_, its output and errors dropped, as Breakpoint.Trigger does. With no debugger
    /// nothing stops, whether or not the action says `break`.
    private func commandInvoked(_ invocationName: String, _ commandName: String, _ scriptName: String?) {
        guard !inAction, session != nil else { return }
        for b in breakpoints where b.enabled {
            guard case .command(let pattern) = b.kind else { continue }
            let wildcard = WildcardPattern(pattern)
            var hit = wildcard.matches(invocationName) || wildcard.matches(commandName)
            if !hit, commandName.lowercased().hasSuffix(".ps1") {
                let leaf = String(commandName.split(separator: "/").last ?? "")
                hit = commandName.lowercased() == pattern.lowercased() || wildcard.matches(String(leaf.dropLast(4)))
            }
            guard hit, b.script == nil || b.script?.lowercased() == scriptName?.lowercased() else { continue }
            self.hit(b)
        }
    }
    /// A breakpoint is hit: it counts, and its action runs with the breakpoint as $_, its output and
    /// errors dropped (Breakpoint.Trigger). With no debugger nothing stops, whatever the action says.
    func hit(_ b: Breakpoint) {
        b.hitCount += 1
        guard let action = b.action, let session else { return }
        inAction = true
        defer { inAction = false }
        _ = try? session.invoke(action, dollarUnder: .object(b.object))
    }

    func find(id: Int) -> Breakpoint? { breakpoints.first { $0.id == id } }
    /// The breakpoint an object written by these cmdlets stands for (matched by identity).
    func find(_ value: PSValue) -> Breakpoint? {
        guard let o = value.asObject else { return nil }
        return made.first { $0.object === o }
    }

    static func of(_ session: ShellSession) -> BreakpointStore {
        if let made = try? session.services.service(BreakpointStore.self) { return made }
        let made = BreakpointStore(session: session)
        session.services.provide(BreakpointStore.self) { made }
        return made
    }
}

/// One breakpoint; `object` is the PSObject every cmdlet writes for it, so `-eq` and the pipeline see one object.
final class Breakpoint {
    enum Kind {
        case line(line: Int, column: Int)
        case command(String)
        case variable(String, mode: String)
    }
    static let accessModeType = PSEnumType(fullName: "System.Management.Automation.VariableAccessMode", names: ["Read", "Write", "ReadWrite"])
    /// Get-PSBreakpoint -Type's enum.
    static let breakpointType = PSEnumType(fullName: "Microsoft.PowerShell.Commands.BreakpointType", names: ["Line", "Variable", "Command"])
    static let typeNames = ["Breakpoint", "LineBreakpoint", "CommandBreakpoint", "VariableBreakpoint"].map { "System.Management.Automation." + $0 }

    let id: Int
    let kind: Kind
    let script: String?
    let action: PSScriptBlock?
    var enabled = true
    var hitCount = 0
    /// The script's file on this machine (what a running script's source is named by).
    var realScript: String?
    /// The block (SequencePoints.key) a line breakpoint is bound to, once one had a point for it.
    var boundBlock: String?
    private(set) lazy var object: PSObject = makeObject()

    init(id: Int, kind: Kind, script: String?, action: PSScriptBlock?) {
        self.id = id
        self.kind = kind
        self.script = script
        self.action = action
    }

    var typeName: String {
        switch kind {
        case .line: return "LineBreakpoint"
        case .command: return "CommandBreakpoint"
        case .variable: return "VariableBreakpoint"
        }
    }

    /// Breakpoint.ToString() (DebuggerStrings): `Line breakpoint on '/t/a.ps1:13'`, `Command breakpoint on 'Hello'` ...
    var text: String {
        switch kind {
        case .line(let line, let column):
            return column == 0 ? "Line breakpoint on '\(script ?? ""):\(line)'" : "Line breakpoint on '\(script ?? ""):\(line), \(column)'"
        case .command(let command):
            return script.map { "Command breakpoint on '\($0):\(command)'" } ?? "Command breakpoint on '\(command)'"
        case .variable(let name, let mode):
            return script.map { "Variable breakpoint on '\($0):$\(name)' (\(mode) access)" } ?? "Variable breakpoint on '$\(name)' (\(mode) access)"
        }
    }

    private func makeObject() -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation." + typeName, "System.Management.Automation.Breakpoint", "System.Object"])
        // Property order is .NET's: the derived class's own properties, then Breakpoint's.
        switch kind {
        case .line(let line, let column):
            o.addNote("Column", .int(Int32(column)))
            o.addNote("Line", .int(Int32(line)))
        case .command(let command):
            o.addNote("Command", .string(command))
        case .variable(let name, let mode):
            o.addNote("Variable", .string(name))
            o.addNote("AccessMode", Self.accessModeType.value(named: mode).map { .enumValue($0) } ?? .string(mode))
        }
        o.addNote("Action", action.map { .scriptBlock($0) } ?? .null)
        o.addProperty("Enabled", get: { _ in .bool(self.enabled) })
        o.addProperty("HitCount", get: { _ in .int(Int32(self.hitCount)) })
        o.addNote("Id", .int(Int32(id)))
        o.addNote("Script", script.map { .string($0) } ?? .null)
        let text = self.text
        o.toStringHandler = { _ in text }
        return o
    }
}
