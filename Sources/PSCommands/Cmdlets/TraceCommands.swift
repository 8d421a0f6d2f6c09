import Foundation
import PSRuntime

/// Trace-Command, Set-TraceSource and Get-TraceSource over the session's `TraceSources`.
enum TraceListenerParameters {
    static let listenerOption = Parameter<String>("ListenerOption")
    static let filePath = Parameter<String>("FilePath", aliases: ["PSPath", "Path"])
    static let force = Parameter<SwitchParameter>("Force")
    static let debugger = Parameter<SwitchParameter>("Debugger")
    static let psHost = Parameter<SwitchParameter>("PSHost")
    static let validOptions = ["None", "LogicalOperationStack", "DateTime", "Timestamp", "ProcessId", "ThreadId", "Callstack"]

    /// -ListenerOption's TraceOptions flags (`"ProcessId,TimeStamp"`), lower-cased.
    static func options(_ context: CmdletContext) throws -> Set<String> {
        guard let text = context[listenerOption] else { return [] }
        var set: Set<String> = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            guard validOptions.contains(where: { $0.lowercased() == part }) else {
                throw context.terminatingError(
                    "Cannot bind parameter 'ListenerOption'. Cannot convert value \"\(text)\" to type \"System.Diagnostics.TraceOptions\". Error: \"Unable to match the identifier name \(part) to a valid enumerator name. Specify one of the following enumerator names and try again:\n\(validOptions.joined(separator: ", "))\"",
                    errorId: "CannotConvertArgumentNoMessage", category: .invalidArgument,
                    exceptionType: "System.Management.Automation.ParameterBindingException")
            }
            if part != "none" { set.insert(part) }
        }
        return set
    }

    /// The file -FilePath names, made writable under -Force; nil (with PowerShell's error) when it is
    /// not a FileSystem path or cannot be opened.
    static func file(_ context: CmdletContext) throws -> String? {
        guard let given = context[filePath] else { return nil }
        if let located = try? context.session.locateItem(given), located.drive.provider != .fileSystem {
            try context.writeError(ErrorRecord(message: "The path '\(given)' is not a FileSystem path, so a trace file cannot be opened there.",
                                               errorId: context.qualifiedErrorId("FileListenerPathResolutionFailed"), category: .invalidArgument,
                                               target: .string("FileListener"), exceptionType: "System.NotSupportedException"))
            return nil
        }
        let path = context.session.resolvePath(given)
        let fm = FileManager.default
        if context[force], let attributes = try? fm.attributesOfItem(atPath: path),
           let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o200 == 0 {
            try? fm.setAttributes([.posixPermissions: mode | 0o200], ofItemAtPath: path)
        }
        // Trace files are appended to, as PowerShell opens them.
        if !fm.fileExists(atPath: path) { fm.createFile(atPath: path, contents: nil) }
        guard FileHandle(forWritingAtPath: path) != nil else {
            try context.writeError(ErrorRecord(message: "Access to the path '\(path)' is denied.",
                                               errorId: context.qualifiedErrorId("FileListenerPathResolutionFailed"), category: .openError,
                                               target: .string(path), exceptionType: "System.UnauthorizedAccessException"))
            return nil
        }
        return path
    }

    /// The sources -Name matches; a name without wildcards that matches none is TraceSourceNotFound.
    static func sources(_ names: [String], _ context: CmdletContext) throws -> [String] {
        for name in names where !WildcardPattern.containsWildcard(name) && TraceSources.matching([name]).isEmpty {
            try context.writeError(ErrorRecord(message: "Cannot find a trace source with the name '\(name)'.",
                                               errorId: context.qualifiedErrorId("TraceSourceNotFound"), category: .objectNotFound,
                                               target: .string(name), exceptionType: "System.Management.Automation.ItemNotFoundException"))
        }
        return TraceSources.matching(names)
    }
}

