// Add-Type's C# subset, first pass: the declarations of a compilation unit (namespaces, enums,
// classes and structs with their fields, properties, constructors and methods). Member bodies are
// kept as token ranges and translated by CSharpBodies once every member of every type is known.

struct CSharpTypeRef {
    var name: String
    var arguments: [CSharpTypeRef] = []
    var arrayRanks = 0
    var nullable = false
}

struct CSharpParameter {
    var name: String
    var type: CSharpTypeRef
}

/// A member body: a block `{ ... }` or an expression after `=>`, as a range of tokens.
struct CSharpBody {
    var range: Range<Int>
    var isExpression: Bool
}

struct CSharpMember {
    enum Kind { case field, property, method, constructor }
    var kind: Kind
    var name: String
    var type: CSharpTypeRef?
    var isStatic = false
    var isPrivate = false
    var parameters: [CSharpParameter] = []
    var body: CSharpBody?
    /// Properties: the getter and setter bodies; nil bodies with `hasGetter` are auto-implemented.
    var getter: CSharpBody?
    var setter: CSharpBody?
    var isAuto = true
    var initializer: Range<Int>?
    /// Constructors: `: base(...)` (true) or `: this(...)` (false) and the argument tokens.
    var chainToBase: Bool?
    var chainArguments: [Range<Int>] = []
}

final class CSharpTypeDecl {
    enum Kind { case `class`, `struct`, interface, `enum` }
    var kind: Kind
    var name: String
    var namespace: String
    var bases: [CSharpTypeRef] = []
    var members: [CSharpMember] = []
    var isFlags = false
    var enumUnderlying: CSharpTypeRef?
    var enumMembers: [(name: String, value: Range<Int>?)] = []
    let line: Int

    init(kind: Kind, name: String, namespace: String, line: Int) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.line = line
    }

    var fullName: String { namespace.isEmpty ? name : namespace + "." + name }
}

struct CSharpDeclarationParser {
    let tokens: [CSharpToken]
    var i = 0
    var types: [CSharpTypeDecl] = []
    /// The namespaces `using` directives (and enclosing namespaces) bring into scope.
    var usings: [String] = []

    /// Where reading stops (a member body's type references are read inside the body's range).
    let limit: Int
    private let endToken: CSharpToken

    init(tokens: [CSharpToken], limit: Int? = nil) {
        self.tokens = tokens
        self.limit = min(limit ?? tokens.count, tokens.count)
        let last = tokens.last ?? CSharpToken(kind: .end, text: "", line: 0, column: 0)
        endToken = CSharpToken(kind: .end, text: "", line: last.line, column: last.column)
    }

    static let modifiers: Set<String> = ["public", "private", "protected", "internal", "static", "sealed", "abstract",
                                         "partial", "readonly", "const", "virtual", "override", "new", "unsafe", "extern",
                                         "volatile", "implicit", "explicit"]

    var current: CSharpToken { i < limit ? tokens[i] : endToken }
    func peek(_ k: Int = 1) -> CSharpToken { i + k < limit ? tokens[i + k] : endToken }
    func isPunct(_ p: String, _ t: CSharpToken) -> Bool { t.kind == .punctuator && t.text == p }
    func at(_ p: String) -> Bool { isPunct(p, current) }
    func atWord(_ w: String) -> Bool { current.kind == .identifier && current.text == w }

    func fail(_ message: String, _ t: CSharpToken? = nil) -> CSharpSyntaxError {
        let t = t ?? current
        return CSharpSyntaxError(message: message, line: t.line, column: t.column)
    }

    mutating func expect(_ p: String) throws {
        guard at(p) else { throw fail("\(p) expected") }
        i += 1
    }

    mutating func identifier() throws -> String {
        guard current.kind == .identifier else { throw fail("Identifier expected") }
        defer { i += 1 }
        return current.text
    }

    mutating func parseUnit() throws -> [CSharpTypeDecl] {
        try members(namespace: "", until: nil)
        return types
    }

    /// Namespace-level declarations until `}` (or the end).
    private mutating func members(namespace: String, until closer: String?) throws {
        while current.kind != .end {
            if let closer, at(closer) { i += 1; return }
            if atWord("using") {
                i += 1
                // `using static X;` and aliases (`using A = B;`) bring no namespace.
                if current.kind == .identifier && !atWord("static") && !isPunct("=", peek()) {
                    usings.append(try qualifiedName())
                }
                while !at(";") && current.kind != .end { i += 1 }
                i += 1
                continue
            }
            if atWord("namespace") {
                i += 1
                let name = try qualifiedName()
                let full = namespace.isEmpty ? name : namespace + "." + name
                usings.append(full)
                if at(";") { i += 1; try members(namespace: full, until: nil); return }
                try expect("{")
                try members(namespace: full, until: "}")
                continue
            }
            if at(";") { i += 1; continue }
            try typeDeclaration(namespace: namespace)
        }
    }

