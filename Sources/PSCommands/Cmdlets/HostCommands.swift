// Write-Output/Host/Error/Warning/Verbose/Debug/Information/Progress and Read-Host.

import Foundation
import PSRuntime

final class WriteOutputCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Write-Output", parameters: [
        ParameterDeclaration("InputObject", .array(.object), position: 0, mandatory: true, valueFromPipeline: true,
                             valueFromRemainingArguments: true),
        ParameterDeclaration("NoEnumerate", .switchParameter),
    ], synopsis: "Writes objects to the pipeline.",
       description: "Sends its arguments (or pipeline input) down the pipeline; arrays are sent one element at a time unless -NoEnumerate.")
    init() {}

    func process(_ context: CmdletContext) throws {
        guard let v = context["InputObject"] else { return }
        try context.writeObject(v, enumerate: !context.switchPresent("NoEnumerate"))
    }
}

/// Console colors: names PowerShell accepts and their ANSI codes.
enum ConsoleColors {
    static let names = ["Black", "DarkBlue", "DarkGreen", "DarkCyan", "DarkRed", "DarkMagenta", "DarkYellow", "Gray",
                        "DarkGray", "Blue", "Green", "Cyan", "Red", "Magenta", "Yellow", "White"]
    static let ansi = [30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97]

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
    static let declaration = CmdletDeclaration("Write-Host", parameters: [
        ParameterDeclaration("Object", .object, aliases: ["Msg", "Message"], position: 0, valueFromPipeline: true,
                             valueFromRemainingArguments: true),
        ParameterDeclaration("NoNewline", .switchParameter),
        ParameterDeclaration("Separator", .object),
        ParameterDeclaration("ForegroundColor", .string, validate: [.set(ConsoleColors.names)]),
        ParameterDeclaration("BackgroundColor", .string, validate: [.set(ConsoleColors.names)]),
    ], synopsis: "Writes text to the console.",
       description: "Writes its arguments to the host, separated by spaces (or -Separator), in color when the output is a terminal. Nothing goes down the pipeline.")
    init() {}

    func process(_ context: CmdletContext) throws {
        let sep = context["Separator"].map { PSConvert.toString($0) } ?? " "
        var text = ""
        if let v = context["Object"] {
            text = flatten(v).map { PSConvert.toString($0) }.joined(separator: sep)
        }
        if ConsoleColors.enabled {
            var codes: [Int] = []
            if let f = context.string("ForegroundColor"), let c = ConsoleColors.code(f, background: false) { codes.append(c) }
            if let b = context.string("BackgroundColor"), let c = ConsoleColors.code(b, background: true) { codes.append(c) }
            if !codes.isEmpty { text = "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m" + text + "\u{1B}[0m" }
        }
        try context.writeHost(text, newline: !context.switchPresent("NoNewline"))
    }

    private func flatten(_ v: PSValue) -> [PSValue] {
        guard let items = v.arrayElements else { return [v] }
        return items.flatMap { flatten($0) }
    }
}

final class WriteErrorCommand: Cmdlet {
    static let categoryEnum = PSEnumType(fullName: "System.Management.Automation.ErrorCategory",
                                         names: ErrorCategory.allCases.map(\.rawValue))
    static let declaration = CmdletDeclaration("Write-Error", parameters: [
        ParameterDeclaration("Message", .string, aliases: ["Msg"], position: 0, valueFromPipeline: true, sets: ["NoException"]),
        ParameterDeclaration("Exception", .object, mandatory: true, sets: ["WithException"]),
        ParameterDeclaration("ErrorRecord", .object, mandatory: true, sets: ["ErrorRecord"]),
        ParameterDeclaration("Category", .enumType(WriteErrorCommand.categoryEnum)),
        ParameterDeclaration("ErrorId", .string),
        ParameterDeclaration("TargetObject", .object),
        ParameterDeclaration("RecommendedAction", .string),
        ParameterDeclaration("CategoryActivity", .string, aliases: ["Activity"]),
        ParameterDeclaration("CategoryReason", .string, aliases: ["Reason"]),
        ParameterDeclaration("CategoryTargetName", .string, aliases: ["TargetName"]),
        ParameterDeclaration("CategoryTargetType", .string, aliases: ["TargetType"]),
    ], defaultParameterSet: "NoException", synopsis: "Writes an error to the error stream.",
       description: "Writes a non-terminating error: the script goes on unless -ErrorAction Stop or $ErrorActionPreference = 'Stop' is in effect, in which case the error terminates it.")
    init() {}

    func process(_ context: CmdletContext) throws {
        if case .object(let o)? = context["ErrorRecord"], let r = o.baseObject as? ErrorRecord {
            try context.writeError(r)
            return
        }
        var message = context.string("Message") ?? ""
        var exceptionType = "Microsoft.PowerShell.Commands.WriteErrorException"
        if let e = context["Exception"] {
            if case .object(let o) = e, let ex = o.baseObject as? PSException {
                message = context.string("Message") ?? ex.message
                exceptionType = ex.typeFullName
            } else {
                message = PSConvert.toString(e)
                exceptionType = "System.Exception"
            }
        }
        let category = context.enumName("Category").flatMap { c in ErrorCategory.allCases.first { $0.rawValue.lowercased() == c.lowercased() } } ?? .notSpecified
        // The id names the function or script that called Write-Error, not Write-Error itself.
        var id = context.string("ErrorId") ?? "Microsoft.PowerShell.Commands.WriteErrorException"
        if !context.session.runningScriptCommand.isEmpty { id += "," + context.session.runningScriptCommand }
        let r = ErrorRecord(message: message, errorId: id, category: category, target: context["TargetObject"] ?? .null,
                            exceptionType: exceptionType)
        r.categoryActivity = context.string("CategoryActivity") ?? "Write-Error"
        // Like PowerShell, the error is reported against the calling function's invocation: the error
        // view names the function and shows the line that called it.
        if let caller = context.session.runningScript, !caller.isScriptFile, let at = caller.position {
            r.commandName = caller.name
            r.position = at
        }
        r.categoryReason = context.string("CategoryReason")
        r.categoryTargetName = context.string("CategoryTargetName")
        try context.writeError(r)
    }
}