final class TraceCommandCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true)
    static let expression = Parameter<PSScriptBlock>("Expression", position: 1, mandatory: true, sets: ["expressionSet"])
    static let option = Parameter<String>("Option", position: 2)
    static let command = Parameter<String>("Command", position: 1, mandatory: true, sets: ["commandSet"])
    static let argumentList = Parameter<[PSValue]>("ArgumentList", aliases: ["Args"], sets: ["commandSet"])
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let declaration = CmdletDeclaration(
        "Trace-Command",
        parameters: [name, expression, option, command, argumentList, inputObject, TraceListenerParameters.listenerOption,
                     TraceListenerParameters.filePath, TraceListenerParameters.force, TraceListenerParameters.debugger,
                     TraceListenerParameters.psHost],
        defaultParameterSet: "expressionSet", synopsis: "Configures and starts a trace of the specified expression or command.",
        description: "Runs the expression or command with the named trace sources writing to -FilePath and/or the host (-PSHost); hvsh traces command discovery and parameter binding of each command the pipeline resolves.")

    private var input: [PSValue] = []

    func process(_ context: CmdletContext) throws {
        if let item = context.currentInput { input.append(item) }
    }

    func end(_ context: CmdletContext) throws {
        let sources = try TraceListenerParameters.sources(context[Self.name] ?? [], context)
        let options = try TraceListenerParameters.options(context)
        let file = try TraceListenerParameters.file(context)
        let traces = TraceSources.of(context.session)
        let listener = TraceSources.Listener(sources: Set(sources), file: file, host: context[TraceListenerParameters.psHost], options: options)
        traces.add(listener)
        defer { traces.remove(listener) }
        if let block = context[Self.expression] {
            for value in try context.invoke(block, dollarUnder: input.last, arguments: [], dotSource: false) { try context.writeObject(value) }
            return
        }
        guard let command = context[Self.command] else { return }
        // The command's errors come out as Trace-Command's, keeping their own ids.
        let runner = try context.session.compileText("param($__traceCommand, $__traceArguments) & $__traceCommand @__traceArguments 2>&1")
        let arguments = PSValue.array(PSArray(context[Self.argumentList] ?? []))
        for value in try context.invoke(runner, arguments: [.string(command), arguments], dotSource: false) {
            if let record = ErrorRecordObjects.record(from: value) {
                let id = record.fullyQualifiedErrorId.split(separator: ",").first.map(String.init) ?? record.fullyQualifiedErrorId
                try context.writeError(ErrorRecord(record.exception, errorId: context.qualifiedErrorId(id), category: record.category,
                                                   target: record.targetObject))
            } else {
                try context.writeObject(value)
            }
        }
    }
}

final class SetTraceSourceCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true)
    static let option = Parameter<String>("Option", position: 1, sets: ["optionsSet"])
    static let passThru = Parameter<SwitchParameter>("PassThru", sets: ["optionsSet"])
    static let removeListener = Parameter<[String]>("RemoveListener", mandatory: true, sets: ["removeAllListenersSet"])
    static let removeFileListener = Parameter<[String]>("RemoveFileListener", mandatory: true, sets: ["removeFileListenersSet"])
    static let declaration = CmdletDeclaration(
        "Set-TraceSource",
        parameters: [name, option, TraceListenerParameters.listenerOption, TraceListenerParameters.filePath, TraceListenerParameters.force,
                     TraceListenerParameters.debugger, TraceListenerParameters.psHost, passThru, removeListener, removeFileListener],
        defaultParameterSet: "optionsSet", synopsis: "Configures, starts, and stops a trace of PowerShell components.",
        description: "Adds a file (-FilePath) or host (-PSHost) listener to the named trace sources until -RemoveListener or -RemoveFileListener takes it away.")

    func end(_ context: CmdletContext) throws {
        let sources = try TraceListenerParameters.sources(context[Self.name] ?? [], context)
        let traces = TraceSources.of(context.session)
        if let files = context[Self.removeFileListener] {
            traces.removeFiles(matching: files.map { WildcardPattern.containsWildcard($0) ? $0 : context.session.resolvePath($0) }, sources: Set(sources))
            return
        }
        if let names = context[Self.removeListener] {
            traces.removeListeners(named: names, sources: Set(sources))
            return
        }
        let options = try TraceListenerParameters.options(context)
        let file = try TraceListenerParameters.file(context)
        if file != nil || context[TraceListenerParameters.psHost] {
            traces.add(TraceSources.Listener(sources: Set(sources), file: file, host: context[TraceListenerParameters.psHost], options: options))
        }
        if context[Self.passThru] {
            for source in sources { try context.writeObject(.object(GetTraceSourceCommand.object(source, traces: traces))) }
        }
    }
}

final class GetTraceSourceCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipeline: true)
    static let declaration = CmdletDeclaration(
        "Get-TraceSource", parameters: [name], outputTypes: ["System.Management.Automation.PSTraceSource"],
        synopsis: "Gets PowerShell components that are instrumented for tracing.",
        description: "Writes the trace sources whose names match -Name (all by default).")

    func process(_ context: CmdletContext) throws {
        let names = context[Self.name] ?? ["*"]
        let traces = TraceSources.of(context.session)
        for source in try TraceListenerParameters.sources(names, context) {
            try context.writeObject(.object(Self.object(source, traces: traces)))
        }
    }

    static func object(_ name: String, traces: TraceSources) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.PSTraceSource", "System.Object"])
        let traced = traces.listeners.contains { $0.sources.contains(name) }
        o.addNote("Options", .string(traced ? "All" : "None"))
        o.addNote("Name", .string(name))
        o.addNote("Description", .string(TraceSources.known.first { $0.name == name }?.description ?? ""))
        o.addNote("Listeners", .array(PSArray(traces.listeners.filter { $0.sources.contains(name) }.map { .string($0.host ? "Host" : ($0.file ?? "")) })))
        o.toStringHandler = { _ in "System.Management.Automation.PSTraceSource" }
        return o
    }
}
