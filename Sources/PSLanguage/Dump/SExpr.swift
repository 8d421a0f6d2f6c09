/// A tiny S-expression tree used to print the AST: atoms and lists, laid out flat when short.
indirect enum SExpr {
    case atom(String)
    case list([SExpr])

    /// A quoted string atom with `"`, `\` and control characters escaped.
    static func quoted(_ s: String) -> SExpr {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += "\\u{" + String(u.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return .atom(out + "\"")
    }

    /// Renders flat when the whole list fits in `width` columns, else one child per line.
    func render(indent: Int = 0, width: Int = 100) -> String {
        var budget = width - indent
        if fitsFlat(&budget) { return flat() }
        guard case .list(let items) = self, let head = items.first else { return flat() }
        var out = "(" + head.flat()
        let pad = String(repeating: " ", count: indent + 2)
        for item in items.dropFirst() {
            out += "\n" + pad + item.render(indent: indent + 2, width: width)
        }
        return out + ")"
    }

    /// Whether the flat form fits in `budget` characters; stops counting as soon as it does not, so
    /// laying out a deep tree stays linear.
    func fitsFlat(_ budget: inout Int) -> Bool {
        switch self {
        case .atom(let s):
            budget -= s.count
            return budget >= 0
        case .list(let items):
            budget -= 1 + max(0, items.count - 1) + 1
            if budget < 0 { return false }
            for item in items where !item.fitsFlat(&budget) { return false }
            return true
        }
    }

    func flat() -> String {
        switch self {
        case .atom(let s): return s
        case .list(let items): return "(" + items.map { $0.flat() }.joined(separator: " ") + ")"
        }
    }
}
