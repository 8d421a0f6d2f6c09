import Foundation

/// The runspaces of one tree of sessions, as Get-Runspace lists them: the first session's own
/// (Id 1, `Runspace1`), then each `[runspacefactory]::CreateRunspace()` and each runspace a
/// `[powershell]::Create()` made, numbered in creation order; a disposed runspace leaves the list.
/// Every session of the tree shares one registry (a new runspace's session gets its creator's).
final class RunspaceRegistry {
    private var nextId = 1
    private(set) var runspaces: [RunspaceInstance] = []

    func takeId() -> Int {
        defer { nextId += 1 }
        return nextId
    }

    func add(_ runspace: RunspaceInstance) { runspaces.append(runspace) }

    func remove(_ runspace: RunspaceInstance) { runspaces.removeAll { $0 === runspace } }
}

/// One runspace: a session of its own (its own variables, functions, `$Error` and location), made
/// when it is opened, with the creating session's modules and, when it was created with one, an
/// InitialSessionState's variables and functions. A session's own runspace (`[runspace]::DefaultRunspace`,
/// `$Host.Runspace`) wraps that session without owning it.
final class RunspaceInstance {
    static let typeName = "System.Management.Automation.Runspaces.LocalRunspace"
    static let stateType = PSEnumType(fullName: "System.Management.Automation.Runspaces.RunspaceState",
                                      names: ["BeforeOpen", "Opening", "Opened", "Closed", "Closing", "Broken",
                                              "Disconnecting", "Disconnected", "Connecting"])
    static let modeType = PSEnumType(fullName: "System.Management.Automation.RunspaceMode",
                                     names: ["CurrentRunspace", "NewRunspace"])
    static let availabilityType = PSEnumType(fullName: "System.Management.Automation.Runspaces.RunspaceAvailability",
                                             names: ["None", "Available", "AvailableForNestedCommand", "Busy", "RemoteDebug"])

    let id: Int
    let instanceId = UUID()
    var name: String
    private(set) var state: String
    /// The session this runspace made (nil before Open and after Close).
    private var owned: ShellSession?
    /// The session a default runspace stands for.
    private weak var attached: ShellSession?
    /// The session that created it: its modules, host access and registry.
    private weak var creator: ShellSession?
    let registry: RunspaceRegistry
    let initialState: InitialSessionStateObject.State?
    /// The script-facing object while scripts hold it (it holds the runspace, not the other way round,
    /// so a disposed runspace a script still holds keeps answering).
    private weak var face: PSObject?

    /// A new runspace, registered and not yet open.
    init(creator: ShellSession, initialState: InitialSessionStateObject.State?) {
        // The creating session's own runspace is numbered first (Id 1 in a fresh shell).
        _ = creator.runspace
        registry = creator.runspaceRegistry
        id = registry.takeId()
        name = "Runspace\(id)"
        state = "BeforeOpen"
        self.creator = creator
        self.initialState = initialState
        registry.add(self)
    }

    /// A session's own runspace (already open; never closed by scripts).
    init(attachedTo session: ShellSession) {
        registry = session.runspaceRegistry
        id = registry.takeId()
        name = "Runspace\(id)"
        state = "Opened"
        attached = session
        initialState = nil
        registry.add(self)
    }

    var session: ShellSession? { owned ?? attached }
    var isOpen: Bool { state == "Opened" }
    /// A session's own runspace is running the very script that looks at it, so it is Busy, as
    /// `Get-Runspace` shows the current runspace in PowerShell.
    var availability: String { !isOpen ? "None" : attached != nil ? "Busy" : "Available" }
    var object: PSObject {
        if let face { return face }
        let made = RunspaceObject.make(self)
        face = made
        return made
    }

    /// Opens the runspace: makes its session. Opening twice, or after Close, is .NET's error.
    func open() throws {
        guard state == "BeforeOpen" else {
            throw PSRuntimeError.message(
                "Cannot perform operation because the runspace is not in the 'BeforeOpen' state. Current state of runspace is '\(state)'.",
                errorId: "InvalidRunspaceStateException", category: .invalidOperation,
                exceptionType: "System.Management.Automation.Runspaces.InvalidRunspaceStateException")
        }
        guard let creator else { throw Self.notOpen(state) }
        guard creator.runspaceDepth < PowerShellInstance.maxDepth else {
            throw PSRuntimeError.message("PowerShell instances are nested more than \(PowerShellInstance.maxDepth) deep.",
                                         errorId: "InvalidOperationException", category: .invalidOperation,
                                         exceptionType: "System.InvalidOperationException")
        }
        // The first imported module is always the runtime's fallback set, which init imports itself.
        let s = ShellSession(host: BufferHost(), modules: Array(creator.importedModules.dropFirst()))
        s.hostAccess = creator.hostAccess
        s.runspaceDepth = creator.runspaceDepth + 1
        s.runspaceRegistry = registry
        s.ownRunspace = self
        s.hostIsAbsent = true
        s.currentDirectory = creator.currentDirectory
        if let initialState { try initialState.apply(to: s) }
        owned = s
        state = "Opened"
    }

