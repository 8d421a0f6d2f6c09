// Add-Type's C# subset, second pass: statements and expressions of member bodies rewritten as
// PowerShell class-method code. Names resolve as C# resolves them: locals and parameters become
// variables, members of the type (or a base in the same source) `$this.X` or `[Type]::X`, other
// dotted names types; operators become PowerShell's (`==` is `-ceq`, `&&` is `-and`, ...).

import PSRuntime

struct CSharpBodyTranslator {
    let tokens: [CSharpToken]
    let unit: CSharpUnitInfo
    let type: CSharpTypeDecl
    var locals: Set<String> = []
    var i = 0
    var end = 0
    var tempCounter = 0

    init(tokens: [CSharpToken], unit: CSharpUnitInfo, type: CSharpTypeDecl, parameters: [String]) {
        self.tokens = tokens
        self.unit = unit
        self.type = type
        self.locals = Set(parameters)
    }

    // MARK: - Token access

    var current: CSharpToken {
        if i < end { return tokens[i] }
        // Past the range: where the compiler would point, just after its last token (or at the token that follows).
        if end < tokens.count, tokens[end].kind != .end { return CSharpToken(kind: .end, text: "", line: tokens[end].line, column: tokens[end].column) }
        let last = tokens[max(0, end - 1)]
        return CSharpToken(kind: .end, text: "", line: last.line, column: last.column + last.text.count)
    }
    func peek(_ k: Int = 1) -> CSharpToken { i + k < end ? tokens[i + k] : CSharpToken(kind: .end, text: "", line: 0, column: 0) }
    func at(_ p: String) -> Bool { current.kind == .punctuator && current.text == p }
    func atWord(_ w: String) -> Bool { current.kind == .identifier && current.text == w }
    func fail(_ message: String) -> CSharpSyntaxError { CSharpSyntaxError(message: message, line: current.line, column: current.column) }
    mutating func expect(_ p: String) throws { guard at(p) else { throw fail("\(p) expected") }; i += 1 }
    mutating func identifier() throws -> String {
        guard current.kind == .identifier else { throw fail("Identifier expected") }
        defer { i += 1 }
        return current.text
    }

    // MARK: - Entry points

    mutating func block(_ range: Range<Int>, indent: String) throws -> [String] {
        i = range.lowerBound; end = range.upperBound
        var out: [String] = []
        while current.kind != .end { out += try statement(indent) }
        return out
    }

    mutating func expression(_ range: Range<Int>) throws -> String {
        i = range.lowerBound; end = range.upperBound
        let e = try expr()
        guard current.kind == .end else { throw fail("; expected") }
        return e
    }

    // MARK: - Statements

    private mutating func embedded(_ indent: String) throws -> [String] {
        if at("{") {
            i += 1
            var out: [String] = []
            while !at("}") {
                guard current.kind != .end else { throw fail("} expected") }
                out += try statement(indent)
            }
            i += 1
            return out
        }
        return try statement(indent)
    }

    private mutating func wrapped(_ head: String, _ indent: String) throws -> [String] {
        let inner = try embedded(indent + "    ")
        return [indent + head + " {"] + inner + [indent + "}"]
    }

    private mutating func condition() throws -> String {
        try expect("(")
        let c = try expr()
        try expect(")")
        return c
    }

