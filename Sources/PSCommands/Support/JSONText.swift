// JSON text for ConvertTo-Json / ConvertFrom-Json, independent of PowerShell values: the cmdlets
// map objects to and from `JSONNode`. The writer reproduces PowerShell 7's layout (two-space
// indentation, `"key": value`, empty collections as `[]`/`{}`; -Compress has no whitespace at all).

public indirect enum JSONNode: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    /// Already-formatted number text (doubles, decimals, big integers), written verbatim.
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    public static func == (a: JSONNode, b: JSONNode) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

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

    static func quote(_ s: String, into out: inout String) {
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

public struct JSONParseError: Error, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public var description: String { message }
}

/// A tolerant reader in the spirit of PowerShell's: accepts `//` and `/* */` comments and
/// trailing commas; numbers that fit Int64 stay integers, others keep their text.
public struct JSONParser {
    private let bytes: [UInt8]
    private var pos = 0
    /// Json.NET's MaxDepth, which ConvertFrom-Json sets from -Depth (1024 by default): deeper input is
    /// an error, not a recursion as deep as the input.
    private let maxDepth: Int
    /// Where the reader is, for Json.NET's `Path '...'` in errors: an index per open array, a key per
    /// open object.
    private var path: [PathStep] = []
    private enum PathStep { case index(Int), key(String) }

