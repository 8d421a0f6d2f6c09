import PSLanguage

/// `[System.Management.Automation.PSParser]::Tokenize(script, [ref]$errors)`: PowerShell's version 1
/// tokenizer API, still what syntax colourers and older tests use. It parses the script as
/// ParseInput does and returns PSToken objects (Content, Type as a PSTokenType, Start, Length,
/// StartLine, StartColumn, EndLine, EndColumn); the errors are PSParseError objects (Token, Message).
extension StaticTypes {
    nonisolated(unsafe) static let psParserTypes: [StaticType] = [
        StaticType(keys: ["management.automation.psparser"], methods: [
            StaticType.method("Tokenize",
                              "static System.Collections.ObjectModel.Collection[System.Management.Automation.PSToken] Tokenize(string script, [ref] System.Collections.ObjectModel.Collection[System.Management.Automation.PSParseError] errors)",
                              "static System.Collections.ObjectModel.Collection[System.Management.Automation.PSToken] Tokenize(System.Object[] script, [ref] System.Collections.ObjectModel.Collection[System.Management.Automation.PSParseError] errors)") { call in
                guard call.args.count == 2 else { throw call.wrongCount() }
                let script: String
                switch call.args[0].unwrapped {
                case .null:
                    throw call.failure("Value cannot be null. (Parameter 'script')", id: "ArgumentNullException")
                case .array(let lines):
                    // The object[] overload: each line's ToString() followed by a newline.
                    script = lines.elements.filter { !$0.isNull }.map { PSConvert.toString($0) + "\n" }.joined()
                default:
                    script = call.string(0)
                }
                let parsed = Parser.parse(SourceText(script), recordTokens: true)
                let errors = parsed.errors.map { PSTokens.parseError($0, source: parsed.source) }
                try PSReference.assign(call.args[1], .array(PSArray(errors)))
                return .array(PSArray(PSTokens.tokens(parsed.tokens ?? [], source: parsed.source)))
            },
        ]),
    ]
}

enum PSTokens {
    static let tokenType = PSEnumType(fullName: "System.Management.Automation.PSTokenType", names: [
        "Unknown", "Command", "CommandParameter", "CommandArgument", "Number", "String", "Variable", "Member",
        "LoopLabel", "Attribute", "Type", "Operator", "GroupStart", "GroupEnd", "Keyword", "Comment",
        "StatementSeparator", "NewLine", "LineContinuation", "Position",
    ])

    /// What encloses a token, for telling command names, hashtable keys and attribute arguments apart
    /// (PowerShell's parser marks them with TokenFlags; hvsh's tokens carry only their kind).
    private enum Group { case statements, hashtable, arguments, parameters, bracket }

    /// The tokens without the final EndOfInput, each typed as PSToken.GetPSTokenType types it: the
    /// flags first (a command's name, a member's name, an attribute's or a type's name), then the kind.
    static func tokens(_ all: [LexicalToken], source: SourceText) -> [PSValue] {
        let tokens = all.filter { $0.kind != "EndOfInput" }
        var groups: [Group] = [.statements]
        var previous: String? = nil   // the kind of the last token that was not a comment
        var out: [PSValue] = []
        var lastType = ""
        var closed: Group? = nil
        for (i, t) in tokens.enumerated() {
            let next = tokens[(i + 1)...].first { $0.kind != "Comment" }?.kind
            var type = kindType(t.kind)
            if t.kind == "Identifier" || t.kind == "Generic" {
                if previous == "LBracket" {
                    type = next == "LParen" ? "Attribute" : "Type"
                } else if previous == "Dot" || previous == "ColonColon" || previous == "QuestionDot" {
                    type = "Member"
                } else if isCommandPosition(after: previous, in: groups.last ?? .statements) {
                    type = "Command"
                }
            }
            switch t.kind {
            case "LCurly", "DollarParen", "AtParen": groups.append(.statements)
            case "AtCurly": groups.append(.hashtable)
            case "LParen":
                // An attribute's, a method's or a param block's arguments hold no commands.
                if previous == "Param" { groups.append(.parameters) }
                else { groups.append(lastType == "Attribute" || lastType == "Member" ? .arguments : .statements) }
            case "LBracket": groups.append(.bracket)
            case "RCurly", "RParen", "RBracket": if groups.count > 1 { closed = groups.removeLast() }
            default: break
            }
            out.append(token(t, type: type, source: source))
            if t.kind != "Comment" {
                // The statements start after a param block as after a separator.
                previous = t.kind == "RParen" && closed == .parameters ? "Semi" : t.kind
                lastType = type
            }
            closed = nil
        }
        return out
    }

