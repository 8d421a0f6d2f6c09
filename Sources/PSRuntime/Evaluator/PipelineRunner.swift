import Foundation
import PSLanguage

/// Builds the stages of a pipeline, connects them and runs begin / process / end.
enum PipelineRunner {
    static func run(_ plans: [StagePlan], frame: Frame, output: OutputSink) throws {
        let session = frame.session
        var stages: [Stage] = []
        stages.reserveCapacity(plans.count)
        // A steppable pipeline's capture is for this pipeline, not for one run while its arguments are evaluated.
        let capture = session.steppableCapture
        session.steppableCapture = nil
        for plan in plans {
            switch plan {
            case .expression(let evaluate, let range):
                stages.append(ExpressionStage(session: session, frame: frame, eval: evaluate, range: range))
            case .command(let command):
                stages.append(try makeStage(command, frame: frame))
            }
        }
        if let capture {
            capture(stages)
            return
        }
        try run(stages, session: session, output: output)
    }

    static func run(_ stages: [Stage], session: ShellSession, output: OutputSink) throws {
        // Only a script with parse errors holds a pipeline with no elements (the parser's recovery
        // after `1 &&`); it writes nothing, and runBlocks' ranges assume at least one stage.
        guard !stages.isEmpty else { return }
        // The last command writes into the running script command's output: it inherits its
        // -ErrorVariable/-WarningVariable/-InformationVariable lists.
        let last = stages[stages.count - 1].streams
        last.inheritedErrorVariables = session.enclosingErrorVariables
        last.inheritedWarningVariables = session.enclosingWarningVariables
        last.inheritedInformationVariables = session.enclosingInformationVariables
        // Each stage writes into the next one's input; the last into the pipeline's output, unless
        // `>`/`>$null` redirects it.
        func connect(_ index: Int) {
            let stage = stages[index]
            // -OutVariable and -PipelineVariable see the output even when `>` sends it elsewhere.
            var out: OutputSink = stage.redirectedOutput ?? (index + 1 < stages.count ? StageInput(stages[index + 1]) : output)
            stage.mergedOutput = out
            for wrap in stage.outputWrappers { out = wrap(out) }
            stage.output = out
        }
        // `$MyInvocation.PipelinePosition`/`PipelineLength` count commands: a leading expression is
        // the pipeline's input, not one of its commands.
        let leadingExpression = stages.first is ExpressionStage ? 1 : 0
        for (index, stage) in stages.enumerated() {
            stage.expectingInput = index > 0
            stage.pipelinePosition = index + 1 - leadingExpression
            stage.pipelineLength = stages.count - leadingExpression
        }
        let savedOrigin = session.stopOrigin
        session.stopOrigin = nil
        defer { session.stopOrigin = savedOrigin }
        do {
            try runBlocks(stages, session: session, connect: connect)
        } catch {
            // A failed pipeline still cleans up every command that ran, first to last.
            // What a `> file` got before the failure is still written.
            for s in stages { try? s.completeRedirections() }
            for s in stages { try? s.cleanUp(); s.removePipelineVariable() }
            throw error
        }
        defer { for s in stages { s.removePipelineVariable() } }
        for s in stages { try s.cleanUp() }
        session.lastSuccess = !stages.contains { $0.failed }
    }

    /// begin, process and end of every stage; a stop request (Select-Object -First) ends it early.
    private static func runBlocks(_ stages: [Stage], session: ShellSession, connect: (Int) -> Void) throws {
        do {
            // Begin blocks run first to last; what a begin block writes waits until the next
            // command has begun too.
            var buffers: [Collector?] = Array(repeating: nil, count: stages.count)
            for index in stages.indices {
                if index + 1 < stages.count && stages[index].redirectedOutput == nil {
                    let buffer = Collector()
                    buffers[index] = buffer
                    stages[index].output = buffer
                } else {
                    connect(index)
                }
            }
            for stage in stages { try stage.begin() }
            for index in stages.indices { connect(index); stages[index].connected() }
            for index in 0..<(stages.count - 1) {
                guard let buffer = buffers[index] else { continue }
                for value in buffer.items { try stages[index + 1].process(value) }
            }
            try stages[0].processNoInput()
            for stage in stages { try stage.finish() }
        } catch is PSPipelineStop {
            // Select-Object -First and friends: stages upstream of the one that stopped end silently;
            // it and the stages after it complete normally.
            let origin = session.stopOrigin.flatMap { origin in stages.firstIndex { $0 === origin } } ?? stages.count
            session.stopOrigin = nil
            for stage in stages[origin...] { try stage.finish() }
            for stage in stages[..<origin] { try stage.completeRedirections() }
        }
    }

