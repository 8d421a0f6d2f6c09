// Tokens of C# source for Add-Type's translator: identifiers (and keywords), numbers, string and
// character literals already decoded, and punctuators (longest match). Comments and preprocessor
// lines are skipped. Positions are 1-based line and column, as the C# compiler reports them.

struct CSharpToken: Equatable {
    enum Kind: Equatable { case identifier, number, string, verbatimString, character, punctuator, end }
    var kind: Kind
    var text: String
    var line: Int
    var column: Int
}

struct CSharpSyntaxError: Error {
    var message: String
    var line: Int
    var column: Int
}

/// A `#warning` or `#error` directive: the compiler reports it (CS1030, CS1029) with its text.
struct CSharpDirectiveDiagnostic {
    var isError: Bool
    var text: String
    var line: Int
    var column: Int

    /// As csc words it: `(12,9): warning CS1030: #warning: 'text'` (a warning treated as an error
    /// says `error`).
    func message(asError: Bool) -> String {
        "(\(line),\(column)): \(asError ? "error" : "warning") \(isError ? "CS1029: #error" : "CS1030: #warning"): '\(text)'"
    }
}

enum CSharpLexer {
    /// The `#warning` and `#error` directives of the source, each the first thing on its line.
    static func diagnosticDirectives(_ source: String) -> [CSharpDirectiveDiagnostic] {
        var out: [CSharpDirectiveDiagnostic] = []
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let rest = line.dropFirst(indent)
            for (keyword, isError) in [("#warning", false), ("#error", true)] where rest.hasPrefix(keyword) {
                let after = rest.dropFirst(keyword.count)
                guard after.isEmpty || after.first == " " || after.first == "\t" else { continue }
                out.append(CSharpDirectiveDiagnostic(isError: isError, text: after.trimmingCharacters(in: .whitespaces),
                                                     line: index + 1, column: indent + 1))
            }
        }
        return out
    }

    private static let punctuators = [
        ">>=", "<<=", "??=", "...", "=>", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "<<", "??", "?.", "::", "->",
        "{", "}", "(", ")", "[", "]", ";", ",", ".", ":", "?", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~", "=",
        "<", ">", "@", "#",
    ].map { Array($0.unicodeScalars) }

    static func tokens(_ source: String) throws -> [CSharpToken] {
        let s = Array(source.unicodeScalars)
        var out: [CSharpToken] = []
        var i = 0, line = 1, lineStart = 0
        func column(_ at: Int) -> Int { at - lineStart + 1 }
        func isIdentStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        func isIdentPart(_ c: Unicode.Scalar) -> Bool { isIdentStart(c) || ("0"..."9").contains(c) }
        while i < s.count {
            let c = s[i]
            if c == "\n" { i += 1; line += 1; lineStart = i; continue }
            if c == " " || c == "\t" || c == "\r" || c == "\u{FEFF}" { i += 1; continue }
            if c == "/" && i + 1 < s.count && s[i + 1] == "/" {
                while i < s.count && s[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && i + 1 < s.count && s[i + 1] == "*" {
                i += 2
                while i + 1 < s.count && !(s[i] == "*" && s[i + 1] == "/") {
                    if s[i] == "\n" { line += 1; lineStart = i + 1 }
                    i += 1
                }
                i += 2
                continue
            }
            // `#region`, `#if` and friends: the whole line is skipped.
            if c == "#" && out.last.map({ $0.line != line }) ?? true {
                while i < s.count && s[i] != "\n" { i += 1 }
                continue
            }
            let start = i, col = column(i)
            if isIdentStart(c) {
                while i < s.count && isIdentPart(s[i]) { i += 1 }
                out.append(CSharpToken(kind: .identifier, text: String(String.UnicodeScalarView(s[start..<i])), line: line, column: col))
                continue
            }
            if ("0"..."9").contains(c) || (c == "." && i + 1 < s.count && ("0"..."9").contains(s[i + 1])) {
                if c == "0" && i + 1 < s.count && (s[i + 1] == "x" || s[i + 1] == "X") {
                    i += 2
                    while i < s.count && (s[i].properties.isASCIIHexDigit || s[i] == "_") { i += 1 }
                } else {
                    while i < s.count && (("0"..."9").contains(s[i]) || s[i] == "_" || s[i] == ".") {
                        if s[i] == "." && !(i + 1 < s.count && ("0"..."9").contains(s[i + 1])) { break }
                        i += 1
                    }
                    if i < s.count && (s[i] == "e" || s[i] == "E") {
                        i += 1
                        if i < s.count && (s[i] == "+" || s[i] == "-") { i += 1 }
                        while i < s.count && ("0"..."9").contains(s[i]) { i += 1 }
                    }
                }
                while i < s.count && "uUlLfFdDmM".unicodeScalars.contains(s[i]) { i += 1 }
                out.append(CSharpToken(kind: .number, text: String(String.UnicodeScalarView(s[start..<i])).replacingUnderscores(),
                                       line: line, column: col))
                continue
            }
            if c == "@" && i + 1 < s.count && s[i + 1] == "\"" {
                i += 2
                var text = String.UnicodeScalarView()
                while true {
                    guard i < s.count else { throw CSharpSyntaxError(message: "Newline in constant", line: line, column: col) }
                    if s[i] == "\"" {
                        if i + 1 < s.count && s[i + 1] == "\"" { text.append("\""); i += 2; continue }
                        i += 1
                        break
                    }
                    if s[i] == "\n" { line += 1; lineStart = i + 1 }
                    text.append(s[i]); i += 1
                }
                out.append(CSharpToken(kind: .verbatimString, text: String(text), line: line, column: col))
                continue
            }
            if c == "\"" || c == "'" {
                i += 1
                var text = String.UnicodeScalarView()
                while true {
                    guard i < s.count, s[i] != "\n" else { throw CSharpSyntaxError(message: "Newline in constant", line: line, column: col) }
                    if s[i] == c { i += 1; break }
                    if s[i] == "\\" && i + 1 < s.count {
                        i += 1
                        switch s[i] {
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        case "r": text.append("\r")
                        case "0": text.append("\u{0}")
                        case "a": text.append("\u{7}")
                        case "b": text.append("\u{8}")
                        case "f": text.append("\u{C}")
                        case "v": text.append("\u{B}")
                        case "u", "x":
                            var hex = "", j = i + 1
                            while j < s.count && hex.count < 4 && s[j].properties.isASCIIHexDigit { hex.unicodeScalars.append(s[j]); j += 1 }
                            if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { text.append(u) }
                            i = j - 1
                        default: text.append(s[i])
                        }
                        i += 1
                        continue
                    }
                    text.append(s[i]); i += 1
                }
                out.append(CSharpToken(kind: c == "'" ? .character : .string, text: String(text), line: line, column: col))
                continue
            }
            guard let p = punctuators.first(where: { p in i + p.count <= s.count && Array(s[i..<(i + p.count)]) == p }) else {
                throw CSharpSyntaxError(message: "Unexpected character '\(c)'", line: line, column: col)
            }
            i += p.count
            out.append(CSharpToken(kind: .punctuator, text: String(String.UnicodeScalarView(p)), line: line, column: col))
        }
        out.append(CSharpToken(kind: .end, text: "", line: line, column: column(i)))
        return out
    }
}

private extension String {
    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
