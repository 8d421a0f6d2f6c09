// Renders one object as a list: every label padded to the longest, then " : ", then the value.
// Values with line breaks, or wider than the screen, continue on lines indented to the value
// column. Labels longer than the screen allows are cut.

public struct ListWriter: Sendable {
    static let separator = " : "
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
        let maxAllowed = screenWidth - ListWriter.separator.count - 1
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

    /// The lines for one object (without the empty line that follows it).
    public func lines(values: [String]) -> [String] {
        if disabled { return [] }
        var out: [String] = []
        let fieldWidth = screenWidth - labelColumn
        let indent = DisplayCells.padding(labelColumn)
        for k in labels.indices {
            let value = k < values.count ? values[k] : ""
            for (i, line) in LineBreaking.splitLines(value).enumerated() {
                let pieces = LineBreaking.wrap(line, firstWidth: fieldWidth, followingWidth: fieldWidth)
                for (j, piece) in pieces.enumerated() {
                    out.append((i == 0 && j == 0 ? labels[k] : indent) + piece)
                }
            }
        }
        return out
    }
}