    /// The Out-File a `> path` / `>> path` writes through (appending to the file the redirection has
    /// already created or truncated), begun now and ended when `stage` ends; nil when no Out-File
    /// cmdlet is registered (a bare runtime), where each object is written as its own text.
    private static func redirectionOutFile(path: String, stage: Stage, session: ShellSession) throws -> Stage? {
        guard let entry = session.registry.cmdlet(named: "Out-File"), entry.moduleName != "Core" else { return nil }
        let outFile = CmdletStage(session: session, entry: entry, arguments: [
            BindArgument(parameterName: "LiteralPath", value: .string(path), hasColon: true, text: path),
            BindArgument(parameterName: "Append", value: nil, hasColon: false, text: "-Append"),
        ], position: nil)
        outFile.expectingInput = true
        outFile.output = .discard
        try outFile.begin()
        stage.redirectionCompletions.append { try outFile.finish() }
        return outFile
    }

    static func commandNotFound(_ name: String, position: ScriptExtent?) -> PSRuntimeError {
        let r = ErrorRecord(message: "The term '\(name)' is not recognized as a name of a cmdlet, function, script file, or executable program.\nCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.",
                            errorId: "CommandNotFoundException", category: .objectNotFound, target: .string(name),
                            exceptionType: "System.Management.Automation.CommandNotFoundException")
        // PowerShell marks just the command name (`~~~` under `foo` in `foo -x 1`).
        if var p = position, p.text.hasPrefix(name), !name.isEmpty {
            p.endLine = p.startLine
            p.endColumn = p.startColumn + name.count
            p.text = name
            r.position = p
        } else {
            r.position = position
        }
        r.commandName = name  // the error view names the word that was typed: `nosuchcmd: The term ...`
        return PSRuntimeError(r)
    }

    static func makeStage(_ plan: CommandPlan, frame: Frame) throws -> Stage {
        let session = frame.session
        if plan.looksLikeMethodCall, frame.scope.strictMode >= 2 { throw StrictMode.methodCallSyntax(plan.extent) }
        if plan.name == nil && plan.nameExpression == nil {
            // An expression with redirections: a stage of its own, evaluated once its redirections
            // are in place so that what its commands write is redirected too.
            let arguments = plan.arguments
            let stage = ExpressionStage(session: session, frame: frame, eval: { frame in
                try CompiledArgument.evaluate(arguments, frame).first?.value ?? .null
            }, range: nil)
            stage.runsUnderOwnRedirects = true
            try applyRedirections(plan.redirections, to: stage, frame: frame)
            return stage
        }
        let args = try CompiledArgument.evaluate(plan.arguments, frame)
        let dot = plan.invocation == .dotSource
        var stage: Stage
        if let nameEvaluator = plan.nameExpression {
            let target = try nameEvaluator(frame)
            switch target {
            case .scriptBlock(let block):
                stage = try scriptBlockStage(block, args: args, frame: frame, dot: dot, position: plan.extent)
            case .object(let object) where object.baseObject is ScriptModule:
                stage = try moduleStage(object.baseObject as! ScriptModule, args: args, frame: frame, dot: dot, position: plan.extent)
            case .object(let object) where object.baseObject is FunctionInfo:
                let function = object.baseObject as! FunctionInfo
                stage = try scriptBlockStage(function.block, name: function.name, args: args, frame: frame, dot: dot, position: plan.extent)
            default:
                stage = try resolveStage(PSConvert.toString(target), args: args, frame: frame, dot: dot, position: plan.extent,
                                         invoked: true, invocationName: dot ? "." : "&")
            }
        } else {
            do {
                let typed = plan.invocation == .none ? plan.name! : plan.invocation.rawValue
                stage = try resolveStage(plan.name!, args: args, frame: frame, dot: dot, position: plan.extent,
                                         invoked: plan.invocation != .none, invocationName: typed)
            } catch let error as PSRuntimeError where error.record.fullyQualifiedErrorId == "CommandNotFoundException" && !plan.redirections.isEmpty {
                stage = FailedCommandStage(session: session, error: error)
            }
        }
        try applyRedirections(plan.redirections, to: stage, frame: frame)
        return stage
    }