    /// Close/Dispose: the session goes; a default runspace cannot be closed by a script.
    func close() {
        guard attached == nil else { return }
        owned = nil
        state = "Closed"
        registry.remove(self)
    }

    /// The session, or .NET's error for a runspace that is not open.
    func openSession() throws -> ShellSession {
        guard isOpen, let session else { throw Self.notOpen(state) }
        return session
    }

    static func notOpen(_ state: String) -> PSRuntimeError {
        PSRuntimeError.message(
            "Cannot perform operation because the runspace is not in the 'Opened' state. Current state of runspace is '\(state)'.",
            errorId: "InvalidRunspaceStateException", category: .invalidOperation,
            exceptionType: "System.Management.Automation.Runspaces.InvalidRunspaceStateException")
    }
}

extension ShellSession {
    /// This session's own runspace (`[runspace]::DefaultRunspace`, `$Host.Runspace`, Get-Runspace's first).
    var runspace: RunspaceInstance {
        if let r = ownRunspace { return r }
        let r = RunspaceInstance(attachedTo: self)
        ownRunspace = r
        return r
    }

    /// The InstanceId of this session's own runspace (a PSEventArgs' RunspaceId).
    public var runspaceInstanceId: UUID { runspace.instanceId }

    /// PowerShell's RunspaceAttribute transformation: a runspace stays itself; a name (wildcards
    /// allowed), an Id or an InstanceId naming exactly one runspace becomes that runspace; anything
    /// else is left for the parameter's conversion to refuse.
    public func runspaceArgument(_ value: PSValue) -> PSValue {
        let given = value.unwrapped
        if RunspaceObject.runspace(from: given) != nil { return given }
        _ = runspace
        let all = runspaceRegistry.runspaces
        let found: [RunspaceInstance]
        switch given {
        case .string(let name):
            let pattern = WildcardPattern(name, caseSensitive: false)
            found = all.filter { pattern.matches($0.name) }
        case .int(let id): found = all.filter { $0.id == Int(id) }
        case .guid(let guid): found = all.filter { $0.instanceId == guid }
        default: found = []
        }
        return found.count == 1 ? .object(found[0].object) : value
    }

    /// The session a runspace object stands for (nil for anything else, or a runspace that is not open),
    /// and whether it is this session's own.
    public func runspaceSession(_ value: PSValue) -> (session: ShellSession?, isOwn: Bool, instanceId: UUID)? {
        guard let r = RunspaceObject.runspace(from: value) else { return nil }
        return (r.isOpen ? r.session : nil, r === runspace, r.instanceId)
    }

    /// The runspaces Get-Runspace lists, this session's own among them.
    public var runspaceObjects: [PSValue] {
        _ = runspace
        return runspaceRegistry.runspaces.map { .object($0.object) }
    }
}

/// The script-facing face of a runspace: Id, Name, InstanceId, RunspaceStateInfo, Open/Close/Dispose,
/// SessionStateProxy (SetVariable/GetVariable and friends) and InitialSessionState.
enum RunspaceObject {
    /// What the face's base object holds: the runspace.
    final class Handle {
        let runspace: RunspaceInstance
        init(runspace: RunspaceInstance) { self.runspace = runspace }
    }

    /// The runspace a script passed (`$ps.Runspace = $rs`), or nil for anything else.
    static func runspace(from value: PSValue) -> RunspaceInstance? {
        if case .object(let o) = value.unwrapped, let handle = o.baseObject as? Handle { return handle.runspace }
        return nil
    }