    public static func parse(_ text: String, maxDepth: Int = 1024) throws -> JSONNode {
        var p = JSONParser(bytes: Array(text.utf8), maxDepth: maxDepth)
        p.skipSpace()
        let node = try p.value()
        p.skipSpace()
        if p.pos < p.bytes.count {
            throw p.fail("Additional text encountered after finished reading JSON content: \(Character(Unicode.Scalar(p.bytes[p.pos]))). Path '', line \(p.line), position \(p.column).")
        }
        return node
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private var pathText: String {
        path.enumerated().map { i, step in
            switch step {
            case .index(let n): return "[\(n)]"
            case .key(let k): return i == 0 ? k : "." + k
            }
        }.joined()
    }

    /// Entering an array or object one level deeper.
    private mutating func enter(_ step: PathStep) throws {
        if path.count >= maxDepth {
            throw fail("The reader's MaxDepth of \(maxDepth) has been exceeded. Path '\(pathText)', line \(line), position \(column + 1).")
        }
        path.append(step)
    }

    private var line: Int { bytes[..<min(pos, bytes.count)].filter { $0 == 10 }.count + 1 }
    private var column: Int {
        var c = 0
        var i = min(pos, bytes.count) - 1
        while i >= 0 && bytes[i] != 10 { c += 1; i -= 1 }
        return c
    }

    private func fail(_ message: String) -> JSONParseError { JSONParseError(message: message, offset: pos) }

    private mutating func skipSpace() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 32 || b == 9 || b == 10 || b == 13 || b == 0xEF && pos == 0 {
                pos += b == 0xEF ? 3 : 1
            } else if b == UInt8(ascii: "/") && pos + 1 < bytes.count && bytes[pos + 1] == UInt8(ascii: "/") {
                while pos < bytes.count && bytes[pos] != 10 { pos += 1 }
            } else if b == UInt8(ascii: "/") && pos + 1 < bytes.count && bytes[pos + 1] == UInt8(ascii: "*") {
                pos += 2
                while pos + 1 < bytes.count && !(bytes[pos] == UInt8(ascii: "*") && bytes[pos + 1] == UInt8(ascii: "/")) { pos += 1 }
                pos += 2
            } else {
                return
            }
        }
    }

    private mutating func value() throws -> JSONNode {
        guard pos < bytes.count else { throw fail("Unexpected end when reading JSON. Path '', line \(line), position \(column).") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        if pos + w.count <= bytes.count && Array(bytes[pos..<pos + w.count]) == w {
            pos += w.count
            return
        }
        throw fail("Unexpected character encountered while parsing value: \(Character(Unicode.Scalar(bytes[pos]))). Path '', line \(line), position \(column).")
    }

    private mutating func number() throws -> JSONNode {
        let start = pos
        if pos < bytes.count && (bytes[pos] == UInt8(ascii: "-") || bytes[pos] == UInt8(ascii: "+")) { pos += 1 }
        var isInteger = true
        while pos < bytes.count {
            let b = bytes[pos]
            if b >= 48 && b <= 57 { pos += 1; continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") ||
                ((b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && pos > start) {
                isInteger = false
                pos += 1
                continue
            }
            break
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if text.isEmpty || text == "-" || text == "+" {
            let c = pos < bytes.count ? String(Character(Unicode.Scalar(bytes[pos]))) : ""
            throw fail("Unexpected character encountered while parsing value: \(c). Path '', line \(line), position \(column).")
        }
        if isInteger, let i = Int64(text) { return .int(i) }
        guard Double(text) != nil else { throw fail("Input string '\(text)' is not a valid number. Path '', line \(line), position \(column).") }
        return .number(text)
    }

    private mutating func string() throws -> String {
        let quote = bytes[pos]
        pos += 1
        var out = [UInt8]()
        while pos < bytes.count {
            let b = bytes[pos]
            if b == quote { pos += 1; return String(decoding: out, as: UTF8.self) }
            if b == UInt8(ascii: "\\") {
                pos += 1
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "u"):
                    guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), radix: 16) else {
                        throw fail("Bad JSON escape sequence. Path '', line \(line), position \(column).")
                    }
                    pos += 4
                    var scalarValue = v
                    // Surrogate pair.
                    if v >= 0xD800 && v < 0xDC00, pos + 6 <= bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u"),
                       let lo = UInt32(String(decoding: bytes[pos + 2..<pos + 6], as: UTF8.self), radix: 16), lo >= 0xDC00 && lo < 0xE000 {
                        scalarValue = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                        pos += 6
                    }
                    let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(e)
                }
                continue
            }
            out.append(b)
            pos += 1
        }
        throw fail("Unterminated string. Expected delimiter: \(Character(Unicode.Scalar(quote))). Path '', line \(line), position \(column).")
    }

    private mutating func array() throws -> JSONNode {
        try enter(.index(0))
        defer { path.removeLast() }
        pos += 1
        var items: [JSONNode] = []
        while true {
            skipSpace()
            guard pos < bytes.count else { throw fail("Unexpected end when reading JSON. Path '', line \(line), position \(column).") }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            path[path.count - 1] = .index(items.count)
            items.append(try value())
            skipSpace()
            guard pos < bytes.count else { throw fail("Unexpected end when reading JSON. Path '', line \(line), position \(column).") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            throw fail("After parsing a value an unexpected character was encountered: \(Character(Unicode.Scalar(bytes[pos]))). Path '', line \(line), position \(column).")
        }
    }

    private mutating func object() throws -> JSONNode {
        try enter(.key(""))
        defer { path.removeLast() }
        pos += 1
        var members: [(String, JSONNode)] = []
        while true {
            skipSpace()
            guard pos < bytes.count else { throw fail("Unexpected end when reading JSON. Path '', line \(line), position \(column).") }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
            guard bytes[pos] == UInt8(ascii: "\"") || bytes[pos] == UInt8(ascii: "'") else {
                throw fail("Invalid property identifier character: \(Character(Unicode.Scalar(bytes[pos]))). Path '', line \(line), position \(column).")
            }
            let key = try string()
            path[path.count - 1] = .key(key)
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                throw fail("Invalid character after parsing property name. Expected ':'. Path '\(key)', line \(line), position \(column).")
            }
            pos += 1
            skipSpace()
            members.append((key, try value()))
            skipSpace()
            guard pos < bytes.count else { throw fail("Unexpected end when reading JSON. Path '', line \(line), position \(column).") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
            throw fail("After parsing a value an unexpected character was encountered: \(Character(Unicode.Scalar(bytes[pos]))). Path '\(key)', line \(line), position \(column).")
        }
    }
}
