// The formatting protocol: Format-Table/List/Wide (and Out-Default's implicit formatter) turn
// objects into these records; Out-Default, Out-String, Out-File and Out-Host turn records into lines.
// It mirrors PowerShell's FormatStart/GroupStart/entry/GroupEnd/FormatEnd sequence, with plain
// strings in the cells so the layout code needs nothing from the runtime.

public struct TableColumnHeader: Sendable, Equatable {
    public var label: String
    /// 0: sized from the data (or from the screen when nothing else is known).
    public var width: Int
    public var alignment: CellAlignment

    public init(label: String, width: Int = 0, alignment: CellAlignment = .left) {
        self.label = label
        self.width = width
        self.alignment = alignment
    }
}

public struct TableCell: Sendable, Equatable {
    public var text: String
    /// `.undefined` takes the column's alignment.
    public var alignment: CellAlignment

    public init(_ text: String, alignment: CellAlignment = .undefined) {
        self.text = text
        self.alignment = alignment
    }
}

public struct ListField: Sendable, Equatable {
    public var label: String
    public var value: String

    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// A piece of a custom entry (Format-Custom, PowerShell's ComplexWriter input): text added to the
/// current line, the end of a line, or items indented as a block.
public indirect enum ComplexItem: Sendable, Equatable {
    case text(String)
    case newLine
    /// `left`/`right`: cells taken from each side; `firstLine`: extra indentation of the block's
    /// first line (negative: a hanging indent for the lines after it).
    case frame(left: Int, right: Int, firstLine: Int, [ComplexItem])
}

public enum FormatShapeInfo: Sendable, Equatable {
    /// `repeatHeader` (Format-Table -RepeatHeader): the header again after every screenful of rows.
    case table(columns: [TableColumnHeader], hideHeader: Bool, repeatHeader: Bool = false)
    case list
    /// `columns` 0: as many as fit.
    case wide(columns: Int)
    /// Free text per object (PowerShell's custom views), framed by empty lines.
    case complex
}

public enum FormatRecord: Sendable, Equatable {
    /// Starts a document. `autosize` asks the outputter to size table columns (or wide items) from
    /// every object of a group instead of the view's widths.
    case formatStart(FormatShapeInfo, autosize: Bool)
    /// `label` is the group header line (e.g. `   State: Off`), nil for the implicit single group.
    case groupStart(label: String?)
    case tableRow([TableCell], wrap: Bool)
    case listEntry([ListField])
    case wideEntry(String)
    /// One object of a custom view.
    case complexEntry([ComplexItem])
    case groupEnd
    case formatEnd
    /// Text written as is (scalars, strings, and the blank line between groups).
    case rawText(String)
    /// An object shown as a list outside the current document (it did not fit the current view).
    case outOfBandList([ListField])
}
