// Reads a format.ps1xml file (PowerShell's formatting file schema) into views: selection sets,
// shared custom controls, and views with a TableControl, ListControl, WideControl or CustomControl.
// Problems are collected as PowerShell words them ("Error at XPath ... in file ...: ...") so the
// caller can refuse the whole file, as Update-FormatData does.

public final class FormatXmlLoader {
    public let path: String
    private let makeScript: (String) throws -> PSScriptBlock
    public private(set) var errors: [String] = []
    private var xpath: [String] = []
    private var selectionSets: [String: [String]] = [:]
    private var controls: [String: CustomControl] = [:]

    public init(path: String, makeScript: @escaping (String) throws -> PSScriptBlock) {
        self.path = path
        self.makeScript = makeScript
    }

    /// The views of the file's text; `errors` is non-empty when the file is not valid.
    public func load(_ source: String) -> [FormatView] {
        let doc: XmlNode
        do {
            doc = try XmlParser.parse(source, preserveWhitespace: true)
        } catch let e as XmlParseError {
            errors.append("Error in file \(path): \(e.message)")
            return []
        } catch {
            errors.append("Error in file \(path): \(error)")
            return []
        }
        guard let root = doc.documentElement, root.name == "Configuration" else {
            errors.append("Error at XPath \(doc.documentElement.map { "/" + $0.name } ?? "/") in file \(path): Node Configuration is missing.")
            return []
        }
        xpath = ["Configuration"]
        for section in elements(root) where section.name == "SelectionSets" {
            for set in elements(section) where set.name == "SelectionSet" {
                guard let name = childText(set, "Name") else { continue }
                let types = elements(set).first { $0.name == "Types" }.map { elements($0).filter { $0.name == "TypeName" }.map(trimmedText) } ?? []
                selectionSets[name] = types
            }
        }
        for section in elements(root) where section.name == "Controls" {
            xpath.append("Controls")
            for (i, c) in elements(section).filter({ $0.name == "Control" }).enumerated() {
                xpath.append("Control[\(i + 1)]")
                if let name = childText(c, "Name"), let cc = child(c, "CustomControl") {
                    controls[name] = customControl(cc)
                } else {
                    report("Node \(child(c, "Name") == nil ? "Name" : "CustomControl") is missing.")
                }
                xpath.removeLast()
            }
            xpath.removeLast()
        }
        var views: [FormatView] = []
        for section in elements(root) where section.name == "ViewDefinitions" {
            xpath.append("ViewDefinitions")
            for (i, v) in elements(section).filter({ $0.name == "View" }).enumerated() {
                xpath.append("View[\(i + 1)]")
                if var view = self.view(v) {
                    view.namedControls = controls
                    view.sourceFile = path
                    views.append(view)
                }
                xpath.removeLast()
            }
            xpath.removeLast()
        }
        return views
    }

    // MARK: - Views

