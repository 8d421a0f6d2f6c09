// Format-Custom's view of an object that has no custom view of its own (PowerShell's
// ComplexViewObjectBrowser): `class ShortTypeName`, then `{`, one `name = value` line per property
// and `}`; a property holding an object opens a nested class block under it, a collection a `[ ]`
// block of its items (at most $FormatEnumerationLimit, then `…`), each nesting indented two cells.
// Below the depth limit (-Depth, 5 by default) objects print as their string.

import PSRuntime

struct CustomViewBuilder {
    let maxDepth: Int
    let limit: Int
    /// -DisplayError: a property that fails shows `#ERR`.
    let displayError: Bool
    /// The properties shown for an object given no -Property (its display set, else all of them).
    let defaultProperties: (PSValue) -> [PropertySpec]
    let evaluate: (PropertySpec, PSValue) throws -> PSValue?

    private static let step = 2

    /// The items of one top-level object.
    func entry(_ value: PSValue, properties: [PropertySpec]?) throws -> [ComplexItem] {
        if PropertyAccess.isScalar(value) { return [.text(leafText(value)), .newLine] }
        if let items = CustomViewBuilder.elements(value) { return try enumeration(items, level: 0) }
        return try object(value, level: 0, properties: properties)
    }

    private func indented(_ items: [ComplexItem]) -> ComplexItem {
        .frame(left: CustomViewBuilder.step, right: 0, firstLine: 0, items)
    }

    private func object(_ value: PSValue, level: Int, properties: [PropertySpec]?) throws -> [ComplexItem] {
        try StackGuard.ensureSufficientStack()
        var body: [ComplexItem] = []
        let specs = properties ?? defaultProperties(value)
        for spec in specs {
            body.append(.text(spec.displayName + " = "))
            let v: PSValue?
            do {
                v = try evaluate(spec, value)
            } catch let e as PSPipelineStop {
                throw e
            } catch {
                v = .string(displayError ? "#ERR" : "")
            }
            let depth = spec.depth ?? maxDepth
            let val = v ?? .null
            if let items = CustomViewBuilder.elements(val) {
                body.append(.newLine)
                body.append(indented(try enumeration(items, level: level + 1, maxDepth: depth)))
            } else if val.isNull || isLeaf(val, level: level, maxDepth: depth) {
                body += [.text(leafText(val)), .newLine]
            } else {
                body.append(.newLine)
                body.append(indented(try object(val, level: level + 1, properties: nil)))
            }
        }
        return [.text("class " + CustomViewBuilder.displayName(value)), .newLine, .text("{"), .newLine,
                indented(body), .text("}"), .newLine]
    }

    private func enumeration(_ items: [PSValue], level: Int, maxDepth: Int? = nil) throws -> [ComplexItem] {
        let depth = maxDepth ?? self.maxDepth
        var inner: [ComplexItem] = []
        for (k, x) in items.enumerated() {
            if limit >= 0 && k == limit {
                inner += [.text(ValueText.ellipsis), .newLine]
                break
            }
            if isLeaf(x, level: level, maxDepth: depth) {
                inner += [.text(leafText(x)), .newLine]
            } else if let nested = CustomViewBuilder.elements(x) {
                inner.append(.newLine)
                inner.append(indented(try enumeration(nested, level: level + 1, maxDepth: depth)))
            } else {
                inner += try object(x, level: level + 1, properties: nil)
            }
        }
        return [.text("["), .newLine, indented(inner), .text("]"), .newLine, .newLine]
    }

    private func isLeaf(_ v: PSValue, level: Int, maxDepth: Int) -> Bool {
        level >= maxDepth || v.isNull || PropertyAccess.isScalar(v)
    }

    private func leafText(_ v: PSValue) -> String { ValueText.cell(v, limit: limit, isTable: false) }

    /// The items formatting walks for a collection: an array's elements, a dictionary's entries.
    static func elements(_ v: PSValue) -> [PSValue]? {
        switch v {
        case .array(let a): return a.elements
        case .hashtable(let h):
            if h.generic != nil { return h.pairs.map { PropertyAccess.keyValuePair(key: $0.0, value: $0.1) } }
            return h.pairs.map { PropertyAccess.dictionaryEntry(key: $0.0, value: $0.1) }
        case .object(let o):
            if let base = o.baseValue, o.properties.isEmpty { return elements(base) }
            return nil
        default: return nil
        }
    }

    /// The last dotted part of the object's most specific type name.
    static func displayName(_ v: PSValue) -> String {
        guard let first = v.typeNames.first else { return "PSObject" }
        return String(first.split(separator: ".", omittingEmptySubsequences: false).last ?? Substring(first))
    }
}
