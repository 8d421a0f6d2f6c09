import Foundation

/// CommonMark's inlines: backslash escapes, code spans, `<...>` autolinks and raw HTML, links and
/// images (`[text](url "title")`), emphasis by the delimiter-run rules (left/right flanking, `_`
/// inside words, the rule of three), hard and soft line breaks.
struct MarkdownInlineParser {
    private enum Node {
        case inline(MarkdownInline)
        case delimiter(Character, count: Int, canOpen: Bool, canClose: Bool)
        /// `[` or `![` not yet closed; `active` goes false once a link closed inside it.
        case bracket(isImage: Bool, active: Bool)
    }

    static func parse(_ text: String) -> [MarkdownInline] {
        var parser = MarkdownInlineParser(Array(text))
        return parser.run()
    }

    private let chars: [Character]
    private var nodes: [Node] = []
    private var pending = ""

    private init(_ chars: [Character]) { self.chars = chars }

    private static func isPunctuation(_ c: Character?) -> Bool {
        guard let c else { return false }
        return c.isPunctuation || c.isSymbol
    }
    private static func isSpace(_ c: Character?) -> Bool { c == nil || c!.isWhitespace }

    private mutating func flush() {
        if !pending.isEmpty { nodes.append(.inline(.text(pending))); pending = "" }
    }

