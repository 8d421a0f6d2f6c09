import Foundation

/// The Markdown tree ConvertFrom-Markdown renders, shaped as Markdig's: blocks (headings, paragraphs,
/// fenced and indented code, quotes, lists, thematic breaks, HTML) holding inlines (literal text,
/// code spans, emphasis with its delimiter count, links and images, autolinks, line breaks).
indirect enum MarkdownBlock {
    case heading(level: Int, inlines: [MarkdownInline])
    case paragraph([MarkdownInline])
    case fencedCode(info: String, lines: [String])
    case indentedCode(lines: [String])
    case quote([MarkdownBlock])
    /// `items` are each a list item's blocks; `tight` when no blank line separates them.
    case list(ordered: Bool, start: Int, bullet: Character, tight: Bool, items: [[MarkdownBlock]])
    case thematicBreak
    case html(String)
}

indirect enum MarkdownInline {
    case text(String)
    case code(String)
    /// `*x*`/`_x_` (count 1) or `**x**`/`__x__` (count 2).
    case emphasis(count: Int, children: [MarkdownInline])
    case link(url: String, title: String?, children: [MarkdownInline], isImage: Bool)
    case autolink(url: String, isEmail: Bool)
    case softBreak
    case hardBreak
    case html(String)

    /// What Markdig's inline's ToString gives: a literal's or code span's text, a link's URL for an
    /// autolink; containers have only their plain text here.
    var plainText: String {
        switch self {
        case .text(let t), .code(let t), .html(let t): return t
        case .emphasis(_, let children), .link(_, _, let children, _): return children.map(\.plainText).joined()
        case .autolink(let url, _): return url
        case .softBreak, .hardBreak: return "\n"
        }
    }
}
