import Foundation
import PSLanguage

/// Builds the stages of a pipeline, connects them and runs begin / process / end.
enum PipelineRunner {
    static func run(_ plans: [StagePlan], frame f: Frame, output: OutputSink) throws {
        let session = f.session
        var stages: [Stage] = []
        stages.reserveCapacity(plans.count)
        for plan in plans {
            switch plan {
            case .expression(let e, let range):
                stages.append(ExpressionStage(session: session, frame: f, eval: e, range: range))
            case .command(let cp):
                stages.append(try makeStage(cp, frame: f))
            }
        }
        try run(stages, session: session, output: output)
    }

    static func run(_ stages: [Stage], session: ShellSession, output: OutputSink) throws {
        // Each stage writes into the next one's input; the last into the pipeline's output, unless
        // `>`/`>$null` redirects it.
        func connect(_ i: Int) {
            let stage = stages[i]
            var out = i + 1 < stages.count ? StageInput(stages[i + 1]) : output
            for wrap in stage.outputWrappers { out = wrap(out) }
            stage.output = stage.redirectedOutput ?? out
        }
        // `$MyInvocation.PipelinePosition`/`PipelineLength` count commands: a leading expression is
        // the pipeline's input, not one of its commands.
        let leadingExpression = stages.first is ExpressionStage ? 1 : 0
        for (i, s) in stages.enumerated() {
            s.expectingInput = i > 0
            s.pipelinePosition = i + 1 - leadingExpression
            s.pipelineLength = stages.count - leadingExpression
        }
        let savedOrigin = session.stopOrigin
        session.stopOrigin = nil
        defer { session.stopOrigin = savedOrigin }
        do {
            try runBlocks(stages, session: session, connect: connect)
        } catch {
            // A failed pipeline still cleans up every command that ran, first to last.
            for s in stages { try? s.cleanUp() }
            throw error
        }
        for s in stages { try s.cleanUp() }
        session.lastSuccess = !stages.contains { $0.failed }
    }

    /// begin, process and end of every stage; a stop request (Select-Object -First) ends it early.
    private static func runBlocks(_ stages: [Stage], session: ShellSession, connect: (Int) -> Void) throws {
        do {
            // Begin blocks run first to last; what a begin block writes waits until the next
            // command has begun too.
            var buffers: [Collector?] = Array(repeating: nil, count: stages.count)
            for i in stages.indices {
                if i + 1 < stages.count && stages[i].redirectedOutput == nil {
                    let buffer = Collector()
                    buffers[i] = buffer
                    stages[i].output = buffer
                } else {
                    connect(i)
                }
            }
            for s in stages { try s.begin() }
            for i in stages.indices { connect(i); stages[i].connected() }
            for i in 0..<(stages.count - 1) {
                guard let buffer = buffers[i] else { continue }
                for v in buffer.items { try stages[i + 1].process(v) }
            }
            try stages[0].processNoInput()
            for s in stages { try s.end() }
        } catch is PSPipelineStop {
            // Select-Object -First and friends: stages upstream of the one that stopped end silently;
            // it and the stages after it complete normally.
            let origin = session.stopOrigin.flatMap { o in stages.firstIndex { $0 === o } } ?? stages.count
            session.stopOrigin = nil
            for s in stages[origin...] { try s.end() }
        }
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

    static func makeStage(_ cp: CommandPlan, frame f: Frame) throws -> Stage {
        let session = f.session
        if cp.looksLikeMethodCall, f.scope.strictMode >= 2 { throw StrictMode.methodCallSyntax(cp.extent) }
        let args = try CompiledArgument.evaluate(cp.arguments, f)
        let dot = cp.invocation == .dotSource
        var stage: Stage
        if cp.name == nil && cp.nameExpression == nil {
            // An expression with redirections: evaluate it as a stage of its own.
            let v = args.first?.value ?? .null
            stage = ExpressionStage(session: session, frame: f, eval: { _ in v }, range: nil)
        } else if let ne = cp.nameExpression {
            let target = try ne(f)
            switch target {
            case .scriptBlock(let sb):
                stage = try scriptBlockStage(sb, args: args, frame: f, dot: dot, position: cp.extent)
            case .object(let o) where o.baseObject is FunctionInfo:
                let fi = o.baseObject as! FunctionInfo
                stage = try scriptBlockStage(fi.block, name: fi.name, args: args, frame: f, dot: dot, position: cp.extent)
            default:
                stage = try resolveStage(PSConvert.toString(target), args: args, frame: f, dot: dot, position: cp.extent,
                                         invoked: true, invocationName: dot ? "." : "&")
            }
        } else {
            do {
                let typed = cp.invocation == .none ? cp.name! : cp.invocation.rawValue
                stage = try resolveStage(cp.name!, args: args, frame: f, dot: dot, position: cp.extent,
                                         invoked: cp.invocation != .none, invocationName: typed)
            } catch let e as PSRuntimeError where e.record.fullyQualifiedErrorId == "CommandNotFoundException" && !cp.redirections.isEmpty {
                stage = FailedCommandStage(session: session, error: e)
            }
        }
        try applyRedirections(cp.redirections, to: stage, frame: f)
        return stage
    }

    static func scriptBlockStage(_ sb: PSScriptBlock, name: String = "", args: [BindArgument], frame f: Frame, dot: Bool,
                                 position: ScriptExtent?) throws -> Stage {
        guard let code = sb.body else {
            let native = sb.native!
            let argValues = args.compactMap(\.value)
            return ExpressionStage(session: f.session, frame: f, eval: { _ in
                let r = try native(.null, argValues)
                return r.count == 1 ? r[0] : .array(PSArray(r))
            }, range: nil)
        }
        return ScriptStage(session: f.session, code: code, name: name, arguments: args, callerScope: f.scope,
                           dotSource: dot, isScriptFile: false, position: position, invocationName: dot ? "." : "&")
    }

    /// Resolution order: alias, function, cmdlet, script file, executable in PATH.
    static func resolveStage(_ rawName: String, args: [BindArgument], frame f: Frame, dot: Bool, position: ScriptExtent?,
                             invoked: Bool, invocationName: String? = nil) throws -> Stage {
        let session = f.session
        var name = rawName
        var seen = 0
        while let target = f.scope.lookupAlias(name) ?? session.registry.aliasTarget(name), seen < 10 {
            name = target
            seen += 1
        }
        if let fn = f.scope.lookupFunction(name), let code = fn.block.body {
            // A module's function runs under the module's scope, not its caller's.
            let parent = dot ? f.scope : (fn.module?.scope ?? f.scope)
            return ScriptStage(session: session, code: code, name: fn.name, arguments: args, callerScope: parent,
                               dotSource: dot, isScriptFile: false, position: position, invocationName: invocationName ?? rawName)
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
                return ScriptStage(session: session, code: code, name: path, arguments: args, callerScope: f.scope,
                                   dotSource: dot, isScriptFile: true, position: position, invocationName: invocationName ?? rawName)
            }
        }
        if let exe = session.findExecutable(pathName) {
            try session.requireHostAccess("Starting the program '\(exe)'")
            let stage = NativeStage(session: session, path: exe, name: name, args: nativeArguments(args))
            stage.position = position
            return stage
        }
        throw commandNotFound(rawName, position: position)
    }