    private func view(_ v: XmlNode) -> FormatView? {
        guard let name = childText(v, "Name") else { report("Node Name is missing."); return nil }
        guard let selected = child(v, "ViewSelectedBy") else { report("Node ViewSelectedBy is missing."); return nil }
        var typeNames: [String] = []
        for s in elements(selected) {
            switch s.name {
            case "TypeName": typeNames.append(trimmedText(s))
            case "SelectionSetName": typeNames += selectionSets[trimmedText(s)] ?? []
            default: break
            }
        }
        if typeNames.isEmpty { report("No type or condition is specified for applying the view."); return nil }
        var view: FormatView
        if let t = child(v, "TableControl") {
            view = FormatView(name: name, typeNames: typeNames, table: tableColumns(t))
            view.autoSize = child(t, "AutoSize").map { _ in true }
            view.hideTableHeaders = child(t, "HideTableHeaders").map { trimmedText($0).lowercased() != "false" } ?? false
            if let row = defaultEntry(child(t, "TableRowEntries"), "TableRowEntry") {
                view.wrapRows = child(row, "Wrap") != nil
            }
        } else if let l = child(v, "ListControl") {
            view = FormatView(name: name, typeNames: typeNames, list: listItems(l))
        } else if let w = child(v, "WideControl") {
            let entry = defaultEntry(child(w, "WideEntries"), "WideEntry")
            let item = entry.flatMap { child($0, "WideItem") }
            view = FormatView(name: name, typeNames: typeNames, wide: item.flatMap(value) ?? .property("Name"))
            view.autoSize = child(w, "AutoSize").map { _ in true }
            view.wideColumns = child(w, "ColumnNumber").flatMap { Int(trimmedText($0)) }
        } else if let c = child(v, "CustomControl") {
            view = FormatView(name: name, typeNames: typeNames, custom: customControl(c))
        } else {
            report("A node is missing from TableControl, ListControl, WideControl, CustomControl.")
            return nil
        }
        if let g = child(v, "GroupBy") {
            let label = childText(g, "Label") ?? childText(g, "PropertyName") ?? ""
            if let gv = value(g) { view.groupBy = (label, gv) }
            if let cc = child(g, "CustomControl") {
                view.groupByControl = customControl(cc)
            } else if let ref = childText(g, "CustomControlName") {
                view.groupByControl = controls[ref]
            }
        }
        view.outOfBand = child(v, "OutOfBand") != nil
        return view
    }

    private func tableColumns(_ t: XmlNode) -> [TableColumn] {
        let headers = child(t, "TableHeaders").map { elements($0).filter { $0.name == "TableColumnHeader" } } ?? []
        let row = defaultEntry(child(t, "TableRowEntries"), "TableRowEntry")
        let items = row.flatMap { child($0, "TableColumnItems") }.map { elements($0).filter { $0.name == "TableColumnItem" } } ?? []
        if !headers.isEmpty && headers.count != items.count {
            report("The header item count = \(headers.count) does not match default row item count = \(items.count).")
        }
        var columns: [TableColumn] = []
        for (k, item) in items.enumerated() {
            let header = k < headers.count ? headers[k] : nil
            let v = value(item) ?? .property("")
            var label = header.flatMap { childText($0, "Label") } ?? ""
            if label.isEmpty, case .property(let p) = v { label = p }
            let width = header.flatMap { childText($0, "Width") }.flatMap { Int($0) }
            let align = alignment(childText(item, "Alignment") ?? header.flatMap { childText($0, "Alignment") })
            columns.append(TableColumn(label, width: width, alignment: align, value: v, formatString: childText(item, "FormatString")))
        }
        return columns
    }

    private func alignment(_ text: String?) -> FormatAlignment {
        switch text?.lowercased() {
        case "left": return .left
        case "right": return .right
        case "center": return .center
        default: return .undefined
        }
    }

    private func listItems(_ l: XmlNode) -> [ListItem] {
        let entries = child(l, "ListEntries").map { elements($0).filter { $0.name == "ListEntry" } } ?? []
        if entries.isEmpty { report("Node ListEntries is missing."); return [] }
        var selectedTypes: [String] = []
        var result: [ListItem] = []
        var defaults: [ListItem] = []
        for e in entries {
            let only = child(e, "EntrySelectedBy").map { elements($0).filter { $0.name == "TypeName" }.map(trimmedText) }
            if let only { selectedTypes += only }
            for i in child(e, "ListItems").map({ elements($0).filter { $0.name == "ListItem" } }) ?? [] {
                let v = value(i) ?? .property("")
                var label = childText(i, "Label") ?? ""
                if label.isEmpty, case .property(let p) = v { label = p }
                var item = ListItem(label, value: v, formatString: childText(i, "FormatString"), onlyForTypes: only)
                item.condition = child(i, "ItemSelectionCondition").flatMap(value)
                if only == nil { defaults.append(item) } else { result.append(item) }
            }
        }
        if !selectedTypes.isEmpty { for k in defaults.indices { defaults[k].exceptForTypes = selectedTypes } }
        return defaults + result
    }

