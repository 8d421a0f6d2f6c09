/// The XPath 1.0 that SelectNodes/SelectSingleNode and Select-Xml are called with in scripts: location
/// paths (`/`, `//`, `.`, `..`, `*`, `@attr`, `text()`, `node()`, `child::`/`attribute::`/
/// `descendant::`/`parent::`/`self::` axes), predicates (positions, comparisons, `and`/`or`), and the
/// common functions. A prefixed name matches through the namespace table given (XmlNamespaceManager);
/// an unprefixed one matches only elements in no namespace, as in .NET.
struct XmlPath {
    enum Value {
        case nodes([XmlNode])
        case string(String)
        case number(Double)
        case bool(Bool)

        var asString: String {
            switch self {
            case .nodes(let n): return n.first.map(XmlPath.stringValue) ?? ""
            case .string(let s): return s
            case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
            case .bool(let b): return b ? "true" : "false"
            }
        }
        var asNumber: Double {
            switch self {
            case .number(let d): return d
            case .bool(let b): return b ? 1 : 0
            default: return Double(asString.trimmingCharacters(in: .whitespaces)) ?? .nan
            }
        }
        var asBool: Bool {
            switch self {
            case .nodes(let n): return !n.isEmpty
            case .string(let s): return !s.isEmpty
            case .number(let d): return d != 0 && !d.isNaN
            case .bool(let b): return b
            }
        }
    }

    struct Failure: Error { let message: String }

    private enum Token: Equatable {
        case slash, doubleSlash, dot, dotDot, at, star, lbracket, rbracket, lparen, rparen, comma, pipe
        case op(String), name(String), literal(String), number(Double), axis(String)
    }

    private let tokens: [Token]
    private var p = 0
    private let namespaces: [String: String]
    private let expression: String

    static func stringValue(_ n: XmlNode) -> String { n.innerText }

    /// Evaluates `expression` with `context` as the context node; node-set results in document order.
    static func select(_ expression: String, from context: XmlNode, namespaces: [String: String] = [:]) throws -> [XmlNode] {
        var parser = try XmlPath(expression, namespaces: namespaces)
        let v = try parser.orExpr(context: [context], position: 1, size: 1)
        guard parser.p == parser.tokens.count else { throw Failure(message: "'\(expression)' has an invalid token.") }
        guard case .nodes(let nodes) = v else { throw Failure(message: "Expression must evaluate to a node-set.") }
        return nodes
    }

    private init(_ expression: String, namespaces: [String: String]) throws {
        self.expression = expression
        self.namespaces = namespaces
        tokens = try XmlPath.tokenize(expression)
    }

