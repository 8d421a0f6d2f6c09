/// The streams of one running command and the preferences that govern them (from common parameters,
/// else from `$ErrorActionPreference`, `$WarningPreference`, ... as seen from the caller's scope).
final class CommandStreams {
    // unowned(unsafe): these objects live only while their session runs code, and the session owns
    // everything that runs; a checked unowned reference would cost an atomic retain per access.
    unowned(unsafe) let session: ShellSession
    /// Where the command's output objects go (its stage's output once the pipeline is connected).
    var output: OutputSink { didSet { outputID = ObjectIdentifier(output) } }
    /// Identities of `output` and `redirect`, for per-object checks that must not retain them.
    private(set) var outputID: ObjectIdentifier
    private(set) var redirectID: ObjectIdentifier
    var errorAction: ActionPreference
    var warningAction: ActionPreference
    var verboseAction: ActionPreference
    var debugAction: ActionPreference
    var informationAction: ActionPreference
    var whatIf: Bool
    var confirm: Bool
    /// `-Confirm:$false` was given: never ask, whatever the impact and preference.
    var confirmSuppressed = false
    var confirmImpact: ConfirmImpact = .medium
    /// The ArrayLists behind `-ErrorVariable` and `-WarningVariable`.
    var errorVariable: PSArray?
    var warningVariable: PSArray?
    var informationVariable: PSArray?
    /// The lists this command's records also go to, as PowerShell's pipe carries them: the last
    /// command of a pipeline writes into the output of the script command running that pipeline, so
    /// it inherits that command's lists (own and inherited); a command feeding another command of its
    /// pipeline inherits none (`a -ev x | b -ev y`: x gets only a's errors).
    var inheritedErrorVariables: [PSArray] = []
    var inheritedWarningVariables: [PSArray] = []
    var inheritedInformationVariables: [PSArray] = []

    /// The lists a script command's block makes current while it runs (own first).
    var errorVariables: [PSArray] { (errorVariable.map { [$0] } ?? []) + inheritedErrorVariables.filter { $0 !== errorVariable } }
    var warningVariables: [PSArray] { (warningVariable.map { [$0] } ?? []) + inheritedWarningVariables.filter { $0 !== warningVariable } }
    var informationVariables: [PSArray] { (informationVariable.map { [$0] } ?? []) + inheritedInformationVariables.filter { $0 !== informationVariable } }
    var redirect: StreamRedirects { didSet { redirectID = ObjectIdentifier(redirect) } }
    /// Set when the command wrote a non-terminating error (so `$?` becomes false).
    var hadError = false
    /// The command these streams belong to and where it was called, for the errors they raise.
    var commandName: String?
    var position: ScriptExtent?
    /// The cmdlet's class name for FullyQualifiedErrorIds (`...,Microsoft.PowerShell.Commands.WriteDebugCommand`).
    var errorIdSource: String?

    init(session: ShellSession, output: OutputSink = .discard, redirect: StreamRedirects) {
        self.session = session
        self.output = output
        outputID = ObjectIdentifier(output)
        // Shared with the caller until a redirection on this command changes it (ownRedirects).
        self.redirect = redirect
        redirectID = ObjectIdentifier(redirect)
        errorAction = session.preference("ErrorActionPreference", default: .continue)
        warningAction = session.preference("WarningPreference", default: .continue)
        verboseAction = session.preference("VerbosePreference", default: .silentlyContinue)
        debugAction = session.preference("DebugPreference", default: .silentlyContinue)
        informationAction = session.preference("InformationPreference", default: .silentlyContinue)
        whatIf = PSConvert.toBool(session.variable("WhatIfPreference") ?? .false)
        confirm = false
    }

    private var ownsRedirects = false

    /// Makes `redirect` this command's own copy before a redirection changes it.
    func ownRedirects() {
        if !ownsRedirects { redirect = redirect.copy(); ownsRedirects = true }
    }

