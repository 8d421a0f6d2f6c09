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
        begin("View", depth)
        leaf("Name", v.name, depth + 1)
        begin("ViewSelectedBy", depth + 1)
        for t in v.typeNames { leaf("TypeName", t, depth + 2) }
        end("ViewSelectedBy", depth + 1)
        if let g = v.groupBy {
            begin("GroupBy", depth + 1)
            value(g.value, label: g.label, depth + 2)
            if !g.label.isEmpty { leaf("Label", g.label, depth + 2) }
            end("GroupBy", depth + 1)
        }
        if v.outOfBand { leaf("OutOfBand", "true", depth + 1) }
        switch v.kind {
        case .table:
            begin("TableControl", depth + 1)
            if v.autoSize == true { leaf("AutoSize", "true", depth + 2) }
            if v.hideTableHeaders { leaf("HideTableHeaders", "true", depth + 2) }
            begin("TableHeaders", depth + 2)
            for c in v.tableColumns {
                begin("TableColumnHeader", depth + 3)
                leaf("Label", c.label, depth + 4)
                if let w = c.width { leaf("Width", String(w), depth + 4) }
                if c.alignment != .undefined { leaf("Alignment", Self.alignmentName(c.alignment), depth + 4) }
                end("TableColumnHeader", depth + 3)
            }
            end("TableHeaders", depth + 2)
            begin("TableRowEntries", depth + 2)
            begin("TableRowEntry", depth + 3)
            if v.wrapRows { leaf("Wrap", "true", depth + 4) }
            begin("TableColumnItems", depth + 4)
            for c in v.tableColumns {
                begin("TableColumnItem", depth + 5)
                value(c.value, label: c.label, depth + 6)
                if let f = c.formatString { leaf("FormatString", f, depth + 6) }
                end("TableColumnItem", depth + 5)
            }
            end("TableColumnItems", depth + 4)
            end("TableRowEntry", depth + 3)
            end("TableRowEntries", depth + 2)
            end("TableControl", depth + 1)
        case .list:
            begin("ListControl", depth + 1)
            begin("ListEntries", depth + 2)
            begin("ListEntry", depth + 3)
            begin("ListItems", depth + 4)
            for i in v.listItems {
                begin("ListItem", depth + 5)
                leaf("Label", i.label, depth + 6)
                value(i.value, label: i.label, depth + 6)
                if let f = i.formatString { leaf("FormatString", f, depth + 6) }
                end("ListItem", depth + 5)
            }
            end("ListItems", depth + 4)
            end("ListEntry", depth + 3)
            end("ListEntries", depth + 2)
            end("ListControl", depth + 1)
        case .wide:
            begin("WideControl", depth + 1)
            if let n = v.wideColumns { leaf("ColumnNumber", String(n), depth + 2) }
            begin("WideEntries", depth + 2)
            begin("WideEntry", depth + 3)
            begin("WideItem", depth + 4)
            value(v.wideValue ?? .property("Name"), label: "Name", depth + 5)
            end("WideItem", depth + 4)
            end("WideEntry", depth + 3)
            end("WideEntries", depth + 2)
            end("WideControl", depth + 1)
        case .custom:
            begin("CustomControl", depth + 1)
            if let c = v.customControl { customEntries(c, depth + 2) }
            end("CustomControl", depth + 1)
        }
        end("View", depth)
    }

    private mutating func customEntries(_ c: CustomControl, _ depth: Int) {
        begin("CustomEntries", depth)
        for e in c.entries {
            begin("CustomEntry", depth + 1)
            if let sel = e.selectedBy {
                begin("EntrySelectedBy", depth + 2)
                for s in sel {
                    switch s {
                    case .typeName(let t): leaf("TypeName", t, depth + 3)
                    case .condition(let t, let cond):
                        begin("SelectionCondition", depth + 3)
                        if let t { leaf("TypeName", t, depth + 4) }
                        value(cond, label: "", depth + 4)
                        end("SelectionCondition", depth + 3)
                    }
                }
                end("EntrySelectedBy", depth + 2)
            }
            begin("CustomItem", depth + 2)
            tokens(e.items, depth + 3)
            end("CustomItem", depth + 2)
            end("CustomEntry", depth + 1)
        }
        end("CustomEntries", depth)
    }

    private mutating func tokens(_ items: [CustomControlToken], _ depth: Int) {
        for t in items {
            switch t {
            case .text(let s): leaf("Text", s, depth)
            case .newLine(let n): for _ in 0..<n { lines.append(pad(depth) + "<NewLine />") }
            case .frame(let left, let right, let first, let inner):
                begin("Frame", depth)
                if left != 0 { leaf("LeftIndent", String(left), depth + 1) }
                if right != 0 { leaf("RightIndent", String(right), depth + 1) }
                if first > 0 { leaf("FirstLineIndent", String(first), depth + 1) }
                if first < 0 { leaf("FirstLineHanging", String(-first), depth + 1) }
                begin("CustomItem", depth + 1)
                tokens(inner, depth + 2)
                end("CustomItem", depth + 1)
                end("Frame", depth)
            case .expression(let b):
                begin("ExpressionBinding", depth)
                if let v = b.value { value(v, label: "", depth + 1) }
                if b.enumerateCollection { lines.append(pad(depth + 1) + "<EnumerateCollection />") }
                if let f = b.formatString { leaf("FormatString", f, depth + 1) }
                if let c = b.control {
                    switch c {
                    case .named(let n): leaf("CustomControlName", n, depth + 1)
                    case .inline(let inner):
                        begin("CustomControl", depth + 1)
                        customEntries(inner, depth + 2)
                        end("CustomControl", depth + 1)
                    }
                }
                end("ExpressionBinding", depth)
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
    private mutating func begin(_ tag: String, _ depth: Int) { lines.append(pad(depth) + "<\(tag)>") }
    private mutating func end(_ tag: String, _ depth: Int) { lines.append(pad(depth) + "</\(tag)>") }
    private mutating func leaf(_ tag: String, _ text: String, _ depth: Int) {
        lines.append(pad(depth) + "<\(tag)>\(XmlWriter.escapeText(text))</\(tag)>")
    }
}