    static func make(_ r: RunspaceInstance) -> PSObject {
        let o = PSObject(typeNames: [RunspaceInstance.typeName, "System.Management.Automation.Runspaces.RunspaceBase",
                                     "System.Management.Automation.Runspaces.Runspace", "System.Object"],
                         baseObject: Handle(runspace: r))
        let runspace = r
        o.addProperty("Id") { _ in .int(Int32(runspace.id)) }
        o.addProperty("Name", get: { _ in .string(runspace.name) }, set: { _, v in runspace.name = PSConvert.toString(v) })
        o.addProperty("InstanceId") { _ in .guid(runspace.instanceId) }
        o.addProperty("RunspaceStateInfo") { _ in
            let info = PSObject(typeNames: ["System.Management.Automation.Runspaces.RunspaceStateInfo", "System.Object"])
            info.addNote("State", .enumValue(RunspaceInstance.stateType.value(named: runspace.state)!))
            info.addNote("Reason", .null)
            info.toStringHandler = { _ in runspace.state }
            return .object(info)
        }
        o.addProperty("RunspaceAvailability") { _ in
            .enumValue(RunspaceInstance.availabilityType.value(named: runspace.availability)!)
        }
        o.addProperty("Availability") { _ in
            .enumValue(RunspaceInstance.availabilityType.value(named: runspace.availability)!)
        }
        o.addProperty("Type") { _ in .string("Local") }
        o.addProperty("ComputerName") { _ in .string("localhost") }
        o.addProperty("IsRemote") { _ in .false }
        o.addProperty("ThreadOptions", get: { _ in .string("Default") }, set: { _, _ in })
        o.addProperty("ApartmentState", get: { _ in .string("Unknown") }, set: { _, _ in })
        o.addProperty("LanguageMode") { _ in .string(runspace.initialState?.languageMode ?? "FullLanguage") }
        o.addProperty("InitialSessionState") { _ in
            runspace.initialState.map { .object(InitialSessionStateObject.make($0)) } ?? .null
        }
        o.addProperty("SessionStateProxy") { _ in .object(proxy(runspace)) }
        // The runspace's Debugger (GetBreakpoints, SetDebugMode, ...), made by the module that keeps breakpoints.
        o.addProperty("Debugger") { _ in
            guard let session = runspace.session, let face = try? session.services.service(RunspaceDebuggerFace.self) else { return .null }
            return .object(face.make(session))
        }
        o.addVoidMethod("Open") { _, args in
            guard args.isEmpty else { throw Members.argCount("Open", args.count) }
            do { try runspace.open() } catch let e as PSRuntimeError {
                throw DotNetErrors.methodInvocation("Open", argumentCount: 0, e)
            }
        }
        o.addVoidMethod("OpenAsync") { _, _ in
            do { try runspace.open() } catch let e as PSRuntimeError {
                throw DotNetErrors.methodInvocation("OpenAsync", argumentCount: 0, e)
            }
        }
        o.addVoidMethod("Close") { _, _ in runspace.close() }
        o.addVoidMethod("CloseAsync") { _, _ in runspace.close() }
        o.addVoidMethod("Dispose") { _, _ in runspace.close() }
        o.toStringHandler = { _ in RunspaceInstance.typeName }
        return o
    }

    /// SessionStateProxy: the runspace session's variables and location, read and written from outside.
    private static func proxy(_ r: RunspaceInstance) -> PSObject {
        let runspace = r
        let o = PSObject(typeNames: ["System.Management.Automation.Runspaces.SessionStateProxy", "System.Object"])
        func session(_ method: String, _ count: Int) throws -> ShellSession {
            do { return try runspace.openSession() } catch let e as PSRuntimeError {
                throw DotNetErrors.methodInvocation(method, argumentCount: count, e)
            }
        }
        o.addVoidMethod("SetVariable") { _, args in
            guard args.count == 2 else { throw Members.argCount("SetVariable", args.count) }
            try session("SetVariable", 2).globalScope.set(PSConvert.toString(args[0]), args[1])
        }
        o.addMethod("GetVariable") { _, args in
            guard args.count == 1 else { throw Members.argCount("GetVariable", args.count) }
            return try session("GetVariable", 1).globalScope.lookup(PSConvert.toString(args[0]))?.value ?? .null
        }
        o.addProperty("Path") { _ in
            let s = try session("Path", 0)
            let path = PSObject(typeNames: ["System.Management.Automation.PathIntrinsics", "System.Object"])
            path.addNote("CurrentLocation", .string(s.currentLocation.display))
            return .object(path)
        }
        o.addProperty("LanguageMode") { _ in .string(runspace.initialState?.languageMode ?? "FullLanguage") }
        return o
    }
}

/// Makes a session's `Runspace.Debugger` object; provided by the module that keeps breakpoints.
public struct RunspaceDebuggerFace {
    public let make: (ShellSession) -> PSObject
    public init(make: @escaping (ShellSession) -> PSObject) { self.make = make }
}
