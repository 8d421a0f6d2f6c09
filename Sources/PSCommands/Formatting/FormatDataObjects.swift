// What Get-FormatData returns: PowerShell's ExtendedTypeDefinition (the type names a set of views
// applies to) with one FormatViewDefinition per view, whose Control describes the table, list,
// wide or custom layout. Each definition keeps its views so Export-FormatData can write them.

import PSRuntime

final class FormatViewsBox {
    let views: [FormatView]
    init(_ views: [FormatView]) { self.views = views }
}

enum FormatDataObjects {
    static let namespace = "System.Management.Automation."
    static let typeDefinitionType = namespace + "ExtendedTypeDefinition"

    /// The registered views grouped by the type names they apply to, in lookup order.
    static func definitions(_ table: FormatViewTable) -> [(typeNames: [String], views: [FormatView])] {
        var order: [String] = []
        var groups: [String: (typeNames: [String], views: [FormatView])] = [:]
        for v in table.allViews {
            let key = v.typeNames.map { $0.lowercased() }.sorted().joined(separator: "\u{0}")
            if groups[key] == nil { order.append(key); groups[key] = (v.typeNames, []) }
            groups[key]!.views.append(v)
        }
        return order.map { groups[$0]! }
    }

    static func typeDefinition(typeNames: [String], views: [FormatView]) -> PSValue {
        let o = PSObject(typeNames: [typeDefinitionType, "System.Object"], baseObject: FormatViewsBox(views))
        let first = typeNames.first ?? ""
        o.addNote("TypeName", .string(first))
        o.addNote("TypeNames", .list(typeNames.map { .string($0) }))
        o.addNote("FormatViewDefinition", .list(views.map(viewDefinition)))
        o.toStringHandler = { _ in first }
        return .object(o)
    }

    static func views(of value: PSValue) -> [FormatView]? {
        if case .object(let o) = value.unwrapped, let box = o.baseObject as? FormatViewsBox { return box.views }
        return nil
    }

    private static func object(_ name: String, _ props: [(String, PSValue)]) -> PSValue {
        let o = PSObject(typeNames: [namespace + name, "System.Object"])
        for (n, v) in props { o.addNote(n, v) }
        let full = namespace + name
        o.toStringHandler = { _ in full }
        return .object(o)
    }

    private static func viewDefinition(_ v: FormatView) -> PSValue {
        object("FormatViewDefinition", [("Name", .string(v.name)), ("Control", control(v))])
    }

    static func displayEntry(_ value: FormatValue, label: String) -> PSValue {
        let (kind, text): (String, String)
        switch value {
        case .property(let p): (kind, text) = ("Property", p)
        case .scriptBlock(let b): (kind, text) = ("ScriptBlock", b.text)
        case .computed: (kind, text) = ("Property", label)
        }
        let o = PSObject(typeNames: [namespace + "DisplayEntry", "System.Object"])
        o.addNote("ValueType", .enumValue(displayEntryValueType.value(named: kind)!))
        o.addNote("Value", .string(text))
        o.toStringHandler = { _ in (kind == "Property" ? "property: " : "script: ") + text }
        return .object(o)
    }

    static let displayEntryValueType = PSEnumType(fullName: namespace + "DisplayEntryValueType",
                                                  members: [("Property", 0), ("ScriptBlock", 1)])
    static let alignmentType = PSEnumType(fullName: namespace + "Alignment",
                                          members: [("Undefined", 0), ("Left", 1), ("Center", 2), ("Right", 3)])

    private static func alignment(_ a: FormatAlignment) -> PSValue {
        .enumValue(alignmentType.value(named: FormatXmlWriter.alignmentName(a))!)
    }

    private static func groupBy(_ v: FormatView) -> PSValue {
        guard let g = v.groupBy else { return .null }
        return object("PSControlGroupBy", [("Expression", displayEntry(g.value, label: g.label)),
                                           ("Label", g.label.isEmpty ? .null : .string(g.label)), ("CustomControl", .null)])
    }

    private static func control(_ v: FormatView) -> PSValue {
        let common: [(String, PSValue)] = [("GroupBy", groupBy(v)), ("OutOfBand", .bool(v.outOfBand))]
        switch v.kind {
        case .table:
            let headers = v.tableColumns.map {
                object("TableControlColumnHeader", [("Label", .string($0.label)), ("Alignment", alignment($0.alignment)),
                                                    ("Width", .int(Int32($0.width ?? 0)))])
            }
            let columns = v.tableColumns.map {
                object("TableControlColumn", [("Alignment", alignment($0.alignment)), ("DisplayEntry", displayEntry($0.value, label: $0.label)),
                                              ("FormatString", $0.formatString.map { .string($0) } ?? .null)])
            }
            let row = object("TableControlRow", [("Columns", .list(columns)), ("SelectedBy", .null), ("Wrap", .bool(v.wrapRows))])
            return object("TableControl", [("Headers", .list(headers)), ("Rows", .list([row])), ("AutoSize", .bool(v.autoSize ?? false)),
                                           ("HideTableHeaders", .bool(v.hideTableHeaders))] + common)
        case .list:
            let items = v.listItems.map {
                object("ListControlEntryItem", [("Label", .string($0.label)), ("DisplayEntry", displayEntry($0.value, label: $0.label)),
                                                ("ItemSelectionCondition", $0.condition.map { displayEntry($0, label: "") } ?? .null),
                                                ("FormatString", $0.formatString.map { .string($0) } ?? .null)])
            }
            let entry = object("ListControlEntry", [("Items", .list(items)), ("SelectedBy", .list([])), ("EntrySelectedBy", .null)])
            return object("ListControl", [("Entries", .list([entry]))] + common)
        case .wide:
            let item = object("WideControlEntryItem", [("DisplayEntry", displayEntry(v.wideValue ?? .property("Name"), label: "Name")),
                                                       ("SelectedBy", .list([])), ("EntrySelectedBy", .null), ("FormatString", .null)])
            return object("WideControl", [("Entries", .list([item])), ("AutoSize", .bool(v.autoSize ?? false)),
                                          ("Columns", .uint32(UInt32(v.wideColumns ?? 0)))] + common)
        case .custom:
            let entries = (v.customControl?.entries ?? []).map { e in
                object("CustomControlEntry", [("SelectedBy", e.selectedBy == nil ? .null : .list(e.selectedBy!.compactMap { s in
                    if case .typeName(let t) = s { return .string(t) }
                    return nil
                })), ("CustomItems", .list([]))])
            }
            return object("CustomControl", [("Entries", .list(entries))] + common)
        }
    }
}
