import Foundation
import PSLanguage

/// One shell: its commands, types, variables and host. Runs scripts and REPL input.
///
///     let session = ShellSession(host: StandardHost(), modules: [CoreCommands.module, HyperV.module])
///     let exitCode = session.runScript(text, path: "/labs/setup.ps1")
public final class ShellSession {
    public let registry = CommandRegistry()
    public let types = TypeRegistry()
    /// Extended type data: Update-TypeData's members and standard members (see TypeDataTable).
    public let typeData = TypeDataTable()
    public var host: PSHost
    public let globalScope: Scope
    /// The scope code is currently running in (changes as functions and script blocks run).
    public internal(set) var currentScope: Scope { didSet { currentScopeID = ObjectIdentifier(currentScope) } }
    /// `currentScope`'s identity: per-object hot paths compare it without retaining the scope.
    private(set) var currentScopeID: ObjectIdentifier
    /// How errors written to the host look (the view `$ErrorView` names); the formatting engine may replace it.
    public lazy var renderError: (ErrorRecord) -> String = { [unowned self] r in
        ErrorViews.render(r, view: self.variable("ErrorView"), width: self.host.windowWidth)
    }
    /// `$Error`: most recent first.
    public let errorList = PSArray([], kind: .arrayList)
    /// The command history (Get-History and friends); lines the user runs are added to it.
    public let history = CommandHistory()
    /// `$LASTEXITCODE` of the last native command or script `exit`.
    public var lastExitCode: Int32 = 0
    /// Set by `exit` at top level.
    public internal(set) var exitRequested: Int32?
    /// The FileSystem drives (`/`, `Temp:`, and those modules and New-PSDrive add).
    public let drives = DriveTable()
    /// The drive of the current location; the location itself is the drive's `location`.
    public internal(set) var currentDrive: PSDrive
    /// Where errors, warnings and other stream text go from the code running now (redirections change it).
    var currentRedirects: StreamRedirects! { didSet { currentRedirectsID = currentRedirects.map(ObjectIdentifier.init) } }
    /// `currentRedirects`' identity, for the same hot paths.
    private(set) var currentRedirectsID: ObjectIdentifier?
    /// Nesting depth of `try` blocks being run: inside one, statement-terminating errors propagate to `catch`.
    var tryDepth = 0
    /// Errors whose `catch` block or trap is running, innermost last (a bare `throw` rethrows the last).
    var handledErrors: [PSRuntimeError] = []
    /// The script frames running now, outermost first (ScriptCallStack.swift).
    var callFrames: [ScriptCallFrame] = []
    /// The outermost frame is a script that `hvsh -File` runs under the host's own frame.
    var callFramesUnderHost = false
    /// The `-ErrorVariable` lists of the script command whose block runs now: its own and those it
    /// inherited (see CommandStreams.inheritedErrorVariables). The last command of a pipeline run
    /// from that block inherits them.
    var enclosingErrorVariables: [PSArray] = []
    /// The same for -WarningVariable/-InformationVariable.
    var enclosingWarningVariables: [PSArray] = []
    var enclosingInformationVariables: [PSArray] = []
    /// `$?`: whether the last statement or command succeeded.
    public internal(set) var lastSuccess = true {
        didSet { if !lastSuccess { failureCount &+= 1 } }
    }
    /// Counts the times `$?` turned false, so an expression statement can tell whether a command run
    /// inside it (`(Write-Error x)`) failed while `$?` itself still read the previous statement's value.
    var failureCount = 0
    /// Set from a signal handler to stop the running pipeline (Ctrl-C).
    public let stopFlag = StopFlag()
    /// The modules' services (see `SessionServices`): how a cmdlet reaches its module's state.
    public let services = SessionServices()
    var stopRequested: Bool { stopFlag.isSet }
    let regexCache = StringOperators.RegexCache()
    var executableCache: [String: (path: String?, pathVar: String)] = [:]
    var scriptFileCache: [String: (mtime: Date, code: CompiledBlock)] = [:]
    /// `[cultureinfo]::CurrentCulture` and `CurrentUICulture`: en-US, read-only as .NET's user default
    /// culture is, until a script assigns another (see `CultureInfoObjects`).
    public var currentCulture: PSObject {
        get {
            if let c = ownCulture { return c }
            ownCulture = CultureInfoObjects.object(CultureInfoObjects.current)
            return ownCulture!
        }
        set { ownCulture = newValue; globalScope.set("PSCulture", .string(CultureInfoObjects.name(of: newValue))) }
    }
    public var currentUICulture: PSObject {
        get {
            if let c = ownUICulture { return c }
            ownUICulture = CultureInfoObjects.object(CultureInfoObjects.current)
            return ownUICulture!
        }
        set { ownUICulture = newValue; globalScope.set("PSUICulture", .string(CultureInfoObjects.name(of: newValue))) }
    }
    /// Made on first use, one per session (a shared object would carry one session's Add-Member into others).
    private var ownCulture: PSObject?
    private var ownUICulture: PSObject?
    /// Back to en-US (the baseline's $PSCulture/$PSUICulture variables already say so).
    func resetCultures() { ownCulture = nil; ownUICulture = nil }
    /// The function or script file whose code runs now (nil at the prompt): PowerShell's
    /// `$MyInvocation`, which Write-Error reports its errors against.
    public internal(set) var runningScript: ScriptInvocation?
    /// `$MyInvocation.MyCommand.Name` of the running function or script file (by file name), `""` at
    /// the prompt or in a script block; Write-Error appends it to its error ids
    /// (`Microsoft.PowerShell.Commands.WriteErrorException,Get-Thing`).
    public var runningScriptCommand: String { runningScript?.name ?? "" }
    /// Script modules imported in this session (Get-Module), in import order.
    public internal(set) var scriptModules: [ScriptModule] = []
    /// Modules New-Module made (in memory, not listed by Get-Module until piped to Import-Module).
    public var dynamicModules: [ScriptModule] = []
    /// Nesting of function and script block calls (PowerShell stops at 1000).
    var callDepth = 0
    static let maxCallDepth = 1000
    /// Whether scripts may start programs and write files (see HostAccess).
    public var hostAccess: HostAccess = .full
    /// Constructors of .NET types whose objects a later layer builds (`[System.IO.FileInfo]::new(path)`),
    /// by lower-cased full name: `[T]::new(...)` and New-Object ask here before giving up.
    public var typeConstructors: [String: ([PSValue]) throws -> PSValue] = [:]