final class WriteWarningCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Write-Warning", parameters: [
        ParameterDeclaration("Message", .string, aliases: ["Msg"], position: 0, mandatory: true, valueFromPipeline: true),
    ], synopsis: "Writes a warning message.", description: "Shows 'WARNING: message' unless $WarningPreference or -WarningAction hides it.")
    init() {}
    func process(_ context: CmdletContext) throws { try context.writeWarning(context.string("Message") ?? "") }
}

final class WriteVerboseCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Write-Verbose", parameters: [
        ParameterDeclaration("Message", .string, aliases: ["Msg"], position: 0, mandatory: true, valueFromPipeline: true),
    ], synopsis: "Writes a verbose message.", description: "Shown as 'VERBOSE: message' only with -Verbose or $VerbosePreference = 'Continue'.")
    init() {}
    func process(_ context: CmdletContext) throws { try context.writeVerbose(context.string("Message") ?? "") }
}

final class WriteDebugCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Write-Debug", parameters: [
        ParameterDeclaration("Message", .string, aliases: ["Msg"], position: 0, mandatory: true, valueFromPipeline: true),
    ], synopsis: "Writes a debug message.", description: "Shown as 'DEBUG: message' only with -Debug or $DebugPreference = 'Continue'.")
    init() {}
    func process(_ context: CmdletContext) throws { try context.writeDebug(context.string("Message") ?? "") }
}

final class WriteInformationCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Write-Information", parameters: [
        ParameterDeclaration("MessageData", .object, aliases: ["Msg", "Message"], position: 0, mandatory: true),
        ParameterDeclaration("Tags", .array(.string), position: 1),
    ], synopsis: "Writes to the information stream.", description: "Shown only with -InformationAction Continue or $InformationPreference = 'Continue'.")
    init() {}
    func process(_ context: CmdletContext) throws {
        try context.writeInformation(context["MessageData"] ?? .null, tags: context.strings("Tags") ?? [])
    }
}

final class WriteProgressCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Write-Progress", parameters: [
        ParameterDeclaration("Activity", .string, position: 0),
        ParameterDeclaration("Status", .string, position: 1),
        ParameterDeclaration("Id", .int32, position: 2),
        ParameterDeclaration("PercentComplete", .int32, validate: [.range(min: -1, max: 100)]),
        ParameterDeclaration("SecondsRemaining", .int32),
        ParameterDeclaration("CurrentOperation", .string),
        ParameterDeclaration("ParentId", .int32),
        ParameterDeclaration("Completed", .switchParameter),
        ParameterDeclaration("SourceId", .int32),
    ], synopsis: "Shows a progress bar.", description: "Shows the activity, status and percentage on a terminal; hidden when the output is not a terminal.")
    init() {}
    func process(_ context: CmdletContext) throws {
        if !(context.host is BufferHost), isatty(STDERR_FILENO) == 1 {
            // A one-line progress bar on the terminal, redrawn in place and erased when completed.
            let activity = context.string("Activity") ?? ""
            if context.switchPresent("Completed") {
                context.host.write("\r\u{1B}[K", stream: .progress)
            } else {
                let pct = max(-1, min(100, context.int("PercentComplete") ?? -1))
                let status = context.string("Status") ?? "Processing"
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
        context.writeProgress(activity: context.string("Activity") ?? "", status: context.string("Status") ?? "Processing",
                              percentComplete: context.int("PercentComplete") ?? -1, completed: context.switchPresent("Completed"))
    }
}

final class ReadHostCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Read-Host", parameters: [
        ParameterDeclaration("Prompt", .object, position: 0, valueFromRemainingArguments: true),
        ParameterDeclaration("AsSecureString", .switchParameter),
        ParameterDeclaration("MaskInput", .switchParameter),
    ], synopsis: "Reads a line of input from the console.",
       description: "Shows the prompt followed by ': ' and returns the line typed. -AsSecureString returns a SecureString object that does not print its contents.")
    init() {}

    func process(_ context: CmdletContext) throws {
        var prompt = ""
        if let p = context["Prompt"] {
            prompt = (p.arrayElements ?? [p]).map { PSConvert.toString($0) }.joined(separator: " ") + ": "
        }
        guard let line = context.host.readLine(prompt: prompt) else {
            throw context.terminatingError("Read-Host: the input stream has ended.", errorId: "ReadHostEndOfInput",
                                           category: .resourceUnavailable,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        if context.switchPresent("AsSecureString") {
            let o = PSObject(typeNames: ["System.Security.SecureString", "System.Object"])
            o.addNote("Length", .int(Int32(line.count)))
            o.toStringHandler = { _ in "System.Security.SecureString" }
            o.addMethod("__Plain") { _, _ in .string(line) }
            try context.writeObject(.object(o))
        } else {
            try context.writeObject(.string(line))
        }
    }
}
