/// `enum` and `class` statements, as PowerShell's EnumDefinitionRule, ClassDefinitionRule,
/// ClassMemberRule and MethodDeclarationRule read them (same errors at the same offsets). What needs
/// values or types (enumerator values, base classes) is checked when the type is defined at run time,
/// as in PowerShell 7.
extension ParserEngine {
    /// The integral types an enum may be based on, by every name a script may write for them.
    static let enumUnderlyingTypeNames: Set<String> = [
        "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong",
        "int16", "uint16", "int32", "uint32", "int64", "uint64",
        "system.byte", "system.sbyte", "system.int16", "system.uint16", "system.int32", "system.uint32",
        "system.int64", "system.uint64",
    ]

    /// A simple name (an identifier) at the current position after trivia, consumed; nil when none.
    func scanSimpleName() -> (String, SourceRange)? {
        _ = skipTrivia()
        let s = pos
        guard s < end, isASCIILetter(src[s]) || src[s] == UInt8(ascii: "_") || (src[s] >= 0x80 && isNameChar(at: s)) else { return nil }
        var i = s
        while i < end {
            let c = src[i]
            if isASCIILetter(c) || isDigit(c) || c == UInt8(ascii: "_") { i += 1 } else if c >= 0x80 && isNameChar(at: i) { i = nextChar(i) } else { break }
        }
        rewind(to: i)
        recordToken(kind: "Identifier", start: s, end: i)
        return (string(s, i), SourceRange(start: s, end: i))
    }

