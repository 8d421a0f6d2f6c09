/// The one JSON reader: UTF-8 bytes to a `JSONNode` tree, in one pass over a buffer.
///
/// Two grammars. `.strict` is RFC 8259 (the inventory's files: nothing else was ever written there, so
/// anything else is damage). `.lenient` is what PowerShell's ConvertFrom-Json accepts: a byte-order
/// mark, `//` and `/* */` comments, trailing commas, single-quoted strings, a leading `+`, unknown
/// escapes taken literally, raw control characters and lone surrogates in strings.
public struct JSONReader {
    public enum Grammar: Sendable { case strict, lenient }

    /// Reads one JSON document (surrounding white space allowed) from `text`.
    public static func read(_ text: String, grammar: Grammar = .lenient, maxDepth: Int = 1024) throws(JSONReadError) -> JSONNode {
        var text = text
        // withUTF8 rethrows untyped: carry the result out instead.
        let result = text.withUTF8 { bytes in Result { () throws(JSONReadError) in try read(bytes, grammar: grammar, maxDepth: maxDepth) } }
        return try result.get()
    }

    /// Reads one JSON document from `bytes`. Deeper nesting than `maxDepth` is an error (Json.NET's
    /// MaxDepth), never a recursion as deep as the input.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, grammar: Grammar = .lenient,
                            maxDepth: Int = 1024) throws(JSONReadError) -> JSONNode {
        var reader = JSONReader(bytes: bytes, lenient: grammar == .lenient, maxDepth: maxDepth)
        reader.skipSpace()
        let node = try reader.value(depth: 0)
        reader.skipSpace()
        if reader.position < bytes.count {
            throw reader.fail("Additional text encountered after finished reading JSON content: \(reader.currentCharacter). Path '', line \(reader.line), position \(reader.column).")
        }
        return node
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let lenient: Bool
    private let maxDepth: Int
    private var position = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, lenient: Bool, maxDepth: Int) {
        self.bytes = bytes
        self.lenient = lenient
        self.maxDepth = maxDepth
    }

    // MARK: Positions, only computed for an error

    private var line: Int { bytes[..<min(position, bytes.count)].lazy.filter { $0 == UInt8(ascii: "\n") }.count + 1 }
    private var column: Int {
        var count = 0
        var index = min(position, bytes.count) - 1
        while index >= 0 && bytes[index] != UInt8(ascii: "\n") { count += 1; index -= 1 }
        return count
    }
    private var currentCharacter: String {
        position < bytes.count ? String(Character(Unicode.Scalar(bytes[position]))) : ""
    }

    private func fail(_ message: String) -> JSONReadError { JSONReadError(message: message, offset: position) }
    private var unexpectedEnd: JSONReadError { fail("Unexpected end when reading JSON. Path '', line \(line), position \(column).") }

    // MARK: Grammar

    private mutating func skipSpace() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                position += 1
            } else if !lenient {
                return
            } else if byte == 0xEF && position == 0 {
                position += 3                                           // the UTF-8 byte-order mark
            } else if byte == UInt8(ascii: "/") && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "/") {
                while position < bytes.count && bytes[position] != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/") && position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "*") {
                position += 2
                while position + 1 < bytes.count && !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/")) {
                    position += 1
                }
                position += 2
            } else {
                return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONReadError) -> JSONNode {
        guard position < bytes.count else { throw unexpectedEnd }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "'") where lenient: return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONReadError) {
        let count = word.utf8CodeUnitCount
        if position + count <= bytes.count,
           (0..<count).allSatisfy({ bytes[position + $0] == word.utf8Start[$0] }) {
            position += count
            return
        }
        throw fail("Unexpected character encountered while parsing value: \(currentCharacter). Path '', line \(line), position \(column).")
    }

    private mutating func number() throws(JSONReadError) -> JSONNode {
        let start = position
        if position < bytes.count
            && (bytes[position] == UInt8(ascii: "-") || lenient && bytes[position] == UInt8(ascii: "+")) {
            position += 1
        }
        var isInteger = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { position += 1; continue }
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) && position > start {
                isInteger = false
                position += 1
                continue
            }
            break
        }
        let digits = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, let integer = Self.int64(digits) { return .int(integer) }
        let text = String(decoding: digits, as: UTF8.self)
        if text.isEmpty || text == "-" || text == "+" {
            throw fail("Unexpected character encountered while parsing value: \(currentCharacter). Path '', line \(line), position \(column).")
        }
        guard Double(text) != nil else {
            throw fail("Input string '\(text)' is not a valid number. Path '', line \(line), position \(column).")
        }
        return .number(text)
    }

    /// Optional sign and decimal digits to Int64 without making a String (the common number).
    private static func int64(_ digits: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if index < digits.count, digits[index] == UInt8(ascii: "-") || digits[index] == UInt8(ascii: "+") {
            negative = digits[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < digits.count else { return nil }
        var magnitude: UInt64 = 0
        while index < digits.count {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digits[index] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
            index += 1
        }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    private mutating func string() throws(JSONReadError) -> String {
        let quote = bytes[position]
        position += 1
        let start = position
        // Most strings have no escapes: one slice, decoded once.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 && !lenient { throw fail("Bad control character in a string. Path '', line \(line), position \(column).") }
            position += 1
        }
        var text = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote { position += 1; return String(decoding: text, as: UTF8.self) }
            if byte < 0x20 && !lenient { throw fail("Bad control character in a string. Path '', line \(line), position \(column).") }
            if byte != UInt8(ascii: "\\") { text.append(byte); position += 1; continue }
            position += 1
            guard position < bytes.count else { break }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "u"): try unicodeEscape(into: &text)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
            default:
                guard lenient else { throw fail("Bad JSON escape sequence: \\\(Character(Unicode.Scalar(escape))). Path '', line \(line), position \(column).") }
                text.append(escape)
            }
        }
        throw fail("Unterminated string. Expected delimiter: \(Character(Unicode.Scalar(quote))). Path '', line \(line), position \(column).")
    }

    /// `\uXXXX` (the `\u` read), with a following `\uXXXX` low surrogate joined to a high one.
    private mutating func unicodeEscape(into text: inout [UInt8]) throws(JSONReadError) {
        guard let high = hex4(at: position) else { throw fail("Bad JSON escape sequence. Path '', line \(line), position \(column).") }
        position += 4
        var scalarValue = high
        if (0xD800..<0xDC00).contains(high), position + 6 <= bytes.count,
           bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
           let low = hex4(at: position + 2), (0xDC00..<0xE000).contains(low) {
            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            position += 6
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            guard lenient else { throw fail("Unpaired surrogate in a \\u escape. Path '', line \(line), position \(column).") }
            text.append(contentsOf: [0xEF, 0xBF, 0xBD])             // U+FFFD, as .NET decodes it
            return
        }
        text.append(contentsOf: String(Character(scalar)).utf8)
    }

    private func hex4(at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func array(depth: Int) throws(JSONReadError) -> JSONNode {
        try enter(depth)
        position += 1
        var items: [JSONNode] = []
        while true {
            skipSpace()
            guard position < bytes.count else { throw unexpectedEnd }
            if bytes[position] == UInt8(ascii: "]") && (lenient || items.isEmpty) { position += 1; return .array(items) }
            do {
                items.append(try value(depth: depth + 1))
            } catch {
                throw error.within(.index(items.count))
            }
            skipSpace()
            guard position < bytes.count else { throw unexpectedEnd }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            throw fail("After parsing a value an unexpected character was encountered: \(currentCharacter). Path '', line \(line), position \(column).")
        }
    }

    private mutating func object(depth: Int) throws(JSONReadError) -> JSONNode {
        try enter(depth)
        position += 1
        var members: [(String, JSONNode)] = []
        while true {
            skipSpace()
            guard position < bytes.count else { throw unexpectedEnd }
            if bytes[position] == UInt8(ascii: "}") && (lenient || members.isEmpty) { position += 1; return .object(members) }
            let key: String
            if bytes[position] == UInt8(ascii: "\"") || lenient && bytes[position] == UInt8(ascii: "'") {
                key = try string()
            } else if lenient && Self.isIdentifierByte(bytes[position]) {
                key = try unquotedName()
            } else {
                throw fail("Invalid property identifier character: \(currentCharacter). Path '', line \(line), position \(column).")
            }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw fail("Invalid character after parsing property name. Expected ':'. Path '\(key)', line \(line), position \(column).")
            }
            position += 1
            skipSpace()
            do {
                members.append((key, try value(depth: depth + 1)))
            } catch {
                throw error.within(.key(key))
            }
            skipSpace()
            guard position < bytes.count else { throw unexpectedEnd }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw fail("After parsing a value an unexpected character was encountered: \(currentCharacter). Path '\(key)', line \(line), position \(column).")
        }
    }

    /// Json.NET's unquoted property name (`{name:1}`): letters, digits, `_` and `$` (any non-ASCII byte
    /// counts as a letter), ended by white space or the `:`.
    private mutating func unquotedName() throws(JSONReadError) -> String {
        let start = position
        while position < bytes.count, Self.isIdentifierByte(bytes[position]) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        guard position < bytes.count else { throw unexpectedEnd }
        let next = bytes[position]
        if next != UInt8(ascii: ":") && next != UInt8(ascii: " ") && next != UInt8(ascii: "\t")
            && next != UInt8(ascii: "\n") && next != UInt8(ascii: "\r") {
            throw fail("Invalid JavaScript property identifier character: \(currentCharacter). Path '', line \(line), position \(column).")
        }
        return name
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$") || b >= 0x80
    }

    /// One level deeper; past `maxDepth` an error naming where (the path is filled in as the
    /// error passes back out through the levels, so reading pays nothing for it).
    private func enter(_ depth: Int) throws(JSONReadError) {
        if depth >= maxDepth {
            throw JSONReadError(message: "", offset: position,
                                depthExceeded: .init(maxDepth: maxDepth, path: [], line: line, position: column + 1))
        }
    }
}
