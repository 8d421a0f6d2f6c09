import Foundation
import PSLanguage

/// A command-line word for a script run with `hvsh script.ps1 args...`: `-Name` (name, nil),
/// `-Count:3` (name, value), or a plain value (nil, value).
public struct ScriptArgument {
    public var name: String?
    public var value: PSValue?
    public init(name: String? = nil, value: PSValue? = nil) {
        self.name = name
        self.value = value
    }
}

/// The outcome of one top-level run (a script file, `-Command` text or a REPL entry).
public struct RunResult {
    /// `exit N`'s code; 1 after an unhandled terminating or parse error; else 0.
    public var exitCode: Int32
    /// True when `exit` was executed.
    public var exitRequested: Bool
    public var parseFailed: Bool
    /// True when an unhandled terminating error ended the run.
    public var terminatedByError: Bool
    /// `$?` after the last statement.
    public var lastSuccess: Bool
    /// True when Ctrl-C stopped the run.
    public var stopped: Bool
}

extension ShellSession {
    /// Runs a script as `hvsh -File` does (see `run`); returns the exit code.
    @discardableResult
    public func runScript(_ text: String, path: String? = nil, arguments: [ScriptArgument] = []) -> Int32 {
        run(text, path: path, arguments: arguments).exitCode
    }

    /// Runs script text at top level. Its output goes through the `Out-Default` command registered
    /// in the session (the formatting engine's, or the runtime's plain fallback); errors are shown on
    /// the host. With a `path`, the text runs in a new script scope as a script file does; without,
    /// it runs in the global scope like an interactive entry.
    public func run(_ text: String, path: String? = nil, arguments: [ScriptArgument] = []) -> RunResult {
        // Never throws: runTopLevel reports every error itself.
        (try? ScriptStack.run { self.runTopLevel(text, path: path, arguments: arguments) })
            ?? RunResult(exitCode: 1, exitRequested: false, parseFailed: false, terminatedByError: true, lastSuccess: false, stopped: false)
    }

    private func runTopLevel(_ text: String, path: String?, arguments: [ScriptArgument]) -> RunResult {
        stopFlag.clear()
        var result = RunResult(exitCode: 0, exitRequested: false, parseFailed: false, terminatedByError: false,
                               lastSuccess: true, stopped: false)
        let parsed = Parser.parse(text, fileName: path)
        if parsed.hasErrors {
            displayParseErrors(parsed)
            result.exitCode = 1
            result.parseFailed = true
            result.lastSuccess = false
            lastSuccess = false
            return result
        }
        let source = SourceInfo(parsed.source)
        let code = Compiler.compile(parsed.scriptBlock, session: self, source: source, name: path ?? "")
        let args = arguments.map { a in
            BindArgument(parameterName: a.name, value: a.value, hasColon: a.name != nil && a.value != nil,
                         text: a.name.map { "-" + $0 } ?? a.value.map { PSConvert.toString($0) } ?? "")
        }
        let script = ScriptStage(session: self, code: code, name: path ?? "", arguments: args, callerScope: globalScope,
                                 dotSource: path == nil, isScriptFile: path != nil, position: nil, topLevel: true)
        let outDefault = makeOutDefault()
        script.output = StageInput(outDefault)
        outDefault.expectingInput = true
        let savedScope = currentScope
        let savedUnderHost = callFramesUnderHost
        callFramesUnderHost = path != nil
        defer { currentScope = savedScope; callFramesUnderHost = savedUnderHost }
        do {
            try outDefault.begin()
            try script.begin()
            try script.processNoInput()
            try script.end()
            try script.cleanUp()
            try outDefault.end()
            result.lastSuccess = lastSuccess
        } catch {
            try? script.cleanUp()
            try? outDefault.end()
            switch error {
            case let e as ExitSignal:
                result.exitCode = e.code
                result.exitRequested = true
                exitRequested = e.code
                setLastExitCode(e.code)
            case let e as PSRuntimeError:
                recordErrorIfNew(e.record)
                displayError(e.record)
                result.exitCode = 1
                result.terminatedByError = true
                lastSuccess = false
                result.lastSuccess = false
            case is PipelineStoppedSignal:
                result.stopped = true
                result.lastSuccess = false
            case is BreakSignal, is ContinueSignal:
                break
            default:
                displayError(ErrorRecord(message: "\(error)", errorId: "InternalError"))
                result.exitCode = 1
                result.terminatedByError = true
            }
        }
        return result
    }