    func writeError(_ record: ErrorRecord) throws {
        if errorAction == .suspend { throw reservedPreference("ErrorActionPreference", default: .continue, qualified: false) }
        hadError = true
        session.lockScriptStackTrace(record, at: position)
        if errorAction == .stop {
            // The ErrorVariable gets the ActionPreferenceStopException, as in PowerShell.
            appendToErrorVariables(.object(ErrorRecordObjects.stopException(record)))
            session.recordError(record)
            var stop = PSRuntimeError(record, terminatesScript: true)
            stop.stoppedByPreference = true
            throw stop
        }
        if errorAction != .ignore { appendToErrorVariables(.object(ErrorRecordObjects.wrap(record))) }
        switch errorAction {
        case .stop:
            return
        case .ignore:
            return
        case .silentlyContinue:
            session.recordError(record)
        default:
            session.recordError(record)
            try redirect.error(record)
        }
    }

    /// This command's `-ErrorVariable` and those it inherited.
    func appendToErrorVariables(_ value: PSValue) {
        errorVariable?.elements.append(value)
        for list in inheritedErrorVariables where list !== errorVariable { list.elements.append(value) }
    }

    func writeWarning(_ text: String) throws {
        // -WarningVariable collects WarningRecords (`$w[0].Message`), which print as their text.
        let record = StreamRecords.informational("Warning", text)
        warningVariable?.elements.append(record)
        for list in inheritedWarningVariables where list !== warningVariable { list.elements.append(record) }
        if warningAction == .suspend { throw reservedPreference("WarningPreference", default: .continue) }
        switch warningAction {
        case .silentlyContinue, .ignore: return
        case .stop:
            try redirect.warning(text)
            throw preferenceStop("WarningPreference", text)
        default: try redirect.warning(text)
        }
    }

    func writeVerbose(_ text: String) throws {
        if verboseAction == .suspend { throw reservedPreference("VerbosePreference", default: .silentlyContinue) }
        try writeOptional(text, verboseAction, preference: "VerbosePreference", to: redirect.verbose)
    }

    func writeDebug(_ text: String) throws {
        if debugAction == .suspend { throw reservedPreference("DebugPreference", default: .silentlyContinue) }
        try writeOptional(text, debugAction, preference: "DebugPreference", to: redirect.debug)
    }

    /// Verbose and debug messages: shown under Continue and Inquire, shown and then stopping under
    /// Stop, dropped otherwise.
    private func writeOptional(_ text: String, _ action: ActionPreference, preference: String,
                               to show: (String) throws -> Void) throws {
        switch action {
        case .continue, .inquire: try show(text)
        case .stop:
            try show(text)
            throw preferenceStop(preference, text)
        default: return
        }
    }

    func writeInformation(_ value: PSValue, tags: [String]) throws {
        // -InformationVariable collects InformationRecords (MessageData, Tags, Source), as PowerShell's does.
        let record = StreamRecords.information(value, tags: tags, source: commandName ?? "")
        informationVariable?.elements.append(record)
        for list in inheritedInformationVariables where list !== informationVariable { list.elements.append(record) }
        if informationAction == .suspend { throw reservedPreference("InformationPreference", default: .silentlyContinue) }
        switch informationAction {
        case .continue, .inquire: try redirect.information(value, false)
        case .silentlyContinue where redirect.informationCaptured: try redirect.information(value, false)
        case .stop:
            // Under Stop the record is not shown (only Continue shows it), then the command stops.
            if redirect.informationCaptured { try redirect.information(value, false) }
            throw preferenceStop("InformationPreference", PSConvert.toString(value))
        default: return
        }
    }

    func writeHost(_ text: String, newline: Bool) throws {
        // Write-Host shows unless InformationAction is Ignore/SilentlyContinue explicitly on the command;
        // the preference variable does not hide it. Stop shows the text, then stops the command.
        try redirect.hostText(newline ? text + "\n" : text)
        if informationAction == .stop { throw preferenceStop("InformationPreference", text) }
    }

    /// `$ProgressPreference` as Write-Progress reads it (only Suspend matters: progress has no Stop).
    func checkProgressPreference() throws {
        if session.preference("ProgressPreference", default: .continue) == .suspend {
            throw reservedPreference("ProgressPreference", default: .continue)
        }
    }