    private static func tokenize(_ s: String) throws -> [Token] {
        let c = Array(s)
        var out: [Token] = []
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch.isXmlSpace { i += 1; continue }
            switch ch {
            case "/": if i + 1 < c.count, c[i + 1] == "/" { out.append(.doubleSlash); i += 2 } else { out.append(.slash); i += 1 }
            case ".":
                if i + 1 < c.count, c[i + 1] == "." { out.append(.dotDot); i += 2 }
                else if i + 1 < c.count, c[i + 1].isNumber {
                    var j = i + 1
                    while j < c.count, c[j].isNumber { j += 1 }
                    out.append(.number(Double(String(c[i..<j])) ?? 0)); i = j
                } else { out.append(.dot); i += 1 }
            case "@": out.append(.at); i += 1
            case "*": out.append(.star); i += 1
            case "[": out.append(.lbracket); i += 1
            case "]": out.append(.rbracket); i += 1
            case "(": out.append(.lparen); i += 1
            case ")": out.append(.rparen); i += 1
            case ",": out.append(.comma); i += 1
            case "|": out.append(.pipe); i += 1
            case "=": out.append(.op("=")); i += 1
            case "!":
                guard i + 1 < c.count, c[i + 1] == "=" else { throw Failure(message: "'\(s)' has an invalid token.") }
                out.append(.op("!=")); i += 2
            case "<", ">":
                if i + 1 < c.count, c[i + 1] == "=" { out.append(.op(String(ch) + "=")); i += 2 } else { out.append(.op(String(ch))); i += 1 }
            case "'", "\"":
                guard let end = c[(i + 1)...].firstIndex(of: ch) else { throw Failure(message: "'\(s)' has an invalid token.") }
                out.append(.literal(String(c[(i + 1)..<end]))); i = end + 1
            default:
                if ch.isNumber {
                    var j = i
                    while j < c.count, c[j].isNumber || c[j] == "." { j += 1 }
                    out.append(.number(Double(String(c[i..<j])) ?? 0)); i = j
                } else if ch.isLetter || ch == "_" {
                    var j = i
                    while j < c.count, c[j].isLetter || c[j].isNumber || c[j] == "_" || c[j] == "-" || c[j] == "." ||
                            (c[j] == ":" && j + 1 < c.count && c[j + 1] != ":" && (j == 0 || c[j - 1] != ":")) { j += 1 }
                    let word = String(c[i..<j])
                    if j + 1 < c.count, c[j] == ":", c[j + 1] == ":" { out.append(.axis(word)); i = j + 2 }
                    else if word.hasSuffix(":"), j < c.count, c[j] == "*" { out.append(.name(word + "*")); i = j + 1 }
                    else { out.append(.name(word)); i = j }
                } else {
                    throw Failure(message: "'\(s)' has an invalid token.")
                }
            }
        }
        // `and`, `or`, `div`, `mod` are operators only between operands.
        var fixed: [Token] = []
        for t in out {
            if case .name(let w) = t, ["and", "or", "div", "mod"].contains(w), let last = fixed.last {
                switch last {
                case .name, .literal, .number, .rparen, .rbracket, .star, .dot, .dotDot: fixed.append(.op(w)); continue
                default: break
                }
            }
            fixed.append(t)
        }
        return fixed
    }

    private var current: Token? { p < tokens.count ? tokens[p] : nil }

    private mutating func orExpr(context: [XmlNode], position: Int, size: Int) throws -> Value {
        var left = try andExpr(context: context, position: position, size: size)
        while current == .op("or") {
            p += 1
            let right = try andExpr(context: context, position: position, size: size)
            left = .bool(left.asBool || right.asBool)
        }
        return left
    }

    private mutating func andExpr(context: [XmlNode], position: Int, size: Int) throws -> Value {
        var left = try equality(context: context, position: position, size: size)
        while current == .op("and") {
            p += 1
            let right = try equality(context: context, position: position, size: size)
            left = .bool(left.asBool && right.asBool)
        }
        return left
    }

    private mutating func equality(context: [XmlNode], position: Int, size: Int) throws -> Value {
        var left = try additive(context: context, position: position, size: size)
        while case .op(let o) = current, ["=", "!=", "<", ">", "<=", ">="].contains(o) {
            p += 1
            let right = try additive(context: context, position: position, size: size)
            left = .bool(XmlPath.compare(left, right, o))
        }
        return left
    }

    private mutating func additive(context: [XmlNode], position: Int, size: Int) throws -> Value {
        var left = try union(context: context, position: position, size: size)
        while case .op(let o) = current, o == "div" || o == "mod" {
            p += 1
            let right = try union(context: context, position: position, size: size)
            left = .number(o == "div" ? left.asNumber / right.asNumber : left.asNumber.truncatingRemainder(dividingBy: right.asNumber))
        }
        return left
    }

    private mutating func union(context: [XmlNode], position: Int, size: Int) throws -> Value {
        var left = try primary(context: context, position: position, size: size)
        while current == .pipe {
            p += 1
            let right = try primary(context: context, position: position, size: size)
            guard case .nodes(let a) = left, case .nodes(let b) = right else { throw Failure(message: "Expression must evaluate to a node-set.") }
            left = .nodes(XmlPath.documentOrder(a + b))
        }
        return left
    }

    private static func compare(_ a: Value, _ b: Value, _ op: String) -> Bool {
        func test(_ x: Value, _ y: Value) -> Bool {
            if op == "=" || op == "!=" {
                let equal: Bool
                switch (x, y) {
                case (.bool, _), (_, .bool): equal = x.asBool == y.asBool
                case (.number, _), (_, .number): equal = x.asNumber == y.asNumber
                default: equal = x.asString == y.asString
                }
                return op == "=" ? equal : !equal
            }
            let l = x.asNumber, r = y.asNumber
            switch op {
            case "<": return l < r
            case ">": return l > r
            case "<=": return l <= r
            default: return l >= r
            }
        }
        // A node-set compares true when any of its nodes' string values does.
        switch (a, b) {
        case (.nodes(let l), .nodes(let r)):
            return l.contains { x in r.contains { y in test(.string(stringValue(x)), .string(stringValue(y))) } }
        case (.nodes(let l), _):
            if case .bool = b { return test(.bool(!l.isEmpty), b) }
            return l.contains { test(.string(stringValue($0)), b) }
        case (_, .nodes(let r)):
            if case .bool = a { return test(a, .bool(!r.isEmpty)) }
            return r.contains { test(a, .string(stringValue($0))) }
        default:
            return test(a, b)
        }
    }

    private mutating func primary(context: [XmlNode], position: Int, size: Int) throws -> Value {
        switch current {
        case .literal(let s): p += 1; return .string(s)
        case .number(let d): p += 1; return .number(d)
        case .op("-"): p += 1; return .number(-(try primary(context: context, position: position, size: size).asNumber))
        case .lparen:
            p += 1
            let v = try orExpr(context: context, position: position, size: size)
            guard current == .rparen else { throw Failure(message: "'\(expression)' has an invalid token.") }
            p += 1
            return v
        case .name(let n) where p + 1 < tokens.count && tokens[p + 1] == .lparen && !["text", "node", "comment"].contains(n):
            return try function(n, context: context, position: position, size: size)
        default:
            return .nodes(try path(context: context))
        }
    }

    private mutating func function(_ name: String, context: [XmlNode], position: Int, size: Int) throws -> Value {
        p += 2
        var args: [Value] = []
        while current != .rparen {
            guard current != nil else { throw Failure(message: "'\(expression)' has an invalid token.") }
            args.append(try orExpr(context: context, position: position, size: size))
            if current == .comma { p += 1 }
        }
        p += 1
        let node = context.first
        func arg(_ k: Int) -> Value { k < args.count ? args[k] : .nodes(node.map { [$0] } ?? []) }
        switch name {
        case "last": return .number(Double(size))
        case "position": return .number(Double(position))
        case "count": if case .nodes(let n) = arg(0) { return .number(Double(n.count)) }; return .number(0)
        case "contains": return .bool(arg(0).asString.contains(arg(1).asString) || arg(1).asString.isEmpty)
        case "starts-with": return .bool(arg(0).asString.hasPrefix(arg(1).asString))
        case "ends-with": return .bool(arg(0).asString.hasSuffix(arg(1).asString))
        case "not": return .bool(!arg(0).asBool)
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "string": return .string(arg(0).asString)
        case "number": return .number(arg(0).asNumber)
        case "boolean": return .bool(arg(0).asBool)
        case "string-length": return .number(Double(arg(0).asString.count))
        case "normalize-space": return .string(arg(0).asString.split(whereSeparator: { $0.isXmlSpace }).joined(separator: " "))
        case "concat": return .string(args.map(\.asString).joined())
        case "translate":
            let from = Array(arg(1).asString), to = Array(arg(2).asString)
            var out = ""
            for c in arg(0).asString {
                if let k = from.firstIndex(of: c) { if k < to.count { out.append(to[k]) } } else { out.append(c) }
            }
            return .string(out)
        case "substring-before":
            let s = arg(0).asString, t = arg(1).asString
            return .string(s.range(of: t).map { String(s[..<$0.lowerBound]) } ?? "")
        case "substring-after":
            let s = arg(0).asString, t = arg(1).asString
            return .string(s.range(of: t).map { String(s[$0.upperBound...]) } ?? "")
        case "name", "local-name", "namespace-uri":
            guard case .nodes(let n) = arg(0), let first = n.first else { return .string("") }
            if name == "name" { return .string(first.kind == .element || first.kind == .attribute ? first.name : "") }
            if name == "local-name" { return .string(first.kind == .element || first.kind == .attribute ? first.localName : "") }
            return .string(first.namespaceURI)
        case "sum":
            if case .nodes(let n) = arg(0) { return .number(n.reduce(0) { $0 + (Double(XmlPath.stringValue($1)) ?? .nan) }) }
            return .number(.nan)
        case "floor": return .number(arg(0).asNumber.rounded(.down))
        case "ceiling": return .number(arg(0).asNumber.rounded(.up))
        case "round": return .number(arg(0).asNumber.rounded())
        default: throw Failure(message: "'\(expression)' has an invalid qualified name.")
        }
    }

    private mutating func path(context: [XmlNode]) throws -> [XmlNode] {
        var nodes = context
        var stepNeeded = true
        if current == .slash || current == .doubleSlash {
            let root = context.first.map { n -> XmlNode in
                var top = n
                while let up = top.parent ?? (top.kind == .document ? nil : top.ownerDocument) { top = up }
                return top
            }
            nodes = root.map { [$0] } ?? []
            if current == .slash {
                p += 1
                stepNeeded = XmlPath.startsStep(current)
            }
        }
        while true {
            if current == .doubleSlash {
                p += 1
                nodes = XmlPath.documentOrder(nodes.flatMap { [$0] + $0.descendants })
                nodes = try step(nodes)
            } else if stepNeeded {
                guard XmlPath.startsStep(current) else { throw Failure(message: "Expression must evaluate to a node-set.") }
                nodes = try step(nodes)
            }
            stepNeeded = false
            if current == .slash { p += 1; stepNeeded = true; continue }
            if current == .doubleSlash { continue }
            return nodes
        }
    }

    private static func startsStep(_ t: Token?) -> Bool {
        switch t {
        case .dot, .dotDot, .at, .star, .name, .axis: return true
        default: return false
        }
    }

    private mutating func step(_ context: [XmlNode]) throws -> [XmlNode] {
        var axis = "child"
        switch current {
        case .dot: p += 1; return context
        case .dotDot: p += 1; return XmlPath.documentOrder(context.compactMap { $0.parent })
        case .at: p += 1; axis = "attribute"
        case .axis(let a): p += 1; axis = a
        default: break
        }
        // The node test.
        let test: (XmlNode) -> Bool
        switch current {
        case .star:
            p += 1
            test = { axis == "attribute" ? $0.kind == .attribute : $0.kind == .element }
        case .name(let n) where p + 2 < tokens.count && tokens[p + 1] == .lparen && tokens[p + 2] == .rparen:
            p += 3
            switch n {
            case "text": test = { $0.kind == .text || $0.kind == .cdata }
            case "comment": test = { $0.kind == .comment }
            case "node": test = { _ in true }
            default: throw Failure(message: "'\(expression)' has an invalid qualified name.")
            }
        case .name(let n):
            p += 1
            let wantedKind: XmlNode.Kind = axis == "attribute" ? .attribute : .element
            if let colon = n.firstIndex(of: ":") {
                let prefix = String(n[..<colon]), local = String(n[n.index(after: colon)...])
                guard let uri = namespaces[prefix] else {
                    throw Failure(message: "Namespace Manager or XsltContext needed. This query has a prefix, variable, or user-defined function.")
                }
                test = { $0.kind == wantedKind && $0.namespaceURI == uri && (local == "*" || $0.localName == local) }
            } else {
                test = { $0.kind == wantedKind && $0.localName == n && (wantedKind == .attribute ? $0.prefix.isEmpty : $0.namespaceURI.isEmpty) }
            }
        default:
            throw Failure(message: "Expression must evaluate to a node-set.")
        }
        // Every context node reads the same predicates again, so remember where they start and end.
        let predicatesStart = p
        var predicatesEnd = p
        while current == .lbracket {
            var depth = 0
            repeat {
                if current == .lbracket { depth += 1 } else if current == .rbracket { depth -= 1 }
                guard current != nil else { throw Failure(message: "'\(expression)' has an invalid token.") }
                p += 1
            } while depth > 0
            predicatesEnd = p
        }
        var result: [XmlNode] = []
        for node in context {
            var candidates: [XmlNode]
            switch axis {
            case "child": candidates = node.children
            case "attribute": candidates = node.attributes.filter { $0.name != "xmlns" && !$0.name.hasPrefix("xmlns:") }
            case "descendant": candidates = node.descendants
            case "descendant-or-self": candidates = [node] + node.descendants
            case "self": candidates = [node]
            case "parent": candidates = node.parent.map { [$0] } ?? []
            case "ancestor", "ancestor-or-self":
                candidates = axis == "ancestor-or-self" ? [node] : []
                var up = node.parent
                while let u = up { candidates.append(u); up = u.parent }
            case "following-sibling":
                candidates = node.siblingIndex.map { Array(node.parent!.children[($0 + 1)...]) } ?? []
            case "preceding-sibling":
                candidates = node.siblingIndex.map { Array(node.parent!.children[..<$0].reversed()) } ?? []
            default: throw Failure(message: "'\(expression)' has an invalid token.")
            }
            candidates = candidates.filter(test)
            // Predicates filter this context node's candidates, positions counted within them.
            p = predicatesStart
            while p < predicatesEnd, current == .lbracket {
                let open = p
                var kept: [XmlNode] = []
                for (k, c) in candidates.enumerated() {
                    p = open + 1
                    let v = try orExpr(context: [c], position: k + 1, size: candidates.count)
                    if case .number(let d) = v { if Double(k + 1) == d { kept.append(c) } } else if v.asBool { kept.append(c) }
                    guard current == .rbracket else { throw Failure(message: "'\(expression)' has an invalid token.") }
                }
                // Past this predicate's closing bracket.
                p = open
                var depth = 0
                repeat {
                    if current == .lbracket { depth += 1 } else if current == .rbracket { depth -= 1 }
                    p += 1
                } while depth > 0
                candidates = kept
            }
            result += candidates
        }
        p = predicatesEnd
        return XmlPath.documentOrder(result)
    }

    /// Removes duplicates and sorts into document order.
    static func documentOrder(_ nodes: [XmlNode]) -> [XmlNode] {
        var seen = Set<ObjectIdentifier>()
        let unique = nodes.filter { seen.insert(ObjectIdentifier($0)).inserted }
        guard unique.count > 1 else { return unique }
        func path(_ n: XmlNode) -> [Int] {
            var out: [Int] = []
            var c = n
            while let parent = c.parent {
                if let k = parent.children.firstIndex(where: { $0 === c }) { out.append(k + 1000) }
                else if let k = parent.attributes.firstIndex(where: { $0 === c }) { out.append(k) }
                c = parent
            }
            return out.reversed()
        }
        let keyed = unique.map { (path($0), $0) }
        return keyed.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }
}
