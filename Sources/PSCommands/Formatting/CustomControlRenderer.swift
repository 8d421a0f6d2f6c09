// Runs a format file's CustomControl over an object (PowerShell's ComplexControlGenerator): picks
// the entry the object's type or a selection condition chooses, then turns its tokens into the
// writer's items: text, line breaks, indented frames, and expression bindings that print a value
// (each item of it with EnumerateCollection) or hand it to another control, 50 levels at most.

import PSRuntime

struct CustomControlRenderer {
    let namedControls: [String: CustomControl]
    let limit: Int
    let evaluate: (FormatValue, PSValue) throws -> PSValue?

    private static let maxDepth = 50

    func render(_ control: CustomControl, _ value: PSValue) throws -> [ComplexItem] {
        try run(control, value, level: 0)
    }

    private func run(_ control: CustomControl, _ value: PSValue, level: Int) throws -> [ComplexItem] {
        guard level < CustomControlRenderer.maxDepth, let entry = try entry(of: control, for: value) else { return [] }
        try StackGuard.ensureSufficientStack()
        return try tokens(entry.items, value, level: level)
    }

    private func entry(of control: CustomControl, for value: PSValue) throws -> CustomControlEntry? {
        let names = Set(value.typeNames.map { $0.lowercased() })
        for e in control.entries {
            guard let selectors = e.selectedBy else { continue }
            for s in selectors {
                switch s {
                case .typeName(let t):
                    if names.contains(t.lowercased()) { return e }
                case .condition(let t, let cond):
                    if let t, !names.contains(t.lowercased()) { continue }
                    if PSConvert.toBool(try evaluate(cond, value) ?? .null) { return e }
                }
            }
        }
        return control.entries.first { $0.selectedBy == nil }
    }

    private func tokens(_ list: [CustomControlToken], _ value: PSValue, level: Int) throws -> [ComplexItem] {
        var out: [ComplexItem] = []
        for t in list {
            switch t {
            case .text(let s):
                out.append(.text(s))
            case .newLine(let n):
                out += Array(repeating: .newLine, count: n)
            case .frame(let left, let right, let first, let inner):
                out.append(.frame(left: left, right: right, firstLine: first, try tokens(inner, value, level: level)))
            case .expression(let b):
                if let c = b.condition, !PSConvert.toBool(try evaluate(c, value) ?? .null) { continue }
                let v: PSValue? = try b.value.map { try evaluate($0, value) ?? .null } ?? value
                let items = b.enumerateCollection ? CustomViewBuilder.elements(v ?? .null) : nil
                guard let ref = b.control, let control = resolve(ref) else {
                    if let items {
                        for x in items where !x.isNull { out.append(.text(text(x, b.formatString))) }
                    } else {
                        out.append(.text(text(v ?? .null, b.formatString)))
                    }
                    continue
                }
                guard let v, !v.isNull else { continue }
                if let items {
                    for x in items where !x.isNull { out += try run(control, x, level: level + 1) }
                } else {
                    out += try run(control, v, level: level + 1)
                }
            }
        }
        return out
    }

    private func resolve(_ ref: CustomControlReference) -> CustomControl? {
        switch ref {
        case .inline(let c): return c
        case .named(let n): return namedControls[n]
        }
    }

    private func text(_ v: PSValue, _ formatString: String?) -> String {
        if let f = formatString, !f.isEmpty, !v.isNull { return DotNetFormat.apply(f, to: v) }
        return ValueText.cell(v, limit: limit, isTable: false)
    }
}
