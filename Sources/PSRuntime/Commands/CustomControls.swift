/// A custom view's definition (PowerShell's CustomControl in a format.ps1xml file): entries chosen by
/// the object's type or a condition, each a list of tokens that Format-Custom lays out.
public final class CustomControl {
    public var entries: [CustomControlEntry]

    public init(entries: [CustomControlEntry]) { self.entries = entries }
}

public struct CustomControlEntry {
    /// nil: the default entry, used when no other entry selects the object.
    public var selectedBy: [EntrySelector]?
    public var items: [CustomControlToken]

    public init(selectedBy: [EntrySelector]?, items: [CustomControlToken]) {
        self.selectedBy = selectedBy
        self.items = items
    }
}

/// `EntrySelectedBy`: a type name, or a `SelectionCondition` (a type, and a property or script that
/// must be true for the object).
public enum EntrySelector {
    case typeName(String)
    case condition(typeName: String?, FormatValue)
}

public indirect enum CustomControlToken {
    case text(String)
    case newLine(Int)
    /// `Frame`: its tokens indented by `left`/`right` cells; `firstLine` > 0 indents the first line
    /// more, < 0 hangs the lines after it.
    case frame(left: Int, right: Int, firstLine: Int, [CustomControlToken])
    case expression(ExpressionBinding)
}

/// `ExpressionBinding`: a property or script of the object (the object itself when neither), shown
/// as text or through another custom control, optionally item by item.
public struct ExpressionBinding {
    public var value: FormatValue?
    public var enumerateCollection: Bool
    public var condition: FormatValue?
    public var control: CustomControlReference?
    public var formatString: String?

    public init(value: FormatValue?, enumerateCollection: Bool = false, condition: FormatValue? = nil,
                control: CustomControlReference? = nil, formatString: String? = nil) {
        self.value = value
        self.enumerateCollection = enumerateCollection
        self.condition = condition
        self.control = control
        self.formatString = formatString
    }
}

public enum CustomControlReference {
    case inline(CustomControl)
    /// A control of the file's `<Controls>` section, by name.
    case named(String)
}
