import Foundation
import PSRuntime

/// Get-Error: the newest errors of `$Error` (or the ErrorRecords and exceptions piped in) in
/// PowerShell's extended view, every non-empty property and the nested exceptions, error records
/// and invocation info, each level indented by four spaces.
final class GetErrorCommand: Cmdlet {
    static let recordType = "System.Management.Automation.ErrorRecord"
    static let extendedRecordType = recordType + "#PSExtendedError"
    static let extendedExceptionType = "System.Exception#PSExtendedError"

    static let inputObject = Parameter<PSValue>("InputObject", type: .psObject, position: 0, valueFromPipeline: true,
                                                sets: ["Error"], validate: [.notNullOrEmpty])
    static let newest = Parameter<Int32>("Newest", aliases: ["Last"], sets: ["Newest"], validate: [.range(min: 1, max: Double(Int32.max))])
    static let declaration = CmdletDeclaration(
        "Get-Error", parameters: [inputObject, newest], defaultParameterSet: "Newest",
        outputTypes: [extendedRecordType, extendedExceptionType], synopsis: "Shows errors in detail.",
        description: "Writes the newest error of $Error (the -Newest N, numbered by PSErrorIndex when several) or the error records and exceptions piped in, shown with all their non-empty properties and nested exceptions.")

    func process(_ context: CmdletContext) throws {
        var errors: [PSValue] = []
        if let input = context[Self.inputObject]?.withoutPlainWrapper {
            if case .object(let o) = input.unwrapped, o.baseObject is ErrorRecord || o.baseObject is PSException { errors.append(input.unwrapped) }
        } else {
            let count = Int(context[Self.newest] ?? 1)
            errors = Array(context.session.errorList.elements.prefix(count))
        }
        let numbered = errors.count > 1
        for (index, error) in errors.enumerated() {
            guard case .object(let original) = error else { continue }
            // A copy: the error in $Error keeps its own type names.
            let o = original.copy()
            if let at = o.typeNames.firstIndex(of: Self.recordType) {
                o.typeNames.remove(at: at)
                o.typeNames.insert(Self.extendedRecordType, at: 0)
            }
            if let at = o.typeNames.firstIndex(of: "System.Exception") {
                o.typeNames.remove(at: at)
                o.typeNames.insert(Self.extendedExceptionType, at: 0)
            }
            if numbered { o.addNote("PSErrorIndex", .int(Int32(index))) }
            try context.writeObject(.object(o))
        }
    }

    /// The extended view's text. Like PowerShell's view script, showing the object gives it back its
    /// own type name (so it shows as an ordinary error afterwards).
    static func render(_ o: PSObject) -> String {
        if let at = o.typeNames.firstIndex(of: extendedRecordType) {
            o.typeNames.remove(at: at)
            o.typeNames.append(recordType)
        } else if let at = o.typeNames.firstIndex(of: extendedExceptionType) {
            o.typeNames.remove(at: at)
            o.typeNames.append("System.Exception")
        }
        return show(.object(o), indent: 0, depth: 1)
    }

    private static let maxDepth = 10

    private static func isException(_ v: PSValue) -> Bool {
        guard case .object(let o) = v.unwrapped else { return false }
        return o.baseObject is PSException || o.typeNames.contains("System.Exception")
    }

    private static func isExpanded(_ v: PSValue) -> Bool {
        guard case .object(let o) = v.unwrapped else { return false }
        return o.baseObject is ErrorRecord || isException(v) || o.typeNames.first == "System.Management.Automation.InvocationInfo"
    }

    /// PowerShell's test `$v -ne $null -and $v -ne ''` (so False and 0 count as empty too).
    private static func isShown(_ v: PSValue) -> Bool {
        if v.isNull { return false }
        if let items = v.arrayElements { return items.contains { !$0.isNull } }
        return !ValueComparer.equal(v, .string(""))
    }

    private static func show(_ value: PSValue, indent: Int, depth: Int) -> String {
        guard case .object(let o) = value.unwrapped else { return PSConvert.toString(value) }
        let prefix = String(repeating: " ", count: indent)
        var properties: [(name: String, value: PSValue)] = []
        if isException(value) { properties.append(("Type", .string(o.typeNames.first { !$0.hasSuffix("#PSExtendedError") } ?? "System.Exception"))) }
        for member in o.properties {
            properties.append((member.name, PropertyAccess.value(value, member.name) ?? .null))
        }
        let nameWidth = properties.filter { isShown($0.value) }.map(\.name.count).max() ?? 0
        var out = ""
        var added = false
        for (name, v) in properties where isShown(v) && name != "PSErrorIndex" {
            if let items = v.arrayElements, items.isEmpty { continue }
            added = true
            out += prefix + name + String(repeating: " ", count: nameWidth - name.count) + " : "
            let inner = indent + 4
            if isExpanded(v) {
                out += depth >= maxDepth ? "\u{2026}" : "\n" + show(v, indent: inner, depth: depth + 1)
            } else if name == "StackTrace" {
                out += "\n" + PSConvert.toString(v)
            } else if case .hashtable(let table) = v.unwrapped {
                let keys = table.pairs.map(\.0).sorted { PSConvert.toString($0).lowercased() < PSConvert.toString($1).lowercased() }
                for (k, key) in keys.enumerated() {
                    if k == 0 { out += "\n" }
                    out += prefix + "    " + PSConvert.toString(key) + " : " + PSConvert.toString(table[key] ?? .null) + "\n"
                }
            } else if let items = v.arrayElements, name != "Data" {
                if depth >= maxDepth { out += "\u{2026}" } else {
                    let itemIndent = String(repeating: " ", count: inner + 2)
                    for (k, item) in items.enumerated() {
                        out += "\n"
                        if case .object = item.unwrapped {
                            if k > 0 { out += "\n" }
                            out += show(item, indent: inner, depth: depth + 1)
                        } else {
                            out += prefix + itemIndent + PSConvert.toString(item)
                        }
                    }
                }
            } else if case .type(let t) = v {
                out += "[\(t.fullName)]"
            } else {
                let text = PSConvert.toString(v)
                let lines = text.components(separatedBy: "\n")
                let continuation = "\n" + prefix + String(repeating: " ", count: nameWidth + 3)
                out += lines.count > 1 ? lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: continuation) : text
            }
            out += "\n"
        }
        if added { out.removeLast() }
        return out
    }
}
