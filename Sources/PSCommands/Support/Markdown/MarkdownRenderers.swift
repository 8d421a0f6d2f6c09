import Foundation
import PSRuntime

/// ConvertFrom-Markdown's VT100 text, as PowerShell's Microsoft.PowerShell.MarkdownRender writes it:
/// headings as their first inline's text in the heading's colour and a blank line, a paragraph's
/// inlines with a line end after its last literal and one after the paragraph, fenced code line by
/// line (blank lines dropped, the background held to the line end), lists with `- `/`N. `, quotes
/// with `> `; links show their text in quotes, images `[alt]`. Indented code, thematic breaks and
/// HTML blocks have no renderer there and print nothing.
struct MarkdownVT100Renderer {
    let options: MarkdownOptions
    private var out = ""

    init(options: MarkdownOptions) { self.options = options }

    static func render(_ blocks: [MarkdownBlock], options: MarkdownOptions) -> String {
        var r = MarkdownVT100Renderer(options: options)
        for b in blocks { r.block(b) }
        return r.out
    }

    private static let esc = "\u{1B}"
    private var end: String { Self.esc + "[0m" }
    private var vt: Bool { options.enableVT100Encoding }

    private func styled(_ text: String, _ sequence: String) -> String { vt ? Self.esc + sequence + text + end : text }

    private mutating func block(_ b: MarkdownBlock) {
        switch b {
        case .heading(let level, let inlines):
            guard let first = inlines.first else { return }
            let text = first.plainText
            guard !text.isEmpty else { return }
            out += styled(text, options.header(level)) + "\n\n"
        case .paragraph(let inlines):
            inlineChildren(inlines)
            out += "\n"
        case .fencedCode(let info, let lines):
            for line in lines where !line.allSatisfy(\.isWhitespace) {
                // YAML (parameter help) is indented with a tab instead of coloured.
                if info.lowercased() == "yaml" { out += "\t" + line + "\n" } else { out += code(line, inline: false) + "\n" }
            }
            out += "\n"
        case .quote(let blocks):
            for inner in blocks { out += "> "; block(inner) }
            out += "\n"
        case .list(let ordered, _, let bullet, _, let items):
            var index = 1
            for item in items {
                if ordered {
                    for case .paragraph(let inlines) in item {
                        out += "\(index). "
                        inlineChildren(inlines)
                    }
                    index += 1
                } else {
                    for inner in item { listItem(inner, bullet: bullet, level: 0) }
                }
            }
            out += "\n"
        case .indentedCode, .thematicBreak, .html:
            break
        }
    }

    private mutating func listItem(_ b: MarkdownBlock, bullet: Character, level: Int) {
        let indent = String(repeating: " ", count: level * 2)
        if case .paragraph(let inlines) = b {
            out += indent + String(bullet) + " "
            inlineChildren(inlines)
        } else if case .list(_, _, _, _, let items) = b {
            for item in items { for inner in item { listItem(inner, bullet: bullet, level: level + 1) } }
        }
    }

    private func code(_ text: String, inline: Bool) -> String {
        guard vt else { return text }
        return Self.esc + options.code + text + (inline ? "" : Self.esc + "[500@") + end
    }

    private mutating func inlineChildren(_ inlines: [MarkdownInline]) {
        for (i, inline) in inlines.enumerated() {
            let last = i == inlines.count - 1
            switch inline {
            case .text(let t), .html(let t), .autolink(let t, _):
                // A leaf inline ends the line when it is the paragraph's last.
                out += t + (last ? "\n" : "")
            case .code(let t): out += code(t, inline: true)
            case .emphasis(let count, let children):
                out += styled(children.first?.plainText ?? "", count == 2 ? options.emphasisBold : options.emphasisItalics)
            case .link(_, _, let children, let isImage):
                let text = children.first?.plainText
                if isImage {
                    out += styled("[" + ((text ?? "").isEmpty ? "Image" : text!) + "]", options.image)
                } else {
                    out += styled("\"" + (text ?? "") + "\"", options.link)
                }
            case .hardBreak: out += "\n"
            case .softBreak: out += " "
            }
        }
    }
}

/// ConvertFrom-Markdown's HTML, as Markdig writes it with its advanced extensions: heading ids made
/// from the heading's text (lower case, runs of other characters as `-`, `-1`, `-2` for repeats),
/// fenced code's `language-` class, tight lists without `<p>`, bare http(s)/ftp/www URLs linked.
struct MarkdownHTMLRenderer {
    private var out = ""
    private var usedIds: [String: Int] = [:]

    static func render(_ blocks: [MarkdownBlock]) -> String {
        var r = MarkdownHTMLRenderer()
        for b in blocks { r.block(b, implicitParagraph: false) }
        return r.out
    }

    /// Markdig escapes `&`, `<`, `>` and `"` in text and attributes alike: XML's attribute escaping.
    static func escape(_ s: String) -> String { XmlAccess.escape(s, attribute: true) }

    /// A URL as Markdig writes it in an attribute: HTML-escaped, spaces and non-ASCII percent-encoded.
    static func escapeURL(_ s: String) -> String {
        var o = ""
        for c in s {
            if c == " " { o += "%20"; continue }
            if !c.isASCII {
                for b in String(c).utf8 { o += String(format: "%%%02X", b) }
                continue
            }
            o += escape(String(c))
        }
        return o
    }