    mutating func qualifiedName() throws -> String {
        var name = try identifier()
        while at(".") { i += 1; name += "." + (try identifier()) }
        return name
    }

    /// `[Flags]`, `[System.Flags()]`, `[Serializable, Flags]`: attribute lists; reports whether Flags was among them.
    private mutating func attributes() throws -> Bool {
        var flags = false
        while at("[") {
            var depth = 0
            repeat {
                if at("[") { depth += 1 } else if at("]") { depth -= 1 }
                if current.kind == .identifier && (current.text == "Flags" || current.text == "FlagsAttribute") { flags = true }
                if current.kind == .end { throw fail("] expected") }
                i += 1
            } while depth > 0
        }
        return flags
    }

    private mutating func modifierList() -> Set<String> {
        var out = Set<String>()
        while current.kind == .identifier && CSharpDeclarationParser.modifiers.contains(current.text) {
            out.insert(current.text); i += 1
        }
        return out
    }

    private mutating func typeDeclaration(namespace: String) throws {
        let flags = try attributes()
        _ = modifierList()
        let t = current
        guard t.kind == .identifier, ["class", "struct", "interface", "enum", "record"].contains(t.text) else {
            throw fail("Type or namespace definition, or end-of-file expected")
        }
        i += 1
        let kind: CSharpTypeDecl.Kind = t.text == "struct" ? .struct : t.text == "interface" ? .interface : t.text == "enum" ? .enum : .class
        let decl = CSharpTypeDecl(kind: kind, name: try identifier(), namespace: namespace, line: t.line)
        decl.isFlags = flags
        if at("<") { throw fail("Generic type definitions are not supported by hvsh's C# translator") }
        if at(":") {
            i += 1
            repeat {
                if at(",") { i += 1 }
                decl.bases.append(try typeRef())
            } while at(",")
        }
        while atWord("where") { while !at("{") && current.kind != .end { i += 1 } }
        types.append(decl)
        try expect("{")
        if kind == .enum {
            decl.enumUnderlying = decl.bases.first
            decl.bases = []
            while !at("}") {
                _ = try attributes()
                let name = try identifier()
                var value: Range<Int>?
                if at("=") {
                    i += 1
                    let start = i
                    while !at(",") && !at("}") && current.kind != .end { i += 1 }
                    value = start..<i
                }
                decl.enumMembers.append((name, value))
                if at(",") { i += 1 }
            }
            i += 1
            if at(";") { i += 1 }
            return
        }
        while !at("}") {
            guard current.kind != .end else { throw fail("} expected") }
            try member(of: decl, namespace: namespace)
        }
        i += 1
        if at(";") { i += 1 }
    }

    mutating func typeRef() throws -> CSharpTypeRef {
        var t = CSharpTypeRef(name: try qualifiedName())
        if at("<") {
            i += 1
            repeat {
                if at(",") { i += 1 }
                t.arguments.append(try typeRef())
            } while at(",")
            try expect(">")
        }
        if at("?") { t.nullable = true; i += 1 }
        while at("[") && isPunct("]", peek()) { t.arrayRanks += 1; i += 2 }
        return t
    }

    /// The tokens of a balanced group starting at the current `open`, returned without the delimiters.
    mutating func balanced(_ open: String, _ close: String) throws -> Range<Int> {
        try expect(open)
        let start = i
        var depth = 1
        while depth > 0 {
            guard current.kind != .end else { throw fail("\(close) expected") }
            if at(open) { depth += 1 } else if at(close) { depth -= 1 }
            i += 1
        }
        return start..<(i - 1)
    }

    /// Tokens up to the `;` that ends a member (outside brackets), the `;` consumed.
    private mutating func untilSemicolon() throws -> Range<Int> {
        let start = i
        var depth = 0
        while !(depth == 0 && at(";")) {
            guard current.kind != .end else { throw fail("; expected") }
            if at("(") || at("{") || at("[") { depth += 1 } else if at(")") || at("}") || at("]") { depth -= 1 }
            i += 1
        }
        defer { i += 1 }
        return start..<i
    }

    private mutating func body() throws -> CSharpBody? {
        if at(";") { i += 1; return nil }
        if at("=>") {
            i += 1
            return CSharpBody(range: try untilSemicolon(), isExpression: true)
        }
        return CSharpBody(range: try balanced("{", "}"), isExpression: false)
    }

