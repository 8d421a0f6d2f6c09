// Renders one object as a list: every label padded to the longest, then " : ", then the value.
// Values with line breaks, or wider than the screen, continue on lines indented to the value
// column. Labels longer than the screen allows are cut.

import PSRuntime

public struct ListWriter: Sendable {
    static let separator = " : "
    static let reset = "\u{1B}[0m"
    private var labels: [String] = []
    private var labelColumn = 0
    private let screenWidth: Int
    private var disabled = false

    public init(labels names: [String], screenWidth: Int) {
        self.screenWidth = screenWidth
        if names.isEmpty || screenWidth - ListWriter.separator.count - 2 < 0 {
            disabled = true
            return
        }
        var maxAllowed = screenWidth - ListWriter.separator.count - 1
        if TestHooks.forceFormatListFixedLabelWidth { maxAllowed = 10 }
        let cellCounts = names.map(DisplayCells.width)
        let longest = min(cellCounts.max() ?? 0, maxAllowed)
        labels = names.enumerated().map { k, name in
            let cells = cellCounts[k]
            if cells < longest { return name + DisplayCells.padding(longest - cells) + ListWriter.separator }
            if cells > longest { return DisplayCells.prefix(name, fitting: longest) + ListWriter.separator }
            return name + ListWriter.separator
        }
        labelColumn = longest + ListWriter.separator.count
    }

    /// The SGR sequences (`ESC [ ... m`) in effect at the end of `text`: those since its last reset.
    static func stylesOpen(after text: String) -> String {
        var open = ""
        var scalars = Substring(text).unicodeScalars
        while let s = scalars.first {
            guard s == "\u{1B}" else { scalars = scalars.dropFirst(); continue }
            let n = DisplayCells.escapeLength(scalars)
            let sequence = String(String.UnicodeScalarView(scalars.prefix(n)))
            scalars = scalars.dropFirst(n)
            guard sequence.hasPrefix("\u{1B}["), sequence.hasSuffix("m") else { continue }
            if sequence == "\u{1B}[0m" || sequence == "\u{1B}[m" { open = "" } else { open += sequence }
        }
        return open
    }

    /// The lines for one object (without the empty line that follows it).
    /// With `labelStyle`, each label (with its ` : `) is wrapped in the style and a reset, and a value
    /// line that carries escape sequences but no final reset gets one, as PowerShell's ListWriter does.
    public func lines(values: [String], labelStyle: String? = nil) -> [String] {
        if disabled { return [] }
        var out: [String] = []
        let fieldWidth = screenWidth - labelColumn
        let indent = DisplayCells.padding(labelColumn)
        for k in labels.indices {
            let value = k < values.count ? values[k] : ""
            // The text styles still open where a line breaks start the next line again.
            var active = ""
            for (i, line) in LineBreaking.splitLines(value).enumerated() {
                let pieces = LineBreaking.wrap(line, firstWidth: fieldWidth, followingWidth: fieldWidth)
                for (j, bare) in pieces.enumerated() {
                    let piece = active + bare
                    if labelStyle != nil, bare.contains("\u{1B}") || !active.isEmpty { active = ListWriter.stylesOpen(after: piece) }
                    var label = i == 0 && j == 0 ? labels[k] : indent
                    if let labelStyle, i == 0 && j == 0, !labelStyle.isEmpty,
                       label.contains(where: { $0 != " " }) {
                        label = labelStyle + label + ListWriter.reset
                    }
                    var line = label + piece
                    if labelStyle != nil, piece.contains("\u{1B}"),
                       !piece.trimmingTrailingSpaces().hasSuffix(ListWriter.reset) {
                        line += ListWriter.reset
                    }
                    out.append(line)
                }
            }
        }
        return out
    }
}
