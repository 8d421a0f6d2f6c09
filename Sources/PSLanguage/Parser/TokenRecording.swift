/// A token as `[Parser]::ParseInput` hands it out: PowerShell's TokenKind name and where it stands.
public struct LexicalToken: Sendable, Hashable {
    /// PowerShell's `TokenKind` name (`Generic`, `Parameter`, `Variable`, `Pipe`, `If`, ...).
    public var kind: String
    public var range: SourceRange
}

/// The parser lexes on demand and backtracks, so tokens are recorded as they are consumed (by start
/// offset; a rewind forgets those after it) and put in order at the end. Only ParseInput asks for them.
extension ParserEngine {
    func recordToken(_ t: Token) {
        guard recordedTokens != nil, t.kind != .endOfInput else { return }
        recordedTokens![t.start] = LexicalToken(kind: Self.tokenKindName(t), range: t.range)
    }

    func recordToken(kind: String, start: Int, end: Int) {
        guard recordedTokens != nil, end > start else { return }
        recordedTokens![start] = LexicalToken(kind: kind, range: SourceRange(start: start, end: end))
    }

    func forgetTokens(from p: Int) {
        guard let log = recordedTokens, log.keys.contains(where: { $0 >= p }) else { return }
        recordedTokens = log.filter { $0.key < p }
    }

    /// The recorded tokens and comments in order, tokens nested in another (inside a string) left out,
    /// and the EndOfInput token PowerShell ends every list with.
    func finishedTokens() -> [LexicalToken] {
        var all = Array((recordedTokens ?? [:]).values)
        all += comments.values.map { LexicalToken(kind: "Comment", range: $0) }
        all.sort { $0.range.start < $1.range.start }
        var out: [LexicalToken] = []
        for t in all {
            if let last = out.last, t.range.start < last.range.end { continue }
            out.append(t)
        }
        out.append(LexicalToken(kind: "EndOfInput", range: .empty(at: end)))
        return out
    }

    static func tokenKindName(_ t: Token) -> String {
        switch t.kind {
        case .endOfInput: return "EndOfInput"
        case .newline: return "NewLine"
        case .semicolon: return "Semi"
        case .comment: return "Comment"
        case .generic: return "Generic"
        case .identifier: return "Identifier"
        case .keyword:
            if case .keyword(let k) = t.payload { return keywordKindName(k) }
            return "Identifier"
        case .variable: return "Variable"
        case .splattedVariable: return "SplattedVariable"
        case .parameter: return "Parameter"
        case .number: return "Number"
        case .stringLiteral: return "StringLiteral"
        case .stringExpandable: return "StringExpandable"
        case .hereStringLiteral: return "HereStringLiteral"
        case .hereStringExpandable: return "HereStringExpandable"
        case .label: return "Label"
        case .verbatimArguments: return "Generic"
        case .lParen: return "LParen"
        case .rParen: return "RParen"
        case .lCurly: return "LCurly"
        case .rCurly: return "RCurly"
        case .lBracket: return "LBracket"
        case .rBracket: return "RBracket"
        case .atParen: return "AtParen"
        case .atCurly: return "AtCurly"
        case .dollarParen: return "DollarParen"
        case .comma: return "Comma"
        case .dot: return "Dot"
        case .dotDot: return "DotDot"
        case .doubleColon: return "ColonColon"
        case .colon: return "Colon"
        case .questionDot: return "QuestionDot"
        case .questionLBracket: return "QuestionLBracket"
        case .questionMark: return "QuestionMark"
        case .questionQuestion: return "QuestionQuestion"
        case .pipe: return "Pipe"
        case .andAnd: return "AndAnd"
        case .orOr: return "OrOr"
        case .ampersand: return "Ampersand"
        case .redirection: return "Redirection"
        case .stopParsing: return "MinusMinus"
        case .minusMinus: return "MinusMinus"
        case .plusPlus: return "PlusPlus"
        case .equals: return "Equals"
        case .plusEquals: return "PlusEquals"
        case .minusEquals: return "MinusEquals"
        case .multiplyEquals: return "MultiplyEquals"
        case .divideEquals: return "DivideEquals"
        case .remainderEquals: return "RemainderEquals"
        case .questionQuestionEquals: return "QuestionQuestionEquals"
        case .plus: return "Plus"
        case .minus: return "Minus"
        case .multiply: return "Multiply"
        case .divide: return "Divide"
        case .remainder: return "Rem"
        case .exclaim: return "Exclaim"
        case .dashOperator:
            if case .dashOperator(let b, let u) = t.payload {
                if let b { return dashOperatorName(b.rawValue) }
                if let u { return dashOperatorName(u.rawValue) }
            }
            return "Minus"
        }
    }

    /// `-eq` is TokenKind `Ieq` in PowerShell (case-insensitive by default), `-ceq` is `Ceq`.
    private static func dashOperatorName(_ spelling: String) -> String {
        let name = spelling.hasPrefix("-") ? String(spelling.dropFirst()) : spelling
        let plain = ["and": "And", "or": "Or", "xor": "Xor", "not": "Not", "band": "Band", "bor": "Bor", "bxor": "Bxor",
                     "bnot": "Bnot", "shl": "Shl", "shr": "Shr", "is": "Is", "isnot": "IsNot", "as": "As",
                     "join": "Join", "f": "Format"]
        if let n = plain[name] { return n }
        let comparisons: Set<String> = ["eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch",
                                        "replace", "contains", "notcontains", "in", "notin", "split"]
        if name.hasPrefix("c"), comparisons.contains(String(name.dropFirst())) { return "C" + name.dropFirst() }
        return "I" + name
    }

    static func keywordKindName(_ k: Keyword) -> String {
        switch k {
        case .dynamicparam: return "Dynamicparam"
        case .elseif: return "ElseIf"
        case .foreach: return "Foreach"
        case .inlinescript: return "InlineScript"
        default: return k.rawValue.prefix(1).uppercased() + k.rawValue.dropFirst()
        }
    }
}
