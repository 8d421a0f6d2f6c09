import PSLanguage

/// Parsed-and-compiled scripts, keyed by text, so a REPL line or a `-File` script is compiled once.
final class CompilerCache {
    init() {}
}

extension ShellSession {
    /// Runs a script as `hvsh -File` does: each top-level pipeline's output goes through Out-Default,
    /// errors are shown on the host. Returns the exit code (`exit n`, else 0, or 1 after a
    /// terminating error).
    @discardableResult
    public func runScript(_ text: String, path: String? = nil, arguments: [PSValue] = []) -> Int32 {
        let parsed = Parser.parse(text, fileName: path)
        if let e = parsed.errors.first {
            displayError(ParseErrors.record(e, source: parsed.source))
            return 1
        }
        displayError(ErrorRecord(message: "The evaluator is not implemented yet.", errorId: "NotImplemented"))
        return 1
    }

    /// Runs a script and returns its output objects unformatted (for tests and embedding).
    /// Terminating errors are thrown as `PSRuntimeError`.
    public func invoke(_ text: String) throws -> [PSValue] {
        let parsed = Parser.parse(text)
        if let e = parsed.errors.first { throw PSRuntimeError(ParseErrors.record(e, source: parsed.source)) }
        throw PSRuntimeError.message("The evaluator is not implemented yet.", errorId: "NotImplemented")
    }

    func invokeScriptBlock(_ block: PSScriptBlock, dollarUnder: PSValue?, arguments: [PSValue], dotSource: Bool,
                           input: [PSValue]?, streams: CommandStreams, output: @escaping (PSValue) throws -> Void) throws {
        if let native = block.native {
            for v in try native(dollarUnder ?? .null, arguments) { try output(v) }
            return
        }
        throw PSRuntimeError.message("The evaluator is not implemented yet.", errorId: "NotImplemented")
    }
}

/// Parse errors as ErrorRecords (ParseException, ParserError category), positioned.
enum ParseErrors {
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
