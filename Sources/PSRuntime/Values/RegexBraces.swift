/// .NET reads a `{` that opens no quantifier (`{2}`, `{2,}`, `{2,5}`), and any `}` outside one, as a
/// literal brace; ICU refuses such a pattern. So `-match 'test\s+{1, 2}'` and `'^{'` (GUIDs in braces)
/// work, these braces are escaped before ICU sees the pattern. Escapes (`\{`, `\p{L}`) and character
/// classes are left as they are.
enum RegexBraces {
    static func escapeLiterals(_ pattern: String) -> String {
        guard pattern.contains("{") || pattern.contains("}") else { return pattern }
        let c = Array(pattern.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0, inClass = false
        func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
        while i < c.count {
            let ch = c[i]
            if ch == "\\" {
                out.append(ch)
                guard i + 1 < c.count else { i += 1; continue }
                out.append(c[i + 1])
                // `\p{Name}`: copied through its closing brace.
                if c[i + 1] == "p" || c[i + 1] == "P", i + 2 < c.count, c[i + 2] == "{" {
                    var j = i + 2
                    while j < c.count { out.append(c[j]); if c[j] == "}" { break }; j += 1 }
                    i = j + 1
                } else {
                    i += 2
                }
                continue
            }
            if inClass {
                if ch == "]" { inClass = false }
                out.append(ch); i += 1
                continue
            }
            if ch == "[" {
                inClass = true
                out.append(ch); i += 1
                // A `]` first in a class (after an optional `^`) is a member, not the end.
                if i < c.count, c[i] == "^" { out.append(c[i]); i += 1 }
                if i < c.count, c[i] == "]" { out.append(c[i]); i += 1 }
                continue
            }
            if ch == "{" {
                var j = i + 1
                while j < c.count, isDigit(c[j]) { j += 1 }
                var quantifier = j > i + 1
                if quantifier, j < c.count, c[j] == "," { j += 1; while j < c.count, isDigit(c[j]) { j += 1 } }
                quantifier = quantifier && j < c.count && c[j] == "}"
                if quantifier {
                    while i <= j { out.append(c[i]); i += 1 }
                } else {
                    out.append("\\"); out.append(ch); i += 1
                }
                continue
            }
            if ch == "}" { out.append("\\") }
            out.append(ch); i += 1
        }
        return String(out)
    }
}