    // MARK: - Custom controls

    private func customControl(_ c: XmlNode) -> CustomControl {
        let entries = child(c, "CustomEntries").map { elements($0).filter { $0.name == "CustomEntry" } } ?? []
        var result: [CustomControlEntry] = []
        for e in entries {
            var selectors: [EntrySelector]?
            if let sel = child(e, "EntrySelectedBy") {
                selectors = []
                for s in elements(sel) {
                    switch s.name {
                    case "TypeName": selectors!.append(.typeName(trimmedText(s)))
                    case "SelectionSetName": selectors! += (selectionSets[trimmedText(s)] ?? []).map { .typeName($0) }
                    case "SelectionCondition":
                        if let cond = value(s) { selectors!.append(.condition(typeName: childText(s, "TypeName"), cond)) }
                    default: break
                    }
                }
            }
            let items = child(e, "CustomItem").map(tokens) ?? []
            result.append(CustomControlEntry(selectedBy: selectors, items: items))
        }
        return CustomControl(entries: result)
    }

    private func tokens(_ item: XmlNode) -> [CustomControlToken] {
        var out: [CustomControlToken] = []
        for n in elements(item) {
            switch n.name {
            case "Text": out.append(.text(n.innerText))
            case "NewLine": out.append(.newLine(1))
            case "Frame":
                let left = childText(n, "LeftIndent").flatMap { Int($0) } ?? 0
                let right = childText(n, "RightIndent").flatMap { Int($0) } ?? 0
                var first = childText(n, "FirstLineIndent").flatMap { Int($0) } ?? 0
                if let hanging = childText(n, "FirstLineHanging").flatMap({ Int($0) }) { first = -hanging }
                out.append(.frame(left: left, right: right, firstLine: first, child(n, "CustomItem").map(tokens) ?? []))
            case "ExpressionBinding":
                var control: CustomControlReference?
                if let cc = child(n, "CustomControl") { control = .inline(customControl(cc)) } else if let name = childText(n, "CustomControlName") {
                    control = .named(name)
                }
                out.append(.expression(ExpressionBinding(
                    value: value(n), enumerateCollection: child(n, "EnumerateCollection") != nil,
                    condition: child(n, "ItemSelectionCondition").flatMap(value), control: control,
                    formatString: childText(n, "FormatString"))))
            default: break
            }
        }
        return out
    }

    // MARK: - XML helpers

    /// A `PropertyName` or `ScriptBlock` child as a value source.
    private func value(_ n: XmlNode) -> FormatValue? {
        if let p = childText(n, "PropertyName") { return .property(p) }
        if let s = child(n, "ScriptBlock") {
            do { return .scriptBlock(try makeScript(trimmedText(s))) } catch {
                report("Script block \"\(trimmedText(s))\" is not valid.")
            }
        }
        return nil
    }

    /// The entry without EntrySelectedBy (else the first).
    private func defaultEntry(_ list: XmlNode?, _ name: String) -> XmlNode? {
        guard let list else { return nil }
        let entries = elements(list).filter { $0.name == name }
        return entries.first { child($0, "EntrySelectedBy") == nil } ?? entries.first
    }

    private func elements(_ n: XmlNode) -> [XmlNode] { n.children.filter { $0.kind == .element } }
    private func child(_ n: XmlNode, _ name: String) -> XmlNode? { n.children.first { $0.kind == .element && $0.name == name } }
    private func trimmedText(_ n: XmlNode) -> String { n.innerText.trimmingSpaces() }
    private func childText(_ n: XmlNode, _ name: String) -> String? { child(n, name).map(trimmedText) }

    private func report(_ message: String) {
        errors.append("Error at XPath /\(xpath.joined(separator: "/")) in file \(path): \(message)")
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