    mutating func statement(_ indent: String) throws -> [String] {
        let t = current
        if at(";") { i += 1; return [] }
        if at("{") { return try embedded(indent) }
        if t.kind == .identifier {
            switch t.text {
            case "return":
                i += 1
                if at(";") { i += 1; return [indent + "return"] }
                let e = try expr()
                try expect(";")
                return [indent + "return " + e]
            case "if":
                i += 1
                let c = try condition()
                var out = try wrapped("if (\(c))", indent)
                while atWord("else") {
                    i += 1
                    if atWord("if") {
                        i += 1
                        let c2 = try condition()
                        out.removeLast()
                        out += [indent + "} elseif (\(c2)) {"] + (try embedded(indent + "    ")) + [indent + "}"]
                    } else {
                        out.removeLast()
                        out += [indent + "} else {"] + (try embedded(indent + "    ")) + [indent + "}"]
                        break
                    }
                }
                return out
            case "while":
                i += 1
                return try wrapped("while (\(try condition()))", indent)
            case "do":
                i += 1
                let body = try embedded(indent + "    ")
                guard atWord("while") else { throw fail("while expected") }
                i += 1
                let c = try condition()
                try expect(";")
                return [indent + "do {"] + body + [indent + "} while (\(c))"]
            case "for":
                i += 1
                try expect("(")
                var initPart = ""
                if !at(";") { initPart = try declarationOrExpression().joined(separator: "; ") }
                try expect(";")
                let c = at(";") ? "" : try expr()
                try expect(";")
                var steps: [String] = []
                while !at(")") { steps.append(try expr()); if at(",") { i += 1 } }
                i += 1
                return try wrapped("for (\(initPart); \(c); \(steps.joined(separator: "; ")))", indent)
            case "foreach":
                i += 1
                try expect("(")
                if atWord("var") { i += 1 } else { _ = try typeText() }
                let name = variable(try identifier())
                guard atWord("in") else { throw fail("in expected") }
                i += 1
                let e = try expr()
                try expect(")")
                return try wrapped("foreach (\(name) in \(e))", indent)
            case "break", "continue":
                i += 1
                try expect(";")
                return [indent + t.text]
            case "throw":
                i += 1
                if at(";") { i += 1; return [indent + "throw"] }
                let e = try expr()
                try expect(";")
                return [indent + "throw " + e]
            case "try":
                i += 1
                var out = [indent + "try {"] + (try embedded(indent + "    ")) + [indent + "}"]
                while atWord("catch") {
                    i += 1
                    var head = "catch"
                    var bind: String?
                    if at("(") {
                        i += 1
                        head += " [\(try typeText())]"
                        if current.kind == .identifier { bind = variable(try identifier()) }
                        try expect(")")
                    }
                    var body = try embedded(indent + "    ")
                    if let bind { body.insert(indent + "    \(bind) = $_.Exception", at: 0) }
                    out += [indent + head + " {"] + body + [indent + "}"]
                }
                if atWord("finally") {
                    i += 1
                    out += [indent + "finally {"] + (try embedded(indent + "    ")) + [indent + "}"]
                }
                return out
            case "switch":
                return try switchStatement(indent)
            case "using", "lock", "checked", "unchecked", "unsafe", "fixed":
                if t.text == "using" || t.text == "lock" || t.text == "fixed" {
                    i += 1
                    try expect("(")
                    let head = try declarationOrExpression()
                    try expect(")")
                    return head.map { indent + $0 } + (try embedded(indent))
                }
                i += 1
                return try embedded(indent)
            case "yield", "goto":
                throw fail("'\(t.text)' statements are not supported by hvsh's C# translator")
            default:
                break
            }
        }
        let parts = try declarationOrExpression()
        try expect(";")
        return parts.map { indent + $0 }
    }

    private mutating func switchStatement(_ indent: String) throws -> [String] {
        i += 1
        let subject = try condition()
        try expect("{")
        var out = [indent + "switch (\(subject)) {"]
        while !at("}") {
            var labels: [String] = []
            while atWord("case") || atWord("default") {
                if atWord("default") { i += 1; labels.append("default") } else {
                    i += 1
                    labels.append(try expr())
                }
                try expect(":")
            }
            var body: [String] = []
            while !atWord("case") && !atWord("default") && !at("}") {
                guard current.kind != .end else { throw fail("} expected") }
                body += try statement(indent + "        ")
            }
            for l in labels {
                // A case value is compared as PowerShell's switch compares: a constant or `{ $_ -eq v }`.
                let head = l == "default" ? "default" : "{ $_ -ceq \(l) }"
                out += [indent + "    " + head + " {"] + body + [indent + "    }"]
            }
        }
        i += 1
        return out + [indent + "}"]
    }

    /// A local declaration (`int a = 1, b;`, `var x = e;`) or an expression statement.
    private mutating func declarationOrExpression() throws -> [String] {
        if let declared = try localDeclaration() { return declared }
        return [try expr(statement: true)]
    }

