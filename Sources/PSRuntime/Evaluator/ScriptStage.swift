import Foundation
import PSLanguage

/// A function, filter, script block or script file running as a pipeline stage:
/// `begin` once, `process` per input object (or once without input), `end` once.
final class ScriptStage: Stage {
    let code: CompiledBlock
    let dotSource: Bool
    let callerScope: Scope
    /// The scope of the call, when it is not `callerScope` (a module function called from outside it).
    let invoker: Scope?
    let arguments: [BindArgument]
    let displayName: String
    /// `$MyInvocation.MyCommand.Name`: the function's name, a script file's name without its directory.
    let commandName: String
    /// What `session.runningScript` is while this stage's code runs (nil for a script block).
    let invocation: ScriptInvocation?
    let isScriptFile: Bool
    let position: ScriptExtent?
    var frame: Frame!
    var binder: ParameterBinder?
    /// The parameters the dynamicparam block added: their index in the binder's metadata and what
    /// stores a bound value (a RuntimeDefinedParameter's Value, a class instance's property).
    var dynamicParameters: [(index: Int, assign: (PSValue) throws -> Void)] = []
    var collected: [PSValue] = []
    /// Where the compiled blocks write: this stage's output (the begin buffer until `connected`).
    var sink: OutputSink = .discard
    override var name: String { displayName }

    /// `$MyInvocation.InvocationName`: `.` when dot-sourced, `&` after the call operator, else the
    /// command as typed.
    let invocationName: String
    /// A script file run as a command ends at its `exit`, which sets `$LASTEXITCODE`; the top-level
    /// script of `hvsh -File` lets `exit` through to end the process.
    let catchesExit: Bool
    /// `exit` ran: the remaining blocks are skipped.
    private var exited = false
    /// A begin, process or end block ran: only then does the `clean` block run (PowerShell skips it
    /// for a command that never ran, e.g. with no input reaching a process-only function).
    private var ranNamedBlock = false
    private var cleanedUp = false

    init(session: ShellSession, code: CompiledBlock, name: String, arguments: [BindArgument], callerScope: Scope,
         dotSource: Bool, isScriptFile: Bool, position: ScriptExtent?, invocationName: String? = nil,
         topLevel: Bool = false, invoker: Scope? = nil) {
        self.invoker = invoker
        self.code = code
        self.displayName = name
        self.commandName = isScriptFile ? String(name.split(separator: "/").last ?? "") : name
        self.invocation = commandName.isEmpty ? nil : ScriptInvocation(name: commandName, position: position, isScriptFile: isScriptFile)
        self.arguments = arguments
        self.callerScope = callerScope
        self.dotSource = dotSource
        self.isScriptFile = isScriptFile
        self.position = position
        self.invocationName = invocationName ?? (dotSource && !topLevel ? "." : name)
        self.catchesExit = isScriptFile && !topLevel
        super.init(session: session)
        if !commandName.isEmpty { streams.commandName = commandName }
        streams.position = position
    }

    /// Runs one named block; its output goes to the stage's output, or to `target` (the
    /// dynamicparam block's result).
    func run(_ block: Exec?, _ blockName: String, evenAfterExit: Bool = false, into target: OutputSink? = nil) throws {
        guard let block, !exited || evenAfterExit else { return }
        let out = target ?? sink
        ranNamedBlock = true
        try session.enterCall()
        defer { session.leaveCall() }
        let function = commandName.isEmpty || isScriptFile ? "<ScriptBlock>" : commandName + blockName
        var callFrame = ScriptCallFrame(functionName: function, callSite: position)
        callFrame.command = commandName.isEmpty ? "<ScriptBlock>" : commandName
        callFrame.frame = frame
        session.callFrames.append(callFrame)
        defer { session.callFrames.removeLast() }
        let savedScope = session.currentScope
        let savedRedirects = session.currentRedirects
        let savedInvocation = session.runningScript
        session.currentScope = frame.scope
        session.currentRedirects = streams.redirect
        session.runningScript = invocation
        let savedLists = (session.enclosingErrorVariables, session.enclosingWarningVariables, session.enclosingInformationVariables)
        session.enclosingErrorVariables = streams.errorVariables
        session.enclosingWarningVariables = streams.warningVariables
        session.enclosingInformationVariables = streams.informationVariables
        defer {
            session.currentScope = savedScope
            session.currentRedirects = savedRedirects
            session.runningScript = savedInvocation
            (session.enclosingErrorVariables, session.enclosingWarningVariables, session.enclosingInformationVariables) = savedLists
        }
        do {
            try block(frame, out)
        } catch var e as PSRuntimeError {
            session.lockScriptStackTrace(e.record)
            if e.endsCommand == ObjectIdentifier(self) {
                // This command's ThrowTerminatingError: the command is over; its caller sees a
                // statement-terminating error. Its -ErrorVariable gets the CmdletInvocationException.
                e.endsCommand = nil
                streams.appendToErrorVariables(.object(ErrorRecordObjects.cmdletInvocationException(e.record)))
            } else if e.endsCommand == nil {
                session.noteTerminatingError(e.record)
            }
            e.record.leftItsCommand = true
            throw e
        } catch let signal as ReturnSignal {
            try signal.flush(to: out)
        } catch let e as ExitSignal where catchesExit && !e.endsProcess {
            exited = true
            session.setLastExitCode(e.code)
            if e.code != 0 { streams.hadError = true }
        }
    }

