// The one JSON writer, beside the one reader: ConvertTo-Json maps objects to `JSONNode` and writes
// them here, and so does the QEMU engine's QMP client (`-Compress`'s form). The layout is PowerShell
// 7's (two-space indentation, `"key": value`, empty collections as `[]`/`{}`; compressed, no white
// space at all).

public enum JSONWriter {
    public static func write(_ node: JSONNode, compress: Bool) -> String {
        var out = ""
        write(node, compress: compress, indent: 0, into: &out)
        return out
    }

    private static func write(_ node: JSONNode, compress: Bool, indent: Int, into out: inout String) {
        switch node {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let s): out += s
        case .string(let s): quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if !compress { newline(indent + 1, into: &out) }
                write(item, compress: compress, indent: indent + 1, into: &out)
            }
            if !compress { newline(indent, into: &out) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                if !compress { newline(indent + 1, into: &out) }
                quote(key, into: &out)
                out += compress ? ":" : ": "
                write(value, compress: compress, indent: indent + 1, into: &out)
            }
            if !compress { newline(indent, into: &out) }
            out += "}"
        }
    }

    private static func newline(_ indent: Int, into out: inout String) {
        out += "\n"
        out += String(repeating: " ", count: indent * 2)
    }

    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
