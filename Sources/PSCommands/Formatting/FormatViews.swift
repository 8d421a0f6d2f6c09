// Views that modules register for their object types, keyed by PowerShell type name
// (e.g. "Microsoft.HyperV.PowerShell.VirtualMachine"). An object whose type name chain has a view is
// shown with that view's first registered shape unless Format-Table/List/Wide asks for another.
// See docs/format-views.md.

import Foundation

/// Where a column or list item gets its value from.
public struct FormatValueSource: @unchecked Sendable {
    enum Kind {
        case property(String)
        case computed(@Sendable (Any) -> Any?)
    }
    let kind: Kind

    /// The value of the object's property `name` (PowerShell property lookup, case-insensitive).
    public static func property(_ name: String) -> FormatValueSource { FormatValueSource(kind: .property(name)) }

    /// A value computed in Swift. The closure receives the object's base value (the Swift value a
    /// cmdlet wrote to the pipeline) when it is a `T`, else the object wrapper itself when that is a
    /// `T`; for anything else the cell is empty. Whatever it returns is formatted like a property
    /// value (numbers, booleans, collections `{a, b}`, nil as empty).
    public static func computed<T>(_ type: T.Type = T.self, _ body: @escaping @Sendable (T) -> Any?) -> FormatValueSource {
        FormatValueSource(kind: .computed({ any in
            if let t = any as? T { return body(t) }
            return nil
        }))
    }

    /// The property name, when this source is a plain property.
    public var propertyName: String? {
        if case .property(let n) = kind { return n }
        return nil
    }
}

public struct TableViewColumn: Sendable {
    public var label: String
    /// 0: sized from the data.
    public var width: Int
    /// `.undefined`: left, as in PowerShell views.
    public var alignment: FormatAlignment
    public var value: FormatValueSource

    public init(_ label: String, width: Int = 0, alignment: FormatAlignment = .undefined, value: FormatValueSource) {
        self.label = label
        self.width = width
        self.alignment = alignment
        self.value = value
    }

    /// A column showing property `property`, labelled with `label` (default: the property name).
    public init(property: String, label: String? = nil, width: Int = 0, alignment: FormatAlignment = .undefined) {
        self.init(label ?? property, width: width, alignment: alignment, value: .property(property))
    }
}

public struct FormatGroupBy: Sendable {
    public var label: String
    public var value: FormatValueSource
    public init(label: String, value: FormatValueSource) {
        self.label = label
        self.value = value
    }
}

public struct TableView: Sendable {
    public var name: String
    public var columns: [TableViewColumn]
    public var hideHeader: Bool
    /// Size every column from the data even when widths are given (PowerShell's `<AutoSize/>`).
    public var autoSize: Bool
    public var groupBy: FormatGroupBy?

    public init(name: String = "Table", columns: [TableViewColumn], hideHeader: Bool = false,
                autoSize: Bool = false, groupBy: FormatGroupBy? = nil) {
        self.name = name
        self.columns = columns
        self.hideHeader = hideHeader
        self.autoSize = autoSize
        self.groupBy = groupBy
    }
}

public struct ListViewItem: Sendable {
    public var label: String
    public var value: FormatValueSource
    public init(_ label: String, value: FormatValueSource) {
        self.label = label
        self.value = value
    }
    public init(property: String, label: String? = nil) {
        self.init(label ?? property, value: .property(property))
    }
}

public struct ListView: Sendable {
    public var name: String
    public var items: [ListViewItem]
    public init(name: String = "List", items: [ListViewItem]) {
        self.name = name
        self.items = items
    }
}

public struct WideView: Sendable {
    public var name: String
    public var value: FormatValueSource
    /// 0: as many per line as fit.
    public var columns: Int
    public init(name: String = "Wide", value: FormatValueSource, columns: Int = 0) {
        self.name = name
        self.value = value
        self.columns = columns
    }
}

public enum FormatView: Sendable {
    case table(TableView)
    case list(ListView)
    case wide(WideView)

    public var name: String {
        switch self {
        case .table(let v): return v.name
        case .list(let v): return v.name
        case .wide(let v): return v.name
        }
    }
}

/// The process-wide view registry. Modules register at load time; lookups happen per object.
public final class FormatViewRegistry: @unchecked Sendable {
    public static let shared = FormatViewRegistry()

    // Guarded by `lock`; that is what makes the unchecked Sendable above sound.
    private let lock = NSLock()
    private var views: [String: [FormatView]] = [:]
    private var displayProperties: [String: [String]] = [:]

    public init() {}

    /// Adds `view` for objects whose type name chain contains `typeName` (case-insensitive).
    /// The first view registered for a type is its default shape.
    public func register(_ view: FormatView, for typeName: String) {
        lock.lock(); defer { lock.unlock() }
        views[typeName.lowercased(), default: []].append(view)
    }

    /// The properties Format-List and Select-Object show by default for a type without a list view
    /// (PowerShell's DefaultDisplayPropertySet).
    public func registerDefaultDisplayProperties(_ names: [String], for typeName: String) {
        lock.lock(); defer { lock.unlock() }
        displayProperties[typeName.lowercased()] = names
    }

    /// All views of the first type name in the chain that has any.
    public func views(forTypeNames typeNames: [String]) -> [FormatView] {
        lock.lock(); defer { lock.unlock() }
        for t in typeNames {
            if let v = views[t.lowercased()], !v.isEmpty { return v }
        }
        return []
    }

    public func defaultDisplayProperties(forTypeNames typeNames: [String]) -> [String]? {
        lock.lock(); defer { lock.unlock() }
        for t in typeNames {
            if let p = displayProperties[t.lowercased()] { return p }
        }
        return nil
    }

    public func defaultView(forTypeNames typeNames: [String]) -> FormatView? {
        views(forTypeNames: typeNames).first
    }

    public func tableView(forTypeNames typeNames: [String], named name: String? = nil) -> TableView? {
        for v in views(forTypeNames: typeNames) {
            if case .table(let t) = v, name == nil || t.name.caseInsensitiveCompare(name!) == .orderedSame { return t }
        }
        return nil
    }

    public func listView(forTypeNames typeNames: [String], named name: String? = nil) -> ListView? {
        for v in views(forTypeNames: typeNames) {
            if case .list(let l) = v, name == nil || l.name.caseInsensitiveCompare(name!) == .orderedSame { return l }
        }
        return nil
    }

    public func wideView(forTypeNames typeNames: [String], named name: String? = nil) -> WideView? {
        for v in views(forTypeNames: typeNames) {
            if case .wide(let w) = v, name == nil || w.name.caseInsensitiveCompare(name!) == .orderedSame { return w }
        }
        return nil
    }

    /// Removes everything registered for `typeName` (tests use private registries instead).
    public func unregisterAll(for typeName: String) {
        lock.lock(); defer { lock.unlock() }
        views[typeName.lowercased()] = nil
        displayProperties[typeName.lowercased()] = nil
    }
}