    override func begin() throws {
        // Each call of a function or script block is a point where Ctrl-C stops the script: recursion
        // that never loops (`function f { try { f } catch {}; try { f } catch {} }`) otherwise never
        // reaches one of the loop or pipeline checks.
        if session.stopRequested { throw PipelineStoppedSignal() }
        streams.output = output
        sink = output
        let scope = dotSource ? callerScope : Scope(parent: callerScope, isScriptScope: isScriptFile)
        if !dotSource, let invoker { scope.invoker = invoker }
        frame = Frame(session: session, scope: scope, code: code)
        if let error = code.attributeError { throw error }
        if !code.parameters.isEmpty || code.isAdvanced {
            // PowerShell numbers parameter sets with the bits of a 32-bit mask.
            if code.metadata.setNames.count > 32 {
                throw PSRuntimeError.message("Cannot get or run the command. The maximum number of parameter sets for this command has been exceeded.",
                                             errorId: "ParsingTooManyParameterSets", category: .metadataError,
                                             exceptionType: "System.Management.Automation.ParsingMetadataException")
            }
            let b: ParameterBinder
            if code.dynamicParam != nil && code.isAdvanced {
                b = try bindWithDynamicParameters()
            } else {
                b = makeBinder(code.metadata, rules: code.parameters.map(\.rules))
                binder = b
                try b.bindCommandLine(arguments)
            }
            try b.finishCommandLine(expectingInput: expectingInput)
            applyCommonParameters(b)
            setPreferenceVariables(b)
            frame.args = b.unbound
            try assignParameters(initial: true)
        } else {
            frame.args = arguments.flatMap { a -> [PSValue] in
                if a.parameterName != nil {
                    var items: [PSValue] = [.string(a.text)]
                    if a.hasColon, let v = a.value, !a.text.contains(":") { items.append(v) }
                    return items
                }
                return [a.value ?? .null]
            }
        }
        if code.isAdvanced { scope.set("PSCmdlet", .object(makePSCmdlet())) }
        frame.myInvocation = .object(makeInvocationInfo())
        if !dotSource { scope.invocationInfo = frame.myInvocation }
        // -OutVariable/-PipelineVariable are known only now that the arguments are bound: what the
        // begin block writes passes through them too (`connected` wraps the final output again).
        if !outputWrappers.isEmpty {
            for wrap in outputWrappers { sink = wrap(sink) }
            streams.output = sink
        }
        frame.inputKind = code.isAdvanced ? .arrayList : .objectArray
        try run(code.begin, "<Begin>")
    }

    override func connected() {
        streams.output = output
        sink = output
    }

    func makeBinder(_ metadata: CommandMetadata, rules: [ScriptParameterRules]) -> ParameterBinder {
        let b = ParameterBinder(metadata: metadata, commandName: displayName, isScript: true, session: session)
        b.position = position
        b.scriptRules = rules
        return b
    }

    /// Copies bound values (or defaults) into the parameter variables.
    func assignParameters(initial: Bool) throws {
        guard let b = binder else { return }
        let bound = PSHashtable()
        for (i, p) in code.parameters.enumerated() {
            let cell = frame.slots[p.slot]
            if let v = b.values[i] {
                cell.typeConstraint = nil
                cell.value = v
                cell.isSet = true
                bound[p.declaration.name] = v
                if p.declaration.type != .object && !p.declaration.type.isArray { cell.typeConstraint = p.declaration.type }
                // The parameter's validation attributes stay on its variable: later assignments are checked too.
                cell.validations = p.declaration.validations
                cell.validatesFirstValue = false
            } else if initial {
                cell.typeConstraint = nil
                if let d = p.defaultValue {
                    cell.value = try PSConvert.convert(try d(frame), to: p.declaration.type, types: session.types)
                } else if p.declaration.isSwitch {
                    cell.value = .switchValue(false)
                } else if p.declaration.type == .object || p.declaration.type.isArray {
                    cell.value = .null
                } else {
                    cell.value = (try? PSConvert.convert(.null, to: p.declaration.type, types: session.types)) ?? .null
                }
                cell.isSet = true
                if p.declaration.type != .object && !p.declaration.type.isArray { cell.typeConstraint = p.declaration.type }
                cell.validations = p.declaration.validations
                // Unbound and without a default, the variable gets its attributes with its first value.
                cell.validatesFirstValue = p.defaultValue == nil && !p.declaration.validations.isEmpty
            }
        }
        let ordered = PSHashtable.dictionary(.string, .object, ignoreCase: true)
        ordered.engineTypeName = "System.Management.Automation.PSBoundParametersDictionary"
        for i in b.bindOrder { if let v = b.values[i] { ordered[b.metadata.parameters[i].name] = v } }
        frame.boundParameters = ordered
        for (index, assign) in dynamicParameters {
            if let value = b.values[index] { try assign(value) }
        }
        _ = bound
    }

