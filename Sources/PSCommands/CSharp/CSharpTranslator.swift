// Add-Type -TypeDefinition without a C# compiler: a C# subset (namespaces; enums with [Flags] and an
// underlying type; classes and structs with fields, auto and computed properties, constructors with
// `: base(...)`, static and instance methods with the usual statements and expressions) rewritten as
// PowerShell `enum` and `class` statements, which the session then defines. Anything outside the
// subset is a compile error with its line and column, as csc would report one.

import PSRuntime

/// What every body translation needs to know about the whole source.
final class CSharpUnitInfo {
    let decls: [CSharpTypeDecl]
    let session: ShellSession
    /// Namespaces in scope (`using` directives and the enclosing namespaces).
    let usings: [String]
    /// Each declared type by its short and full name → the name PowerShell knows it by.
    var ownTypes: [String: String] = [:]

    init(decls: [CSharpTypeDecl], session: ShellSession, usings: [String]) {
        self.decls = decls
        self.session = session
        self.usings = usings
        for d in decls { ownTypes[d.name] = d.name; ownTypes[d.fullName] = d.name }
    }

    static let keywordTypes: [String: String] = [
        "int": "int", "uint": "uint32", "long": "long", "ulong": "uint64", "short": "int16", "ushort": "uint16",
        "byte": "byte", "sbyte": "sbyte", "float": "single", "double": "double", "decimal": "decimal", "bool": "bool",
        "char": "char", "string": "string", "object": "object", "void": "void", "dynamic": "object",
    ]

    /// Well-known generic collections by their C# short names.
    private static let genericNames: [String: String] = [
        "List": "System.Collections.Generic.List", "Dictionary": "System.Collections.Generic.Dictionary",
        "HashSet": "System.Collections.Generic.HashSet", "Queue": "System.Collections.Generic.Queue",
        "Stack": "System.Collections.Generic.Stack", "IList": "System.Collections.Generic.List",
        "IEnumerable": "System.Collections.Generic.List", "ICollection": "System.Collections.Generic.List",
        "IDictionary": "System.Collections.Generic.Dictionary",
    ]

    func psType(_ t: CSharpTypeRef) -> String {
        var name: String
        if let k = CSharpUnitInfo.keywordTypes[t.name] { name = k }
        else if let own = ownTypes[t.name] { name = own }
        else if !t.arguments.isEmpty { name = CSharpUnitInfo.genericNames[t.name] ?? t.name }
        else { name = qualifiedType(t.name) ?? t.name }
        if !t.arguments.isEmpty { name += "[" + t.arguments.map(psType).joined(separator: ",") + "]" }
        if t.nullable { name = "object" }
        return name + String(repeating: "[]", count: t.arrayRanks)
    }

    func isKnownType(_ name: String, session: ShellSession?) -> Bool { qualifiedType(name) != nil }

    /// The full name of the .NET or declared type a C# name denotes, as C# looks it up: a declared
    /// type, a name written in full, or one found in a namespace a `using` directive opened.
    func qualifiedType(_ name: String) -> String? {
        if let own = ownTypes[name] { return own }
        if let k = CSharpUnitInfo.keywordTypes[name] { return k }
        if name.contains("."), session.types.resolve(name) != nil { return name }
        for u in usings where session.types.resolve(u + "." + name) != nil { return u + "." + name }
        return nil
    }

    /// The member `name` of `type` or a base declared in this source, and the type that declares it.
    func member(_ name: String, in type: CSharpTypeDecl) -> (type: CSharpTypeDecl, isStatic: Bool)? {
        var t: CSharpTypeDecl? = type
        var seen = 0
        while let k = t, seen < 32 {
            if let m = k.members.first(where: { $0.name == name && $0.kind != .constructor }) { return (k, m.isStatic) }
            t = k.bases.first.flatMap { b in decls.first { $0.name == b.name || $0.fullName == b.name } }
            seen += 1
        }
        return nil
    }

    /// C# names PowerShell keeps for its own variables get a prefix.
    static func variableName(_ name: String) -> String {
        let reserved: Set<String> = ["input", "args", "this", "_", "error", "host", "null", "true", "false", "matches",
                                     "pscmdlet", "psitem", "myinvocation", "home", "pid", "ofs", "stacktrace", "event",
                                     "sender", "executioncontext", "pwd", "profile", "shellid", "psboundparameters"]
        return reserved.contains(name.lowercased()) ? "__" + name : name
    }