    private mutating func localDeclaration() throws -> [String]? {
        let save = i
        var typeName: String?
        if atWord("var") && peek().kind == .identifier {
            i += 1
        } else if atWord("const") {
            i += 1
            typeName = try typeText()
        } else {
            guard current.kind == .identifier, let t = try? typeText(), current.kind == .identifier,
                  ["=", ";", ",", ")"].contains(peek().text), peek().kind == .punctuator || peek().kind == .end else {
                i = save
                return nil
            }
            typeName = t
        }
        var out: [String] = []
        while true {
            let name = variable(try identifier())
            let prefix = typeName.map { "[\($0)]" } ?? ""
            if at("=") {
                i += 1
                out.append(prefix + name + " = " + (try expr()))
            } else {
                out.append(prefix + name + " = $null")
            }
            if at(",") { i += 1; continue }
            return out
        }
    }

    /// A C# local or parameter as a PowerShell variable; names PowerShell keeps for itself are renamed.
    mutating func variable(_ name: String) -> String {
        locals.insert(name)
        return "$" + CSharpUnitInfo.variableName(name)
    }

    // MARK: - Types

    /// A type reference as PowerShell writes it (`List<int>` → `System.Collections.Generic.List[int]`).
    mutating func typeText() throws -> String {
        var p = CSharpDeclarationParser(tokens: tokens, limit: end)
        p.i = i
        let t = try p.typeRef()
        i = p.i
        return unit.psType(t)
    }

    // MARK: - Expressions

    private static let assignments: Set<String> = ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", "??="]

    mutating func expr(statement: Bool = false) throws -> String {
        let lhs = try conditional()
        if current.kind == .punctuator && CSharpBodyTranslator.assignments.contains(current.text) {
            let op = current.text
            i += 1
            let rhs = try expr()
            let text: String
            switch op {
            case "&=": text = "\(lhs) = \(lhs) -band \(rhs)"
            case "|=": text = "\(lhs) = \(lhs) -bor \(rhs)"
            case "^=": text = "\(lhs) = \(lhs) -bxor \(rhs)"
            case "<<=": text = "\(lhs) = \(lhs) -shl \(rhs)"
            default: text = "\(lhs) \(op) \(rhs)"
            }
            return statement ? text : "(\(text))"
        }
        if at("=>") { throw fail("Lambda expressions are not supported by hvsh's C# translator") }
        return lhs
    }

    private mutating func conditional() throws -> String {
        let c = try coalescing()
        if at("?") {
            i += 1
            let a = try expr()
            try expect(":")
            let b = try expr()
            return "(\(c) ? \(a) : \(b))"
        }
        return c
    }

    private mutating func coalescing() throws -> String {
        let l = try binary(0)
        if at("??") { i += 1; return "(\(l) ?? \(try coalescing()))" }
        return l
    }

    private static let levels: [[String: String]] = [
        ["||": "-or"], ["&&": "-and"], ["|": "-bor"], ["^": "-bxor"], ["&": "-band"],
        ["==": "-ceq", "!=": "-cne"], ["<": "-lt", ">": "-gt", "<=": "-le", ">=": "-ge"],
        ["<<": "-shl", ">>": "-shr"], ["+": "+", "-": "-"], ["*": "*", "/": "/", "%": "%"],
    ]

    private mutating func binaryOperator(_ level: Int) -> String? {
        guard current.kind == .punctuator else {
            if level == 6 && (atWord("is") || atWord("as")) { return current.text }
            return nil
        }
        // `>>` arrives as two `>` (so that `List<List<int>>` closes); joined again here.
        if level == 7 && at(">") && peek().kind == .punctuator && peek().text == ">" && peek().column == current.column + 1 { return ">>" }
        if level == 7 && at("<<") { return "<<" }
        if level == 6 && at(">") && peek().text == ">" && peek().column == current.column + 1 { return nil }
        return CSharpBodyTranslator.levels[level][current.text] != nil ? current.text : nil
    }