    /// A value's .NET method by name, as Get-Member lists it (the name as declared, its overloads); the
    /// command layer, which holds Get-Member's catalog, sets it. `$value.Method` without a call uses it.
    public var methodOverloads: ((_ value: PSValue, _ name: String, _ session: ShellSession) -> (String, [String])?)?
    /// What a module puts back when the session returns to its baseline (SessionBaseline), by name:
    /// state it keeps outside the scopes, such as the breakpoint store.
    public var baselineResets: [String: (ShellSession) -> Void] = [:]
    /// Told of each command a pipeline is about to run (the name as typed, the command's own name,
    /// the script file calling it); set only while command breakpoints (Set-PSBreakpoint -Command) or
    /// trace listeners (Trace-Command, Set-TraceSource) exist.
    public var commandInvocationObserver: ((_ invocationName: String, _ commandName: String, _ scriptName: String?) -> Void)?
    /// Told when compiled code enters a named block and reaches its sequence points; set only while
    /// line breakpoints or Set-PSDebug tracing exist (SequencePoints.swift).
    @exclusivity(unchecked) public var scriptDebugger: ScriptDebugger?
    /// The stage that asked the running pipeline to stop early (PSPipelineStop).
    var stopOrigin: Stage?
    /// Set by `GetSteppablePipeline()`: the next pipeline built hands its stages here instead of running.
    var steppableCapture: (([Stage]) -> Void)?
    /// The modules imported, in order: a `[powershell]::Create()` session imports the same ones.
    public private(set) var importedModules: [PSModule] = []
    /// How many `[powershell]` sessions this one is nested in (each Invoke runs on the caller's stack).
    var runspaceDepth = 0
    /// The runspaces of this session's tree (Get-Runspace); a runspace's session shares its creator's.
    var runspaceRegistry = RunspaceRegistry()
    /// The runspace this session is (the registry keeps it alive).
    weak var ownRunspace: RunspaceInstance?
    /// `$using:` values copied in by ForEach-Object -Parallel, by lower-cased variable name: in a
    /// parallel iteration's session `$using:name` reads these, never the session's own variables.
    var usingValues: [String: PSValue]?
    /// A runspace's session made without a host (`[runspacefactory]::CreateRunspace()`, a
    /// `[powershell]` instance's own, a parallel task's): a prompt fails, as on PowerShell's DefaultHost.
    var hostIsAbsent = false
    /// The compiled text a `[powershell]` instance is running: an error that ends one of its own
    /// statements fails the invocation instead of being written (see `Compiler.statementFailed`).
    var hostedPipelineCode: ObjectIdentifier?

