import PSLanguage

/// The session's command history (PowerShell's `History` class behind Get-History, Add-History,
/// Clear-History and Invoke-History). Entries are numbered from 1 in the order they were added and
/// keep their id for life; Clear-History only marks them cleared. Only `$MaximumHistoryCount` of
/// the newest entries are kept. A line the user runs (the REPL, or a `[powershell]` Invoke with
/// PSInvocationSettings.AddToHistory) is added when it finishes, so a command never sees its own
/// line, except that Add-History adds it at once (its entries then follow it). Scripts run with
/// -File and lines run by Invoke-Expression add nothing.
public final class CommandHistory {
    public static let defaultSize = 4096
    static let infoTypeName = "Microsoft.PowerShell.Commands.HistoryInfo"
    /// System.Management.Automation.Runspaces.PipelineState, HistoryInfo.ExecutionStatus's type.
    public static let pipelineStateType = PSEnumType(
        fullName: "System.Management.Automation.Runspaces.PipelineState",
        names: ["NotStarted", "Running", "Stopping", "Stopped", "Completed", "Failed", "Disconnected"])

    public final class Entry {
        public let id: Int64
        public let commandLine: String
        public var status: String
        public let start: PSDateTime
        public var end: PSDateTime
        var cleared = false

        init(id: Int64, commandLine: String, status: String, start: PSDateTime, end: PSDateTime) {
            self.id = id
            self.commandLine = commandLine
            self.status = status
            self.start = start
            self.end = end
        }
    }

    /// The line running now that is to be added when it finishes.
    private struct Pending {
        var commandLine: String
        var start: PSDateTime
        /// Set once Add-History has added it early; finishing then only updates the entry.
        var addedId: Int64?
    }

    /// Every entry ever added, at index id - 1 (older ones beyond the capacity are out of reach).
    private var entries: [Entry] = []
    private var pending: [Pending] = []
    /// The entries Invoke-History is running now (a second invocation of one is a loop).
    private var invoking: Set<Int64> = []
    /// `$MaximumHistoryCount`, read by the session before each use.
    public var capacity = CommandHistory.defaultSize

    public init() {}

    /// The id the next entry gets (`$MyInvocation.HistoryId` of the running line).
    public var nextId: Int64 { Int64(entries.count + 1) }

    @discardableResult
    public func add(_ commandLine: String, status: String, start: PSDateTime, end: PSDateTime) -> Int64 {
        let entry = Entry(id: nextId, commandLine: commandLine, status: status, start: start, end: end)
        entries.append(entry)
        return entry.id
    }

    /// The entries still held and not cleared, oldest first.
    public var live: [Entry] {
        entries.suffix(capacity).filter { !$0.cleared }
    }

    /// The entry with this id, unless it was cleared or has dropped out of the buffer.
    public func entry(_ id: Int64) -> Entry? {
        guard id >= 1, id <= Int64(entries.count), id > Int64(entries.count - capacity) else { return nil }
        let e = entries[Int(id - 1)]
        return e.cleared ? nil : e
    }

    /// Up to `count` live entries ending at `id` (or, `newest`, starting at it), oldest first.
    public func entries(around id: Int64, count: Int, newest: Bool) -> [Entry] {
        let all = live
        if newest { return Array(all.filter { $0.id >= id }.prefix(count)) }
        return Array(all.filter { $0.id <= id }.suffix(count))
    }

    public func clear(_ id: Int64) { entry(id)?.cleared = true }

    // MARK: The running line

    /// A user line starts: it becomes an entry when `finishLine` is called.
    public func beginLine(_ commandLine: String) {
        pending.append(Pending(commandLine: commandLine, start: .now()))
    }

    /// The running line finished with this PipelineState name.
    public func finishLine(status: String) {
        guard let p = pending.popLast() else { return }
        if let id = p.addedId, let e = entries.indices.contains(Int(id - 1)) ? entries[Int(id - 1)] : nil {
            e.status = status
            e.end = .now()
        } else if !p.commandLine.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add(p.commandLine, status: status, start: p.start, end: .now())
        }
    }

    /// Add-History's first step: the running line is added now (as Running), before the entries it adds.
    public func addRunningLineNow() {
        guard var p = pending.last, p.addedId == nil else { return }
        p.addedId = add(p.commandLine, status: "Running", start: p.start, end: p.start)
        pending[pending.count - 1] = p
    }

    /// Invoke-History: the running line is recorded as the command it invoked.
    public func replaceRunningLine(with commandLine: String) {
        guard !pending.isEmpty, pending[pending.count - 1].addedId == nil else { return }
        pending[pending.count - 1].commandLine = commandLine
    }

    /// Whether a line is running that will be added to history.
    public var recordsRunningLine: Bool { !pending.isEmpty }

    /// Marks an entry as being invoked; false when it already is (Invoke-History calling itself).
    public func startInvoking(_ id: Int64) -> Bool { invoking.insert(id).inserted }
    public func stopInvoking(_ id: Int64) { invoking.remove(id) }
}

extension CommandHistory.Entry {
    /// The HistoryInfo object scripts see (a copy: later changes to the entry do not show in it).
    public func infoObject() -> PSObject {
        let o = PSObject(typeNames: [CommandHistory.infoTypeName, "System.Object"])
        let (id, commandLine, status, start, end) = (self.id, self.commandLine, self.status, self.start, self.end)
        // Read-only .NET properties, as HistoryInfo's are.
        o.addProperty("Id") { _ in .long(id) }
        o.addProperty("CommandLine") { _ in .string(commandLine) }
        o.addProperty("ExecutionStatus") { _ in .enumValue(CommandHistory.pipelineStateType.value(named: status)!) }
        o.addProperty("StartExecutionTime") { _ in .dateTime(start) }
        o.addProperty("EndExecutionTime") { _ in .dateTime(end) }
        o.addProperty("Duration") { _ in .timeSpan(PSTimeSpan(ticks: end.ticks &- start.ticks)) }
        o.addMethod("Clone") { _, _ in .object(self.infoObject()) }
        let text = commandLine
        o.toStringHandler = { _ in text.isEmpty ? CommandHistory.infoTypeName : text }
        return o
    }
}

extension ShellSession {
    /// `$^` and `$$`: the first and last tokens (not comments or line breaks) of a line the user ran,
    /// set when the line is read, as the host's tokenizer does; a string token gives its value.
    public func setFirstAndLastTokens(of line: String) {
        let parsed = Parser.parse(SourceText(line), recordTokens: true)
        let skipped: Set<String> = ["Comment", "NewLine", "StatementSeparator", "LineContinuation"]
        let contents: [PSValue] = PSTokens.tokens(parsed.tokens ?? [], source: parsed.source).compactMap { token in
            guard case .object(let o) = token, let type = try? o.property("Type"),
                  !skipped.contains(PSConvert.toString(type)) else { return nil }
            return (try? o.property("Content")) ?? nil
        }
        globalScope.set("^", contents.first ?? .null)
        globalScope.set("$", contents.last ?? .null)
    }
}
