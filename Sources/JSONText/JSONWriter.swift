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
        // Runs of characters that need no escape are copied whole (appending scalar by scalar was most
        // of this function's time). A run ends only at an ASCII byte, never inside a multi-byte
        // character, so each run is valid UTF-8 on its own.
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
            var run = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                if run < i { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[run..<i]), as: UTF8.self) }
                escape(Unicode.Scalar(b), into: &out)
                run = i + 1
            }
            if run < bytes.count { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[run...]), as: UTF8.self) }
        }
        if copied == nil {
            for u in s.unicodeScalars {
                if u.value < 0x20 || u == "\"" || u == "\\" { escape(u, into: &out) } else { out.unicodeScalars.append(u) }
            }
        }
        out += "\""
    }

    /// A quote, a backslash or a control character as JSON writes it inside a string.
    private static func escape(_ u: Unicode.Scalar, into out: inout String) {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{8}": out += "\\b"
        case "\u{c}": out += "\\f"
        default:
            let hex = String(u.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
