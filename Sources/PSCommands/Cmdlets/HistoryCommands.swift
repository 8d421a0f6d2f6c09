import PSRuntime

/// Get-History, Add-History, Clear-History and Invoke-History over the session's `CommandHistory`
/// (PowerShell's History.cs: the same parameters, errors and entry selection).
enum HistoryCommands {
    static let infoType = "Microsoft.PowerShell.Commands.HistoryInfo"

    /// The session's history with `$MaximumHistoryCount` applied.
    static func history(_ context: CmdletContext) -> CommandHistory {
        let history = context.session.history
        if let size = try? PSConvert.toInt64(context.session.variable("MaximumHistoryCount") ?? .null), size > 0 {
            history.capacity = Int(min(size, Int64(Int32.max)))
        } else {
            history.capacity = CommandHistory.defaultSize
        }
        return history
    }

    static func noHistoryForId(_ context: CmdletContext, _ id: Int64) throws {
        try context.writeError("Cannot locate the history for Id \(id).", errorId: "GetHistoryNoHistoryForId",
                               category: .objectNotFound, target: .long(id), exceptionType: "System.ArgumentException")
    }

    static func noCountWithMultipleIds(_ context: CmdletContext, count: Int) -> PSRuntimeError {
        context.terminatingError("The count cannot be combined with multiple Ids.", errorId: "GetHistoryNoCountWithMultipleIds",
                                 category: .invalidArgument, target: .int(Int32(clamping: count)), exceptionType: "System.ArgumentException")
    }

    static var views: [FormatView] {
        [FormatView(name: "history", typeNames: [infoType], table: [
            TableColumn("Id", width: 4, alignment: .right),
            TableColumn("Duration", width: 12, alignment: .right, value: .computed { v in .string(durationText(v)) }),
            TableColumn("CommandLine"),
        ])]
    }

    /// The view's Duration column: `s.fff`, `m:ss.fff`, `h:mm:ss.fff`, or total hours from 10 on.
    static func durationText(_ v: PSValue) -> String {
        guard case .timeSpan(let d)? = try? PropertyAccess.value(v, "Duration") else { return "" }
        let ticks = d.ticks
        let totalMs = ticks / 10_000
        let ms = abs(totalMs % 1000), s = abs((totalMs / 1000) % 60), m = abs((totalMs / 60_000) % 60)
        let totalHours = Double(ticks) / 36_000_000_000
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func three(_ n: Int64) -> String { String(repeating: "0", count: 3 - String(n).count) + String(n) }
        if totalHours >= 10 { return "\(Int64(totalHours.rounded(.toNearestOrEven))):\(two(m)):\(two(s)).\(three(ms))" }
        if totalHours >= 1 { return "\(abs(totalMs / 3_600_000) % 24):\(two(m)):\(two(s)).\(three(ms))" }
        if Double(ticks) / 600_000_000 >= 1 { return "\(m):\(two(s)).\(three(ms))" }
        return "\(abs(totalMs / 1000) % 60).\(three(ms))"
    }
}

final class GetHistoryCommand: Cmdlet {
    static let id = Parameter<[Int64]>("Id", position: 0, valueFromPipeline: true, validate: [.range(min: 1, max: Double(Int64.max))])
    static let count = Parameter<Int32>("Count", position: 1, validate: [.range(min: 0, max: Double(Int16.max))])
    static let declaration = CmdletDeclaration(
        "Get-History", parameters: [id, count], outputTypes: [HistoryCommands.infoType],
        synopsis: "Gets a list of the commands entered during the current session.",
        description: "Writes the session's HistoryInfo entries, oldest first: the newest -Count of them (all by default), the entries with the given -Id, or -Count entries ending at one -Id.")

    func process(_ context: CmdletContext) throws {
        let history = HistoryCommands.history(context)
        let count = context[Self.count].map(Int.init)
        if let ids = context[Self.id] {
            guard let count else {
                for id in ids {
                    if let e = history.entry(id) { try context.writeObject(.object(e.infoObject())) } else {
                        try HistoryCommands.noHistoryForId(context, id)
                    }
                }
                return
            }
            guard ids.count == 1 else { throw HistoryCommands.noCountWithMultipleIds(context, count: count) }
            for e in history.entries(around: ids[0], count: count, newest: false) { try context.writeObject(.object(e.infoObject())) }
            return
        }
        for e in history.live.suffix(count ?? history.capacity) { try context.writeObject(.object(e.infoObject())) }
    }
}

