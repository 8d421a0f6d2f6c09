/// The parser and its on-demand lexer share one object: the parser asks for the next token in the
/// mode it needs (command or expression), and strings with `$( )` recurse into statement parsing.
/// The bytes are borrowed for the duration of one `Parser.parse` call.
final class ParserEngine {
    let src: UnsafeBufferPointer<UInt8>
    /// One past the last byte that may be read.
    let end: Int
    let text: SourceText
    /// Current read position of the lexer.
    var pos: Int
    var errors: [ParseError] = []
    /// Nesting of `peek` calls currently lexing; errors found then belong to the token.
    var lexDepth = 0
    var pendingLexErrors: [ParseError] = []
    /// `#Requires` lines seen at any depth (PowerShell honours them anywhere in a script).
    var requirements: [String] = []
    var requirementOffsets: Set<Int> = []
    /// Every comment's range, by start offset (trivia may be scanned more than once): Get-Help reads
    /// comment-based help from them.
    var comments: [Int: SourceRange] = [:]
    /// Where a `<#` with no `#>` after it starts. Trivia is scanned again after every rewind, and a
    /// script with a few such comments among nested parentheses scanned to its end hundreds of times
    /// (38 ms for 2.7 KB in the parser fuzz target).
    var unterminatedComments: Set<Int> = []
    /// Current nesting depth of blocks, parentheses and expressions.
    var depth = 0
    /// Set when the nesting limit was hit, so the error is reported once.
    var depthExceeded = false
    /// Lookahead cache: one lexed token, valid while `pos == cacheStart` and for `cacheMode`.
    /// Valid only while `cacheStart == pos` (`cacheStart` is -1 when nothing is cached). Not optional:
    /// clearing an optional token costs a generic destroy on every consume.
    var cache = Token(kind: .endOfInput, start: 0, end: 0, spaceBefore: false, payload: .none)
    var cacheStart = -1
    var cacheMode = LexMode.command
    var cacheKind = TokenKind.endOfInput
    var cacheInvariant = false
    /// Strings that contain `$( )` are parsed recursively while lexing; remember them by start offset so
    /// that re-lexing after a mode change or a rewind never repeats the work (which would be exponential
    /// for nested strings).
    var stringMemo: [Int: Token] = [:]
    var barewordMemo: [Int: (Expression, Int)] = [:]
    /// The errors a memoised string or bareword scan reported, by start offset: a memo hit reports
    /// them again, since they belong to the token being lexed and that token is lexed anew.
    var memoErrors: [Int: [ParseError]] = [:]
    /// Where a param block was looked for and not found (offset << 1 | commaDisabled), so that parsing
    /// the same text again after a rewind does not look again (`parseParamBlockIfPresent`).
    var paramBlockAbsent: Set<Int> = []
    /// Inside method/attribute arguments a top-level comma separates arguments.
    var commaDisabled = false
    /// Tokens consumed so far, by start offset, when the caller asked for them (TokenRecording.swift).
    var recordedTokens: [Int: LexicalToken]?

    /// Deepest nesting accepted (blocks, brackets, operators and member accesses all count). Parsing runs
    /// on a 256 MiB stack (`ParserStack`); a level costs at most a few KiB even in debug builds, and the
    /// limit also bounds the depth of the AST handed to the dumper and the evaluator.
    static let maxDepth = 400
    /// Stop collecting after this many errors (PowerShell also caps its list).
    static let maxErrors = 200

    init(src: UnsafeBufferPointer<UInt8>, text: SourceText) {
        self.src = src
        self.end = src.count
        self.text = text
        var p = 0
        if src.count >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF { p = 3 }
        self.pos = p
    }

    // MARK: Errors

    /// Records an error; `incomplete` marks errors caused by the input ending too early.
    func report(_ message: ParseMessage, at range: SourceRange, incomplete: Bool = false) {
        let e = ParseError(id: message.id, message: message.text, range: range,
                           location: text.location(of: range.start), isIncomplete: incomplete)
        commit([e])
    }

    /// Consumes the `)` a construct ends with, or reports `missing` where the other token stands (as
    /// incomplete input when the text ended, so the REPL asks for more); returns that token then.
    @discardableResult
    func expectClosingParen(else missing: ParseMessage) -> Token? {
        let close = peek(.expression)
        if close.kind == .rParen {
            consume(close)
            return nil
        }
        report(missing, at: SourceRange(start: close.start, end: close.start), incomplete: close.kind == .endOfInput)
        return close
    }

