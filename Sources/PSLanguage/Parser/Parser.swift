/// Entry point of the front end. Parsing never throws: errors are collected in the result.
public enum Parser {
    /// Parses a whole script (a file's text or a REPL entry).
    public static func parse(_ text: String, fileName: String? = nil) -> ParseResult {
        parse(SourceText(text, fileName: fileName))
    }

    /// Parses UTF-8 bytes (a BOM at the start is skipped).
    public static func parse(bytes: [UInt8], fileName: String? = nil) -> ParseResult {
        parse(SourceText(bytes: bytes, fileName: fileName))
    }

    public static func parse(_ source: SourceText) -> ParseResult {
        // Interim: the parser lands in the next publish; report that honestly.
        let empty = StatementBlock(statements: [], traps: [], range: .empty(at: 0))
        let end = NamedBlock(kind: .end, body: empty, isUnnamed: true, range: .empty(at: 0))
        let sb = ScriptBlock(requirements: [], usingStatements: [], paramBlock: nil, dynamicParamBlock: nil,
                             beginBlock: nil, processBlock: nil, endBlock: end, cleanBlock: nil,
                             range: SourceRange(start: 0, end: source.bytes.count))
        let err = ParseError(id: "ParserNotReady", message: "The parser is not implemented yet.",
                             range: .empty(at: 0), location: SourceLocation(line: 1, column: 1), isIncomplete: false)
        return ParseResult(scriptBlock: sb, errors: [err], source: source)
    }
}