    /// Common parameters of an advanced function become local preference variables, so the
    /// commands it calls inherit them (as in PowerShell).
    private func setPreferenceVariables(_ binder: ParameterBinder) {
        guard binder.metadata.isAdvanced else { return }
        let scope = frame.scope
        func bound(_ name: String) -> PSValue? { binder.metadata.index(of: name).flatMap { binder.values[$0] } }
        if let value = bound("ErrorAction"), let preference = ActionPreference(value) { scope.set("ErrorActionPreference", preference.value) }
        if let value = bound("WarningAction"), let preference = ActionPreference(value) { scope.set("WarningPreference", preference.value) }
        if let value = bound("InformationAction"), let preference = ActionPreference(value) { scope.set("InformationPreference", preference.value) }
        if let value = bound("Verbose") { scope.set("VerbosePreference", (PSConvert.toBool(value) ? ActionPreference.continue : .silentlyContinue).value) }
        if let value = bound("Debug") { scope.set("DebugPreference", (PSConvert.toBool(value) ? ActionPreference.continue : .silentlyContinue).value) }
        if let value = bound("WhatIf") { scope.set("WhatIfPreference", .bool(PSConvert.toBool(value))) }
        if let value = bound("Confirm") { scope.set("ConfirmPreference", .string(PSConvert.toBool(value) ? "Low" : "None")) }
    }

    override func processNoInput() throws {
        if code.process != nil {
            if let s = code.dollarUnderSlot { frame.slots[s].value = .null; frame.slots[s].isSet = true }
            frame.input = []
            frame.inputKind = code.isAdvanced ? .arrayList : .objectArray
            try run(code.process, code.processIsNamed ? "<Process>" : "")
        }
    }

    override func process(_ input: PSValue) throws {
        if session.stopRequested { throw PipelineStoppedSignal() }
        if let b = binder {
            let bound: Bool
            do { bound = try b.bindPipeline(input) } catch let e as PSRuntimeError where e.isBindingError {
                // A value the parameters refuse fails for this object only (a non-terminating error).
                try streams.writeError(e.record)
                return
            }
            if !bound {
                if b.metadata.parameters[..<b.metadata.commonParameterStart].contains(where: { p in p.sets.contains { $0.valueFromPipeline || $0.valueFromPipelineByPropertyName } }) {
                    try streams.writeError(b.inputNotBoundError(input))
                    return
                }
            } else {
                if b.chosenSet == nil { try b.checkMandatoryAfterPipeline() }
            }
            try assignParameters(initial: false)
        }
        guard code.process != nil else {
            // No process block: the end block sees all input in $input and the last bound values.
            collected.append(input)
            return
        }
        if let s = code.dollarUnderSlot {
            frame.slots[s].value = input
            frame.slots[s].isSet = true
        } else {
            frame.scope.set("_", input)
        }
        frame.input = [input]
        frame.inputKind = code.isAdvanced ? .arrayList : .objectArray
        try run(code.process, code.processIsNamed ? "<Process>" : "")
    }

    override func end() throws {
        frame.input = collected
        frame.inputKind = .objectArray
        try run(code.end, code.endIsNamed ? "<End>" : "")
    }

    /// The `clean` block: after the pipeline, if another block ran; its output goes nowhere (its
    /// other streams flow as usual). No error escapes it (PowerShell's PipelineProcessor.Clean and
    /// DoCleanup): a try or trap around the command does not make its statements' errors terminating,
    /// and a terminating error (`throw`, ThrowTerminatingError, `-ErrorAction Stop`) ends the block
    /// and is written to the command's error stream instead, leaving `$?` false.
    override func cleanUp() throws {
        guard let clean = code.clean, ranNamedBlock, !cleanedUp, frame != nil else { return }
        cleanedUp = true
        sink = .discard
        let savedTryDepth = session.tryDepth
        session.tryDepth = 0
        defer { session.tryDepth = savedTryDepth }
        do {
            try run(clean, (code.endIsNamed ? "<End>" : "") + "<Clean>", evenAfterExit: true)
        } catch let e as PSRuntimeError {
            streams.hadError = true
            session.lastSuccess = false
            session.recordErrorIfNew(e.record)
            try streams.redirect.error(e.record)
        } catch let exit as ExitSignal where !exit.endsProcess {
            // `exit` in a clean block ends the block only (PowerShell does not propagate the
            // ExitException out of Clean); `[Environment]::Exit` still ends the process.
        }
    }

