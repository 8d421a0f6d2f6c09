// Writes views back as a format.ps1xml file (Export-FormatData): the schema FormatXmlLoader reads.
// Views built into hvsh whose values are computed in Swift have no script text; such a value is
// written as its label's property, the nearest thing a format file can say.

public struct FormatXmlWriter {
    /// Script blocks are written only when asked for (-IncludeScriptBlock), as PowerShell does.
    public var includeScriptBlocks: Bool
    private var lines: [String] = []

    public init(includeScriptBlocks: Bool) { self.includeScriptBlocks = includeScriptBlocks }

    public mutating func document(_ views: [FormatView]) -> String {
        lines = ["<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<Configuration>", "  <ViewDefinitions>"]
        for v in views { view(v, 2) }
        lines += ["  </ViewDefinitions>", "</Configuration>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func view(_ v: FormatView, _ depth: Int) {
        open("View", depth)
        leaf("Name", v.name, depth + 1)
        open("ViewSelectedBy", depth + 1)
        for t in v.typeNames { leaf("TypeName", t, depth + 2) }
        close("ViewSelectedBy", depth + 1)
        if let g = v.groupBy {
            open("GroupBy", depth + 1)
            value(g.value, label: g.label, depth + 2)
            if !g.label.isEmpty { leaf("Label", g.label, depth + 2) }
            close("GroupBy", depth + 1)
        }
        if v.outOfBand { leaf("OutOfBand", "true", depth + 1) }
        switch v.kind {
        case .table:
            open("TableControl", depth + 1)
            if v.autoSize == true { leaf("AutoSize", "true", depth + 2) }
            if v.hideTableHeaders { leaf("HideTableHeaders", "true", depth + 2) }
            open("TableHeaders", depth + 2)
            for c in v.tableColumns {
                open("TableColumnHeader", depth + 3)
                leaf("Label", c.label, depth + 4)
                if let w = c.width { leaf("Width", String(w), depth + 4) }
                if c.alignment != .undefined { leaf("Alignment", Self.alignmentName(c.alignment), depth + 4) }
                close("TableColumnHeader", depth + 3)
            }
            close("TableHeaders", depth + 2)
            open("TableRowEntries", depth + 2)
            open("TableRowEntry", depth + 3)
            if v.wrapRows { leaf("Wrap", "true", depth + 4) }
            open("TableColumnItems", depth + 4)
            for c in v.tableColumns {
                open("TableColumnItem", depth + 5)
                value(c.value, label: c.label, depth + 6)
                if let f = c.formatString { leaf("FormatString", f, depth + 6) }
                close("TableColumnItem", depth + 5)
            }
            close("TableColumnItems", depth + 4)
            close("TableRowEntry", depth + 3)
            close("TableRowEntries", depth + 2)
            close("TableControl", depth + 1)
        case .list:
            open("ListControl", depth + 1)
            open("ListEntries", depth + 2)
            open("ListEntry", depth + 3)
            open("ListItems", depth + 4)
            for i in v.listItems {
                open("ListItem", depth + 5)
                leaf("Label", i.label, depth + 6)
                value(i.value, label: i.label, depth + 6)
                if let f = i.formatString { leaf("FormatString", f, depth + 6) }
                close("ListItem", depth + 5)
            }
            close("ListItems", depth + 4)
            close("ListEntry", depth + 3)
            close("ListEntries", depth + 2)
            close("ListControl", depth + 1)
        case .wide:
            open("WideControl", depth + 1)
            if let n = v.wideColumns { leaf("ColumnNumber", String(n), depth + 2) }
            open("WideEntries", depth + 2)
            open("WideEntry", depth + 3)
            open("WideItem", depth + 4)
            value(v.wideValue ?? .property("Name"), label: "Name", depth + 5)
            close("WideItem", depth + 4)
            close("WideEntry", depth + 3)
            close("WideEntries", depth + 2)
            close("WideControl", depth + 1)
        case .custom:
            open("CustomControl", depth + 1)
            if let c = v.customControl { customEntries(c, depth + 2) }
            close("CustomControl", depth + 1)
        }
        close("View", depth)
    }

    private mutating func customEntries(_ c: CustomControl, _ depth: Int) {
        open("CustomEntries", depth)
        for e in c.entries {
            open("CustomEntry", depth + 1)
            if let sel = e.selectedBy {
                open("EntrySelectedBy", depth + 2)
                for s in sel {
                    switch s {
                    case .typeName(let t): leaf("TypeName", t, depth + 3)
                    case .condition(let t, let cond):
                        open("SelectionCondition", depth + 3)
                        if let t { leaf("TypeName", t, depth + 4) }
                        value(cond, label: "", depth + 4)
                        close("SelectionCondition", depth + 3)
                    }
                }
                close("EntrySelectedBy", depth + 2)
            }
            open("CustomItem", depth + 2)
            tokens(e.items, depth + 3)
            close("CustomItem", depth + 2)
            close("CustomEntry", depth + 1)
        }
        close("CustomEntries", depth)
    }

    private mutating func tokens(_ items: [CustomControlToken], _ depth: Int) {
        for t in items {
            switch t {
            case .text(let s): leaf("Text", s, depth)
            case .newLine(let n): for _ in 0..<n { lines.append(pad(depth) + "<NewLine />") }
            case .frame(let left, let right, let first, let inner):
                open("Frame", depth)
                if left != 0 { leaf("LeftIndent", String(left), depth + 1) }
                if right != 0 { leaf("RightIndent", String(right), depth + 1) }
                if first > 0 { leaf("FirstLineIndent", String(first), depth + 1) }
                if first < 0 { leaf("FirstLineHanging", String(-first), depth + 1) }
                open("CustomItem", depth + 1)
                tokens(inner, depth + 2)
                close("CustomItem", depth + 1)
                close("Frame", depth)
            case .expression(let b):
                open("ExpressionBinding", depth)
                if let v = b.value { value(v, label: "", depth + 1) }
                if b.enumerateCollection { lines.append(pad(depth + 1) + "<EnumerateCollection />") }
                if let f = b.formatString { leaf("FormatString", f, depth + 1) }
                if let c = b.control {
                    switch c {
                    case .named(let n): leaf("CustomControlName", n, depth + 1)
                    case .inline(let inner):
                        open("CustomControl", depth + 1)
                        customEntries(inner, depth + 2)
                        close("CustomControl", depth + 1)
                    }
                }
                close("ExpressionBinding", depth)
            }
        }
    }

    private mutating func value(_ v: FormatValue, label: String, _ depth: Int) {
        switch v {
        case .property(let p): leaf("PropertyName", p, depth)
        case .scriptBlock(let b):
            if includeScriptBlocks { leaf("ScriptBlock", b.text, depth) }
        case .computed:
            if !label.isEmpty { leaf("PropertyName", label, depth) }
        }
    }

    public static func alignmentName(_ a: FormatAlignment) -> String {
        switch a {
        case .left: return "Left"
        case .right: return "Right"
        case .center: return "Center"
        case .undefined: return "Undefined"
        }
    }

    private func pad(_ depth: Int) -> String { String(repeating: "  ", count: depth) }
    private mutating func open(_ tag: String, _ depth: Int) { lines.append(pad(depth) + "<\(tag)>") }
    private mutating func close(_ tag: String, _ depth: Int) { lines.append(pad(depth) + "</\(tag)>") }
    private mutating func leaf(_ tag: String, _ text: String, _ depth: Int) {
        lines.append(pad(depth) + "<\(tag)>\(Self.escape(text))</\(tag)>")
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
