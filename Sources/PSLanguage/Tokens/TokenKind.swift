/// Every kind of token the lexer produces. Operators spelled with a dash (`-eq`, `-f`, ...) have their
/// own kinds so the parser can give them precedence without looking at text.
public enum TokenKind: UInt8, Sendable, Hashable {
    // Structure
    /// End of the input (or of a nested region being lexed).
    case endOfInput
    /// A line break (LF, CR or CRLF) that ends a statement.
    case newline
    /// `;`
    case semicolon
    /// A `#` or `<# #>` comment; only produced when comments are requested.
    case comment

    // Words and values
    /// A bareword in command mode (`vm_name`, `C:\VMs\a.vhdx`, `192.168.2.0/24`) or a command name.
    case generic
    /// A name in expression mode after `.`/`::` or a keyword-like word (`Name` in `$x.Name`).
    case identifier
    /// A reserved word (`if`, `function`, ...); the word is in `Token.keyword`.
    case keyword
    /// `$name`, `${name}`, `$env:PATH`, `$_`, `$$`, `$?`, `$^`.
    case variable
    /// `@name`, a splatted variable.
    case splattedVariable
    /// `-Name` or `-Name:` in command mode.
    case parameter
    /// A numeric literal already converted to its value.
    case number
    /// `'text'` (any single-quote character) — no expansion.
    case stringLiteral
    /// `"text"` (any double-quote character) — may contain `$var` and `$(...)`.
    case stringExpandable
    /// `@' ... '@`
    case hereStringLiteral
    /// `@" ... "@`
    case hereStringExpandable
    /// `:label` before a loop or `switch`.
    case label
    /// Everything after `--%` to the end of the line, verbatim.
    case verbatimArguments

    // Brackets
    case lParen, rParen, lCurly, rCurly, lBracket, rBracket
    /// `@(`
    case atParen
    /// `@{`
    case atCurly
    /// `$(`
    case dollarParen

    // Punctuation
    case comma, dot, dotDot, doubleColon, colon
    /// `?.` null-conditional member access.
    case questionDot
    /// `?[` null-conditional index.
    case questionLBracket
    /// `?` of the ternary operator.
    case questionMark
    /// `??`
    case questionQuestion
    case pipe
    /// `&&`
    case andAnd
    /// `||`
    case orOr
    /// `&` (call operator, or background job at the end of a pipeline).
    case ampersand
    /// A redirection such as `>`, `>>`, `2>`, `2>&1`, `*>`; the details are in `Token.redirection`.
    case redirection
    /// `--%`
    case stopParsing
    /// `--` (end of parameters in command mode, or decrement in expression mode).
    case minusMinus
    /// `++`
    case plusPlus

    // Assignment
    case equals, plusEquals, minusEquals, multiplyEquals, divideEquals, remainderEquals, questionQuestionEquals

    // Arithmetic and logical symbols
    case plus, minus, multiply, divide, remainder
    /// `!`
    case exclaim

    /// A dash operator (`-eq`, `-like`, `-f`, `-join`, `-not`, `-band`, ...); see `Token.dashOperator`.
    case dashOperator
}

/// The reserved words of PowerShell that the parser recognises in statement position.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case `begin`, `break`, `catch`, `class`, `clean`, `continue`, `data`, `define`, `do`, `dynamicparam`,
         `else`, `elseif`, `end`, `enum`, `exit`, `filter`, `finally`, `for`, `foreach`, `from`, `function`,
         `hidden`, `if`, `in`, `param`, `process`, `return`, `static`, `switch`, `throw`, `trap`, `try`,
         `until`, `using`, `var`, `while`, `workflow`, `parallel`, `sequence`, `inlinescript`
}

/// The stream a redirection reads from.
public enum RedirectionStream: String, Sendable, Hashable {
    /// `*`
    case all = "*"
    case output = "1"
    case error = "2"
    case warning = "3"
    case verbose = "4"
    case debug = "5"
    case information = "6"
}

/// A lexed redirection operator.
public enum RedirectionOperator: Sendable, Hashable {
    /// `n>` (append == false) or `n>>` (append == true); the target follows.
    case toFile(RedirectionStream, append: Bool)
    /// `n>&1` (only merging into output is legal in PowerShell).
    case merge(RedirectionStream, into: RedirectionStream)
    /// `<` (reserved for future use in PowerShell: always an error).
    case input
}
