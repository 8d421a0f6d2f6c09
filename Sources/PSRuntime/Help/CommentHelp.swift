import Foundation

/// The sections of comment-based help (`.SYNOPSIS`, `.DESCRIPTION`, `.PARAMETER Name`, `.EXAMPLE`,
/// `.INPUTS`, `.OUTPUTS`, `.NOTES`, `.LINK`, ...) read as PowerShell reads them: a keyword line starts a
/// section, blank lines before its text are skipped, and the first text line's indentation is removed
/// from every line. A block with any other text outside sections, or an unknown keyword, is not help.
public struct CommentHelp: Sendable {
    public var synopsis: String?
    public var description: String?
    public var notes: String?
    public var component: String?
    public var role: String?
    public var functionality: String?
    /// `.PARAMETER` sections by upper-cased name.
    public var parameters: [String: String] = [:]
    public var examples: [String] = []
    public var inputs: [String] = []
    public var outputs: [String] = []
    public var links: [String] = []
    /// `.FORWARDHELPTARGETNAME`: Get-Help shows that command's help instead.
    public var forwardHelpTargetName: String?

    /// The help in a comment block's lines, nil when the block is not comment-based help.
    public init?(lines: [String]) {
        var found = false
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            guard let (keyword, argument) = CommentHelp.directive(lines[i]) else {
                if !CommentHelp.isBlank(lines[i]) { return nil }
                continue
            }
            found = true
            if let argument {
                switch keyword {
                case "PARAMETER":
                    let name = argument.uppercased().trimmingCharacters(in: .whitespaces)
                    let section = CommentHelp.section(lines, &i)
                    if parameters[name] == nil { parameters[name] = section }
                case "FORWARDHELPTARGETNAME": forwardHelpTargetName = argument.trimmingCharacters(in: .whitespaces)
                case "FORWARDHELPCATEGORY", "REMOTEHELPRUNSPACE", "EXTERNALHELP": break
                default: return nil
                }
                continue
            }
            switch keyword {
            case "SYNOPSIS": synopsis = CommentHelp.section(lines, &i)
            case "DESCRIPTION": description = CommentHelp.section(lines, &i)
            case "NOTES": notes = CommentHelp.section(lines, &i)
            case "LINK": links.append(CommentHelp.section(lines, &i).trimmingCharacters(in: .whitespacesAndNewlines))
            case "EXAMPLE": examples.append(CommentHelp.section(lines, &i))
            case "INPUTS": inputs.append(CommentHelp.section(lines, &i))
            case "OUTPUTS": outputs.append(CommentHelp.section(lines, &i))
            case "COMPONENT": component = CommentHelp.section(lines, &i).trimmingCharacters(in: .whitespacesAndNewlines)
            case "ROLE": role = CommentHelp.section(lines, &i).trimmingCharacters(in: .whitespacesAndNewlines)
            case "FUNCTIONALITY": functionality = CommentHelp.section(lines, &i).trimmingCharacters(in: .whitespacesAndNewlines)
            default: return nil
            }
        }
        if !found { return nil }
    }

    /// `.KEYWORD` or `.KEYWORD argument` on a line of its own.
    static func directive(_ line: String) -> (String, String?)? {
        var s = Substring(line)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        guard s.first == "." else { return nil }
        s = s.dropFirst()
        let word = s.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard !word.isEmpty else { return nil }
        var rest = s.dropFirst(word.count)
        if let f = rest.first, !f.isWhitespace { return nil }
        while let f = rest.first, f.isWhitespace { rest = rest.dropFirst() }
        while let l = rest.last, l.isWhitespace { rest = rest.dropLast() }
        return (word.uppercased(), rest.isEmpty ? nil : String(rest))
    }

    static func isBlank(_ line: String) -> Bool { line.allSatisfy(\.isWhitespace) }

    /// The text of a section starting after line `i`; leaves `i` on its last line.
    static func section(_ lines: [String], _ i: inout Int) -> String {
        var capturing = false
        var indent = 0
        var text = ""
        i += 1
        while i < lines.count {
            let line = lines[i]
            if !capturing && isBlank(line) { i += 1; continue }
            if directive(line) != nil { i -= 1; return text }
            let chars = Array(line)
            if !capturing {
                while indent < chars.count && [" ", "\t", "\u{A0}"].contains(chars[indent]) { indent += 1 }
            }
            capturing = true
            var start = 0
            while start < chars.count && start < indent && [" ", "\t", "\u{A0}"].contains(chars[start]) { start += 1 }
            text += String(chars[start...]) + "\n"
            i += 1
        }
        i -= 1
        return text
    }

    /// The lines of comments as PowerShell collects them: a `<# #>` block's lines without the
    /// delimiters, a `#` comment without its leading `#` characters.
    public static func lines(ofComments comments: [String]) -> [String] {
        var out: [String] = []
        for text in comments {
            if text.hasPrefix("<#") {
                let inner = String(text.dropFirst(2).dropLast(text.hasSuffix("#>") && text.count >= 4 ? 2 : 0))
                out += inner.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            } else {
                out.append(String(text.drop { $0 == "#" }))
            }
        }
        return out
    }

    /// An `.EXAMPLE` section cut as PowerShell cuts it: the text up to the first `>` is the prompt
    /// (`PS > ` when there is none), then the code up to the first blank line, then the remarks.
    public static func exampleParts(_ content: String) -> (prompt: String, code: String, remarks: String) {
        var rest = Substring(content)
        var prompt = "PS > "
        if let firstLineEnd = rest.firstIndex(of: "\n").map({ $0 }) ?? Optional(rest.endIndex),
           let gt = rest[..<firstLineEnd].firstIndex(of: ">") {
            prompt = String(rest[...gt])
            rest = rest[rest.index(after: gt)...]
        }
        let text = String(rest)
        if let blank = text.range(of: "\n\n") ?? text.range(of: "\r\n\r\n") {
            let code = String(text[..<blank.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
            return (prompt, code, String(text[blank.upperBound...]))
        }
        return (prompt, text.trimmingCharacters(in: .whitespacesAndNewlines), "")
    }
}