    private mutating func parameters() throws -> [CSharpParameter] {
        try expect("(")
        var out: [CSharpParameter] = []
        while !at(")") {
            _ = try attributes()
            while atWord("ref") || atWord("out") || atWord("in") || atWord("params") || atWord("this") {
                if atWord("ref") || atWord("out") { throw fail("ref and out parameters are not supported by hvsh's C# translator") }
                i += 1
            }
            let type = try typeRef()
            let name = try identifier()
            if at("=") { throw fail("Optional parameters are not supported by hvsh's C# translator") }
            out.append(CSharpParameter(name: name, type: type))
            if at(",") { i += 1 }
        }
        i += 1
        return out
    }

    private mutating func member(of decl: CSharpTypeDecl, namespace: String) throws {
        _ = try attributes()
        let mods = modifierList()
        if current.kind == .identifier && ["class", "struct", "enum", "interface"].contains(current.text) {
            // A nested type is declared beside its container (its name is what scripts use).
            try typeDeclaration(namespace: namespace)
            return
        }
        var m = CSharpMember(kind: .field, name: "")
        m.isStatic = mods.contains("static") || mods.contains("const")
        m.isPrivate = !mods.contains("public") && !mods.contains("internal") && !mods.contains("protected") && decl.kind != .interface
        if at("~") { throw fail("Finalizers are not supported by hvsh's C# translator") }
        // A constructor: the type's name followed by `(`.
        if current.kind == .identifier && current.text == decl.name && isPunct("(", peek()) {
            i += 1
            m.kind = .constructor
            m.name = decl.name
            m.parameters = try parameters()
            if at(":") {
                i += 1
                let which = try identifier()
                guard which == "base" || which == "this" else { throw fail("base or this expected") }
                m.chainToBase = which == "base"
                let args = try balanced("(", ")")
                m.chainArguments = splitArguments(args)
            }
            m.body = try body()
            decl.members.append(m)
            return
        }
        if atWord("operator") || (current.kind == .identifier && (current.text == "implicit" || current.text == "explicit")) {
            throw fail("Operator declarations are not supported by hvsh's C# translator")
        }
        let type = try typeRef()
        if atWord("operator") { throw fail("Operator declarations are not supported by hvsh's C# translator") }
        if atWord("this") { throw fail("Indexers are not supported by hvsh's C# translator") }
        let name = try identifier()
        m.type = type
        m.name = name
        if at("(") {
            m.kind = .method
            m.parameters = try parameters()
            while atWord("where") { while !at("{") && !at("=>") && !at(";") { i += 1 } }
            m.body = try body()
            decl.members.append(m)
            return
        }
        if at("<") { throw fail("Generic methods are not supported by hvsh's C# translator") }
        if at("{") {
            m.kind = .property
            i += 1
            while !at("}") {
                _ = try attributes()
                _ = modifierList()
                let accessor = try identifier()
                let b = try body()
                if b != nil { m.isAuto = false }
                if accessor == "get" { m.getter = b ?? CSharpBody(range: 0..<0, isExpression: true) }
                else if accessor == "set" || accessor == "init" { m.setter = b ?? CSharpBody(range: 0..<0, isExpression: true) }
            }
            i += 1
            if at("=") { i += 1; m.initializer = try untilSemicolon() }
            decl.members.append(m)
            return
        }
        if at("=>") {
            m.kind = .property
            m.isAuto = false
            i += 1
            m.getter = CSharpBody(range: try untilSemicolon(), isExpression: true)
            decl.members.append(m)
            return
        }
        // Fields: `int a = 1, b;`
        while true {
            var f = m
            f.kind = .field
            if at("=") {
                i += 1
                let start = i
                var depth = 0
                while !(depth == 0 && (at(",") || at(";"))) {
                    guard current.kind != .end else { throw fail("; expected") }
                    if at("(") || at("{") || at("[") { depth += 1 } else if at(")") || at("}") || at("]") { depth -= 1 }
                    i += 1
                }
                f.initializer = start..<i
            }
            decl.members.append(f)
            if at(",") {
                i += 1
                m.name = try identifier()
                continue
            }
            try expect(";")
            return
        }
    }

    /// Comma-separated argument ranges at the top level of a range.
    func splitArguments(_ r: Range<Int>) -> [Range<Int>] {
        if r.isEmpty { return [] }
        var out: [Range<Int>] = [], start = r.lowerBound, depth = 0
        for k in r {
            let t = tokens[k]
            if t.kind == .punctuator {
                if ["(", "[", "{"].contains(t.text) { depth += 1 } else if [")", "]", "}"].contains(t.text) { depth -= 1 }
                else if t.text == "," && depth == 0 { out.append(start..<k); start = k + 1 }
            }
        }
        out.append(start..<r.upperBound)
        return out
    }
}