    /// PowerShell's HostException for a prompt in a session without a host (`hostIsAbsent`).
    static func promptUnavailable(_ message: String) -> PSRuntimeError {
        PSRuntimeError.message(
            "A command that prompts the user failed because the host program or the command type does not support user interaction. The host was attempting to request confirmation with the following message: \(message)",
            errorId: "HostFunctionNotImplemented", category: .notImplemented,
            exceptionType: "System.Management.Automation.Host.HostException")
    }
    /// The last dot-sourced frame (ForEach-Object calls the same block in the same scope per object).
    var dotFrameCache: (code: ObjectIdentifier, scope: ObjectIdentifier, frame: Frame)?

    public init(host: PSHost = BufferHost(), modules: [PSModule] = []) {
        self.host = host
        currentDrive = drives.drive(named: "/")!
        currentDrive.location = FileManager.default.currentDirectoryPath.split(separator: "/").map(String.init)
        globalScope = Scope(parent: nil, isScriptScope: true)
        currentScope = globalScope
        currentScopeID = ObjectIdentifier(globalScope)
        currentRedirects = hostRedirects()
        currentRedirectsID = currentRedirects.map(ObjectIdentifier.init)
        types.register(enum: ActionPreference.enumType)
        types.register(enum: ErrorViews.enumType)
        for e in DotNetEnums.all { types.register(enum: e) }
        BuiltinVariables.install(in: self)
        importModule(FallbackCommands.module)
        for m in modules { importModule(m) }
    }

    /// Registers a module's cmdlets, aliases, enums, type names and format views, then runs its hook.
    public func importModule(_ module: PSModule) {
        importedModules.append(module)
        registry.register(module: module, types: types)
        module.onImport?(self)
    }

    // MARK: Variables

    /// A variable's value as seen from the current scope.
    public func variable(_ name: String) -> PSValue? { currentScope.lookup(name)?.value }

    /// Sets a variable in the current scope.
    public func setVariable(_ name: String, _ value: PSValue) { currentScope.set(name, value) }

    public func setGlobalVariable(_ name: String, _ value: PSValue) { globalScope.set(name, value) }

    /// Reads a preference variable (`$ErrorActionPreference`, ...).
    public func preference(_ name: String, default d: ActionPreference) -> ActionPreference {
        guard let v = variable(name) else { return d }
        return ActionPreference(v) ?? d
    }

    func confirmPreference() -> ConfirmImpact {
        guard let v = variable("ConfirmPreference") else { return .high }
        switch PSConvert.toString(v).lowercased() {
        case "none": return .none
        case "low": return .low
        case "medium": return .medium
        default: return .high
        }
    }