    /// `& $module { ... }` / `& $module Get-Private`: the script block, or the module's own function (exported
    /// or not), runs in the module's session state, as a block the module itself had written.
    static func moduleStage(_ module: ScriptModule, args: [BindArgument], frame: Frame, dot: Bool,
                            position: ScriptExtent?) throws -> Stage {
        guard let first = args.first, first.parameterName == nil, let target = first.value else {
            throw PSRuntimeError.message("Cannot process the command because the module object needs a script block or a command name to run.",
                                         errorId: "CantInvokeInNonImportedModule", category: .invalidOperation)
        }
        // The command's script block arguments belong to the module too (`& $m ForEach-Object { Private }`).
        let rest = args.dropFirst().map { arg -> BindArgument in
            guard case .scriptBlock(let block)? = arg.value, let body = block.body else { return arg }
            var bound = arg
            bound.value = .scriptBlock(PSScriptBlock(text: block.text, body: body, boundTo: module, isBound: true))
            return bound
        }
        if case .scriptBlock(let block) = target, let body = block.body {
            return try scriptBlockStage(PSScriptBlock(text: block.text, body: body, boundTo: module, isBound: true),
                                        args: rest, frame: frame, dot: dot, position: position)
        }
        let name = PSConvert.toString(target)
        if let fn = module.scope.lookupFunction(name), let code = fn.block.body {
            return ScriptStage(session: frame.session, code: code, name: fn.name, arguments: rest, callerScope: module.scope,
                               dotSource: false, isScriptFile: false, position: position, invocationName: "&",
                               invoker: frame.scope)
        }
        return try resolveStage(name, args: rest, frame: frame, dot: dot, position: position, invoked: true, invocationName: "&")
    }

    static func scriptBlockStage(_ block: PSScriptBlock, name: String = "", args: [BindArgument], frame: Frame, dot: Bool,
                                 position: ScriptExtent?) throws -> Stage {
        guard let code = block.body else {
            let native = block.native!
            let argValues = args.compactMap(\.value)
            return ExpressionStage(session: frame.session, frame: frame, eval: { _ in
                let r = try native(.null, argValues)
                return r.count == 1 ? r[0] : .array(PSArray(r))
            }, range: nil)
        }
        return ScriptStage(session: frame.session, code: code, name: name, arguments: args, callerScope: block.runsUnder(frame.scope),
                           dotSource: dot, isScriptFile: false, position: position, invocationName: dot ? "." : "&")
    }

    /// The stage for a command name, told to the session's command breakpoints (if any) first.
    static func resolveStage(_ rawName: String, args: [BindArgument], frame: Frame, dot: Bool, position: ScriptExtent?,
                             invoked: Bool, invocationName: String? = nil) throws -> Stage {
        let stage = try resolveCommandStage(rawName, args: args, frame: frame, dot: dot, position: position,
                                            invoked: invoked, invocationName: invocationName)
        if let observe = frame.session.commandInvocationObserver {
            observe(rawName, stage.name, position?.file.flatMap { $0.isEmpty ? nil : $0 })
        }
        return stage
    }

