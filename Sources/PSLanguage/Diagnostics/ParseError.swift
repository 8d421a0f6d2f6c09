/// One parse error, positioned and identified like PowerShell's `ParseError`
/// (`ErrorId` such as `MissingEndCurlyBrace`, `UnexpectedToken`).
public struct ParseError: Sendable, Hashable, Error, CustomStringConvertible {
    /// PowerShell's error id (`MissingEndCurlyBrace`, `UnexpectedToken`, `MissingExpressionAfterOperator`, ...).
    public var id: String
    /// The message PowerShell prints for it.
    public var message: String
    /// Where the error was detected (usually the offending token, or the end of input).
    public var range: SourceRange
    /// 1-based line and column of `range.start`.
    public var location: SourceLocation
    /// True when the error only means "the input stopped too early" (an open brace, string or
    /// here-string, a trailing pipe or backtick): more lines could complete it.
    public var isIncomplete: Bool

    public init(id: String, message: String, range: SourceRange, location: SourceLocation, isIncomplete: Bool) {
        self.id = id
        self.message = message
        self.range = range
        self.location = location
        self.isIncomplete = isIncomplete
    }

    public var description: String { "\(location): \(id): \(message)" }
}

/// What the parser returns: always a script block (with error nodes where input was wrong) and
/// every error found.
public struct ParseResult: Sendable {
    public var scriptBlock: ScriptBlock
    public var errors: [ParseError]
    /// The text that was parsed (for rendering errors and extracting node text).
    public var source: SourceText
    /// The ranges of every `#` and `<# #>` comment, in source order.
    public var comments: [SourceRange] = []
    /// Every token in source order, when the parse was asked to record them.
    public var tokens: [LexicalToken]?

    public init(scriptBlock: ScriptBlock, errors: [ParseError], source: SourceText) {
        self.scriptBlock = scriptBlock
        self.errors = errors
        self.source = source
    }

    /// True when there are errors and all of them are "incomplete input" errors, so a REPL should
    /// read another line and parse the whole text again.
    public var isIncomplete: Bool { !errors.isEmpty && errors.allSatisfy(\.isIncomplete) }
    public var hasErrors: Bool { !errors.isEmpty }
}
