/// The form of a `#requires` line, checked as PowerShell's parser checks it: the comment's text is the
/// command `requires` whose elements are all parameters, each a prefix of one PowerShell knows, and
/// `-Version` takes a version (`2`, `5.1`, up to four numbers). A line that breaks the form is a parse
/// error of the script. Module, edition, assembly and shell arguments (lists, hashtables) are taken
/// as written; they are not checked here.
extension ParserEngine {
    private static let requiresParameters = ["shellid", "pssnapin", "version", "psedition", "assembly", "modules",
                                             "runasadministrator"]

    /// `s..<e`: the comment without its `#`.
    func checkRequires(_ s: Int, _ e: Int) {
        var i = s
        func word() -> SourceRange {
            while i < e && spaceLength(at: i) > 0 { i += spaceLength(at: i) }
            let start = i
            while i < e && spaceLength(at: i) == 0 { i += 1 }
            return SourceRange(start: start, end: i)
        }
        let command = word()
        guard string(command.start, command.end).lowercased() == "requires" else {
            reportTrivia(.scriptRequiresInvalidFormat, at: command, incomplete: false)
            return
        }
        while true {
            let element = word()
            if element.start == element.end { return }
            let text = string(element.start, element.end)
            guard text.hasPrefix("-"), text.count > 1 else {
                reportTrivia(.scriptRequiresInvalidFormat, at: element, incomplete: false)
                return
            }
            let body = text.dropFirst()
            let name = String(body.prefix { $0 != ":" }).lowercased()
            guard let parameter = Self.requiresParameters.first(where: { $0.hasPrefix(name) }), !name.isEmpty else {
                reportTrivia(.scriptRequiresInvalidFormat, at: element, incomplete: false)
                return
            }
            switch parameter {
            case "runasadministrator":
                continue
            case "version":
                var argument: SourceRange
                if let colon = body.firstIndex(of: ":") {
                    let offset = body.distance(from: body.startIndex, to: colon) + 2
                    argument = SourceRange(start: element.start + offset, end: element.end)
                } else {
                    argument = word()
                }
                guard argument.start < argument.end else {
                    reportTrivia(.parameterRequiresArgument(String(body.prefix { $0 != ":" })), at: element, incomplete: false)
                    return
                }
                var value = string(argument.start, argument.end)
                if value.count >= 2, let q = value.first, q == "'" || q == "\"", value.last == q {
                    value = String(value.dropFirst().dropLast())
                }
                guard Self.isVersion(value) else {
                    reportTrivia(.requiresVersionInvalid, at: argument, incomplete: false)
                    return
                }
            default:
                // The other parameters take lists and hashtables; the rest of the line is theirs.
                return
            }
        }
    }

    /// `2`, `5.1`, `1.0.0.0`: one to four numbers separated by dots, as PowerShell reads a required version.
    static func isVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.count <= 9 && part.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