    /// Where a bare word is a command's name: first in a statement, a pipeline stage, a group or a
    /// chain, or the value of an assignment (not a hashtable key, not inside attribute arguments).
    private static func isCommandPosition(after previous: String?, in group: Group) -> Bool {
        switch group {
        case .arguments, .parameters, .bracket: return false
        case .hashtable: return ["Equals", "Pipe", "AndAnd", "OrOr", "Ampersand"].contains(previous ?? "")
        case .statements:
            guard let previous else { return true }
            return ["NewLine", "Semi", "Pipe", "AndAnd", "OrOr", "Ampersand", "LCurly", "LParen", "DollarParen",
                    "AtParen", "Equals", "PlusEquals", "MinusEquals", "MultiplyEquals", "DivideEquals",
                    "RemainderEquals", "QuestionQuestionEquals", "Return", "Throw", "Exit", "In", "Else"].contains(previous)
        }
    }

    /// PowerShell's table from TokenKind to PSTokenType.
    private static func kindType(_ kind: String) -> String {
        switch kind {
        case "Variable", "SplattedVariable": return "Variable"
        case "Parameter": return "CommandParameter"
        case "Number": return "Number"
        case "Label": return "LoopLabel"
        case "Identifier", "Generic": return "CommandArgument"
        case "NewLine": return "NewLine"
        case "LineContinuation": return "LineContinuation"
        case "Comment": return "Comment"
        case "StringLiteral", "StringExpandable", "HereStringLiteral", "HereStringExpandable": return "String"
        case "LParen", "LCurly", "AtParen", "AtCurly", "DollarParen": return "GroupStart"
        case "RParen", "RCurly": return "GroupEnd"
        case "Semi": return "StatementSeparator"
        case "Unknown", "EndOfInput": return "Unknown"
        default:
            // Keywords are named after their word (`Function`, `Foreach`, `ElseIf`); the rest are operators.
            return keywordKinds.contains(kind) ? "Keyword" : "Operator"
        }
    }

    private static let keywordKinds: Set<String> = [
        "Begin", "Break", "Catch", "Class", "Continue", "Data", "Define", "Do", "Dynamicparam", "Else", "ElseIf",
        "End", "Exit", "Filter", "Finally", "For", "Foreach", "From", "Function", "If", "In", "Param", "Process",
        "Return", "Switch", "Throw", "Trap", "Try", "Until", "Using", "Var", "While", "Workflow", "Parallel",
        "Sequence", "InlineScript", "Configuration", "DynamicKeyword", "Public", "Private", "Static", "Interface",
        "Enum", "Namespace", "Module", "Type", "Assembly", "Command", "Hidden", "Base", "Default", "Clean",
    ]

    static func token(_ t: LexicalToken, type: String, source: SourceText) -> PSValue {
        let text = source.text(t.range)
        let content: String
        switch t.kind {
        case "StringLiteral", "StringExpandable", "HereStringLiteral", "HereStringExpandable":
            content = stringValue(t.kind, text)
        case "Variable", "SplattedVariable":
            content = variableName(text)
        default:
            content = text
        }
        return positioned(type: type, content: content, range: t.range, source: source)
    }