    private func displayParseErrors(_ parsed: ParseResult) {
        let first = parsed.errors[0]
        let r = ParseErrors.record(first, source: parsed.source)
        if parsed.errors.count > 1 {
            // PowerShell lists every parse error under the first position block.
            r.errorDetailsMessage = parsed.errors.map(\.message).joined(separator: "\n")
        }
        displayError(r)
        recordError(r)
    }

    func makeOutDefault() -> Stage {
        if let entry = registry.cmdlet(named: "Out-Default") {
            return CmdletStage(session: self, entry: entry, arguments: [], position: nil)
        }
        return CmdletStage(session: self, entry: CmdletEntry(type: FallbackCommands.OutDefaultCommand.self, moduleName: "Core"), arguments: [], position: nil)
    }

    /// Runs text in the global scope and returns its output objects unformatted (tests, embedding,
    /// `Invoke-Expression`). Unhandled terminating errors are thrown; non-terminating ones go to the host.
    public func invoke(_ text: String) throws -> [PSValue] {
        try ScriptStack.run { try self.invokeText(text) }
    }

    /// Runs a `[powershell]` instance's pipelines (text it built): like `invoke`, except that an
    /// error ending one of the text's own statements is thrown, as a failed pipeline fails Invoke().
    func invokeHosted(_ text: String) throws -> [PSValue] {
        try ScriptStack.run {
            guard let code = try compileText(text).body else { return [] }
            let saved = hostedPipelineCode
            hostedPipelineCode = ObjectIdentifier(code)
            defer { hostedPipelineCode = saved }
            let collector = Collector()
            let stage = ScriptStage(session: self, code: code, name: "", arguments: [], callerScope: currentScope,
                                    dotSource: true, isScriptFile: false, position: nil)
            try PipelineRunner.run([stage], session: self, output: collector)
            return collector.items
        }
    }

    private func invokeText(_ text: String) throws -> [PSValue] {
        guard let code = try compileText(text).body else { return [] }
        let collector = Collector()
        let stage = ScriptStage(session: self, code: code, name: "", arguments: [], callerScope: currentScope,
                                dotSource: true, isScriptFile: false, position: nil)
        try PipelineRunner.run([stage], session: self, output: collector)
        return collector.items
    }

    /// Compiles text to run where a command runs it (Invoke-Expression): a parse error is thrown under the
    /// parser's own id (`MissingEndCurlyBrace`), as the text's error, not as a ParseException.
    public func compileText(_ text: String) throws -> PSScriptBlock {
        let parsed = Parser.parse(text)
        if let e = parsed.errors.first { throw PSRuntimeError(ParseErrors.record(e, source: parsed.source)) }
        return PSScriptBlock(text: text, body: Compiler.compile(parsed.scriptBlock, session: self, source: SourceInfo(parsed.source)))
    }

    /// Makes a script block from text (for modules that build blocks at run time; `[scriptblock]::Create`).
    public func makeScriptBlock(_ text: String) throws -> PSScriptBlock {
        let parsed = Parser.parse(text)
        if let e = parsed.errors.first {
            // .NET's ScriptBlock.Create throws a ParseException (IncompleteParseException when the text
            // just stops early), and that is the error id a caller catches, not the parser's own id.
            let record = ParseErrors.record(e, source: parsed.source)
            ParseErrors.describe(record.exception, errors: parsed.errors, source: parsed.source)
            let incomplete = e.isIncomplete
            record.fullyQualifiedErrorId = incomplete ? "IncompleteParseException" : "ParseException"
            if incomplete {
                record.exception.baseTypeNames.insert(record.exception.typeFullName, at: 0)
                record.exception.typeFullName = "System.Management.Automation.IncompleteParseException"
            }
            throw PSRuntimeError(record)
        }
        let code = Compiler.compile(parsed.scriptBlock, session: self, source: SourceInfo(parsed.source))
        return PSScriptBlock(text: text, body: code)
    }

    /// The largest script file a session reads (the shell's own limit for -File and -DumpAst too).
    public static let maximumScriptBytes = 128 << 20