    /// Resolution order: alias, function, cmdlet, script file, executable in PATH.
    private static func resolveCommandStage(_ rawName: String, args: [BindArgument], frame: Frame, dot: Bool, position: ScriptExtent?,
                                            invoked: Bool, invocationName: String?) throws -> Stage {
        let session = frame.session
        // `Module\Command` names a module's cmdlet past any alias or function of the same name.
        if let (module, command) = ModuleQualifiedName.split(rawName), let entry = session.registry.cmdlet(named: command),
           ModuleQualifiedName.accepts(module, for: entry.moduleName) {
            return CmdletStage(session: session, entry: entry, arguments: args, position: position, invocationName: nil)
        }
        var name = rawName
        var seen = 0
        while let target = frame.scope.lookupAlias(name) ?? session.registry.aliasTarget(name), seen < 10 {
            name = target
            seen += 1
        }
        // `command -?` alone: the command's help, as `Get-Help command` gives it.
        if args.count == 1, args[0].parameterName == "?", args[0].value == nil,
           frame.scope.lookupFunction(name) != nil || session.registry.cmdlet(named: name) != nil,
           let help = session.registry.cmdlet(named: "Get-Help") {
            return CmdletStage(session: session, entry: help, arguments: [.positional(.string(name))], position: position, invocationName: nil)
        }
        if let fn = frame.scope.lookupFunction(name), let code = fn.block.body {
            // A module's function runs under the module's scope, not its caller's.
            let parent = dot ? frame.scope : (fn.module?.scope ?? frame.scope)
            return ScriptStage(session: session, code: code, name: fn.name, arguments: args, callerScope: parent,
                               dotSource: dot, isScriptFile: false, position: position, invocationName: invocationName ?? rawName,
                               invoker: parent === frame.scope ? nil : frame.scope)
        }
        if let entry = session.registry.cmdlet(named: name) {
            // An alias is remembered as typed; a name differing only in case is the cmdlet itself.
            let typed = rawName.lowercased() == name.lowercased() ? nil : rawName
            return CmdletStage(session: session, entry: entry, arguments: args, position: position, invocationName: typed)
        }
        // pwsh on Linux takes `\` as a path separator in a command path too: `.\setup.ps1`, `..\lib\x.ps1`.
        let pathName = CommandPaths.unixSeparators(name)
        if pathName.lowercased().hasSuffix(".ps1") {
            let path = session.resolvePath(pathName)
            if (pathName.contains("/") || invoked), FileManager.default.fileExists(atPath: path) {
                try session.requireHostAccess("Running the script file '\(path)'")
                let code = try session.compileFile(path)
                try ScriptRequirements.verify(path)
                return ScriptStage(session: session, code: code, name: path, arguments: args, callerScope: frame.scope,
                                   dotSource: dot, isScriptFile: true, position: position, invocationName: invocationName ?? rawName)
            }
        }
        if let exe = session.findExecutable(pathName) {
            try session.requireHostAccess("Starting the program '\(exe)'")
            let stage = NativeStage(session: session, path: exe, name: name, args: nativeArguments(args, session: session))
            stage.position = position
            return stage
        }
        throw commandNotFound(rawName, position: position)
    }

    /// Command-line words for an executable: parameters as written, values as strings, arrays spread.
    /// Unquoted words are globbed against the file system as a Unix shell would (NativeArgumentGlob).
    static func nativeArguments(_ args: [BindArgument], session: ShellSession) -> [String] {
        var out: [String] = []
        func add(_ text: String, quoted: Bool) { out += NativeArgumentGlob.expand(text, quoted: quoted, session: session) }
        for a in args {
            if a.parameterName != nil {
                if a.hasColon { out.append(a.text) } else { add(a.text, quoted: false) }
                continue
            }
            guard let v = a.value else { continue }
            if a.isLiteralText { add(PSConvert.toString(v), quoted: a.usedQuotes); continue }
            if case .array(let arr) = v {
                for element in arr.elements { add(PSConvert.toString(element), quoted: a.usedQuotes) }
            } else if !v.isNull {
                add(PSConvert.toString(v), quoted: a.usedQuotes)
            }
        }
        return out
    }