    /// A PSToken over `range`: Start and Length in UTF-16 units as .NET counts them.
    static func positioned(type: String, content: String, range: SourceRange, source: SourceText) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.PSToken", "System.Object"])
        let start = source.location(of: range.start), end = source.location(of: range.end)
        let startOffset = utf16Offset(source, range.start), endOffset = utf16Offset(source, range.end)
        o.addNote("Content", .string(content))
        o.addNote("Type", .enumValue(tokenType.value(named: type)!))
        o.addNote("Start", .int(Int32(startOffset)))
        o.addNote("Length", .int(Int32(endOffset - startOffset)))
        o.addNote("StartLine", .int(Int32(start.line)))
        o.addNote("StartColumn", .int(Int32(start.column)))
        o.addNote("EndLine", .int(Int32(end.line)))
        o.addNote("EndColumn", .int(Int32(end.column)))
        return .object(o)
    }

    /// A PSParseError: the message and a Position token over the error's extent.
    static func parseError(_ e: ParseError, source: SourceText) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.PSParseError", "System.Object"])
        o.addNote("Token", positioned(type: "Position", content: source.text(e.range), range: e.range, source: source))
        o.addNote("Message", .string(e.message))
        let message = e.message
        o.toStringHandler = { _ in message }
        return .object(o)
    }

    private static func utf16Offset(_ source: SourceText, _ byteOffset: Int) -> Int {
        let end = min(max(byteOffset, 0), source.bytes.count)
        return String(decoding: source.bytes[..<end], as: UTF8.self).utf16.count
    }

    /// `$env:PATH` → `env:PATH`, `${a b}` → `a b`, `@args` → `args` (VariablePath.ToString()).
    static func variableName(_ text: String) -> String {
        var name = Substring(text)
        if name.first == "$" || name.first == "@" { name = name.dropFirst() }
        if name.first == "{", name.last == "}" { name = name.dropFirst().dropLast() }
        return String(name)
    }

    /// A StringToken's Value: the text between the quotes, with a literal string's doubled quotes
    /// made single and an expandable string's escapes applied (its `$` parts stay as written).
    static func stringValue(_ kind: String, _ text: String) -> String {
        let isSingle: (Character) -> Bool = { $0 == "'" || $0 == "\u{2018}" || $0 == "\u{2019}" || $0 == "\u{201A}" || $0 == "\u{201B}" }
        let isDouble: (Character) -> Bool = { $0 == "\"" || $0 == "\u{201C}" || $0 == "\u{201D}" || $0 == "\u{201E}" }
        var body = Substring(text)
        if kind.hasPrefix("HereString") {
            // `@'` / `@"` and the rest of its line, then the closing newline and `'@` / `"@`.
            if let firstNewline = body.firstIndex(of: "\n") { body = body[body.index(after: firstNewline)...] } else { body = "" }
            if body.count >= 2 { body = body.dropLast(2) }
            if body.last == "\n" { body = body.dropLast() }
            if body.last == "\r" { body = body.dropLast() }
            if kind == "HereStringLiteral" { return String(body) }
            return unescape(body, isQuote: { _ in false })
        }
        if body.count >= 2 { body = body.dropFirst().dropLast() }
        if kind == "StringLiteral" {
            var out = "", pendingQuote = false
            for c in body {
                if isSingle(c) {
                    if pendingQuote { pendingQuote = false; continue }
                    pendingQuote = true
                } else { pendingQuote = false }
                out.append(c)
            }
            return out
        }
        return unescape(body, isQuote: isDouble)
    }

    /// Backtick escapes (`` `n ``, `` `t ``, `` `0 ``, ...) and doubled double quotes.
    private static func unescape(_ body: Substring, isQuote: (Character) -> Bool) -> String {
        var out = ""
        var i = body.startIndex
        while i < body.endIndex {
            let c = body[i]
            let next = body.index(after: i)
            if c == "`", next < body.endIndex {
                let e = body[next]
                switch e {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "0": out.append("\0")
                case "a": out.append("\u{07}")
                case "b": out.append("\u{08}")
                case "e": out.append("\u{1B}")
                case "f": out.append("\u{0C}")
                case "v": out.append("\u{0B}")
                default: out.append(e)
                }
                i = body.index(after: next)
                continue
            }
            if isQuote(c), next < body.endIndex, isQuote(body[next]) {
                out.append(c)
                i = body.index(after: next)
                continue
            }
            out.append(c)
            i = next
        }
        return out
    }
}