    /// Parses and compiles a script file, reusing the compiled form while the file is unchanged.
    func compileFile(_ path: String) throws -> CompiledBlock {
        let attrs = try? FileManager.default.attributesOfItem(atPath: path)
        let mtime = (attrs?[.modificationDate] as? Date) ?? Date()
        if let c = scriptFileCache[path], c.mtime == mtime { return c.code }
        // A device or FIFO named like a script (a symlink to /dev/zero) would be read forever.
        if let type = attrs?[.type] as? FileAttributeType, type != .typeRegular {
            throw PSRuntimeError.message("The script '\(path)' is not a regular file.", errorId: "ScriptNotRegularFile",
                                         category: .invalidArgument, exceptionType: "System.IO.IOException")
        }
        if let size = attrs?[.size] as? Int, size > Self.maximumScriptBytes {
            throw PSRuntimeError.message("The script '\(path)' is larger than \(Self.maximumScriptBytes >> 20) MiB.",
                                         errorId: "ScriptTooLarge", category: .invalidArgument,
                                         exceptionType: "System.IO.IOException")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PSRuntimeError.message("Cannot find path '\(path)' because it does not exist.", errorId: "PathNotFound",
                                         category: .objectNotFound, exceptionType: "System.Management.Automation.ItemNotFoundException")
        }
        let parsed = Parser.parse(bytes: ScriptEncoding.utf8(Array(data)), fileName: path)
        if let e = parsed.errors.first { throw PSRuntimeError(ParseErrors.record(e, source: parsed.source)) }
        let code = Compiler.compile(parsed.scriptBlock, session: self, source: SourceInfo(parsed.source), name: path)
        scriptFileCache[path] = (mtime, code)
        return code
    }

    // MARK: Script blocks called from Swift

    func invokeScriptBlock(_ block: PSScriptBlock, dollarUnder: PSValue?, arguments: [PSValue], dotSource: Bool,
                           input: [PSValue]?, streams: CommandStreams?, output sink: OutputSink) throws {
        if let native = block.native {
            for v in try native(dollarUnder ?? .null, arguments) { try sink.emit(v) }
            return
        }
        guard let code = block.body else { return }
        try enterCall()
        defer { leaveCall() }
        let frame: Frame
        let home = block.runsUnder(currentScope)
        if dotSource {
            if let c = dotFrameCache, c.code == ObjectIdentifier(code), c.scope == ObjectIdentifier(home) {
                frame = c.frame
            } else {
                frame = Frame(session: self, scope: home, code: code)
                dotFrameCache = (ObjectIdentifier(code), ObjectIdentifier(home), frame)
            }
        } else {
            frame = Frame(session: self, scope: Scope(parent: home, isScriptScope: false), code: code)
        }
        if !arguments.isEmpty || !frame.args.isEmpty { frame.args = arguments }
        if let input { frame.input = input } else if code.usesInput { frame.input = dollarUnder.map { [$0] } ?? [] }
        if let du = dollarUnder, let s = code.dollarUnderSlot {
            frame.slots[s].value = du
            frame.slots[s].isSet = true
        }
        if !code.parameters.isEmpty {
            // Positional arguments to `param()` of a script block.
            for (i, p) in code.parameters.enumerated() {
                let cell = frame.slots[p.slot]
                if i < arguments.count {
                    cell.value = try PSConvert.convert(arguments[i], to: p.declaration.type, types: types)
                } else if let d = p.defaultValue {
                    cell.value = try d(frame)
                } else {
                    cell.value = p.declaration.isSwitch ? .switchValue(false) : .null
                }
                cell.isSet = true
            }
            frame.args = Array(arguments.dropFirst(code.parameters.count))
        }
        let savedScope = currentScope
        let savedRedirects = currentRedirects
        currentScope = frame.scope
        if let s = streams { currentRedirects = s.redirect }
        defer {
            currentScope = savedScope
            currentRedirects = savedRedirects
        }
        do {
            try code.begin?(frame, sink)
            try code.process?(frame, sink)
            try code.end?(frame, sink)
        } catch let signal as ReturnSignal {
            try signal.flush(to: sink)
        }
    }

    func invokeCollect(_ block: PSScriptBlock, dollarUnder: PSValue?, arguments: [PSValue] = [], dotSource: Bool = false) throws -> [PSValue] {
        let collector = Collector()
        try invokeScriptBlock(block, dollarUnder: dollarUnder, arguments: arguments, dotSource: dotSource, input: nil,
                              streams: nil, output: collector)
        return collector.items
    }

    /// Output of a script block shaped as PowerShell would assign it: nothing → $null, one → it, more → array.
    func invokeCollectValue(_ block: PSScriptBlock, dollarUnder: PSValue?, arguments: [PSValue] = []) throws -> PSValue {
        let out = try invokeCollect(block, dollarUnder: dollarUnder, arguments: arguments, dotSource: true)
        switch out.count {
        case 0: return .null
        case 1: return out[0]
        default: return .array(PSArray(out))
        }
    }