    static func applyRedirections(_ redirections: [CompiledRedirection], to stage: Stage, frame: Frame) throws {
        let session = frame.session
        if !redirections.isEmpty { stage.streams.ownRedirects() }
        var explicitlyRedirected = Set<RedirectionStream>()
        for case .file(let stream, _, _, _) in redirections where stream != .all { explicitlyRedirected.insert(stream) }
        for redirection in redirections {
            switch redirection {
            case .merge(let from):
                // Merged records join the output after -OutVariable has seen it (PowerShell merges
                // them into the command's output pipe, not through WriteObject).
                let toOutput: (PSValue) throws -> Void = { [unowned stage] value in try (stage.mergedOutput ?? stage.output).emit(value) }
                if from == .error || from == .all {
                    stage.streams.redirect.error = { record in try toOutput(.object(ErrorRecordObjects.wrap(record))) }
                    stage.errorRedirected = true
                }
                // Merged messages travel as the records PowerShell makes of them.
                let source = stage.name
                if from == .warning || from == .all { stage.streams.redirect.warning = { text in try toOutput(StreamRecords.informational("Warning", text)) } }
                if from == .verbose || from == .all { stage.streams.redirect.verbose = { text in try toOutput(StreamRecords.informational("Verbose", text)) } }
                if from == .debug || from == .all { stage.streams.redirect.debug = { text in try toOutput(StreamRecords.informational("Debug", text)) } }
                if from == .information || from == .all {
                    stage.streams.redirect.informationCaptured = true
                    stage.streams.redirect.information = { value, _ in try toOutput(StreamRecords.information(value, source: source)) }
                    stage.streams.redirect.hostText = { text in
                        try toOutput(StreamRecords.information(StreamRecords.hostMessage(text), tags: ["PSHOST"], source: source))
                    }
                }
            case .file(let stream, let append, let target, let isNull):
                // A stream named on its own (`> out.txt *> rest.txt`) keeps its target; `*>` takes the others.
                func takes(_ one: RedirectionStream) -> Bool {
                    stream == one || (stream == .all && !explicitlyRedirected.contains(one))
                }
                let targetText = isNull ? "" : PSConvert.toString(try target(frame))
                if let name = VariableRedirection.variableName(targetText) {
                    let sink = VariableRedirection(name: name, append: append, scope: frame.scope)
                    if takes(.output) { stage.redirectedOutput = ClosureSink { value in sink.add(value) } }
                    let source = stage.name
                    if takes(.error) {
                        stage.streams.redirect.error = { record in sink.add(.object(ErrorRecordObjects.wrap(record))) }
                        stage.errorRedirected = true
                    }
                    if takes(.warning) { stage.streams.redirect.warning = { text in sink.add(StreamRecords.informational("Warning", text)) } }
                    if takes(.verbose) { stage.streams.redirect.verbose = { text in sink.add(StreamRecords.informational("Verbose", text)) } }
                    if takes(.debug) { stage.streams.redirect.debug = { text in sink.add(StreamRecords.informational("Debug", text)) } }
                    if takes(.information) {
                        stage.streams.redirect.informationCaptured = true
                        stage.streams.redirect.information = { value, _ in sink.add(StreamRecords.information(value, source: source)) }
                        stage.streams.redirect.hostText = { text in
                            sink.add(StreamRecords.information(StreamRecords.hostMessage(text), tags: ["PSHOST"], source: source))
                        }
                    }
                    continue
                }
                var writer: ((String) throws -> Void)? = nil
                var formatted: ((PSValue) throws -> Void)? = nil
                if !isNull {
                    let path = session.resolvePath(targetText)
                    try session.requireHostAccess("Writing to the file '\(path)'")
                    if !append || !FileManager.default.fileExists(atPath: path) {
                        guard FileManager.default.createFile(atPath: path, contents: nil) else {
                            throw PSRuntimeError.message("Could not find a part of the path '\(path)'.", errorId: "FileOpenFailure",
                                                         category: .openError, exceptionType: "System.IO.DirectoryNotFoundException")
                        }
                    }
                    if let outFile = try redirectionOutFile(path: path, stage: stage, session: session) {
                        // `>` is Out-File: the command's objects (and the streams' text merged into
                        // the file) go through one Out-File, formatted as one document.
                        formatted = { value in try outFile.process(value) }
                        writer = { text in try outFile.process(.string(text)) }
                    } else {
                        writer = { text in
                            if let handle = FileHandle(forWritingAtPath: path) {
                                handle.seekToEndOfFile()
                                handle.write(Data((text + "\n").utf8))
                                handle.closeFile()
                            }
                        }
                    }
                }
                let write = writer
                if takes(.output) {
                    if let formatted {
                        stage.redirectedOutput = ClosureSink { value in try formatted(value) }
                    } else {
                        stage.redirectedOutput = ClosureSink { value in try write?(session.outStringLine(value)) }
                    }
                }
                if takes(.error) {
                    // Out-File's text of an ErrorRecord: the error view, as the console shows it.
                    stage.streams.redirect.error = { record in try write?(session.renderError(record)) }
                    stage.errorRedirected = true
                }
                if takes(.warning) { stage.streams.redirect.warning = { text in try write?(text) } }
                if takes(.verbose) { stage.streams.redirect.verbose = { text in try write?(text) } }
                if takes(.debug) { stage.streams.redirect.debug = { text in try write?(text) } }
                if takes(.information) {
                    stage.streams.redirect.informationCaptured = true
                    stage.streams.redirect.information = { value, _ in try write?(PSConvert.toString(value)) }
                    stage.streams.redirect.hostText = { text in try write?(text.hasSuffix("\n") ? String(text.dropLast()) : text) }
                }
            }
        }
    }
}

extension Scope {
    func lookupAlias(_ name: String) -> String? {
        let key = name.caseInsensitiveKey
        var s: Scope? = self
        while let cur = s {
            if let a = cur.aliases[key] { return a }
            s = cur.parent
        }
        return nil
    }

    public func setAlias(_ name: String, _ target: String) { aliases[name.caseInsensitiveKey] = target }
}
