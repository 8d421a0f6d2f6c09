// Write-Output/Host/Error/Warning/Verbose/Debug/Information/Progress and Read-Host.

import Foundation
import PSRuntime

final class WriteOutputCommand: Cmdlet {
    /// Read as one value, not as its elements: with -NoEnumerate an array goes down the pipeline whole.
    static let inputObject = Parameter<PSValue>("InputObject", type: .psObject, position: 0, mandatory: true,
                                                valueFromPipeline: true, valueFromRemainingArguments: true, allow: [.null, .emptyCollection])
    static let noEnumerate = Parameter<SwitchParameter>("NoEnumerate")
    static let declaration = CmdletDeclaration("Write-Output", parameters: [inputObject, noEnumerate], synopsis: "Writes objects to the pipeline.",
       description: "Sends its arguments (or pipeline input) down the pipeline; arrays are sent one element at a time unless -NoEnumerate.")

    func process(_ context: CmdletContext) throws {
        guard let v = context[Self.inputObject] else { return }
        try context.writeObject(v, enumerate: !context[Self.noEnumerate])
    }
}

/// Console colors: names PowerShell accepts and their ANSI codes.
enum ConsoleColors {
    static let names = ["Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray",
                        "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"]
    static let ansi = [30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97]
    /// System.ConsoleColor: a colour outside it fails the binder's conversion, as in PowerShell.
    static let enumType = PSEnumType(fullName: "System.ConsoleColor", names: names)

    static func code(_ name: String, background: Bool) -> Int? {
        guard let i = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) else { return nil }
        return ansi[i] + (background ? 10 : 0)
    }

    /// Colors only on a terminal and only when NO_COLOR is not set (https://no-color.org).
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) == 1
    }
}

final class WriteHostCommand: Cmdlet {
    static let object = Parameter<PSValue>("Object", aliases: ["Msg", "Message"], position: 0, valueFromPipeline: true,
                                           valueFromRemainingArguments: true)
    static let noNewline = Parameter<SwitchParameter>("NoNewline")
    static let separator = Parameter<PSValue>("Separator")
    static let foregroundColor = Parameter<String>("ForegroundColor", type: .enumType(ConsoleColors.enumType))
    static let backgroundColor = Parameter<String>("BackgroundColor", type: .enumType(ConsoleColors.enumType))
    static let declaration = CmdletDeclaration("Write-Host", parameters: [object, noNewline, separator, foregroundColor, backgroundColor], synopsis: "Writes text to the console.",
       description: "Writes its arguments to the host, separated by spaces (or -Separator), in color when the output is a terminal. Nothing goes down the pipeline.")

    func process(_ context: CmdletContext) throws {
        let sep = context[Self.separator].map { PSConvert.toString($0) } ?? " "
        var text = ""
        if let v = context[Self.object] {
            text = flatten(v).map { PSConvert.toString($0) }.joined(separator: sep)
        }
        if ConsoleColors.enabled {
            var codes: [Int] = []
            if let f = context[Self.foregroundColor], let c = ConsoleColors.code(f, background: false) { codes.append(c) }
            if let b = context[Self.backgroundColor], let c = ConsoleColors.code(b, background: true) { codes.append(c) }
            if !codes.isEmpty { text = "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m" + text + "\u{1B}[0m" }
        }
        try context.writeHost(text, newline: !context[Self.noNewline])
    }

    private func flatten(_ v: PSValue) -> [PSValue] {
        guard let items = v.arrayElements else { return [v] }
        return items.flatMap { flatten($0) }
    }
}