    private mutating func ensureLine() { if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" } }

    private mutating func block(_ b: MarkdownBlock, implicitParagraph: Bool) {
        switch b {
        case .heading(let level, let inlines):
            ensureLine()
            out += "<h\(level) id=\"\(identifier(for: inlines))\">" + inlineHTML(inlines) + "</h\(level)>\n"
        case .paragraph(let inlines):
            if implicitParagraph {
                out += inlineHTML(inlines)
            } else {
                ensureLine()
                out += "<p>" + inlineHTML(inlines) + "</p>\n"
            }
        case .fencedCode(let info, let lines):
            ensureLine()
            out += "<pre><code" + (info.isEmpty ? "" : " class=\"language-\(Self.escape(info))\"") + ">"
            for line in lines { out += Self.escape(line) + "\n" }
            out += "</code></pre>\n"
        case .indentedCode(let lines):
            ensureLine()
            out += "<pre><code>" + lines.map { Self.escape($0) + "\n" }.joined() + "</code></pre>\n"
        case .quote(let blocks):
            ensureLine()
            out += "<blockquote>\n"
            for inner in blocks { block(inner, implicitParagraph: false) }
            ensureLine()
            out += "</blockquote>\n"
        case .list(let ordered, let start, _, let tight, let items):
            ensureLine()
            out += ordered ? (start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n") : "<ul>\n"
            for item in items {
                ensureLine()
                out += "<li>"
                for inner in item { block(inner, implicitParagraph: tight) }
                out += "</li>\n"
            }
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .thematicBreak:
            ensureLine()
            out += "<hr />\n"
        case .html(let raw):
            ensureLine()
            out += raw + "\n"
        }
    }

    /// Markdig's AutoIdentifier: the heading's text made URL-safe, `section` when nothing is left.
    private mutating func identifier(for inlines: [MarkdownInline]) -> String {
        var id = ""
        var hasLetter = false, previousIsSpace = false
        // Letters lose their accents first (Ü → u), as Markdig's ASCII-only identifiers do.
        for c in inlines.map(\.plainText).joined().folding(options: .diacriticInsensitive, locale: nil) {
            if c.isLetter {
                guard c.isASCII else { continue }
                id += c.lowercased()
                hasLetter = true
                previousIsSpace = false
            } else if hasLetter {
                if "_-.".contains(c) {
                    if previousIsSpace { id.removeLast() }
                    id.append(c)
                    previousIsSpace = false
                } else if c.isASCII && c.isNumber {
                    id.append(c)
                    previousIsSpace = false
                } else if !previousIsSpace && id.last != "-" {
                    id += "-"
                    previousIsSpace = true
                }
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        if id.isEmpty { id = "section" }
        if let n = usedIds[id] {
            usedIds[id] = n + 1
            return "\(id)-\(n)"
        }
        usedIds[id] = 1
        return id
    }

    private func inlineHTML(_ inlines: [MarkdownInline]) -> String {
        var o = ""
        for inline in inlines {
            switch inline {
            case .text(let t): o += Self.linkingBareURLs(t)
            case .code(let t): o += "<code>" + Self.escape(t) + "</code>"
            case .emphasis(let count, let children):
                let tag = count == 2 ? "strong" : "em"
                o += "<\(tag)>" + inlineHTML(children) + "</\(tag)>"
            case .link(let url, let title, let children, let isImage):
                let titleAttribute = title.map { " title=\"\(Self.escape($0))\"" } ?? ""
                if isImage {
                    o += "<img src=\"\(Self.escapeURL(url))\" alt=\"\(Self.escape(children.map(\.plainText).joined()))\"\(titleAttribute) />"
                } else {
                    o += "<a href=\"\(Self.escapeURL(url))\"\(titleAttribute)>" + inlineHTML(children) + "</a>"
                }
            case .autolink(let url, let isEmail):
                o += "<a href=\"\(isEmail ? "mailto:" : "")\(Self.escapeURL(url))\">" + Self.escape(url) + "</a>"
            case .softBreak: o += "\n"
            case .hardBreak: o += "<br />\n"
            case .html(let raw): o += raw
            }
        }
        return o
    }

    /// Markdig's AutoLinks extension: `http://`, `https://`, `ftp://`, `mailto:` and `www.` at the start
    /// of a word become links (trailing punctuation stays outside).
    static func linkingBareURLs(_ text: String) -> String {
        let prefixes = ["http://", "https://", "ftp://", "mailto:", "www."]
        var o = "", i = text.startIndex
        var previous: Character? = nil
        while i < text.endIndex {
            let rest = text[i...]
            if previous == nil || previous!.isWhitespace || "*_~(".contains(previous!),
               let prefix = prefixes.first(where: { rest.lowercased().hasPrefix($0) }) {
                var end = rest.firstIndex(where: { $0.isWhitespace || $0 == "<" }) ?? text.endIndex
                while end > i, let last = text[..<end].last, "?!.,:*_~'\"".contains(last) || (last == ")" && text[i..<end].filter({ $0 == ")" }).count > text[i..<end].filter({ $0 == "(" }).count) {
                    end = text.index(before: end)
                }
                let url = String(text[i..<end])
                if url.count > prefix.count && (prefix != "www." || url.dropFirst(4).contains(".")) {
                    let href = prefix == "www." ? "http://" + url : url
                    o += "<a href=\"\(escapeURL(href))\">" + escape(url) + "</a>"
                    previous = url.last
                    i = end
                    continue
                }
            }
            o += escape(String(text[i]))
            previous = text[i]
            i = text.index(after: i)
        }
        return o
    }
}