    /// Command-line words for an executable: parameters as written, values as strings, arrays spread.
    static func nativeArguments(_ args: [BindArgument]) -> [String] {
        var out: [String] = []
        for a in args {
            if a.parameterName != nil {
                out.append(a.text)
                continue
            }
            guard let v = a.value else { continue }
            if a.isLiteralText { out.append(PSConvert.toString(v)); continue }
            if case .array(let arr) = v { out += arr.elements.map { PSConvert.toString($0) } } else if !v.isNull { out.append(PSConvert.toString(v)) }
        }
        return out
    }

    static func applyRedirections(_ rs: [CompiledRedirection], to stage: Stage, frame f: Frame) throws {
        let session = f.session
        if !rs.isEmpty { stage.streams.ownRedirects() }
        for r in rs {
            switch r {
            case .merge(let from):
                let toOutput: (PSValue) throws -> Void = { [unowned stage] v in try stage.output.emit(v) }
                if from == .error || from == .all {
                    stage.streams.redirect.error = { rec in try toOutput(.object(ErrorRecordObjects.wrap(rec))) }
                    stage.errorRedirected = true
                }
                // Merged messages travel as the records PowerShell makes of them.
                let source = stage.name
                if from == .warning || from == .all { stage.streams.redirect.warning = { t in try toOutput(StreamRecords.informational("Warning", t)) } }
                if from == .verbose || from == .all { stage.streams.redirect.verbose = { t in try toOutput(StreamRecords.informational("Verbose", t)) } }
                if from == .debug || from == .all { stage.streams.redirect.debug = { t in try toOutput(StreamRecords.informational("Debug", t)) } }
                if from == .information || from == .all {
                    stage.streams.redirect.informationCaptured = true
                    stage.streams.redirect.information = { v, _ in try toOutput(StreamRecords.information(v, source: source)) }
                    stage.streams.redirect.hostText = { t in
                        try toOutput(StreamRecords.information(StreamRecords.hostMessage(t), tags: ["PSHOST"], source: source))
                    }
                }
            case .file(let stream, let append, let target, let isNull):
                var writer: ((String) throws -> Void)? = nil
                if !isNull {
                    let path = session.resolvePath(PSConvert.toString(try target(f)))
                    try session.requireHostAccess("Writing to the file '\(path)'")
                    if !append || !FileManager.default.fileExists(atPath: path) {
                        guard FileManager.default.createFile(atPath: path, contents: nil) else {
                            throw PSRuntimeError.message("Could not find a part of the path '\(path)'.", errorId: "FileOpenFailure",
                                                         category: .openError, exceptionType: "System.IO.DirectoryNotFoundException")
                        }
                    }
                    writer = { text in
                        if let h = FileHandle(forWritingAtPath: path) {
                            h.seekToEndOfFile()
                            h.write(Data((text + "\n").utf8))
                            h.closeFile()
                        }
                    }
                }
                let w = writer
                if stream == .output || stream == .all {
                    stage.redirectedOutput = ClosureSink { v in try w?(session.outStringLine(v)) }
                }
                if stream == .error || stream == .all {
                    stage.streams.redirect.error = { rec in try w?(rec.message) }
                    stage.errorRedirected = true
                }
                if stream == .warning || stream == .all { stage.streams.redirect.warning = { t in try w?(t) } }
                if stream == .verbose || stream == .all { stage.streams.redirect.verbose = { t in try w?(t) } }
                if stream == .debug || stream == .all { stage.streams.redirect.debug = { t in try w?(t) } }
                if stream == .information || stream == .all {
                    stage.streams.redirect.informationCaptured = true
                    stage.streams.redirect.information = { v, _ in try w?(PSConvert.toString(v)) }
                    stage.streams.redirect.hostText = { t in try w?(t.hasSuffix("\n") ? String(t.dropLast()) : t) }
                }
            }
        }
    }
}

extension Scope {
    func lookupAlias(_ name: String) -> String? {
        let key = name.lowercased()
        var s: Scope? = self
        while let cur = s {
            if let a = cur.aliases[key] { return a }
            s = cur.parent
        }
        return nil
    }

    public func setAlias(_ name: String, _ target: String) { aliases[name.lowercased()] = target }
}