final class WriteErrorCommand: Cmdlet {
    static let categoryEnum = PSEnumType(fullName: "System.Management.Automation.ErrorCategory",
                                         names: ErrorCategory.allCases.map(\.rawValue))
    // As PowerShell declares them: the three sets each take their own kind of first argument, and
    // the binder picks the set by the argument's type (`Write-Error $Error[0]` is the ErrorRecord set).
    static let message = Parameter<String>("Message", aliases: ["Msg"], memberships: [
        ParameterSetMembership(setName: "NoException", position: 0, mandatory: true, valueFromPipeline: true),
        ParameterSetMembership(setName: "WithException"),
    ], allow: [.null, .emptyString])
    static let exception = Parameter<PSValue>("Exception", type: .named("System.Exception"), position: 0, mandatory: true,
                                              sets: ["WithException"])
    static let errorRecord = Parameter<PSValue>("ErrorRecord", type: .named("System.Management.Automation.ErrorRecord"), position: 0,
                                                mandatory: true, sets: ["ErrorRecord"])
    static let category = Parameter<String>("Category", type: .enumType(WriteErrorCommand.categoryEnum), sets: ["NoException", "WithException"])
    static let errorId = Parameter<String>("ErrorId", sets: ["NoException", "WithException"])
    static let targetObject = Parameter<PSValue>("TargetObject", sets: ["NoException", "WithException"])
    static let recommendedAction = Parameter<String>("RecommendedAction")
    static let categoryActivity = Parameter<String>("CategoryActivity", aliases: ["Activity"])
    static let categoryReason = Parameter<String>("CategoryReason", aliases: ["Reason"])
    static let categoryTargetName = Parameter<String>("CategoryTargetName", aliases: ["TargetName"])
    static let categoryTargetType = Parameter<String>("CategoryTargetType", aliases: ["TargetType"])
    static let declaration = CmdletDeclaration("Write-Error", parameters: [
        message, exception, errorRecord, category, errorId, targetObject, recommendedAction, categoryActivity, categoryReason,
        categoryTargetName, categoryTargetType,
    ], defaultParameterSet: "NoException", synopsis: "Writes an error to the error stream.",
       description: "Writes a non-terminating error: the script goes on unless -ErrorAction Stop or $ErrorActionPreference = 'Stop' is in effect, in which case the error terminates it.")

    func process(_ context: CmdletContext) throws {
        if case .object(let o)? = context[Self.errorRecord], let r = o.baseObject as? ErrorRecord {
            try context.writeError(r)
            return
        }
        let message = context[Self.message] ?? ""
        var exception = PSException(message, type: "Microsoft.PowerShell.Commands.WriteErrorException")
        if let e = context[Self.exception] {
            // The exception itself goes into the record; -Message becomes its ErrorDetails.
            if case .object(let o) = e, let ex = o.baseObject as? PSException {
                exception = ex
            } else {
                exception = PSException(PSConvert.toString(e), type: "System.Exception")
            }
        }
        let category = context[Self.category].flatMap { c in ErrorCategory.allCases.first { $0.rawValue.lowercased() == c.lowercased() } } ?? .notSpecified
        // The id names the function or script that called Write-Error, not Write-Error itself.
        var id = context[Self.errorId] ?? "Microsoft.PowerShell.Commands.WriteErrorException"
        if !context.session.runningScriptCommand.isEmpty { id += "," + context.session.runningScriptCommand }
        let r = ErrorRecord(exception, errorId: id, category: category, target: context[Self.targetObject] ?? .null)
        if context[Self.exception] != nil, let given = context[Self.message], !given.isEmpty { r.errorDetailsMessage = given }
        if let action = context[Self.recommendedAction], !action.isEmpty {
            if r.errorDetailsMessage == nil { r.errorDetailsMessage = r.message }
            r.recommendedAction = action
        }
        r.categoryActivity = context[Self.categoryActivity] ?? "Write-Error"
        // Like PowerShell, the error is reported against the calling function's invocation: the error
        // view names the function and shows the line that called it.
        if let caller = context.session.runningScript, !caller.isScriptFile, let at = caller.position {
            r.commandName = caller.name
            r.position = at
        }
        r.categoryReason = context[Self.categoryReason]
        r.categoryTargetName = context[Self.categoryTargetName]
        r.categoryTargetType = context[Self.categoryTargetType]
        try context.writeError(r)
    }
}

final class WriteWarningCommand: Cmdlet {
    static let message = Parameter<String>("Message", aliases: ["Msg"], position: 0, mandatory: true, valueFromPipeline: true,
                                           allow: .emptyString)
    static let declaration = CmdletDeclaration("Write-Warning", parameters: [message], synopsis: "Writes a warning message.", description: "Shows 'WARNING: message' unless $WarningPreference or -WarningAction hides it.")
    func process(_ context: CmdletContext) throws { try context.writeWarning(context[Self.message] ?? "") }
}

final class WriteVerboseCommand: Cmdlet {
    static let message = Parameter<String>("Message", aliases: ["Msg"], position: 0, mandatory: true, valueFromPipeline: true,
                                           allow: .emptyString)
    static let declaration = CmdletDeclaration("Write-Verbose", parameters: [message], synopsis: "Writes a verbose message.", description: "Shown as 'VERBOSE: message' only with -Verbose or $VerbosePreference = 'Continue'.")
    func process(_ context: CmdletContext) throws { try context.writeVerbose(context[Self.message] ?? "") }
}