    /// Records an error about trivia (comments, line continuations), which reads the same in every
    /// mode and may sit before a token nobody consumes (end of input): never deferred to a token.
    func reportTrivia(_ message: ParseMessage, at range: SourceRange, incomplete: Bool = true) {
        let saved = lexDepth
        lexDepth = 0
        report(message, at: range, incomplete: incomplete)
        lexDepth = saved
    }

    /// Adds errors to the result, or to the token being lexed when inside `peek`.
    func commit(_ es: [ParseError]) {
        for e in es {
            if lexDepth > 0 {
                pendingLexErrors.append(e)
                continue
            }
            if errors.count >= Self.maxErrors { return }
            // Re-lexing a token after a mode change can find the same problem twice.
            if let last = errors.last, last.id == e.id, last.range.start == e.range.start { continue }
            errors.append(e)
        }
    }

    /// Reports an error positioned on `token`; errors at end of input count as incomplete input.
    func report(_ message: ParseMessage, token: Token) {
        report(message, at: token.range, incomplete: token.kind == .endOfInput)
    }

    /// Remembers the errors reported since `mark` for the memoised scan at `start`.
    func rememberErrors(since mark: Int, at start: Int) {
        if pendingLexErrors.count > mark { memoErrors[start] = Array(pendingLexErrors[mark...]) }
    }

    /// Reports a memoised scan's errors again, for the token now being lexed from the memo.
    func replayErrors(at start: Int) {
        if let es = memoErrors[start] { commit(es) }
    }

    // MARK: Nesting

    /// Enters one nesting level; returns false (after reporting once) when the limit is exceeded.
    func enter() -> Bool {
        depth += 1
        if depth > Self.maxDepth {
            if !depthExceeded {
                depthExceeded = true
                // A global fact, not part of whichever token is being lexed: report it directly.
                reportTrivia(.scriptTooComplicated, at: .empty(at: min(pos, end)), incomplete: false)
            }
            return false
        }
        return true
    }

    func leave() { depth -= 1 }

    // MARK: Token stream

    /// The next token in `mode`, without consuming it.
    func peek(_ mode: LexMode) -> Token {
        if cacheStart == pos, cacheMode == mode || cacheInvariant { return cache }
        let save = pos
        // Errors found while lexing are appended after `mark` and move into the token.
        let mark = pendingLexErrors.count
        lexDepth += 1
        var t = lexToken(mode)
        lexDepth -= 1
        if pendingLexErrors.count > mark {
            t.errors = Array(pendingLexErrors[mark...])
            pendingLexErrors.removeSubrange(mark...)
        }
        pos = save
        cache = t
        cacheStart = save
        cacheMode = mode
        cacheKind = t.kind
        cacheInvariant = t.isModeInvariant
        return t
    }

    /// The kind of the next token; cheaper than `peek` (no token copy) when the kind is all that matters.
    @inline(__always)
    func peekKind(_ mode: LexMode) -> TokenKind {
        if cacheStart == pos, cacheMode == mode || cacheInvariant { return cacheKind }
        return peek(mode).kind
    }

    /// Consumes the token last returned by `peek`/`peekKind` (it is still cached).
    func consumeCached() {
        guard cacheStart == pos else { return }
        consume(cache)
    }

    /// Consumes and returns the next token in `mode`.
    @discardableResult
    func next(_ mode: LexMode) -> Token {
        let t = peek(mode)
        consume(t)
        return t
    }

    /// Moves the read position (used after a token was inspected with `peek`).
    func consume(_ t: Token) {
        if recordedTokens != nil { recordToken(t) }
        pos = t.end
        cacheStart = -1
        if let es = t.errors { commit(es) }
    }

    /// Rewinds to an earlier position (backtracking).
    func rewind(to p: Int) {
        if recordedTokens != nil && p < pos { forgetTokens(from: p) }
        pos = p
        cacheStart = -1
    }

    /// Skips newline tokens (and `;` when `semicolons` is set).
    func skipNewlines(semicolons: Bool = false) {
        while true {
            // Look at the byte first so the next real token is lexed only once, in the mode its parser wants.
            let p = positionAfterTrivia()
            guard p < end else { return }
            let c = src[p]
            guard c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") || (semicolons && c == UInt8(ascii: ";")) else { return }
            consume(peek(.expression))
        }
    }

    /// The first byte of the next token (after trivia), or nil at end of input.
    func nextByte() -> UInt8? {
        let p = positionAfterTrivia()
        return p < end ? src[p] : nil
    }

    /// Position of the next significant character (after trivia) without consuming anything.
    func positionAfterTrivia() -> Int {
        let save = pos
        _ = skipTrivia()
        let p = pos
        pos = save
        return p
    }
}
