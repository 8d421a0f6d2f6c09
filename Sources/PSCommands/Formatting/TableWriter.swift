// Renders table rows once the column widths are known: PowerShell's TableWriter rules.
// - columns are separated by one space; the last column is never padded on the right;
// - the dash row under the header is as long as each label (or the column, if narrower);
// - a value wider than its column is cut with `…`: `abc…` when left aligned, `…xyz` when right;
// - in wrap mode a cell (and always a header) is broken into several screen lines.

import PSRuntime

public enum CellAlignment: Sendable, Equatable {
    case undefined, left, center, right
}

public struct TableWriter: Sendable {
    /// Column widths after fitting to the screen; <= 0 means hidden.
    public private(set) var widths: [Int]
    public private(set) var alignments: [CellAlignment]
    public let hideHeader: Bool
    /// True when the screen is too narrow or every column got hidden.
    public private(set) var disabled = false
    private var cachedHeader: [String]?
    /// `$PSStyle.Formatting.TableHeader` when output is decorated (OutputRendering Ansi): each header
    /// cell is wrapped in it and a reset, as PowerShell's TableWriter does.
    public var headerStyle: String?

    static let minimumScreenColumns = 5

    public init(screenWidth: Int, widths requested: [Int], alignments: [CellAlignment], hideHeader: Bool) {
        self.hideHeader = hideHeader
        self.alignments = alignments.map { $0 == .undefined ? .left : $0 }
        if screenWidth < TableWriter.minimumScreenColumns {
            self.widths = requested
            self.disabled = true
            return
        }
        self.widths = ColumnWidths.fit(requested, tableWidth: screenWidth)
        if !widths.contains(where: { $0 >= ColumnWidths.minimumColumnWidth }) { disabled = true }
    }

    /// Header label rows plus the dash row.
    public mutating func header(_ labels: [String]) -> [String] {
        if disabled || hideHeader { return [] }
        if let h = cachedHeader { return h }
        var lines = multiLineRow(labels, alignments: alignments, style: headerStyle)
        var dashes: [String] = []
        for k in widths.indices {
            if widths[k] <= 0 { dashes.append(""); continue }
            var count = widths[k]
            let label = k < labels.count ? labels[k] : ""
            if !label.isEmpty { count = min(count, DisplayCells.width(label)) }
            dashes.append(String(repeating: "-", count: count))
        }
        lines.append(singleLineRow(dashes, alignments: alignments, style: headerStyle))
        cachedHeader = lines
        return lines
    }

    /// One data row; `alignments` entries that are `.undefined` fall back to the column's.
    public func row(_ values: [String], alignments rowAlignments: [CellAlignment]? = nil, wrap: Bool) -> [String] {
        if disabled { return [] }
        var effective = alignments
        if let ra = rowAlignments {
            for k in effective.indices where k < ra.count && ra[k] != .undefined { effective[k] = ra[k] }
        }
        if wrap { return multiLineRow(values, alignments: effective) }
        return [singleLineRow(values, alignments: effective)]
    }

    // MARK: - single line

    private func singleLineRow(_ values: [String], alignments: [CellAlignment], style: String? = nil) -> String {
        var out = ""
        let last = widths.count - 1
        for k in widths.indices {
            if widths[k] <= 0 { continue }
            if k > 0 { out += " " }
            if let style { out += style }
            out += TableWriter.field(k < values.count ? values[k] : "", width: widths[k],
                                     alignment: alignments[k], pad: k != last)
            if style != nil { out += TableWriter.reset }
        }
        return out
    }

    static let reset = "\u{1B}[0m"

    /// One cell fitted into `width` cells.
    static func field(_ value: String, width: Int, alignment: CellAlignment, pad: Bool) -> String {
        var s = LineBreaking.truncateAtNewLine(value)
        // A value with escape sequences: plain text unless output is decorated; decorated, the cell
        // (padding included) ends with a reset unless the text (or its truncated part) already does.
        if s.unicodeScalars.contains("\u{1B}") {
            guard PSStyleSettings.shared.decorates else {
                return field(PSStyleSettings.plainText(s), width: width, alignment: alignment, pad: pad)
            }
            if DisplayCells.width(s) > width, width > 1, alignment != .right {
                s = DisplayCells.prefix(s, fitting: width - 1) + LineBreaking.ellipsis
            }
            let cell = fitted(s, width: width, alignment: alignment, pad: pad)
            return s.hasSuffix(reset) ? cell : cell + reset
        }
        return fitted(s, width: width, alignment: alignment, pad: pad)
    }