final class WriteDebugCommand: Cmdlet {
    static let message = Parameter<String>("Message", aliases: ["Msg"], position: 0, mandatory: true, valueFromPipeline: true,
                                           allow: .emptyString)
    static let declaration = CmdletDeclaration("Write-Debug", parameters: [message], synopsis: "Writes a debug message.", description: "Shown as 'DEBUG: message' only with -Debug or $DebugPreference = 'Continue'.")
    func process(_ context: CmdletContext) throws { try context.writeDebug(context[Self.message] ?? "") }
}

final class WriteInformationCommand: Cmdlet {
    static let messageData = Parameter<PSValue>("MessageData", aliases: ["Msg", "Message"], position: 0, mandatory: true, valueFromPipeline: true, allow: .null)
    static let tags = Parameter<[String]>("Tags", position: 1)
    static let declaration = CmdletDeclaration("Write-Information", parameters: [messageData, tags], synopsis: "Writes to the information stream.", description: "Shown only with -InformationAction Continue or $InformationPreference = 'Continue'.")
    func process(_ context: CmdletContext) throws {
        try context.writeInformation(context[Self.messageData] ?? .null, tags: context[Self.tags] ?? [])
    }
}

final class WriteProgressCommand: Cmdlet {
    static let activity = Parameter<String>("Activity", position: 0)
    static let status = Parameter<String>("Status", position: 1, validate: [.notNullOrEmpty])
    static let id = Parameter<Int32>("Id", position: 2, validate: [.range(min: 0, max: Double(Int32.max))])
    static let percentComplete = Parameter<Int>("PercentComplete", validate: [.range(min: -1, max: 100)])
    static let secondsRemaining = Parameter<Int32>("SecondsRemaining")
    static let currentOperation = Parameter<String>("CurrentOperation")
    static let parentId = Parameter<Int32>("ParentId", validate: [.range(min: -1, max: Double(Int32.max))])
    static let completed = Parameter<SwitchParameter>("Completed")
    static let sourceId = Parameter<Int32>("SourceId")
    static let declaration = CmdletDeclaration("Write-Progress", parameters: [
        activity, status, id, percentComplete, secondsRemaining, currentOperation, parentId, completed, sourceId,
    ], synopsis: "Shows a progress bar.", description: "Shows the activity, status and percentage on a terminal; hidden when the output is not a terminal.")
    func process(_ context: CmdletContext) throws {
        if !(context.host is BufferHost), isatty(STDERR_FILENO) == 1 {
            // A one-line progress bar on the terminal, redrawn in place and erased when completed.
            let activity = context[Self.activity] ?? ""
            if context[Self.completed] {
                context.host.write("\r\u{1B}[K", stream: .progress)
            } else {
                let pct = max(-1, min(100, context[Self.percentComplete] ?? -1))
                let status = context[Self.status] ?? "Processing"
                var line = activity
                if pct >= 0 {
                    let filled = pct * 30 / 100
                    line += " [" + String(repeating: "o", count: filled) + String(repeating: " ", count: 30 - filled) + "] \(pct)%"
                }
                line += " " + status
                let width = max(context.host.windowWidth - 1, 10)
                context.host.write("\r\u{1B}[K" + DisplayCells.prefix(line, fitting: width), stream: .progress)
            }
        }
        try context.writeProgress(activity: context[Self.activity] ?? "", status: context[Self.status] ?? "Processing",
                              percentComplete: context[Self.percentComplete] ?? -1, completed: context[Self.completed])
    }
}

final class ReadHostCommand: Cmdlet {
    static let prompt = Parameter<PSValue>("Prompt", position: 0, valueFromRemainingArguments: true)
    static let asSecureString = Parameter<SwitchParameter>("AsSecureString")
    static let maskInput = Parameter<SwitchParameter>("MaskInput")
    static let declaration = CmdletDeclaration("Read-Host", parameters: [prompt, asSecureString, maskInput], synopsis: "Reads a line of input from the console.",
       description: "Shows the prompt followed by ': ' and returns the line typed. -AsSecureString returns a SecureString object that does not print its contents.")

    func process(_ context: CmdletContext) throws {
        var prompt = ""
        if let p = context[Self.prompt] {
            prompt = (p.arrayElements ?? [p]).map { PSConvert.toString($0) }.joined(separator: " ") + ": "
        }
        guard let line = context.host.readLine(prompt: prompt) else {
            throw context.terminatingError("Read-Host: the input stream has ended.", errorId: "ReadHostEndOfInput",
                                           category: .resourceUnavailable,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        if context[Self.asSecureString] {
            try context.writeObject(SecureStrings.make(line))
        } else {
            try context.writeObject(.string(line))
        }
    }
}
