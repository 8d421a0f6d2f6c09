/// A lexed token. Internal: the parser pulls tokens on demand in the mode it needs. A class, because
/// the parser looks at the next token several times: sharing it costs a retain, copying a struct with
/// an enum payload cost more than lexing it.
final class Token {
    var kind: TokenKind
    var start: Int
    var end: Int
    /// Whitespace, a comment or a line continuation came directly before the token.
    var spaceBefore: Bool
    var payload: TokenPayload
    /// Errors found while lexing this token; reported only when the token is consumed, so a token
    /// that is peeked in one mode and then read in the other does not leave stale errors behind.
    var errors: [ParseError]? = nil

    init(kind: TokenKind, start: Int, end: Int, spaceBefore: Bool, payload: TokenPayload) {
        self.kind = kind
        self.start = start
        self.end = end
        self.spaceBefore = spaceBefore
        self.payload = payload
    }

    var range: SourceRange { SourceRange(start: start, end: end) }

    /// Tokens that lex the same in command and expression mode, so a cached one serves both.
    var isModeInvariant: Bool {
        switch kind {
        case .newline, .semicolon, .endOfInput, .lParen, .rParen, .lCurly, .rCurly, .atParen, .atCurly, .dollarParen,
             .pipe, .orOr, .andAnd, .comma, .stringLiteral, .stringExpandable, .hereStringLiteral,
             .hereStringExpandable, .splattedVariable, .ampersand:
            return true
        // Not `.redirection`: `2>` is one in command mode only (see Lexer.lexToken).
        default:
            return false
        }
    }
}

/// The value a token carries, already decoded.
enum TokenPayload {
    case none
    /// Identifier, generic word, label name or single-quoted string value.
    case text(String)
    case number(NumberValue)
    case variable(VariablePath)
    case keyword(Keyword)
    /// `-name` in expression mode: the binary and/or unary operator it spells.
    case dashOperator(BinaryOperator?, UnaryOperator?)
    case redirection(RedirectionOperator)
    /// A command-mode parameter: name without the dash, and whether `:` followed.
    case parameter(String, colon: Bool)
    /// A string or bareword that was already fully parsed into an expression.
    case expression(Expression)
}

/// How the lexer reads words: barewords are strings in command mode, names in expression mode.
enum LexMode {
    case command
    case expression
}