    /// Adds an error to `$Error` (newest first, capped at `$MaximumErrorCount`).
    public func recordError(_ r: ErrorRecord) {
        errorList.elements.insert(.object(ErrorRecordObjects.wrap(r)), at: 0)
        if errorList.elements.count > 256 { errorList.elements.removeLast() }
    }

    /// The ArrayList a `-ErrorVariable`/`-OutVariable`/`-WarningVariable` argument names, in `scope`:
    /// `name` starts it empty, `+name` appends to what the variable already holds.
    func collectionVariable(_ argument: PSValue, in scope: Scope) -> PSArray {
        var name = PSConvert.toString(argument)
        let append = name.hasPrefix("+")
        if append { name.removeFirst() }
        // `-OutVariable script:x` / `global:x` / `local:x`: the variable of that scope.
        var scope = scope
        if let colon = name.firstIndex(of: ":") {
            switch name[..<colon].lowercased() {
            case "global": scope = globalScope
            case "script": scope = scope.scriptScope
            case "local", "private": break
            default: return collectionVariableUnqualified(name, append: append, in: scope)
            }
            name = String(name[name.index(after: colon)...])
        }
        return collectionVariableUnqualified(name, append: append, in: scope)
    }

    private func collectionVariableUnqualified(_ name: String, append: Bool, in scope: Scope) -> PSArray {
        if append, let existing = scope.lookup(name)?.value {
            if case .array(let a) = existing, a.kind == .arrayList { return a }
            let list = PSArray(existing.isNull ? [] : (existing.arrayElements ?? [existing]), kind: .arrayList)
            scope.set(name, .array(list))
            return list
        }
        let list = PSArray([], kind: .arrayList)
        scope.set(name, .array(list))
        return list
    }

    /// Errors written while advanced functions with `-ErrorVariable` run go to their variables too.
    func appendToEnclosingErrorVariables(_ value: PSValue, except own: PSArray?) {
        for list in enclosingErrorVariables where list !== own { list.elements.append(value) }
    }

    /// A terminating error that a statement of the running script command saw (caught by its
    /// `catch` or `trap`, or passing out of it): its record goes to that command's -ErrorVariable
    /// lists once, as PowerShell's SetErrorVariables adds it to the statement's output pipe.
    func noteTerminatingError(_ r: ErrorRecord) {
        for list in enclosingErrorVariables {
            if let last = list.elements.last, ErrorRecordObjects.record(from: last) === r { continue }
            list.elements.append(.object(ErrorRecordObjects.wrap(r)))
        }
    }

    /// Writes an error record to the host the way the host shows errors.
    public func displayError(_ r: ErrorRecord) {
        host.write(renderError(r) + "\n", stream: .error)
    }
}

extension ShellSession {
    /// Stream destinations that show everything on the host with PowerShell's prefixes.
    func hostRedirects() -> StreamRedirects {
        StreamRedirects(
            error: { [unowned self] r in self.displayError(r) },
            warning: { [unowned self] t in self.host.write("WARNING: \(t)\n", stream: .warning) },
            verbose: { [unowned self] t in self.host.write("VERBOSE: \(t)\n", stream: .verbose) },
            debug: { [unowned self] t in self.host.write("DEBUG: \(t)\n", stream: .debug) },
            information: { [unowned self] v, _ in self.host.write(PSConvert.toString(v) + "\n", stream: .information) },
            hostText: { [unowned self] t in self.host.write(t, stream: .information) })
    }
}

/// A running function or script file, as `$MyInvocation` describes it.
public struct ScriptInvocation {
    /// `MyCommand.Name`: the function's name, or the script's file name.
    public var name: String
    /// Where it was called from (nil for a script run from the command line).
    public var position: ScriptExtent?
    public var isScriptFile: Bool
}