    private mutating func run() -> [MarkdownInline] {
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                if i + 1 < chars.count, chars[i + 1] == "\n" {
                    flush(); nodes.append(.inline(.hardBreak)); i += 2
                    while i < chars.count && chars[i] == " " { i += 1 }
                } else if i + 1 < chars.count, chars[i + 1].isASCII, MarkdownInlineParser.isPunctuation(chars[i + 1]) {
                    pending.append(chars[i + 1]); i += 2
                } else {
                    pending.append(c); i += 1
                }
            case "`":
                let run = chars[i...].prefix { $0 == "`" }.count
                if let end = closingBackticks(from: i + run, length: run) {
                    flush()
                    var content = String(chars[(i + run)..<end]).replacingOccurrences(of: "\n", with: " ")
                    if content.count >= 2, content.first == " ", content.last == " ", !content.allSatisfy({ $0 == " " }) {
                        content = String(content.dropFirst().dropLast())
                    }
                    nodes.append(.inline(.code(content)))
                    i = end + run
                } else {
                    pending += String(repeating: "`", count: run); i += run
                }
            case "\n":
                var hard = false
                if pending.hasSuffix("  ") { hard = true }
                while pending.hasSuffix(" ") { pending.removeLast() }
                flush()
                nodes.append(.inline(hard ? .hardBreak : .softBreak))
                i += 1
                while i < chars.count && chars[i] == " " { i += 1 }
            case "<":
                if let (node, next) = angle(at: i) { flush(); nodes.append(.inline(node)); i = next } else { pending.append(c); i += 1 }
            case "!" where i + 1 < chars.count && chars[i + 1] == "[":
                flush(); nodes.append(.bracket(isImage: true, active: true)); i += 2
            case "[":
                flush(); nodes.append(.bracket(isImage: false, active: true)); i += 1
            case "]":
                i = closeBracket(at: i)
            case "*", "_":
                let run = chars[i...].prefix { $0 == c }.count
                let before: Character? = i > 0 ? chars[i - 1] : nil
                let after: Character? = i + run < chars.count ? chars[i + run] : nil
                let left = !MarkdownInlineParser.isSpace(after)
                    && (!MarkdownInlineParser.isPunctuation(after) || MarkdownInlineParser.isSpace(before) || MarkdownInlineParser.isPunctuation(before))
                let right = !MarkdownInlineParser.isSpace(before)
                    && (!MarkdownInlineParser.isPunctuation(before) || MarkdownInlineParser.isSpace(after) || MarkdownInlineParser.isPunctuation(after))
                let canOpen = c == "*" ? left : left && (!right || MarkdownInlineParser.isPunctuation(before))
                let canClose = c == "*" ? right : right && (!left || MarkdownInlineParser.isPunctuation(after))
                flush()
                nodes.append(.delimiter(c, count: run, canOpen: canOpen, canClose: canClose))
                i += run
            default:
                pending.append(c); i += 1
            }
        }
        flush()
        let result = MarkdownInlineParser.resolve(nodes)
        return MarkdownInlineParser.merge(result)
    }

    private func closingBackticks(from start: Int, length: Int) -> Int? {
        var j = start
        while j < chars.count {
            if chars[j] == "`" {
                let run = chars[j...].prefix { $0 == "`" }.count
                if run == length { return j }
                j += run
            } else {
                j += 1
            }
        }
        return nil
    }

    /// `<scheme:...>` / `<user@host>` autolinks and inline HTML tags.
    private func angle(at i: Int) -> (MarkdownInline, Int)? {
        guard let close = chars[(i + 1)...].firstIndex(of: ">") else { return nil }
        let inner = String(chars[(i + 1)..<close])
        if !inner.contains(" "), !inner.contains("<") {
            if let colon = inner.firstIndex(of: ":"), inner.distance(from: inner.startIndex, to: colon) >= 2,
               inner[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }) {
                return (.autolink(url: inner, isEmail: false), close + 1)
            }
            if inner.contains("@"), !inner.hasPrefix("@"), inner.contains(".") {
                return (.autolink(url: inner, isEmail: true), close + 1)
            }
        }
        if let first = inner.first, first.isLetter || first == "/" || first == "!" || first == "?" {
            return (.html("<" + inner + ">"), close + 1)
        }
        return nil
    }

    /// `]`: with an open `[` and a following `(destination "title")`, the nodes since it become a
    /// link or image; otherwise the bracket is text.
    private mutating func closeBracket(at i: Int) -> Int {
        flush()
        guard let openIndex = nodes.lastIndex(where: { if case .bracket = $0 { return true }; return false }),
              case .bracket(let isImage, let active) = nodes[openIndex] else {
            pending.append("]"); return i + 1
        }
        guard active, let (url, title, next) = destination(after: i) else {
            nodes[openIndex] = .inline(.text(isImage ? "![" : "["))
            pending.append("]")
            return i + 1
        }
        let children = MarkdownInlineParser.merge(MarkdownInlineParser.resolve(Array(nodes[(openIndex + 1)...])))
        nodes.removeSubrange(openIndex...)
        nodes.append(.inline(.link(url: url, title: title, children: children, isImage: isImage)))
        // A link may not contain another link: earlier `[` openers can no longer make one.
        if !isImage {
            for k in nodes.indices {
                if case .bracket(false, _) = nodes[k] { nodes[k] = .bracket(isImage: false, active: false) }
            }
        }
        return next
    }

    private func destination(after close: Int) -> (String, String?, Int)? {
        var j = close + 1
        guard j < chars.count, chars[j] == "(" else { return nil }
        j += 1
        func skipSpace() { while j < chars.count && (chars[j] == " " || chars[j] == "\n") { j += 1 } }
        skipSpace()
        var url = ""
        if j < chars.count && chars[j] == "<" {
            j += 1
            while j < chars.count && chars[j] != ">" && chars[j] != "\n" { url.append(chars[j]); j += 1 }
            guard j < chars.count && chars[j] == ">" else { return nil }
            j += 1
        } else {
            var depth = 0
            while j < chars.count, !chars[j].isWhitespace {
                if chars[j] == "(" { depth += 1 }
                if chars[j] == ")" { if depth == 0 { break }; depth -= 1 }
                if chars[j] == "\\", j + 1 < chars.count, MarkdownInlineParser.isPunctuation(chars[j + 1]) { j += 1 }
                url.append(chars[j]); j += 1
            }
        }
        skipSpace()
        var title: String?
        if j < chars.count, let closer: Character = ["\"": "\"", "'": "'", "(": ")"][chars[j]] {
            j += 1
            var t = ""
            while j < chars.count && chars[j] != closer { t.append(chars[j]); j += 1 }
            guard j < chars.count else { return nil }
            j += 1
            title = t
            skipSpace()
        }
        guard j < chars.count, chars[j] == ")" else { return nil }
        return (url, title, j + 1)
    }

    /// CommonMark's "process emphasis" over a node list, then what is left becomes text.
    private static func resolve(_ input: [Node]) -> [MarkdownInline] {
        var nodes = input
        var closer = 0
        while closer < nodes.count {
            guard case .delimiter(let c, let closeCount, let closerOpens, true) = nodes[closer] else { closer += 1; continue }
            var opener = closer - 1
            var found = false
            while opener >= 0 {
                if case .delimiter(c, let openCount, true, let openerCloses) = nodes[opener] {
                    // The rule of three: a run that can open and close pairs only when the sum is no multiple of 3.
                    let oddMatch = (closerOpens || openerCloses) && (openCount + closeCount) % 3 == 0
                        && !(openCount % 3 == 0 && closeCount % 3 == 0)
                    if !oddMatch { found = true; break }
                }
                opener -= 1
            }
            guard found, case .delimiter(_, let openCount, let oo, let oc) = nodes[opener] else {
                // No opener: a closer that cannot open is plain text from now on.
                if !closerOpens, case .delimiter(let ch, let n, _, _) = nodes[closer] {
                    nodes[closer] = .inline(.text(String(repeating: ch, count: n)))
                }
                closer += 1
                continue
            }
            let used = (openCount >= 2 && closeCount >= 2) ? 2 : 1
            let inner = resolve(Array(nodes[(opener + 1)..<closer]))
            let emphasis = Node.inline(.emphasis(count: used, children: merge(inner)))
            var replacement: [Node] = []
            if openCount - used > 0 { replacement.append(.delimiter(c, count: openCount - used, canOpen: oo, canClose: oc)) }
            replacement.append(emphasis)
            let closerLeft = closeCount - used
            if closerLeft > 0 { replacement.append(.delimiter(c, count: closerLeft, canOpen: closerOpens, canClose: true)) }
            nodes.replaceSubrange(opener...closer, with: replacement)
            // Next: what is left of the closer, or the node after the emphasis.
            closer = opener + (openCount - used > 0 ? 1 : 0) + 1
        }
        return nodes.map { node in
            switch node {
            case .inline(let i): return i
            case .delimiter(let c, let n, _, _): return .text(String(repeating: c, count: n))
            case .bracket(let isImage, _): return .text(isImage ? "![" : "[")
            }
        }
    }

    /// Adjacent text runs as one literal.
    static func merge(_ inlines: [MarkdownInline]) -> [MarkdownInline] {
        var out: [MarkdownInline] = []
        for inline in inlines {
            if case .text(let t) = inline, case .text(let previous)? = out.last {
                out[out.count - 1] = .text(previous + t)
            } else if case .text(let t) = inline, t.isEmpty {
                continue
            } else {
                out.append(inline)
            }
        }
        return out
    }
}