final class AddHistoryCommand: Cmdlet {
    static let inputObject = Parameter<[PSValue]>("InputObject", position: 0, valueFromPipeline: true)
    static let passthru = Parameter<SwitchParameter>("Passthru")
    static let declaration = CmdletDeclaration(
        "Add-History", parameters: [inputObject, passthru], outputTypes: [HistoryCommands.infoType],
        synopsis: "Appends entries to the session history.",
        description: "Adds each input object with CommandLine, ExecutionStatus, StartExecutionTime and EndExecutionTime properties (a HistoryInfo, or one read back from Export-Csv/Export-Clixml) as a new entry; -Passthru writes the entries added.")

    func begin(_ context: CmdletContext) throws {
        // The line running now is added first, so the entries added here come after it.
        HistoryCommands.history(context).addRunningLineNow()
    }

    func process(_ context: CmdletContext) throws {
        let history = HistoryCommands.history(context)
        for input in context[Self.inputObject] ?? [] {
            guard let (line, status, start, end) = parse(input) else {
                try context.writeError("Cannot add history because the input object has a format that is not valid.",
                                       errorId: "AddHistoryInvalidInput", category: .invalidData, target: input,
                                       exceptionType: "System.IO.InvalidDataException")
                continue
            }
            let id = history.add(line, status: status, start: start, end: end)
            if context[Self.passthru], let e = history.entry(id) { try context.writeObject(.object(e.infoObject())) }
        }
    }

    private func parse(_ input: PSValue) -> (String, String, PSDateTime, PSDateTime)? {
        func property(_ name: String) -> PSValue? {
            guard let v = try? PropertyAccess.value(input, name), !v.isNull else { return nil }
            return v
        }
        guard case .string(let line)? = property("CommandLine")?.unwrapped,
              let statusValue = property("ExecutionStatus"),
              case .enumValue(let status)? = try? PSConvert.convert(statusValue, to: .enumType(CommandHistory.pipelineStateType)),
              let startValue = property("StartExecutionTime"), let endValue = property("EndExecutionTime"),
              case .dateTime(let start)? = try? PSConvert.convert(startValue, to: .dateTime),
              case .dateTime(let end)? = try? PSConvert.convert(endValue, to: .dateTime) else { return nil }
        return (line, status.description, start, end)
    }
}

final class ClearHistoryCommand: Cmdlet {
    static let id = Parameter<[Int32]>("Id", position: 0, sets: ["IDParameter"], validate: [.range(min: 1, max: Double(Int32.max))])
    static let commandLine = Parameter<[String]>("CommandLine", sets: ["CommandLineParameter"], validate: [.notNullOrEmpty])
    static let count = Parameter<Int32>("Count", position: 1, validate: [.range(min: 1, max: Double(Int32.max))])
    static let newest = Parameter<SwitchParameter>("Newest")
    static let declaration = CmdletDeclaration(
        "Clear-History", parameters: [id, commandLine, count, newest], defaultParameterSet: "IDParameter",
        supportsShouldProcess: true,
        synopsis: "Deletes entries from the session history.",
        description: "With no parameters clears the whole history; -Id clears those entries (with -Count, that many ending at the Id, or starting at it with -Newest); -Count alone clears the oldest (-Newest: newest) entries; -CommandLine clears the oldest (or newest) entry matching each wildcard pattern, or every match of a pattern with wildcards.")