    private mutating func binary(_ level: Int) throws -> String {
        if level == CSharpBodyTranslator.levels.count { return try unary() }
        var left = try binary(level + 1)
        while let op = binaryOperator(level) {
            i += op == ">>" ? 2 : 1
            if op == "is" || op == "as" {
                let t = try typeText()
                left = "(\(left) \(op == "is" ? "-is" : "-as") [\(t)])"
                continue
            }
            let right = try binary(level + 1)
            if (op == "==" || op == "!=") && (right == "$null" || left == "$null") {
                let other = right == "$null" ? left : right
                left = "($null \(op == "==" ? "-eq" : "-ne") \(other))"
                continue
            }
            left = "(\(left) \(CSharpBodyTranslator.levels[level][op]!) \(right))"
        }
        return left
    }

    private mutating func unary() throws -> String {
        if current.kind == .punctuator {
            switch current.text {
            case "!": i += 1; return "(-not \(try unary()))"
            case "-": i += 1; return "(-\(try unary()))"
            case "+": i += 1; return try unary()
            case "~": i += 1; return "(-bnot \(try unary()))"
            case "++", "--": let op = current.text; i += 1; return op + (try unary())
            case "(":
                if let cast = try castType() {
                    return "([\(cast)](\(try unary())))"
                }
            default: break
            }
        }
        return try postfix()
    }

    /// `(T)x`: a parenthesized type followed by something that starts an operand. `(a) + b` and
    /// `(a)` stay expressions: a name that is a local or a member is not a type.
    private mutating func castType() throws -> String? {
        let save = i
        i += 1
        let written = current.text
        guard current.kind == .identifier, !locals.contains(written), unit.member(written, in: type) == nil,
              let t = try? typeText(), at(")") else { i = save; return nil }
        let next = peek()
        let startsOperand = next.kind == .identifier || next.kind == .number || next.kind == .string || next.kind == .verbatimString
            || next.kind == .character || (next.kind == .punctuator && ["(", "!", "~"].contains(next.text))
        guard startsOperand else { i = save; return nil }
        i += 1
        return t
    }

    private mutating func arguments() throws -> [String] {
        try expect("(")
        var out: [String] = []
        while !at(")") {
            if atWord("ref") || atWord("out") { throw fail("ref and out arguments are not supported by hvsh's C# translator") }
            out.append(try expr())
            if at(",") { i += 1 }
        }
        i += 1
        return out
    }

    private mutating func postfix() throws -> String {
        var e = try primary()
        while true {
            if at(".") || at("?.") {
                i += 1
                let name = try identifier()
                e = "\(e).\(name)"
                if at("(") { e += "(\(try arguments().joined(separator: ", ")))" }
            } else if at("(") {
                e += "(\(try arguments().joined(separator: ", ")))"
            } else if at("[") {
                i += 1
                var idx: [String] = []
                while !at("]") { idx.append(try expr()); if at(",") { i += 1 } }
                i += 1
                e += "[\(idx.joined(separator: ", "))]"
            } else if at("++") || at("--") {
                e += current.text
                i += 1
            } else {
                return e
            }
        }
    }

