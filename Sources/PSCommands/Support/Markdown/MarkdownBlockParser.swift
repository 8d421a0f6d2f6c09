import Foundation

/// CommonMark's block structure, as far as ConvertFrom-Markdown's documents need it: ATX and setext
/// headings, fenced and indented code, block quotes, bullet and ordered lists (nested by indentation),
/// thematic breaks, HTML blocks and paragraphs with lazy continuation lines.
struct MarkdownBlockParser {
    static func parse(_ text: String) -> [MarkdownBlock] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return parseBlocks(lines.map(expandTabs))
    }

    private static func expandTabs(_ line: String) -> String {
        guard line.contains("\t") else { return line }
        var out = "", column = 0
        for c in line {
            if c == "\t" {
                let n = 4 - column % 4
                out += String(repeating: " ", count: n); column += n
            } else { out.append(c); column += 1 }
        }
        return out
    }

    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    /// The level and text of an ATX heading line (`## Title ##`).
    static func atxHeading(_ line: String) -> (Int, String)? {
        guard indent(line) < 4 else { return nil }
        let trimmed = line.drop { $0 == " " }
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = trimmed.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var content = rest.trimmingCharacters(in: .whitespaces)
        // A closing run of #s preceded by a space (or making up the whole content) is dropped.
        if let end = content.lastIndex(where: { $0 != "#" }) {
            if content[end] == " " && content[content.index(after: end)...].allSatisfy({ $0 == "#" }) {
                content = String(content[...end]).trimmingCharacters(in: .whitespaces)
            }
        } else {
            content = ""
        }
        return (hashes, content)
    }

    static func isThematicBreak(_ line: String) -> Bool {
        guard indent(line) < 4 else { return false }
        let chars = line.filter { $0 != " " }
        guard let first = chars.first, "-*_".contains(first), chars.count >= 3 else { return false }
        return chars.allSatisfy { $0 == first }
    }

    /// An opening code fence: its character, length, indentation and info string.
    static func fence(_ line: String) -> (Character, Int, Int, String)? {
        let n = indent(line)
        guard n < 4 else { return nil }
        let rest = line.dropFirst(n)
        guard let c = rest.first, c == "`" || c == "~" else { return nil }
        let length = rest.prefix { $0 == c }.count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length).trimmingCharacters(in: .whitespaces)
        if c == "`" && info.contains("`") { return nil }
        return (c, length, n, info.split(separator: " ").first.map(String.init) ?? "")
    }

    /// A list marker: ordered or not, its number, bullet or delimiter, and where the content starts.
    static func listMarker(_ line: String) -> (ordered: Bool, start: Int, bullet: Character, contentOffset: Int)? {
        let n = indent(line)
        guard n < 4 else { return nil }
        let rest = Array(line.dropFirst(n))
        guard let c = rest.first else { return nil }
        var markerLength = 0, ordered = false, number = 1, bullet = c
        if "-+*".contains(c) {
            markerLength = 1
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard (1...9).contains(digits.count), digits.count < rest.count, ".)".contains(rest[digits.count]) else { return nil }
            ordered = true
            number = Int(String(digits)) ?? 1
            bullet = rest[digits.count]
            markerLength = digits.count + 1
        }
        let after = rest.dropFirst(markerLength)
        if after.isEmpty { return (ordered, number, bullet, n + markerLength + 1) }
        guard after.first == " " else { return nil }
        let spaces = after.prefix { $0 == " " }.count
        // Five or more spaces after the marker: the content is indented code, one space is the padding.
        return (ordered, number, bullet, n + markerLength + (spaces > 4 ? 1 : spaces))
    }

    private static func startsBlock(_ line: String) -> Bool {
        atxHeading(line) != nil || fence(line) != nil || isThematicBreak(line)
            || line.drop(while: { $0 == " " }).first == ">" && indent(line) < 4 || htmlBlockStart(line)
    }

    private static func htmlBlockStart(_ line: String) -> Bool {
        guard indent(line) < 4 else { return false }
        let rest = line.drop { $0 == " " }
        guard rest.hasPrefix("<"), let second = rest.dropFirst().first else { return false }
        return second.isLetter || second == "/" || second == "!" || second == "?"
    }

    static func parseBlocks(_ lines: [String]) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []
        var i = 0
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let text = paragraph.map { String($0.drop { $0 == " " }) }.joined(separator: "\n")
            blocks.append(.paragraph(MarkdownInlineParser.parse(trimTrailing(text))))
            paragraph = []
        }
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) { flushParagraph(); i += 1; continue }
            // A setext underline turns the paragraph above into a heading.
            if !paragraph.isEmpty && indent(line) < 4 {
                let t = line.trimmingCharacters(in: .whitespaces)
                if !t.isEmpty && (t.allSatisfy({ $0 == "=" }) || t.allSatisfy({ $0 == "-" })) {
                    let text = paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
                    blocks.append(.heading(level: t.first == "=" ? 1 : 2, inlines: MarkdownInlineParser.parse(text)))
                    paragraph = []
                    i += 1
                    continue
                }
            }
            if let (level, text) = atxHeading(line) {
                flushParagraph()
                blocks.append(.heading(level: level, inlines: MarkdownInlineParser.parse(text)))
                i += 1; continue
            }
            if isThematicBreak(line) {
                flushParagraph()
                blocks.append(.thematicBreak)
                i += 1; continue
            }
            if let (c, length, fenceIndent, info) = fence(line) {
                flushParagraph()
                var body: [String] = []
                i += 1
                while i < lines.count {
                    let l = lines[i]
                    let t = l.drop { $0 == " " }
                    if indent(l) < 4, t.prefix(while: { $0 == c }).count >= length, t.drop(while: { $0 == c }).allSatisfy({ $0 == " " }) {
                        i += 1
                        break
                    }
                    body.append(String(l.dropFirst(min(fenceIndent, indent(l)))))
                    i += 1
                }
                blocks.append(.fencedCode(info: info, lines: body))
                continue
            }
            if indent(line) >= 4 && paragraph.isEmpty {
                var body: [String] = []
                while i < lines.count && (indent(lines[i]) >= 4 || isBlank(lines[i])) {
                    body.append(String(lines[i].dropFirst(min(4, indent(lines[i])))))
                    i += 1
                }
                while let last = body.last, isBlank(last) { body.removeLast() }
                blocks.append(.indentedCode(lines: body))
                continue
            }
            if indent(line) < 4, line.drop(while: { $0 == " " }).first == ">" {
                flushParagraph()
                var inner: [String] = []
                while i < lines.count {
                    let l = lines[i]
                    let t = l.drop { $0 == " " }
                    if indent(l) < 4 && t.first == ">" {
                        var content = t.dropFirst()
                        if content.first == " " { content = content.dropFirst() }
                        inner.append(String(content))
                    } else if !isBlank(l) && !inner.isEmpty && !isBlank(inner.last!) && !startsBlock(l) && listMarker(l) == nil {
                        inner.append(l)  // a lazy continuation of the quoted paragraph
                    } else {
                        break
                    }
                    i += 1
                }
                blocks.append(.quote(parseBlocks(inner)))
                continue
            }
            if let marker = listMarker(line), paragraph.isEmpty || (!marker.ordered || marker.start == 1) {
                flushParagraph()
                let (block, next) = parseList(lines, from: i, first: marker)
                blocks.append(block)
                i = next
                continue
            }
            if htmlBlockStart(line) && paragraph.isEmpty {
                var body: [String] = []
                while i < lines.count && !isBlank(lines[i]) { body.append(lines[i]); i += 1 }
                blocks.append(.html(body.joined(separator: "\n")))
                continue
            }
            if !paragraph.isEmpty && startsBlock(line) { flushParagraph(); continue }
            paragraph.append(line)
            i += 1
        }
        flushParagraph()
        return blocks
    }

    private static func trimTrailing(_ text: String) -> String {
        var t = text
        while let last = t.last, last == " " { t.removeLast() }
        return t
    }

    /// One list: items of the same kind and bullet; an item holds the lines indented to its content.
    private static func parseList(_ lines: [String], from start: Int,
                                  first: (ordered: Bool, start: Int, bullet: Character, contentOffset: Int)) -> (MarkdownBlock, Int) {
        var items: [[MarkdownBlock]] = []
        var tight = true
        var i = start
        var sawBlankBetween = false
        while i < lines.count, let marker = listMarker(lines[i]), marker.ordered == first.ordered, marker.bullet == first.bullet,
              !isThematicBreak(lines[i]) {
            if sawBlankBetween { tight = false }
            let offset = marker.contentOffset
            var body: [String] = [String(lines[i].dropFirst(min(offset, lines[i].count)))]
            i += 1
            var blankInside = false
            while i < lines.count {
                let l = lines[i]
                if isBlank(l) {
                    body.append("")
                    i += 1
                    continue
                }
                if indent(l) >= offset {
                    if body.last == "" { blankInside = true }
                    body.append(String(l.dropFirst(offset)))
                    i += 1
                    continue
                }
                // A lazy continuation line of the item's paragraph.
                if body.last != "" && listMarker(l) == nil && !startsBlock(l) {
                    body.append(l.trimmingCharacters(in: .whitespaces))
                    i += 1
                    continue
                }
                break
            }
            var trailingBlank = false
            while body.last == "" { body.removeLast(); trailingBlank = true }
            sawBlankBetween = trailingBlank
            let blocks = parseBlocks(body)
            if blankInside && blocks.count > 1 { tight = false }
            items.append(blocks)
        }
        return (.list(ordered: first.ordered, start: first.start, bullet: first.bullet, tight: tight, items: items), i)
    }
}