    /// A C# numeric literal as PowerShell reads one (`1.5f` → `[single]1.5`, `2m` → `2d`).
    static func number(_ text: String) -> String {
        var t = text
        let lower = t.lowercased()
        if lower.hasPrefix("0x") {
            if lower.hasSuffix("ul") || lower.hasSuffix("lu") { return String(t.dropLast(2)) + "ul" }
            return t
        }
        if lower.hasSuffix("f") { t.removeLast(); return "[single]\(t)" }
        if lower.hasSuffix("m") { t.removeLast(); return "\(t)d" }
        if lower.hasSuffix("d") { t.removeLast(); return t.contains(".") ? t : t + ".0" }
        return t
    }

    /// A decoded string as a PowerShell double-quoted literal.
    static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for u in text.unicodeScalars {
            switch u {
            case "`": out += "``"
            case "$": out += "`$"
            case "\"": out += "`\""
            case "\n": out += "`n"
            case "\r": out += "`r"
            case "\t": out += "`t"
            case "\u{0}": out += "`0"
            default:
                if u.value < 0x20 || u.value == 0x2018 || u.value == 0x2019 || u.value == 0x201C || u.value == 0x201D {
                    out += "`u{\(String(u.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

struct CSharpTranslation {
    /// PowerShell source defining every type.
    var script: String
    /// Each type's PowerShell name and its C# full name (namespace included).
    var types: [(name: String, fullName: String)]
}

enum CSharpTranslator {
    static func translate(_ source: String, session: ShellSession) throws -> CSharpTranslation {
        let tokens = try CSharpLexer.tokens(source)
        var parser = CSharpDeclarationParser(tokens: tokens)
        let decls = try parser.parseUnit().filter { $0.kind != .interface }
        let unit = CSharpUnitInfo(decls: decls, session: session, usings: parser.usings)
        var lines: [String] = []
        var after: [String] = []
        // Enums first, then classes with their bases before them (PowerShell resolves a base when
        // its class is defined).
        for d in decls where d.kind == .enum { lines += try enumText(d, tokens: tokens) }
        for d in ordered(decls.filter { $0.kind != .enum }) {
            let (cls, extra) = try classText(d, tokens: tokens, unit: unit)
            lines += cls
            after += extra
        }
        return CSharpTranslation(script: (lines + after).joined(separator: "\n") + "\n",
                                 types: decls.map { ($0.name, $0.fullName) })
    }

    private static func ordered(_ classes: [CSharpTypeDecl]) -> [CSharpTypeDecl] {
        var out: [CSharpTypeDecl] = []
        func visit(_ d: CSharpTypeDecl, _ depth: Int) {
            guard depth < 64, !out.contains(where: { $0 === d }) else { return }
            if let b = d.bases.first, let base = classes.first(where: { $0.name == b.name || $0.fullName == b.name }) { visit(base, depth + 1) }
            out.append(d)
        }
        for d in classes { visit(d, 0) }
        return out
    }

    // MARK: - Enums

    private static func enumText(_ d: CSharpTypeDecl, tokens: [CSharpToken]) throws -> [String] {
        var values: [String: Int64] = [:]
        var next: Int64 = 0
        var body: [String] = []
        for m in d.enumMembers {
            var v = next
            if let r = m.value {
                var e = EnumConstant(tokens: Array(tokens[r]), known: values)
                v = try e.evaluate()
            }
            values[m.name] = v
            body.append("    \(m.name) = \(v)")
            next = v &+ 1
        }
        var head = "enum \(d.name)"
        if let u = d.enumUnderlying, let k = CSharpUnitInfo.keywordTypes[u.name] { head += " : \(k)" }
        return (d.isFlags ? ["[Flags()]"] : []) + [head + " {"] + body + ["}"]
    }

    // MARK: - Classes

    /// Properties that only read and write a field whose name differs from theirs by case alone
    /// (`get { return name; } set { name = value; }`), keyed by that name lowercased, with the field: in
    /// PowerShell, where member names ignore case, they are one member, so the property is written as a
    /// plain property holding the value and the field is left out (Get-Member then shows a Property).
    private static func backingFields(_ d: CSharpTypeDecl, tokens: [CSharpToken]) -> [String: CSharpMember] {
        var fields: [String: CSharpMember] = [:]
        for m in d.members where m.kind == .field && !m.isStatic { fields[m.name.lowercased()] = m }
        var out: [String: CSharpMember] = [:]
        for m in d.members where m.kind == .property && !m.isAuto && !m.isStatic {
            let key = m.name.lowercased()
            guard let field = fields[key], field.type?.name == m.type?.name,
                  let getter = m.getter, let setter = m.setter else { continue }
            func words(_ body: CSharpBody) -> [String] { tokens[body.range].map(\.text) }
            var get = words(getter), set = words(setter)
            if get.first == "{" && get.last == "}" { get = Array(get.dropFirst().dropLast()) }
            if set.first == "{" && set.last == "}" { set = Array(set.dropFirst().dropLast()) }
            func names(_ w: [String]) -> [String] { w.count == 3 && w[0] == "this" && w[1] == "." ? [w[2]] : w.count == 1 ? w : [] }
            let reads = getter.isExpression ? (get.last == ";" ? Array(get.dropLast()) : get)
                : (get.first == "return" && get.last == ";" ? Array(get.dropFirst().dropLast()) : [])
            let writes = set.last == ";" ? Array(set.dropLast()) : set
            guard let eq = writes.firstIndex(of: "="), writes[(eq + 1)...] == ["value"],
                  names(reads).map({ $0.lowercased() }) == [key],
                  names(Array(writes[..<eq])).map({ $0.lowercased() }) == [key] else { continue }
            out[key] = field
        }
        return out
    }

    private static func classText(_ d: CSharpTypeDecl, tokens: [CSharpToken], unit: CSharpUnitInfo) throws -> ([String], [String]) {
        var head = "class \(d.name)"
        let bases = d.bases.map { unit.psType($0) }.filter { $0 != "object" && $0 != "System.Object" && $0 != "ValueType" }
        if !bases.isEmpty { head += " : " + bases.joined(separator: ", ") }
        var lines = [head + " {"]
        var after: [String] = []
        let backed = backingFields(d, tokens: tokens)
        for m in d.members {
            let prefix = (m.isStatic ? "static " : "") + (m.isPrivate ? "hidden " : "")
            switch m.kind {
            case .field:
                if backed[m.name.lowercased()] != nil { continue }
                var line = "    \(prefix)[\(unit.psType(m.type!))] $\(m.name)"
                if let r = m.initializer { line += " = " + (try translateExpression(r, tokens: tokens, unit: unit, type: d, parameters: [])) }
                lines.append(line)
            case .property:
                if m.isAuto || backed[m.name.lowercased()] != nil {
                    var line = "    \(prefix)[\(unit.psType(m.type!))] $\(m.name)"
                    if let r = m.initializer ?? backed[m.name.lowercased()]?.initializer { line += " = " + (try translateExpression(r, tokens: tokens, unit: unit, type: d, parameters: [])) }
                    lines.append(line)
                    continue
                }
                guard !m.isStatic else {
                    throw CSharpSyntaxError(message: "Static properties with accessors are not supported by hvsh's C# translator",
                                            line: d.line, column: 1)
                }
                // A computed property is a ScriptProperty of the type (PowerShell classes have no accessors).
                var command = "Update-TypeData -Force -TypeName '\(d.name)' -MemberType ScriptProperty -MemberName '\(m.name)'"
                if let g = m.getter {
                    command += " -Value {\n" + (try bodyText(g, tokens: tokens, unit: unit, type: d, parameters: [], indent: "    ")).joined(separator: "\n") + "\n}"
                }
                if let s = m.setter {
                    command += " -SecondValue {\n    param($value)\n" + (try bodyText(s, tokens: tokens, unit: unit, type: d, parameters: ["value"], indent: "    ")).joined(separator: "\n") + "\n}"
                }
                after.append(command)
            case .method:
                let params = m.parameters.map { "[\(unit.psType($0.type))]$\(CSharpUnitInfo.variableName($0.name))" }.joined(separator: ", ")
                let ret = unit.psType(m.type!)
                lines.append("    \(prefix)[\(ret)] \(m.name)(\(params)) {")
                if let b = m.body {
                    var body = try bodyText(b, tokens: tokens, unit: unit, type: d, parameters: m.parameters.map(\.name), indent: "        ")
                    if b.isExpression && ret != "void" { body = body.map { $0.replacingFirstNonSpace(with: "return ") } }
                    lines += body
                }
                lines.append("    }")
            case .constructor:
                if m.isStatic {
                    lines.append("    static \(d.name)() {")
                } else {
                    let params = m.parameters.map { "[\(unit.psType($0.type))]$\(CSharpUnitInfo.variableName($0.name))" }.joined(separator: ", ")
                    var line = "    \(d.name)(\(params))"
                    if m.chainToBase == true {
                        var t = CSharpBodyTranslator(tokens: tokens, unit: unit, type: d, parameters: m.parameters.map(\.name))
                        let args = try m.chainArguments.map { try t.expression($0) }
                        line += " : base(\(args.joined(separator: ", ")))"
                    } else if m.chainToBase == false {
                        throw CSharpSyntaxError(message: "Constructor chaining with this(...) is not supported by hvsh's C# translator",
                                                line: d.line, column: 1)
                    }
                    lines.append(line + " {")
                }
                if let b = m.body { lines += try bodyText(b, tokens: tokens, unit: unit, type: d, parameters: m.parameters.map(\.name), indent: "        ") }
                lines.append("    }")
            }
        }
        lines.append("}")
        return (lines, after)
    }

    private static func translateExpression(_ r: Range<Int>, tokens: [CSharpToken], unit: CSharpUnitInfo, type: CSharpTypeDecl,
                                            parameters: [String]) throws -> String {
        var t = CSharpBodyTranslator(tokens: tokens, unit: unit, type: type, parameters: parameters)
        return try t.expression(r)
    }

    private static func bodyText(_ b: CSharpBody, tokens: [CSharpToken], unit: CSharpUnitInfo, type: CSharpTypeDecl,
                                 parameters: [String], indent: String) throws -> [String] {
        var t = CSharpBodyTranslator(tokens: tokens, unit: unit, type: type, parameters: parameters)
        if b.range.isEmpty { return [] }
        if b.isExpression { return [indent + (try t.expression(b.range))] }
        return try t.block(b.range, indent: indent)
    }
}

/// An enum member's value: integer constants, earlier members and the operators C# folds.
private struct EnumConstant {
    let tokens: [CSharpToken]
    let known: [String: Int64]
    var i = 0

    init(tokens: [CSharpToken], known: [String: Int64]) {
        self.tokens = tokens
        self.known = known
    }

    mutating func evaluate() throws -> Int64 {
        let v = try binary(0)
        guard i == tokens.count else { throw fail() }
        return v
    }

    private func fail() -> CSharpSyntaxError {
        let t = i < tokens.count ? tokens[i] : tokens.last
        return CSharpSyntaxError(message: "A constant value is expected", line: t?.line ?? 0, column: t?.column ?? 0)
    }

    private static let levels: [[String]] = [["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"]]

    private mutating func binary(_ level: Int) throws -> Int64 {
        if level == EnumConstant.levels.count { return try unary() }
        var left = try binary(level + 1)
        while i < tokens.count, tokens[i].kind == .punctuator, EnumConstant.levels[level].contains(tokens[i].text) {
            let op = tokens[i].text
            i += 1
            let right = try binary(level + 1)
            switch op {
            case "|": left |= right
            case "^": left ^= right
            case "&": left &= right
            case "<<": left <<= right
            case ">>": left >>= right
            case "+": left &+= right
            case "-": left &-= right
            case "*": left &*= right
            case "/": guard right != 0 else { throw fail() }; left /= right
            default: guard right != 0 else { throw fail() }; left %= right
            }
        }
        return left
    }

    private mutating func unary() throws -> Int64 {
        guard i < tokens.count else { throw fail() }
        let t = tokens[i]
        i += 1
        if t.kind == .punctuator {
            switch t.text {
            case "-": return -(try unary())
            case "~": return ~(try unary())
            case "+": return try unary()
            case "(":
                // `(int)5` casts and `(1 << 2)` groups.
                if i < tokens.count, tokens[i].kind == .identifier, CSharpUnitInfo.keywordTypes[tokens[i].text] != nil,
                   i + 1 < tokens.count, tokens[i + 1].text == ")" {
                    i += 2
                    return try unary()
                }
                let v = try binary(0)
                guard i < tokens.count, tokens[i].text == ")" else { throw fail() }
                i += 1
                return v
            default: throw fail()
            }
        }
        if t.kind == .number {
            var text = t.text.lowercased()
            while let last = text.last, "ul".contains(last) { text.removeLast() }
            if text.hasPrefix("0x"), let v = UInt64(text.dropFirst(2), radix: 16) { return Int64(bitPattern: v) }
            if let v = Int64(text) { return v }
            throw fail()
        }
        if t.kind == .identifier {
            var name = t.text
            // `Enum.Member` or a qualified name: the last part names an earlier member.
            while i + 1 < tokens.count, tokens[i].text == ".", tokens[i + 1].kind == .identifier { name = tokens[i + 1].text; i += 2 }
            if let v = known[name] { return v }
        }
        throw fail()
    }
}

private extension String {
    /// The line with `text` put before its first non-space character.
    func replacingFirstNonSpace(with text: String) -> String {
        guard let k = firstIndex(where: { $0 != " " }) else { return self }
        return String(self[..<k]) + text + String(self[k...])
    }
}