    /// A preference variable holding Suspend (reserved for workflows): PowerShell's
    /// ExecutionContext.CheckActionPreference puts the default back into the variable, in the scope
    /// the command runs in, and throws NotSupportedException. The common parameters refuse Suspend
    /// at binding, so only the variable gets here. Write-Error's is not attributed to the cmdlet:
    /// PowerShell's reaches the script as the caller re-reads `$ErrorActionPreference`.
    func reservedPreference(_ variable: String, default value: ActionPreference, qualified: Bool = true) -> PSRuntimeError {
        session.currentScope.set(variable, value.value)
        let defaultName = ActionPreference.enumType.members.first { $0.1 == value.rawValue }?.0 ?? "\(value.rawValue)"
        let r = ErrorRecord(
            message: "The Suspend ActionPreference value is reserved for future use and is not supported at this time. It has been replaced in your \(variable) variable by the default value of \(defaultName). For more information about preference variables, see the Help topic, \"about_Preference_Variables.\"",
            errorId: "System.NotSupportedException" + (qualified ? errorIdSource.map { "," + $0 } ?? "" : ""),
            category: .notSpecified, exceptionType: "System.NotSupportedException")
        if qualified { r.commandName = commandName; r.categoryActivity = commandName }
        r.position = position
        return PSRuntimeError(r, terminatesScript: true)
    }

    /// PowerShell's ActionPreferenceStopException when a stream's preference is Stop: it ends the
    /// script unless a try/catch or trap takes it.
    func preferenceStop(_ variable: String, _ message: String) -> PSRuntimeError {
        let r = ErrorRecord(
            message: "The running command stopped because the preference variable \"\(variable)\" or common parameter is set to Stop: \(message)",
            errorId: "ActionPreferenceStop", category: .operationStopped,
            exceptionType: "System.Management.Automation.ActionPreferenceStopException")
        r.commandName = commandName
        r.categoryActivity = commandName
        r.position = position
        return PSRuntimeError(r, terminatesScript: true)
    }

    func shouldProcess(target: String, action: String) throws -> Bool {
        if whatIf {
            session.host.write("What if: Performing the operation \"\(action)\" on target \"\(target)\".\n", stream: .output)
            return false
        }
        if confirmSuppressed { return true }
        // -Confirm lowers the threshold to Low; a command of ConfirmImpact None never asks.
        let threshold: ConfirmImpact = confirm ? .low : session.confirmPreference()
        if threshold == .none || threshold > confirmImpact { return true }
        let message = "Are you sure you want to perform this action?\nPerforming the operation \"\(action)\" on target \"\(target)\"."
        if session.hostIsAbsent { throw ShellSession.promptUnavailable(message) }
        return session.host.confirm(caption: "Confirm", message: message)
    }
}

/// Where the non-output streams of a command go; redirections (`2>&1`, `3>$null`, `*>file`) replace
/// entries. A class so that switching the current set (per script block call) is one reference store;
/// each command works on its own copy.
final class StreamRedirects {
    var error: (ErrorRecord) throws -> Void
    var warning: (String) throws -> Void
    var verbose: (String) throws -> Void
    var debug: (String) throws -> Void
    /// Information records; the Bool says whether the value came from Write-Host.
    var information: (PSValue, Bool) throws -> Void
    var hostText: (String) throws -> Void
    /// The information stream is redirected (`6>&1`, `6>file`): records are captured even under
    /// SilentlyContinue, which only hides them from the host.
    var informationCaptured = false
    /// Progress records go here instead of the host (a `[powershell]` instance's Streams.Progress).
    var progress: ((PSValue) -> Void)?

    init(error: @escaping (ErrorRecord) throws -> Void, warning: @escaping (String) throws -> Void,
         verbose: @escaping (String) throws -> Void, debug: @escaping (String) throws -> Void,
         information: @escaping (PSValue, Bool) throws -> Void, hostText: @escaping (String) throws -> Void) {
        self.error = error
        self.warning = warning
        self.verbose = verbose
        self.debug = debug
        self.information = information
        self.hostText = hostText
    }

    func copy() -> StreamRedirects {
        let c = StreamRedirects(error: error, warning: warning, verbose: verbose, debug: debug, information: information, hostText: hostText)
        c.informationCaptured = informationCaptured
        c.progress = progress
        return c
    }
}