    /// Byte-level lookahead: do `[...]` groups, spaces and comments lead to one of `keywords`?
    func attributesPrecede(_ keywords: Set<Keyword>) -> Bool {
        var i = pos
        var sawBracket = false
        while true {
            while i < end {
                let c = src[i]
                if c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { i += 1; continue }
                if c == UInt8(ascii: "#") { while i < end && !isNewline(src[i]) { i += 1 }; continue }
                break
            }
            guard i < end else { return false }
            if src[i] == UInt8(ascii: "[") {
                var nesting = 0
                while i < end {
                    let c = src[i]
                    if c == UInt8(ascii: "[") { nesting += 1 } else if c == UInt8(ascii: "]") {
                        nesting -= 1
                        if nesting == 0 { i += 1; break }
                    } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                        i += 1
                        while i < end && src[i] != c { i += 1 }
                    } else if isNewline(c) && nesting == 1 && !sawBracket { return false }
                    i += 1
                }
                sawBracket = true
                continue
            }
            guard sawBracket, let (kw, _) = keyword(at: i) else { return false }
            return keywords.contains(kw)
        }
    }

    /// `[Attr()]... enum|class ...` at statement start.
    func parseAttributedTypeDefinition(start: Int) -> Statement? {
        var attributes: [AttributeNode] = []
        while true {
            skipNewlines()
            let t = peek(.expression)
            guard t.kind == .lBracket else { break }
            consume(t)
            switch parseBracketContent(open: t, allowAttribute: true) {
            case .attribute(let a): attributes.append(a)
            case .type(let tn): report(.unexpectedAttribute(tn.fullName), at: tn.range)
            }
        }
        skipNewlines()
        let p = positionAfterTrivia()
        guard let (kw, e) = keyword(at: p), kw == .enum || kw == .class else { return nil }
        consumeKeyword(e)
        return parseTypeDefinition(kw == .enum ? .enum : .class, start: start, keywordStart: p, keywordEnd: e, attributes: attributes)
    }

    /// After `enum`/`class` (consumed): the name, the base types and the body.
    func parseTypeDefinition(_ kind: TypeDefinition.Kind, start: Int, keywordStart: Int, keywordEnd: Int,
                             attributes: [AttributeNode]) -> Statement {
        skipNewlines()
        guard let (name, nameRange) = scanSimpleName() else {
            report(.missingNameAfterKeyword(kind.rawValue), at: .empty(at: keywordEnd), incomplete: positionAfterTrivia() >= end)
            return .error(ErrorStatement(range: SourceRange(start: start, end: keywordEnd)))
        }
        var lastEnd = nameRange.end
        if kind == .class { skipNewlines() }
        var baseTypes: [TypeName] = []
        if nextByte() == UInt8(ascii: ":") {
            var after = positionAfterTrivia() + 1
            rewind(to: after)
            while true {
                skipNewlines()
                guard let tn = parseTypeName() else {
                    report(.typeNameExpected, at: .empty(at: after), incomplete: positionAfterTrivia() >= end)
                    break
                }
                if kind == .enum && !Self.enumUnderlyingTypeNames.contains(tn.fullName.lowercased()) {
                    report(.invalidUnderlyingType(tn.fullName), at: tn.range)
                }
                baseTypes.append(tn)
                lastEnd = tn.range.end
                if kind == .enum { break }
                skipNewlines()
                guard nextByte() == UInt8(ascii: ",") else { break }
                after = positionAfterTrivia() + 1
                rewind(to: after)
            }
        }
        skipNewlines()
        let open = peek(.expression)
        guard open.kind == .lCurly else {
            report(.missingTypeBody(kind.rawValue), at: .empty(at: lastEnd), incomplete: open.kind == .endOfInput)
            return .error(ErrorStatement(range: SourceRange(start: start, end: lastEnd)))
        }
        consume(open)
        let members = kind == .enum ? parseEnumMembers() : parseClassMembers(className: name)
        if kind == .class { checkClass(members, attributes: attributes, className: name) }
        let close = peek(.expression)
        if close.kind == .rCurly {
            consume(close)
        } else {
            report(.missingEndCurlyBrace, at: .empty(at: open.end), incomplete: close.kind == .endOfInput)
        }
        _ = keywordStart
        return .typeDefinition(TypeDefinition(kind: kind, name: name, nameRange: nameRange, attributes: attributes,
                                              baseTypes: baseTypes, members: members, range: SourceRange(start: start, end: pos)))
    }

    /// `Name [= value]` separated by newlines or `;`, up to the `}` (not consumed).
    private func parseEnumMembers() -> [MemberDefinition] {
        var members: [MemberDefinition] = []
        while true {
            skipNewlines(semicolons: true)
            guard let (name, nameRange) = scanSimpleName() else { break }
            var value: Expression?
            var endOffset = nameRange.end
            var missingInitializer = false
            let eq = peek(.expression)
            if eq.kind == .equals {
                consume(eq)
                value = parseExpression()
                if let v = value { endOffset = v.range.end } else {
                    report(.expectedValueExpression(operator: "="), at: .empty(at: eq.end), incomplete: peekKind(.expression) == .endOfInput)
                    missingInitializer = true
                    endOffset = eq.end
                }
            }
            let term = peekKind(.command)
            if term != .newline && term != .semicolon && term != .rCurly && !missingInitializer {
                report(.missingPropertyTerminator, at: .empty(at: endOffset), incomplete: term == .endOfInput)
                if term != .endOfInput { recoverToStatementEnd() }
            }
            members.append(MemberDefinition(kind: .enumerator, name: name, nameRange: nameRange, initializer: value,
                                            range: SourceRange(start: nameRange.start, end: endOffset)))
        }
        return members
    }

    /// Properties, methods and constructors up to the `}` (not consumed).
    private func parseClassMembers(className: String) -> [MemberDefinition] {
        var members: [MemberDefinition] = []
        while true {
            skipNewlines(semicolons: true)
            let memberStart = positionAfterTrivia()
            var attributes: [AttributeNode] = []
            var type: TypeName?
            var isStatic = false, isHidden = false
            var lastAttributeEnd: Int?
            // Attributes, one type, `static` and `hidden`, in any order.
            while true {
                skipNewlines()
                let p = positionAfterTrivia()
                guard p < end else { break }
                if src[p] == UInt8(ascii: "[") {
                    let t = peek(.expression)
                    consume(t)
                    switch parseBracketContent(open: t, allowAttribute: true) {
                    case .attribute(let a): attributes.append(a); lastAttributeEnd = a.range.end
                    case .type(let tn):
                        if type == nil { type = tn } else { report(.tooManyTypes, at: SourceRange(start: t.start, end: pos)) }
                        lastAttributeEnd = pos
                    }
                    continue
                }
                if let (kw, e) = keyword(at: p), kw == .static || kw == .hidden {
                    if (kw == .static && isStatic) || (kw == .hidden && isHidden) {
                        report(.duplicateQualifier(kw.rawValue), at: SourceRange(start: p, end: e))
                    }
                    if kw == .static { isStatic = true } else { isHidden = true }
                    consumeKeyword(e)
                    lastAttributeEnd = e
                    continue
                }
                break
            }
            let t = peek(.expression)
            if t.kind == .variable, case .variable(let path) = t.payload {
                consume(t)
                var initializer: Expression?
                var endOffset = t.end
                if peekKind(.expression) == .equals {
                    let eq = peek(.expression)
                    consume(eq)
                    skipNewlines()
                    initializer = parseExpression()
                    if let v = initializer { endOffset = v.range.end } else {
                        report(.expectedValueExpression(operator: "="), at: .empty(at: eq.end), incomplete: peekKind(.expression) == .endOfInput)
                        endOffset = eq.end
                    }
                }
                let term = peekKind(.command)
                if term != .newline && term != .semicolon && term != .rCurly {
                    report(.missingPropertyTerminator, at: .empty(at: endOffset), incomplete: term == .endOfInput)
                    if term != .endOfInput { recoverToStatementEnd() }
                }
                members.append(MemberDefinition(kind: .property, name: path.name, nameRange: t.range, attributes: attributes,
                                                type: type, isStatic: isStatic, isHidden: isHidden, initializer: initializer,
                                                range: SourceRange(start: memberStart, end: endOffset)))
                continue
            }
            if let (name, nameRange) = scanSimpleName() {
                guard let m = parseMethod(name: name, nameRange: nameRange, className: className, memberStart: memberStart,
                                          attributes: attributes, type: type, isStatic: isStatic, isHidden: isHidden) else {
                    // PowerShell gives up on the rest of the body after a broken method.
                    skipToClassEnd()
                    break
                }
                members.append(m)
                continue
            }
            if let last = lastAttributeEnd {
                report(.incompleteMemberDefinition, at: .empty(at: last), incomplete: t.kind == .endOfInput)
            }
            break
        }
        return members
    }

    /// `Name(params) [: base(args)] { body }` after the name (MethodDeclarationRule): after an error
    /// nil, and the caller skips to the class's `}`.
    private func parseMethod(name: String, nameRange: SourceRange, className: String, memberStart: Int,
                             attributes: [AttributeNode], type: TypeName?, isStatic: Bool, isHidden: Bool) -> MemberDefinition? {
        var parameters: [ParameterNode] = []
        var afterParameters = nameRange.end
        if peekKind(.expression) == .lParen {
            consume(peek(.expression))
            parameters = parseParameterList(closer: .rParen)
            if let close = expectClosingParen(else: .missingEndParenthesisInFunctionParameterList), close.kind == .endOfInput { return nil }
            afterParameters = pos
        } else {
            report(.missingMethodParameterList, at: .empty(at: nameRange.end), incomplete: peekKind(.expression) == .endOfInput)
        }
        let isConstructor = name.lowercased() == className.lowercased()
        var baseArguments: [Expression]?
        var endError: Int?
        if isConstructor && !isStatic {
            skipNewlines()
            if nextByte() == UInt8(ascii: ":") {
                let colonEnd = positionAfterTrivia() + 1
                rewind(to: colonEnd)
                skipNewlines()
                let wordStart = positionAfterTrivia()
                if let (word, wordRange) = scanSimpleName(), word.lowercased() == "base" {
                    skipNewlines()
                    if peekKind(.expression) == .lParen {
                        let lp = peek(.expression)
                        consume(lp)
                        var args: [Expression] = []
                        var lastEnd = lp.end
                        let saved = commaDisabled
                        commaDisabled = true
                        while true {
                            skipNewlines()
                            if peekKind(.expression) == .rParen { break }
                            guard let e = parseExpression() else { break }
                            args.append(e)
                            lastEnd = e.range.end
                            skipNewlines()
                            if peekKind(.expression) == .comma { consume(peek(.expression)); continue }
                            break
                        }
                        commaDisabled = saved
                        if peekKind(.expression) == .rParen {
                            consume(peek(.expression))
                        } else {
                            report(.missingEndParenthesisInMethodCall, at: .empty(at: lastEnd), incomplete: peekKind(.expression) == .endOfInput)
                        }
                        baseArguments = args
                        skipNewlines()
                    } else {
                        endError = wordRange.end
                        report(.missingMethodParameterList, at: .empty(at: wordRange.end), incomplete: peekKind(.expression) == .endOfInput)
                    }
                } else {
                    rewind(to: wordStart)
                    endError = colonEnd
                    report(.missingBaseCtorCall, at: .empty(at: colonEnd), incomplete: positionAfterTrivia() >= end)
                }
            }
        }
        skipNewlines()
        let lc = peek(.expression)
        if lc.kind == .lCurly {
            consume(lc)
        } else if endError == nil {
            endError = afterParameters
            report(.missingFunctionBody, at: .empty(at: afterParameters), incomplete: lc.kind == .endOfInput)
        }
        if endError != nil { return nil }
        let body = parseCurlyBody(after: lc)
        return MemberDefinition(kind: isConstructor ? .constructor : .method, name: name, nameRange: nameRange,
                                attributes: attributes, type: type, isStatic: isStatic, isHidden: isHidden,
                                parameters: parameters, body: body, baseArguments: baseArguments,
                                range: SourceRange(start: memberStart, end: pos))
    }

    /// After a broken member: skips to the `}` that closes the class (not consumed), as SyncOnError does.
    private func skipToClassEnd() {
        var nesting = 0
        while true {
            let t = peek(.expression)
            switch t.kind {
            case .endOfInput: return
            case .lParen, .lCurly, .atParen, .atCurly, .dollarParen: nesting += 1
            case .rParen: nesting = max(0, nesting - 1)
            case .rCurly:
                if nesting == 0 { return }
                nesting -= 1
            default: break
            }
            consume(t)
        }
    }
}