    // MARK: Automatic objects

    // The stage keeps its frame, the frame keeps `$MyInvocation` and `$PSCmdlet` (in its scope), and
    // their members read the stage: they hold it weakly, or every call would leak its stage and frame
    // (7 KB a call, gigabytes in a long loop). Once the call is over they read as empty.
    private func makeInvocationInfo() -> PSObject {
        return InvocationInfoObject.make(
            command: commandInfo(), invocationName: invocationName, position: position,
            expectingInput: expectingInput, pipelinePosition: pipelinePosition, pipelineLength: pipelineLength,
            boundParameters: { [weak self] in self?.frame.boundParameters ?? PSHashtable() },
            unboundArguments: { [weak self] in self?.frame.args ?? [] })
    }

    /// `$MyInvocation.MyCommand`: what PowerShell's ExternalScriptInfo, FunctionInfo or ScriptInfo shows.
    private func commandInfo() -> PSObject {
        if isScriptFile { return InvocationInfoObject.externalScript(path: displayName, code: code) }
        if displayName.isEmpty { return InvocationInfoObject.scriptBlock(code: code) }
        return InvocationInfoObject.function(name: displayName, code: code)
    }

    private func makePSCmdlet() -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.PSScriptCmdlet", "System.Management.Automation.PSCmdlet", "System.Object"])
        o.addProperty("ParameterSetName") { [weak self] _ in
            guard let stage = self else { return .string(allParameterSets) }
            return .string(stage.binder?.chosenSet ?? stage.code.defaultParameterSet ?? allParameterSets)
        }
        o.addProperty("MyInvocation") { [weak self] _ in self?.frame.myInvocation ?? .null }
        o.addMethod("ShouldProcess") { [weak self] _, args in
            guard let stage = self else { return .false }
            let target = args.first.map { PSConvert.toString($0) } ?? ""
            let action = args.count > 1 ? PSConvert.toString(args[1]) : stage.displayName
            return .bool(try stage.streams.shouldProcess(target: target, action: action))
        }
        o.addMethod("ShouldContinue") { [weak self] _, args in
            guard let stage = self else { return .false }
            let query = args.first.map { PSConvert.toString($0) } ?? ""
            let caption = args.count > 1 ? PSConvert.toString(args[1]) : ""
            if stage.session.hostIsAbsent { throw ShellSession.promptUnavailable(query) }
            return .bool(stage.session.host.confirm(caption: caption, message: query))
        }
        // The Write* methods are void in .NET: called as a statement they write nothing themselves.
        o.addVoidMethod("WriteObject") { [weak self] _, args in
            if let stage = self, let v = args.first {
                try stage.sink.writeEnumerated(args.count > 1 && PSConvert.toBool(args[1]) ? v : .array(PSArray([v])))
            }
        }
        o.addVoidMethod("WriteVerbose") { [weak self] _, args in try self?.streams.writeVerbose(PSConvert.toString(args.first ?? .null)) }
        o.addVoidMethod("WriteWarning") { [weak self] _, args in try self?.streams.writeWarning(PSConvert.toString(args.first ?? .null)) }
        o.addVoidMethod("WriteDebug") { [weak self] _, args in try self?.streams.writeDebug(PSConvert.toString(args.first ?? .null)) }
        // A record the command makes gets the command's name on its id, as a compiled cmdlet's gets its
        // type's (`WriteErrorAPI:error,WriteErrorAPI`); one that has been reported before keeps its id.
        let commandName = self.commandName
        func attributed(_ r: ErrorRecord) -> ErrorRecord {
            if r.position == nil, !commandName.isEmpty, !r.fullyQualifiedErrorId.hasSuffix("," + commandName) {
                r.fullyQualifiedErrorId += "," + commandName
            }
            return r
        }
        o.addVoidMethod("WriteError") { [weak self] _, args in
            if let r = args.first.flatMap(ErrorRecordObjects.record(from:)) { try self?.streams.writeError(attributed(r)) }
        }
        o.addVoidMethod("ThrowTerminatingError") { [weak self] _, args in
            guard let r = args.first.flatMap(ErrorRecordObjects.record(from:)) else { return }
            var e = PSRuntimeError(attributed(r), terminatesScript: false)
            e.endsCommand = self.map(ObjectIdentifier.init)
            e.fromThrowTerminatingError = true
            throw e
        }
        return o
    }
}
