// [regex]::Escape and [regex]::Unescape with .NET's rules: Escape marks only the characters that
// mean something to the regex parser (not `]` or `}`) and spells white space as escapes;
// Unescape turns such escapes back into characters.

enum RegexEscaping {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "*", "+", "?", "|", "{", "[", "(", ")", "^", "$", ".", "#": out += "\\" + String(c)
            case " ": out += "\\ "
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{0C}": out += "\\f"
            default: out.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        var out = ""
        var it = s.makeIterator()
        while let c = it.next() {
            guard c == "\\", let e = it.next() else { out.append(c); continue }
            switch e {
            case "n": out += "\n"
            case "t": out += "\t"
            case "r": out += "\r"
            case "f": out += "\u{0C}"
            case "a": out += "\u{07}"
            case "e": out += "\u{1B}"
            case "v": out += "\u{0B}"
            default: out.append(e)
            }
        }
        return out
    }
}