    private static func fitted(_ text: String, width: Int, alignment: CellAlignment, pad: Bool) -> String {
        var s = text
        let length = DisplayCells.width(s)
        if length < width {
            let padCount = width - length
            switch alignment {
            case .right:
                s = DisplayCells.padding(padCount) + s
            case .center:
                let left = padCount / 2
                s = DisplayCells.padding(left) + s
                if pad { s += DisplayCells.padding(padCount - left) }
            default:
                if pad { s += DisplayCells.padding(padCount) }
            }
            return s
        }
        if length > width {
            let room = width - 1 // room left beside the ellipsis
            if room > 0 {
                if alignment == .right {
                    s = LineBreaking.ellipsis + DisplayCells.suffix(s, fitting: room)
                } else {
                    s = DisplayCells.prefix(s, fitting: room) + LineBreaking.ellipsis
                }
            } else {
                s = alignment == .right ? DisplayCells.suffix(s, fitting: width) : DisplayCells.prefix(s, fitting: width)
            }
            // A wide character cut in two leaves one cell empty.
            if DisplayCells.width(s) != width {
                switch alignment {
                case .right: s = " " + s
                default: if pad { s += " " }
                }
            }
        }
        return s
    }

    // MARK: - multi line

    private func multiLineRow(_ values: [String], alignments: [CellAlignment], style: String? = nil) -> [String] {
        let visible = widths.indices.filter { widths[$0] > 0 }
        if visible.isEmpty { return [] }
        var columns: [[String]] = []
        for (i, k) in visible.enumerated() {
            let isLast = i == visible.count - 1
            let value = k < values.count ? values[k] : ""
            var lines = LineBreaking.wrap(value, firstWidth: widths[k], followingWidth: widths[k])
            if !isLast || alignments[k] == .right || alignments[k] == .center {
                for j in lines.indices where DisplayCells.width(lines[j]) < widths[k] {
                    lines[j] = TableWriter.field(lines[j], width: widths[k], alignment: alignments[k], pad: !isLast)
                }
            }
            if i > 0 { lines = lines.map { " " + $0 } }
            columns.append(lines)
        }
        let rowCount = columns.map(\.count).max() ?? 0
        var lastWithContent = [Int](repeating: 0, count: rowCount)
        for row in 0..<rowCount {
            for col in columns.indices where columns[col].count > row { lastWithContent[row] = col }
        }
        for col in columns.indices {
            var blanks = 0
            if col < columns.count - 1 {
                blanks = widths[visible[col]] + (col > 0 ? 1 : 0)
            }
            let missing = rowCount - columns[col].count
            if missing > 0 {
                let blank = DisplayCells.padding(blanks)
                for row in (rowCount - missing)..<rowCount {
                    columns[col].append(col > lastWithContent[row] ? "" : blank)
                }
            }
        }
        var rows: [String] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var line = ""
            for col in columns.indices {
                var v = columns[col][row]
                if col == lastWithContent[row] && rowCount > 1 { v = v.trimmingTrailingSpaces() }
                // A styled header cell keeps its separating space inside the style.
                if let style { line += style + v + TableWriter.reset } else { line += v }
            }
            rows.append(line)
        }
        return rows
    }

    /// How many items of `itemWidth` cells fit on one line of Format-Wide output.
    public static func wideItemsPerRow(itemWidth: Int, screenWidth: Int) -> Int {
        if itemWidth <= 0 || screenWidth < 1 || itemWidth >= screenWidth { return 1 }
        var columns = 1
        while true {
            let next = columns + 1
            if itemWidth * next + (next - 1) >= screenWidth { return columns }
            columns += 1
        }
    }
}

extension String {
    /// Without its trailing spaces and tabs (as bytes: both are one-byte scalars; rebuilding the
    /// string from its scalars cost more than the rest of a wrapped table row).
    func trimmingTrailingSpaces() -> String {
        let bytes = utf8
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let before = bytes.index(before: end)
            guard bytes[before] == UInt8(ascii: " ") || bytes[before] == UInt8(ascii: "\t") else { break }
            end = before
        }
        return end == bytes.endIndex ? self : String(self[..<end])
    }
}
