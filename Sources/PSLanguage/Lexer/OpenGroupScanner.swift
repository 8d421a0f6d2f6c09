/// Follows brackets, strings, here-strings and comments across lines, so a shell reading a script a
/// line at a time can tell cheaply that a statement is certainly not finished yet (an open `{`, `(`,
/// string or here-string) without parsing all of it again for every line. Asking the parser after
/// each line of a 16,000-line statement made `hvsh -Command -` quadratic (issue 17).
///
/// It only ever answers "certainly open": text it cannot follow (a closing bracket that matches
/// nothing) turns it off, and the caller then asks the parser as before.
public struct OpenGroupScanner: Sendable {
    private enum Context: Sendable, Equatable {
        /// Code, waiting for `closer` (nil at the top level).
        case code(closer: UInt8?)
        case singleQuoted, doubleQuoted, singleHereString, doubleHereString, blockComment, bracedVariable
    }

    private var stack: [Context] = [.code(closer: nil)]
    /// The scanner met something it does not follow; from now on it claims nothing.
    private var lost = false
    private var atLineStart = true
    /// The previous byte in code ended a token, so `#` there starts a comment.
    private var atTokenStart = true

    public init() {}

    /// True when the text fed so far certainly leaves a bracket, string, here-string or comment open.
    public var isCertainlyOpen: Bool { !lost && stack.count > 1 }

    /// Feeds one line (without its line terminator).
    public mutating func feed(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        feed(bytes)
    }

    /// Bytes after which a `#` starts a comment (blanks, line ends, separators and brackets).
    private static let tokenEnders = Set(" \t\n\r;|&,=(){}[]".utf8)

    private static let singleQuotes: Set<UInt32> = [0x27, 0x2018, 0x2019, 0x201A, 0x201B]
    private static let doubleQuotes: Set<UInt32> = [0x22, 0x201C, 0x201D, 0x201E]

    /// The quote character at `i` (ASCII or typographic) and its length in bytes, or nil.
    private static func quote(_ b: [UInt8], _ i: Int) -> (isDouble: Bool, length: Int)? {
        if b[i] == UInt8(ascii: "'") { return (false, 1) }
        if b[i] == UInt8(ascii: "\"") { return (true, 1) }
        guard b[i] == 0xE2, i + 2 < b.count, b[i + 1] == 0x80 else { return nil }
        let scalar = 0x2000 + UInt32(b[i + 2] & 0x3F)
        if singleQuotes.contains(scalar) { return (false, 3) }
        if doubleQuotes.contains(scalar) { return (true, 3) }
        return nil
    }

    /// Whether only blanks follow `i` up to the end of the line (a here-string opener must end its line).
    private static func restIsBlank(_ b: [UInt8], _ i: Int) -> Bool {
        var j = i
        while j < b.count && b[j] != UInt8(ascii: "\n") {
            if b[j] != UInt8(ascii: " ") && b[j] != UInt8(ascii: "\t") && b[j] != UInt8(ascii: "\r") { return false }
            j += 1
        }
        return true
    }

    private mutating func feed(_ b: [UInt8]) {
        var i = 0
        while i < b.count && !lost {
            let c = b[i]
            let lineStart = atLineStart
            atLineStart = c == UInt8(ascii: "\n")
            switch stack[stack.count - 1] {
            case .code(let closer):
                i = code(b, i, closer: closer)
            case .singleQuoted:
                if let q = Self.quote(b, i), !q.isDouble {
                    if i + q.length < b.count, let q2 = Self.quote(b, i + q.length), !q2.isDouble {
                        i += q.length + q2.length  // a doubled quote stands for one
                    } else {
                        stack.removeLast()
                        i += q.length
                    }
                } else { i += 1 }
            case .doubleQuoted:
                if c == UInt8(ascii: "`") { i += 2; continue }
                if c == UInt8(ascii: "$") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "(") { stack.append(.code(closer: UInt8(ascii: ")"))); atTokenStart = true; i += 2; continue }
                if let q = Self.quote(b, i), q.isDouble {
                    if i + q.length < b.count, let q2 = Self.quote(b, i + q.length), q2.isDouble {
                        i += q.length + q2.length
                    } else {
                        stack.removeLast()
                        i += q.length
                    }
                } else { i += 1 }
            case .singleHereString, .doubleHereString:
                let double = stack[stack.count - 1] == .doubleHereString
                if lineStart, let q = Self.quote(b, i), q.isDouble == double, i + q.length < b.count, b[i + q.length] == UInt8(ascii: "@") {
                    stack.removeLast()
                    i += q.length + 1
                    continue
                }
                if double && c == UInt8(ascii: "`") { i += 2; continue }
                if double && c == UInt8(ascii: "$") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "(") { stack.append(.code(closer: UInt8(ascii: ")"))); atTokenStart = true; i += 2; continue }
                i += 1
            case .blockComment:
                if c == UInt8(ascii: "#") && i + 1 < b.count && b[i + 1] == UInt8(ascii: ">") { stack.removeLast(); i += 2 } else { i += 1 }
            case .bracedVariable:
                if c == UInt8(ascii: "`") { i += 2; continue }
                if c == UInt8(ascii: "}") { stack.removeLast() }
                i += 1
            }
        }
    }

    /// One step in code; returns the next index.
    private mutating func code(_ b: [UInt8], _ i: Int, closer: UInt8?) -> Int {
        let c = b[i]
        let tokenStart = atTokenStart
        atTokenStart = Self.tokenEnders.contains(c)
        switch c {
        case UInt8(ascii: "`"):  // backtick: the next character is literal (or the line goes on)
            return i + 2
        case UInt8(ascii: "#") where tokenStart:  // `#` comment to the end of the line
            var j = i
            while j < b.count && b[j] != UInt8(ascii: "\n") { j += 1 }
            atTokenStart = true
            return j
        case UInt8(ascii: "<") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "#"):  // `<#`
            stack.append(.blockComment)
            atTokenStart = true
            return i + 2
        case UInt8(ascii: "@") where i + 1 < b.count:  // `@(`, `@{`, `@'`, `@"`
            if b[i + 1] == UInt8(ascii: "(") { stack.append(.code(closer: UInt8(ascii: ")"))); atTokenStart = true; return i + 2 }
            if b[i + 1] == UInt8(ascii: "{") { stack.append(.code(closer: UInt8(ascii: "}"))); atTokenStart = true; return i + 2 }
            if let q = Self.quote(b, i + 1), Self.restIsBlank(b, i + 1 + q.length) {
                stack.append(q.isDouble ? .doubleHereString : .singleHereString)
                return i + 1 + q.length
            }
            return i + 1
        case UInt8(ascii: "$") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "("):  // `$(`
            stack.append(.code(closer: UInt8(ascii: ")")))
            atTokenStart = true
            return i + 2
        case UInt8(ascii: "$") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "{"):  // `${name}`
            stack.append(.bracedVariable)
            return i + 2
        case UInt8(ascii: "("): stack.append(.code(closer: UInt8(ascii: ")"))); return i + 1
        case UInt8(ascii: "{"): stack.append(.code(closer: UInt8(ascii: "}"))); return i + 1
        case UInt8(ascii: "["): stack.append(.code(closer: UInt8(ascii: "]"))); return i + 1
        case UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: "]"):
            if closer == c { stack.removeLast() } else { lost = true }
            return i + 1
        default:
            if let q = Self.quote(b, i) {
                stack.append(q.isDouble ? .doubleQuoted : .singleQuoted)
                return i + q.length
            }
            return i + 1
        }
    }
}
