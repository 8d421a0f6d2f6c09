import PSLanguage

/// The state of one running script block: its scope, the variable cells its compiled code reads by
/// slot, and the automatic values of the invocation. Created once per call (or once per dot-sourced
/// reuse), never per loop iteration.
final class Frame {
    // unowned(unsafe): these objects live only while their session runs code, and the session owns
    // everything that runs; a checked unowned reference would cost an atomic retain per access.
    unowned(unsafe) let session: ShellSession
    let scope: Scope
    let code: CompiledBlock
    /// `slots[i]` is the cell for `code.slotNames[i]` in `scope`.
    var slots: [PSVariable]
    /// Cells found in parent scopes for slots still unset locally (cache of the dynamic lookup).
    var parentCells: [PSVariable?]
    /// `$args`.
    var args: [PSValue] = []
    /// `$input`: the pipeline input collected for end blocks, or the current object in process blocks.
    var input: [PSValue] {
        get { inputEnumerator.items }
        set { inputEnumerator = LoopEnumerator(newValue); assignedInput = nil }
    }
    var inputEnumerator = LoopEnumerator([])
    /// The collection `$input` reads as: an ArrayList in an advanced function's begin and process
    /// blocks, an Object[] otherwise (PowerShell's own types for it).
    var inputKind: PSArray.Kind = .objectArray
    /// What the script assigned to `$input` (PowerShell lets it be overwritten), until new input arrives.
    var assignedInput: PSValue?
    /// The `foreach` and `switch` statements running in this frame that scripts can see as
    /// `$foreach` / `$switch`, innermost last.
    var runningLoops: [RunningLoop] = []
    var myInvocation: PSValue = .null
    var boundParameters: PSHashtable?
    var commandInfo: CommandInvocationInfo?

    init(session: ShellSession, scope: Scope, code: CompiledBlock) {
        self.session = session
        self.scope = scope
        self.code = code
        var cells: [PSVariable] = []
        cells.reserveCapacity(code.slotNames.count)
        for n in code.slotNames { cells.append(scope.cell(n)) }
        self.slots = cells
        self.parentCells = Array(repeating: nil, count: cells.count)
    }

    /// Reads a slot: the local cell when set, else the variable visible from the parent scopes.
    @inline(__always)
    func read(_ i: Int) -> PSValue? {
        let c = slots[i]
        if c.isSet { return c.value }
        return readParent(i)
    }

    /// The slot's value when this very scope set it (not a parent's).
    func readLocal(_ i: Int) -> PSValue? {
        let c = slots[i]
        return c.isSet ? c.value : nil
    }

    func readParent(_ i: Int) -> PSValue? {
        if let p = parentCells[i], p.isSet { return p.value }
        var s = scope.parent
        let key = code.slotKeys[i]
        while let cur = s {
            if let v = cur.variables[key], v.isSet, !v.options.contains(.private) {
                parentCells[i] = v
                return v.value
            }
            s = cur.parent
        }
        return nil
    }

    /// The cell a read of slot `i` would see (for `++`, `+=` on a parent's variable PowerShell
    /// creates a local copy, so writes always go to the local cell).
    @inline(__always)
    func write(_ i: Int, _ value: PSValue) throws {
        let c = slots[i]
        c.holdsAutomationNull = false
        if c.typeConstraint == nil && c.options.isEmpty && c.validations.isEmpty {
            c.value = value
            c.isSet = true
            return
        }
        try Frame.assign(c, value, session: session)
    }

    /// Assignment honouring read-only/constant options, type constraints and validation attributes.
    static func assign(_ c: PSVariable, _ value: PSValue, session: ShellSession) throws {
        if c.isSet && (c.options.contains(.readOnly) || c.options.contains(.constant)) {
            throw PSRuntimeError.message(
                "Cannot overwrite variable \(c.name) because it is read-only or constant.",
                errorId: "VariableNotWritable", category: .writeError,
                exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException", target: .string(c.name))
        }
        var v = value
        if c.typeConstraint != nil { v = try c.constrained(value, types: session.types) }
        for rule in c.validations where ruleFails(rule, v) { throw invalidValue(c.name, v) }
        c.value = v
        c.isSet = true
        c.holdsAutomationNull = false
    }

    /// Whether slot `i` (as a read sees it, local or a parent's) holds AutomationNull.
    func holdsAutomationNull(_ i: Int) -> Bool {
        let c = slots[i]
        if c.isSet { return c.holdsAutomationNull && c.value.isNull }
        guard let p = parentCells[i], p.isSet else { return false }
        return p.holdsAutomationNull && p.value.isNull
    }

    /// Whether a variable's validation attribute rejects a value. ValidateLength takes strings only.
    static func ruleFails(_ rule: ParameterValidation, _ v: PSValue) -> Bool {
        if case .length = rule {
            for e in v.arrayElements ?? [v] { if case .string = e {} else { return true } }
        }
        return Validation.check(rule, v) != nil
    }

    static func valueText(_ v: PSValue) -> String { v.isNull ? "$null" : PSConvert.toString(v) }

    static func invalidValue(_ name: String, _ v: PSValue) -> PSRuntimeError {
        PSRuntimeError.message("The variable cannot be validated because the value \(valueText(v)) is not a valid value for the \(name) variable.",
                               errorId: "ValidateSetFailure", category: .metadataError,
                               exceptionType: "System.Management.Automation.ValidationMetadataException")
    }
}

/// What `$MyInvocation` and error positions need about the running command.
struct CommandInvocationInfo {
    var name: String
    var expectingInput: Bool
    var scriptPath: String?
}

// MARK: Flow control (carried as Swift errors; cheap in Swift, no stack unwinding tables)

struct BreakSignal: Error { let label: String? }
struct ContinueSignal: Error { let label: String? }
/// `return`. What a value being captured had collected when the `return` passed through it
/// (`$x = if ($c) { return 5 }`, `$('1'; return '2')`) is not assigned: PowerShell writes it to the
/// function's output, so each capture adds its items to `pending` and the function's runner emits them.
struct ReturnSignal: Error {
    var pending: [PSValue] = []

    func flush(to sink: OutputSink) throws {
        for value in pending { try sink.emit(value) }
    }
}

extension Collector {
    /// Runs `body` into this collector; a `return` passing through carries the collected items out.
    @inline(__always)
    func capturing(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch var signal as ReturnSignal {
            if !items.isEmpty { signal.pending.insert(contentsOf: items, at: 0) }
            throw signal
        }
    }
}
/// `exit N`. A script file run as a command (`& ./x.ps1`, `. ./x.ps1`, `./x.ps1`) stops it and turns it
/// into `$LASTEXITCODE`; only at the top level (`hvsh -File`, -Command, the REPL) does it end hvsh.
/// `[Environment]::Exit` ends the process from anywhere (`endsProcess`).
struct ExitSignal: Error {
    let code: Int32
    var endsProcess = false
}

/// The user pressed Ctrl-C: unwinds everything, running `finally` blocks, recording nothing.
public struct PipelineStoppedSignal: Error { public init() {} }
