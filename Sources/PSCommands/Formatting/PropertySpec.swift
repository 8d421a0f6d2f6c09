// -Property arguments of Format-Table/List/Wide, Select-Object, Sort-Object, Group-Object:
// a name (wildcards allowed), a script block, or a calculated property hashtable
// `@{ Name/Label = ...; Expression = name or { script }; Width; Alignment; FormatString }`
// whose keys may be abbreviated to any unique prefix.

import PSRuntime

/// Runs a script block with `$_` set (calculated properties, script block columns).
typealias ScriptInvoker = (PSScriptBlock, PSValue) throws -> [PSValue]

extension CmdletContext {
    var scriptInvoker: ScriptInvoker { { [unowned self] block, item in try self.invoke(block, dollarUnder: item) } }
}

struct PropertySpec {
    enum Source {
        case name(String)
        case script(PSScriptBlock)
    }
    var source: Source
    var label: String?
    var width: Int?
    var alignment: CellAlignment?
    var formatString: String?
    /// Sort-Object: per-key direction from `@{Expression=...; Descending=$true}`.
    var descending: Bool?
    var ascending: Bool?
    /// Format-Custom: how deep this property's value is expanded (`@{Expression=...; Depth=2}`).
    var depth: Int?

    /// Which hashtable keys a command accepts (Select-Object takes no Width, Sort-Object takes
    /// Ascending/Descending, Format-Custom only Expression and Depth, ...).
    enum Context { case format, select, sort, group, custom }

    static func parse(_ value: PSValue, context: Context, errorIdSource: String) throws -> PropertySpec {
        switch value.unwrapped {
        case .string(let s): return PropertySpec(source: .name(s))
        case .scriptBlock(let b): return PropertySpec(source: .script(b))
        case .hashtable(let h): return try parseHashtable(h, context: context, errorIdSource: errorIdSource)
        default: return PropertySpec(source: .name(PSConvert.toString(value)))
        }
    }

    private static func parseHashtable(_ h: PSHashtable, context: Context, errorIdSource: String) throws -> PropertySpec {
        var allowed = ["name", "label", "expression"]
        switch context {
        case .format: allowed += ["width", "alignment", "formatstring"]
        case .select: break
        case .sort: allowed += ["ascending", "descending"]
        case .group: break
        case .custom: allowed = ["expression", "depth"]
        }
        if context == .sort || context == .group { allowed.removeAll { $0 == "name" || $0 == "label" } }
        var spec = PropertySpec(source: .name(""))
        var sawExpression = false
        for (k, v) in h.pairs {
            let key = PSConvert.toString(k).lowercased()
            let matches = allowed.filter { $0.hasPrefix(key) }
            guard matches.count == 1, let which = matches.first else {
                if matches.count > 1 {
                    throw PSRuntimeError.message("The key '\(PSConvert.toString(k))' is ambiguous; it could be one of: \(matches.joined(separator: ", ")).",
                                                 errorId: "DictionaryKeyAmbiguous,\(errorIdSource)", category: .invalidArgument)
                }
                throw PSRuntimeError.message("The \(PSConvert.toString(k)) key is not valid.",
                                             errorId: "DictionaryKeyIllegal,\(errorIdSource)", category: .invalidArgument)
            }
            switch which {
            case "name", "label":
                if spec.label != nil {
                    throw PSRuntimeError.message("The \"name\" and \"label\" keys cannot both be specified.",
                                                 errorId: "DictionaryKeyDuplicate,\(errorIdSource)", category: .invalidArgument)
                }
                spec.label = PSConvert.toString(v)
            case "expression":
                sawExpression = true
                if case .scriptBlock(let b) = v.unwrapped { spec.source = .script(b) } else { spec.source = .name(PSConvert.toString(v)) }
            case "width":
                guard let w = try? PSConvert.toInt(v), w > 0 else {
                    throw PSRuntimeError.message("The width value must be greater than zero.",
                                                 errorId: "FormatWidthInvalid,\(errorIdSource)", category: .invalidArgument)
                }
                spec.width = w
            case "alignment":
                switch PSConvert.toString(v).lowercased() {
                case "left": spec.alignment = .left
                case "center": spec.alignment = .center
                case "right": spec.alignment = .right
                default:
                    throw PSRuntimeError.message("The alignment value \"\(PSConvert.toString(v))\" is not valid. Valid values are \"left\", \"center\", and \"right\".",
                                                 errorId: "AlignmentInvalid,\(errorIdSource)", category: .invalidArgument)
                }
            case "formatstring": spec.formatString = PSConvert.toString(v)
            case "ascending": spec.ascending = PSConvert.toBool(v)
            case "descending": spec.descending = PSConvert.toBool(v)
            case "depth": spec.depth = try PSConvert.toInt(v)
            default: break
            }
        }
        if !sawExpression {
            if context == .select, let l = spec.label { spec.source = .name(l) } else {
                throw PSRuntimeError.message("The Expression key is missing.",
                                             errorId: "DictionaryKeyMissing,\(errorIdSource)", category: .invalidArgument)
            }
        }
        return spec
    }

    /// The column label: the explicit one, else the property name, else the script text as written
    /// between the braces, spaces kept (PowerShell labels `{ $_.p }` as " $_.p ").
    var displayName: String {
        if let label { return label }
        switch source {
        case .name(let n): return n
        case .script(let b): return b.text
        }
    }

    var isWildcardName: Bool {
        if case .name(let n) = source { return WildcardPattern.containsWildcard(n) }
        return false
    }

    /// Expands wildcards against an object's properties: one spec per matching property.
    func expand(for object: PSValue, exclude: [WildcardPattern] = []) -> [PropertySpec] {
        guard case .name(let n) = source else { return [self] }
        // -ExcludeProperty also removes names given outright (`-Property Name, Age -ExcludeProperty Age`).
        guard WildcardPattern.containsWildcard(n) else { return exclude.contains { $0.matches(n) } ? [] : [self] }
        let p = WildcardPattern(n)
        return PropertyAccess.propertyNames(object)
            .filter { name in p.matches(name) && !exclude.contains { $0.matches(name) } }
            .map { PropertySpec(source: .name($0), label: nil, width: width, alignment: alignment, formatString: formatString) }
    }

    /// Evaluates the spec against one object. Names that do not exist give nil.
    func evaluate(_ object: PSValue, invoke: ScriptInvoker) throws -> PSValue? {
        switch source {
        case .name(let n):
            return PropertyAccess.value(object, n)
        case .script(let b):
            let out = try invoke(b, object)
            if out.isEmpty { return .null }
            return out.count == 1 ? out[0] : .list(out)
        }
    }
}

import Foundation
