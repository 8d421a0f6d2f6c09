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
        let flat = self.flat()
        if flat.count + indent <= width { return flat }
        guard case .list(let items) = self, let head = items.first else { return flat }
        var out = "(" + head.flat()
        let pad = String(repeating: " ", count: indent + 2)
        for item in items.dropFirst() {
            out += "\n" + pad + item.render(indent: indent + 2, width: width)
        }
        return out + ")"
    }

    func flat() -> String {
        switch self {
        case .atom(let s): return s
        case .list(let items): return "(" + items.map { $0.flat() }.joined(separator: " ") + ")"
        }
    }
}