    private mutating func primary() throws -> String {
        let t = current
        switch t.kind {
        case .number:
            i += 1
            return CSharpUnitInfo.number(t.text)
        case .string:
            i += 1
            return CSharpUnitInfo.doubleQuoted(t.text)
        case .verbatimString:
            i += 1
            return "'" + t.text.replacingOccurrences(of: "'", with: "''") + "'"
        case .character:
            i += 1
            return "[char]" + "'" + t.text.replacingOccurrences(of: "'", with: "''") + "'"
        case .punctuator:
            if at("(") {
                i += 1
                let e = try expr()
                try expect(")")
                return "(\(e))"
            }
            throw fail("Invalid expression term '\(t.text)'")
        case .end:
            throw fail("Invalid expression term")
        case .identifier:
            break
        }
        switch t.text {
        case "true": i += 1; return "$true"
        case "false": i += 1; return "$false"
        case "null": i += 1; return "$null"
        case "this": i += 1; return "$this"
        case "base":
            i += 1
            guard let base = type.bases.first else { throw fail("base is not valid here") }
            return "([\(unit.psType(base))]$this)"
        case "new": return try creation()
        case "typeof":
            i += 1
            try expect("(")
            let ty = try typeText()
            try expect(")")
            return "[\(ty)]"
        case "default":
            i += 1
            if at("(") { i += 1; _ = try typeText(); try expect(")") }
            return "$null"
        case "nameof":
            i += 1
            try expect("(")
            var last = ""
            while !at(")") { if current.kind == .identifier { last = current.text }; i += 1 }
            i += 1
            return "'" + last + "'"
        default:
            break
        }
        if CSharpUnitInfo.keywordTypes[t.text] != nil && peek().text == "." {
            i += 1
            return "[\(CSharpUnitInfo.keywordTypes[t.text]!)]::" + (try staticTail())
        }
        if locals.contains(t.text) {
            i += 1
            return "$" + CSharpUnitInfo.variableName(t.text)
        }
        if let owner = unit.member(t.text, in: type) {
            i += 1
            return owner.isStatic ? "[\(owner.type.name)]::\(t.text)" : "$this.\(t.text)"
        }
        // A type, written with or without its namespace: the longest dotted prefix that names one;
        // failing that, the first name is taken for a .NET type (`Console.WriteLine`).
        var names = [t.text]
        var k = i + 1
        while k + 1 < end, tokens[k].kind == .punctuator, tokens[k].text == ".", tokens[k + 1].kind == .identifier {
            names.append(tokens[k + 1].text); k += 2
        }
        var count = 0
        for n in stride(from: names.count, through: 1, by: -1) where unit.isKnownType(names[..<n].joined(separator: "."), session: unit.session) {
            count = n
            break
        }
        if count == 0 { throw fail("The name '\(t.text)' does not exist in the current context") }
        let written = names[..<count].joined(separator: ".")
        guard let typeName = unit.qualifiedType(written) else { throw fail("The name '\(t.text)' does not exist in the current context") }
        i += 2 * count - 1
        if at(".") { i += 1; return "[\(typeName)]::" + (try staticTail()) }
        return "[\(typeName)]"
    }

    /// After `[Type]::`: a member name (a call's arguments follow through postfix).
    private mutating func staticTail() throws -> String {
        let name = try identifier()
        if at("(") { return name + "(\(try arguments().joined(separator: ", ")))" }
        return name
    }

    private mutating func creation() throws -> String {
        i += 1
        if at("[") {
            // `new[] { a, b }`
            i += 1
            try expect("]")
            return "@(\(try initializerList().joined(separator: ", ")))"
        }
        var p = CSharpDeclarationParser(tokens: tokens, limit: end)
        p.i = i
        var ref = CSharpTypeRef(name: try p.qualifiedName())
        if p.at("<") {
            p.i += 1
            repeat {
                if p.at(",") { p.i += 1 }
                ref.arguments.append(try p.typeRef())
            } while p.at(",")
            try p.expect(">")
        }
        i = p.i
        if at("[") {
            i += 1
            if at("]") {
                i += 1
                ref.arrayRanks = 1
                return "[\(unit.psType(ref))]@(\(try initializerList().joined(separator: ", ")))"
            }
            let size = try expr()
            try expect("]")
            return "[\(unit.psType(ref))[]]::new(\(size))"
        }
        let typeName = unit.psType(ref)
        var made = "[\(typeName)]::new()"
        if at("(") { made = "[\(typeName)]::new(\(try arguments().joined(separator: ", ")))" }
        if at("{") {
            let items = try initializerList()
            if items.allSatisfy({ $0.hasPrefix("@member ") }) && !items.isEmpty {
                tempCounter += 1
                let v = "$__new\(tempCounter)"
                let sets = items.map { "\(v).\($0.dropFirst(8))" }
                return "$(\(v) = \(made); " + sets.joined(separator: "; ") + "; \(v))"
            }
            return "[\(typeName)]@(\(items.joined(separator: ", ")))"
        }
        return made
    }

    /// `{ a, b }` of an array or collection, or `{ X = 1 }` of an object (marked `@member X = 1`).
    private mutating func initializerList() throws -> [String] {
        try expect("{")
        var out: [String] = []
        while !at("}") {
            if current.kind == .identifier && peek().text == "=" && peek().kind == .punctuator {
                let name = current.text
                i += 2
                out.append("@member \(name) = \(try expr())")
            } else if at("{") {
                let pair = try initializerList()
                out.append("@(\(pair.joined(separator: ", ")))")
            } else {
                out.append(try expr())
            }
            if at(",") { i += 1 }
        }
        i += 1
        return out
    }
}