    /// Calls a script block with arguments and returns its output (for modules: `$sb.Invoke()`).
    public func invoke(_ block: PSScriptBlock, arguments: [PSValue] = [], dollarUnder: PSValue? = nil) throws -> [PSValue] {
        try invokeCollect(block, dollarUnder: dollarUnder, arguments: arguments, dotSource: false)
    }

    /// Runs an event action as PowerShell does: in a scope of its own under the global scope that holds
    /// the automatic variables (`$Event`, `$EventSubscriber`, `$Sender`, `$EventArgs`), apart from the
    /// scope of whatever raised the event; `arguments` are `$args`. Returns what it wrote.
    public func invokeEventAction(_ block: PSScriptBlock, variables: [(String, PSValue)], arguments: [PSValue]) throws -> [PSValue] {
        let holder = Scope(parent: globalScope, isScriptScope: true)
        for (name, value) in variables { _ = holder.set(name, value) }
        let saved = currentScope
        currentScope = holder
        defer { currentScope = saved }
        return try invokeCollect(block, dollarUnder: nil, arguments: arguments, dotSource: false)
    }

    // MARK: Error bookkeeping

    func currentErrorSink(_ r: ErrorRecord) throws { try currentRedirects.error(r) }

    func recordErrorIfNew(_ r: ErrorRecord) {
        if let first = errorList.elements.first, ErrorRecordObjects.record(from: first) === r { return }
        recordError(r)
    }

    /// One line of text for an object sent to a file by `>` (the formatting engine's Out-String when
    /// registered, else the object's string form).
    func outStringLine(_ v: PSValue) throws -> String {
        if let entry = registry.cmdlet(named: "Out-String"), entry.moduleName != "Core" {
            var text = ""
            let stage = CmdletStage(session: self, entry: entry, arguments: [], position: nil)
            let input = ExpressionStage(session: self, frame: Frame(session: self, scope: currentScope, code: CompiledBlock(source: SourceInfo(SourceText("")), text: "")), eval: { _ in v }, range: nil)
            try PipelineRunner.run([input, stage], session: self, output: ClosureSink { text += PSConvert.toString($0) })
            while text.hasSuffix("\n") { text.removeLast() }
            return text
        }
        return PSConvert.toString(v)
    }

    // MARK: Shell support

    /// Names of the functions visible from the current scope (for tab completion).
    public var functionNames: [String] {
        var names = Set<String>()
        var s: Scope? = currentScope
        while let cur = s { for f in cur.functions.values { names.insert(f.name) }; s = cur.parent }
        return names.sorted()
    }

    /// Names of the variables visible from the current scope (for tab completion).
    public var variableNames: [String] {
        var names = Set<String>()
        var s: Scope? = currentScope
        while let cur = s { for v in cur.variables.values where v.isSet { names.insert(v.name) }; s = cur.parent }
        return names.sorted()
    }

    /// The text of a user-defined `prompt` function, or nil when there is none.
    public func promptText() -> String? {
        guard let f = globalScope.lookupFunction("prompt") else { return nil }
        guard let out = try? invokeCollect(f.block, dollarUnder: nil) else { return nil }
        return out.map { PSConvert.toString($0) }.joined()
    }

    /// Looks up a function by name.
    public func function(named name: String) -> FunctionInfo? { currentScope.lookupFunction(name) }
}

/// Parse errors as ErrorRecords (ParseException, ParserError category), positioned.
enum ParseErrors {
    /// What a ParseException carries beside its message: `Errors` (every ParseError) and `ErrorRecord`,
    /// a record of the first error under its own id (`EmptyPipeElement`), which is what a caller of
    /// `[scriptblock]::Create` or `[powershell]::Invoke` reads through `.InnerException.ErrorRecord`.
    static func describe(_ exception: PSException, errors: [ParseError], source: SourceText) {
        guard let first = errors.first else { return }
        exception.extraProperties.append(("Errors", .array(PSArray(errors.map { ParserObjects.parseError($0, source: source) }))))
        exception.extraProperties.append(("ErrorRecord", .object(ErrorRecordObjects.wrap(record(first, source: source)))))
    }

    static func record(_ e: ParseError, source: SourceText) -> ErrorRecord {
        let r = ErrorRecord(message: e.message, errorId: e.id, category: .parserError,
                            exceptionType: "System.Management.Automation.ParseException")
        let end = source.location(of: e.range.end)
        r.position = ScriptExtent(file: source.fileName, startLine: e.location.line, startColumn: e.location.column,
                                  endLine: end.line, endColumn: max(end.column, e.location.column + 1),
                                  text: source.text(e.range), lineText: source.lineText(e.location.line))
        return r
    }
}
