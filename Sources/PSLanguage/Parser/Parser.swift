/// Entry point of the front end. Parsing never throws: errors are collected in the result, and the
/// script block is always returned (with error nodes where the input was wrong).
public enum Parser {
    /// Parses a whole script (a file's text or a REPL entry).
    public static func parse(_ text: String, fileName: String? = nil) -> ParseResult {
        parse(SourceText(text, fileName: fileName))
    }

    /// Parses UTF-8 bytes (a BOM at the start is skipped).
    public static func parse(bytes: [UInt8], fileName: String? = nil) -> ParseResult {
        parse(SourceText(bytes: bytes, fileName: fileName))
    }

    /// With `recordTokens`, the result's `tokens` holds the input's tokens as ParseInput returns them.
    public static func parse(_ source: SourceText, recordTokens: Bool = false) -> ParseResult {
        // Every input byte opens at most a few nesting levels (a `{` enters statement, expression,
        // unary and block parsing), and the depth limit caps the rest.
        let levels = min(4 * source.bytes.count + 8, ParserEngine.maxDepth)
        return ParserStack.run(levels: levels) { parseHere(source, recordTokens: recordTokens) }
    }

    private static func parseHere(_ source: SourceText, recordTokens: Bool) -> ParseResult {
        source.bytes.withUnsafeBufferPointer { buf in
            let engine = ParserEngine(src: buf, text: source)
            if recordTokens { engine.recordedTokens = [:] }
            var sb = engine.parseScriptBlockBody(start: 0, closer: nil, isScript: true)
            // Anything left (a stray closer at top level) is reported by the statement loop; make sure
            // the whole input was consumed.
            while engine.peek(.command).kind != .endOfInput {
                let t = engine.next(.command)
                engine.report(.unexpectedToken(engine.tokenText(t)), token: t)
                let rest = engine.parseStatementList(closer: nil)
                _ = rest
            }
            sb.requirements = engine.requirements
            sb.range = SourceRange(start: 0, end: buf.count)
            var seen = Set<String>()
            let errors = engine.errors.filter { seen.insert("\($0.id)@\($0.range.start)").inserted }
            var result = ParseResult(scriptBlock: sb, errors: errors, source: source)
            result.comments = engine.comments.values.sorted { $0.start < $1.start }
            if recordTokens { result.tokens = engine.finishedTokens() }
            return result
        }
    }
}