    func process(_ context: CmdletContext) throws {
        let history = HistoryCommands.history(context)
        let count = context[Self.count].map(Int.init)
        let newest = context[Self.newest]
        if let patterns = context[Self.commandLine] {
            if count != nil, patterns.count > 1 {
                throw context.terminatingError("The count cannot be combined with multiple CommandLine parameters.",
                                               errorId: "NoCountWithMultipleCmdLine ", category: .invalidArgument,
                                               target: .array(PSArray(patterns.map { .string($0) })), exceptionType: "System.ArgumentException")
            }
            for text in patterns {
                let pattern = WildcardPattern(text, caseSensitive: false)
                // A pattern with wildcards clears every match unless -Count limits it; a plain one clears one.
                let limit = count ?? (WildcardPattern.containsWildcard(text) ? Int.max : 1)
                var matches = history.live.filter { pattern.matches($0.commandLine.trimmingCharacters(in: .whitespaces)) }
                if newest { matches.reverse() }
                for e in matches.prefix(limit) { history.clear(e.id) }
            }
            return
        }
        if let ids = context[Self.id] {
            guard let count else {
                for id in ids.map(Int64.init) {
                    if history.entry(id) != nil { history.clear(id) } else { try HistoryCommands.noHistoryForId(context, id) }
                }
                return
            }
            guard ids.count == 1 else { throw HistoryCommands.noCountWithMultipleIds(context, count: count) }
            let id = Int64(ids[0])
            if history.entry(id) == nil { try HistoryCommands.noHistoryForId(context, id) }
            for e in history.entries(around: id, count: count, newest: newest) { history.clear(e.id) }
            return
        }
        guard let count else {
            guard try context.shouldProcess(target: "This command will clear all the entries from the session history.") else { return }
            for e in history.live { history.clear(e.id) }
            return
        }
        let live = history.live
        for e in newest ? Array(live.suffix(count)) : Array(live.prefix(count)) { history.clear(e.id) }
    }
}

final class InvokeHistoryCommand: Cmdlet {
    static let id = Parameter<String>("Id", position: 0, valueFromPipelineByPropertyName: true)
    static let declaration = CmdletDeclaration(
        "Invoke-History", parameters: [id], supportsShouldProcess: true,
        synopsis: "Runs commands from the session history.",
        description: "Runs the history entry with the given Id, or the newest entry whose command line starts with the given text, or the last entry; the command line is shown on the host first. An entry that ends up invoking itself is an error.")

    private var ids: [String] = []

    func process(_ context: CmdletContext) throws {
        if let id = context[Self.id] { ids.append(id) }
    }

    func end(_ context: CmdletContext) throws {
        guard ids.count <= 1 else {
            throw context.terminatingError("Cannot process multiple history commands. You can only run a single command by using Invoke-History.",
                                           errorId: "InvokeHistoryMultipleCommandsError", category: .invalidArgument,
                                           exceptionType: "System.ArgumentException")
        }
        let history = HistoryCommands.history(context)
        let entry = try entryToInvoke(context, history)
        guard try context.shouldProcess(target: entry.commandLine) else { return }
        guard history.startInvoking(entry.id) else {
            throw context.terminatingError("The Invoke-History cmdlet is called repeatedly, in a loop.",
                                           errorId: "InvokeHistoryLoopDetected", category: .invalidOperation,
                                           exceptionType: "System.InvalidOperationException")
        }
        defer { history.stopInvoking(entry.id) }
        history.replaceRunningLine(with: entry.commandLine)
        context.session.host.writeLine(entry.commandLine)
        let block = try context.session.compileText(entry.commandLine)
        try context.invokeToOutput(block, dotSource: true)
    }

    private func entryToInvoke(_ context: CmdletContext, _ history: CommandHistory) throws -> CommandHistory.Entry {
        guard let text = ids.first else {
            guard let last = history.live.last else {
                throw context.terminatingError("Cannot locate most recent history.", errorId: "InvokeHistoryNoLastHistoryEntryFound",
                                               category: .invalidOperation, exceptionType: "System.InvalidOperationException")
            }
            return last
        }
        guard let id = try? PSConvert.toInt64(.string(text)) else {
            // Not a number: the newest entry whose command line starts with the text.
            guard let e = history.live.last(where: { $0.commandLine.hasPrefix(text) }) else {
                throw context.terminatingError("Cannot locate the history for command line \(text).",
                                               errorId: "InvokeHistoryNoHistoryForCommandline", category: .objectNotFound,
                                               target: .string(text), exceptionType: "System.ArgumentException")
            }
            return e
        }
        guard id > 0 else {
            throw context.terminatingError("The identifier \(id) is not a valid value for a History identifier. Specify a positive number, and then try again.",
                                           errorId: "InvokeHistoryInvalidIdGetHistory", category: .invalidArgument,
                                           target: .long(id), exceptionType: "System.ArgumentOutOfRangeException")
        }
        guard let e = history.entry(id) else {
            throw context.terminatingError("Cannot locate the history for Id \(id).", errorId: "InvokeHistoryNoHistoryForId",
                                           category: .objectNotFound, target: .long(id), exceptionType: "System.ArgumentException")
        }
        return e
    }
}
