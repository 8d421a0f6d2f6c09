/// Display data a module registers for its object types (PowerShell's format.ps1xml views). The
/// formatting engine (PSCommands) reads these; the runtime only stores them.
public struct FormatView {
    public enum Kind: Sendable { case table, list, wide, custom }

    public var name: String
    /// The type names the view applies to (matched against an object's `typeNames`, most specific first).
    public var typeNames: [String]
    public var kind: Kind
    public var tableColumns: [TableColumn]
    public var listItems: [ListItem]
    /// The property shown by Format-Wide.
    public var wideValue: FormatValue?
    /// `GroupBy`: objects are grouped under a header when this value changes.
    public var groupBy: (label: String, value: FormatValue)?
    /// The group header line for a group's value; nil gives Format-Table -GroupBy's `   label: value`
    /// (the file system views print `    Directory: /path` instead).
    public var groupHeader: (@Sendable (String) -> String)?
    /// Table rows wrap long values onto more lines instead of truncating them (`wrap="true"` in a
    /// PowerShell row definition), as if -Wrap were given.
    public var wrapRows = false
    /// The view's own CustomControl (a `.custom` view), or the control that writes its group headers.
    public var customControl: CustomControl?
    public var groupByControl: CustomControl?
    /// Named controls of the file the view came from (`<Controls>`), for CustomControlName references.
    public var namedControls: [String: CustomControl] = [:]
    /// Table options the view sets itself.
    public var autoSize: Bool?
    public var hideTableHeaders = false
    /// Wide views: how many columns (`<ColumnNumber>`); nil: as many as fit.
    public var wideColumns: Int?
    /// `<OutOfBand/>`: objects of the type are shown by this view wherever they appear.
    public var outOfBand = false
    /// The format.ps1xml file the view was loaded from (nil: built in).
    public var sourceFile: String?

    public init(name: String, typeNames: [String], table columns: [TableColumn]) {
        self.name = name
        self.typeNames = typeNames
        self.kind = .table
        self.tableColumns = columns
        self.listItems = []
    }

    public init(name: String, typeNames: [String], list items: [ListItem]) {
        self.name = name
        self.typeNames = typeNames
        self.kind = .list
        self.tableColumns = []
        self.listItems = items
    }

    public init(name: String, typeNames: [String], custom control: CustomControl) {
        self.name = name
        self.typeNames = typeNames
        self.kind = .custom
        self.tableColumns = []
        self.listItems = []
        self.customControl = control
    }

    public init(name: String, typeNames: [String], wide value: FormatValue) {
        self.name = name
        self.typeNames = typeNames
        self.kind = .wide
        self.tableColumns = []
        self.listItems = []
        self.wideValue = value
    }
}

/// Column alignment in a table view.
public enum FormatAlignment: Sendable { case undefined, left, center, right }

/// What a column or list entry shows: a property by name, or a value computed from the object.
public enum FormatValue {
    case property(String)
    case computed((PSValue) throws -> PSValue)
    case scriptBlock(PSScriptBlock)
}

public struct TableColumn {
    public var label: String
    /// Fixed width; nil lets the engine size the column.
    public var width: Int?
    public var alignment: FormatAlignment
    public var value: FormatValue
    /// Optional `-f` style format string (`{0:N2}`).
    public var formatString: String?

    public init(_ label: String, width: Int? = nil, alignment: FormatAlignment = .undefined,
                value: FormatValue? = nil, formatString: String? = nil) {
        self.label = label
        self.width = width
        self.alignment = alignment
        self.value = value ?? .property(label)
        self.formatString = formatString
    }
}

public struct ListItem {
    public var label: String
    public var value: FormatValue
    public var formatString: String?
    /// Shown only for objects of one of these type names (PowerShell's `EntrySelectedBy`); nil: all.
    public var onlyForTypes: [String]?
    /// Not shown for objects of these type names (the default entry of a view whose other entries
    /// are selected by type).
    public var exceptForTypes: [String]?
    /// `ItemSelectionCondition`: shown only when this is true for the object.
    public var condition: FormatValue?

    public init(_ label: String, value: FormatValue? = nil, formatString: String? = nil, onlyForTypes: [String]? = nil) {
        self.label = label
        self.value = value ?? .property(label)
        self.formatString = formatString
        self.onlyForTypes = onlyForTypes
    }
}

/// Every registered view, looked up by an object's type names: the views of format files loaded
/// with Update-FormatData -PrependPath first, then the modules' own, then those of -AppendPath files.
public final class FormatViewTable {
    private var builtin: [FormatView] = []
    private var byType: [String: [FormatView]] = [:]
    /// The format files loaded into the session, in the order Update-FormatData keeps them.
    public private(set) var prependedFiles: [String] = []
    public private(set) var appendedFiles: [String] = []
    private var prepended: [FormatView] = []
    private var appended: [FormatView] = []

    public init() {}

    public func add(_ view: FormatView) {
        builtin.append(view)
        if prepended.isEmpty && appended.isEmpty {
            for t in view.typeNames { byType[t.lowercased(), default: []].append(view) }
        } else {
            rebuild()
        }
    }

    /// Replaces the views of loaded format files (Update-FormatData reloads all of them at once).
    public func setFileViews(prependFiles: [String], prepend: [FormatView], appendFiles: [String], append: [FormatView]) {
        prependedFiles = prependFiles
        appendedFiles = appendFiles
        prepended = prepend
        appended = append
        rebuild()
    }

    private func rebuild() {
        byType = [:]
        for v in prepended + builtin + appended {
            for t in v.typeNames { byType[t.lowercased(), default: []].append(v) }
        }
    }

    /// Every view in lookup order (Get-FormatData).
    public var allViews: [FormatView] { prepended + builtin + appended }

    /// The views for the first of `typeNames` that has any, in registration order.
    public func views(for typeNames: [String]) -> [FormatView] {
        for t in typeNames { if let v = byType[t.lowercased()], !v.isEmpty { return v } }
        return []
    }

    /// The first view of a kind for an object (Format-Table picks `.table`, Format-List `.list`).
    public func view(for typeNames: [String], kind: FormatView.Kind) -> FormatView? {
        for t in typeNames { if let v = byType[t.lowercased()]?.first(where: { $0.kind == kind }) { return v } }
        return nil
    }
}
