/// Byte- and scalar-level character classes of PowerShell's tokenizer (`CharTraits.cs`),
/// computed on UTF-8 without building `Character`s.
enum SpecialChar {
    case none
    case dash
    case singleQuote
    case doubleQuote
    case space
}

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
@inline(__always) func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || ((b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "f")) }
@inline(__always) func hexValue(_ b: UInt8) -> UInt64 {
    isDigit(b) ? UInt64(b - UInt8(ascii: "0")) : UInt64((b | 0x20) - UInt8(ascii: "a") + 10)
}
@inline(__always) func lowerASCII(_ b: UInt8) -> UInt8 { (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) ? b | 0x20 : b }

extension ParserEngine {
    /// Classifies the (possibly multi-byte) character at `i` and returns its byte length.
    @inline(__always)
    func special(at i: Int) -> (SpecialChar, Int) {
        let b = src[i]
        switch b {
        case UInt8(ascii: "-"): return (.dash, 1)
        case UInt8(ascii: "'"): return (.singleQuote, 1)
        case UInt8(ascii: "\""): return (.doubleQuote, 1)
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\u{0B}"), UInt8(ascii: "\u{0C}"): return (.space, 1)
        case 0xC2:
            if i + 1 < end && (src[i + 1] == 0xA0 || src[i + 1] == 0x85) { return (.space, 2) }
            return (.none, 1)
        case 0xE2:
            guard i + 2 < end else { return (.none, 1) }
            let b1 = src[i + 1], b2 = src[i + 2]
            if b1 == 0x80 {
                switch b2 {
                case 0x93, 0x94, 0x95: return (.dash, 3)
                case 0x98, 0x99, 0x9A, 0x9B: return (.singleQuote, 3)
                case 0x9C, 0x9D, 0x9E: return (.doubleQuote, 3)
                case 0x80...0x8A, 0xA8, 0xA9, 0xAF: return (.space, 3)
                default: return (.none, 3)
                }
            }
            if b1 == 0x81 && b2 == 0x9F { return (.space, 3) }
            return (.none, 3)
        case 0xE3:
            if i + 2 < end && src[i + 1] == 0x80 && src[i + 2] == 0x80 { return (.space, 3) }
            return (.none, 1)
        case 0xE1:
            if i + 2 < end && src[i + 1] == 0x9A && src[i + 2] == 0x80 { return (.space, 3) }
            return (.none, 1)
        case 0xEF:
            if i + 2 < end && src[i + 1] == 0xBB && src[i + 2] == 0xBF { return (.space, 3) } // stray BOM / ZWNBSP
            return (.none, 1)
        default:
            return (.none, 1)
        }
    }

    @inline(__always) func isDash(at i: Int) -> Int {
        let (k, n) = special(at: i)
        return k == .dash ? n : 0
    }

    @inline(__always) func isSingleQuote(at i: Int) -> Int {
        let (k, n) = special(at: i)
        return k == .singleQuote ? n : 0
    }

    @inline(__always) func isDoubleQuote(at i: Int) -> Int {
        let (k, n) = special(at: i)
        return k == .doubleQuote ? n : 0
    }

    /// Length of a Unicode space at `i` (0 if none). ASCII newlines are not spaces.
    @inline(__always) func spaceLength(at i: Int) -> Int {
        let b = src[i]
        if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { return 1 }
        if b < 0x80 && b != UInt8(ascii: "\u{0B}") && b != UInt8(ascii: "\u{0C}") { return 0 }
        let (k, n) = special(at: i)
        return k == .space ? n : 0
    }

    /// A character that can appear in a variable name or identifier (letters, digits, `_`, any
    /// non-ASCII character that is not a special quote/dash/space).
    @inline(__always) func isNameChar(at i: Int) -> Bool {
        let b = src[i]
        if b < 0x80 { return isASCIILetter(b) || isDigit(b) || b == UInt8(ascii: "_") }
        return special(at: i).0 == .none
    }

    /// Length in bytes of the UTF-8 sequence starting with `b`.
    @inline(__always) func utf8Length(_ b: UInt8) -> Int {
        if b < 0x80 { return 1 }
        if b >= 0xF0 { return 4 }
        if b >= 0xE0 { return 3 }
        if b >= 0xC0 { return 2 }
        return 1
    }

    /// The offset of the character after the one at `i`, never past the end (input may be invalid UTF-8).
    @inline(__always) func nextChar(_ i: Int) -> Int { min(end, i + utf8Length(src[i])) }

    /// Decodes bytes `[s, e)` as a String.
    @inline(__always) func string(_ s: Int, _ e: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: src[s..<e]), as: UTF8.self)
    }

    @inline(__always) func isNewline(_ b: UInt8) -> Bool { b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") }
}
