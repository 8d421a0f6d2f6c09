import Foundation
import PSRuntime

/// Join-String: the input objects (or a property of each) as one string, with a separator, quotes,
/// a format string and a prefix and suffix around the whole.
final class JoinStringCommand: Cmdlet {
    static let property = Parameter<PSValue>("Property", position: 0)
    static let separator = Parameter<String>("Separator", position: 1)
    static let outputPrefix = Parameter<String>("OutputPrefix", aliases: ["op"])
    static let outputSuffix = Parameter<String>("OutputSuffix", aliases: ["os"])
    static let singleQuote = Parameter<SwitchParameter>("SingleQuote", sets: ["SingleQuote"])
    static let doubleQuote = Parameter<SwitchParameter>("DoubleQuote", sets: ["DoubleQuote"])
    static let formatString = Parameter<String>("FormatString", sets: ["Format"])
    static let useCulture = Parameter<SwitchParameter>("UseCulture")
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)

    static let declaration = CmdletDeclaration(
        "Join-String",
        parameters: [property, separator, outputPrefix, outputSuffix, singleQuote, doubleQuote, formatString, useCulture, inputObject],
        defaultParameterSet: "Default", outputTypes: ["System.String"],
        synopsis: "Combines the pipeline objects into one string.",
        description: "Each input object (or the value of -Property, a name or a script block, for each) is turned into a string, quoted with -SingleQuote or -DoubleQuote or formatted with -FormatString, and the strings are joined with -Separator; -OutputPrefix and -OutputSuffix go around the result.")

    private var parts: [String] = []
    private var spec: PropertySpec?

    func begin(_ context: CmdletContext) throws {
        if let p = context[Self.property] { spec = try PropertySpec.parse(p, context: .select, errorIdSource: context.errorIdSource) }
    }

    func process(_ context: CmdletContext) throws {
        guard let item = context[Self.inputObject] else { return }
        // An array given to -InputObject is joined element by element.
        for element in (context.currentInput == nil ? item.arrayElements : nil) ?? [item] {
            let value = try spec.map { try $0.evaluate(element, invoke: context.scriptInvoker) ?? .null } ?? element
            var text = PSConvert.toString(value)
            if let f = context[Self.formatString] { text = try PSFormat.format(f, [value]) }
            if context[Self.singleQuote] { text = "'" + text + "'" } else if context[Self.doubleQuote] { text = "\"" + text + "\"" }
            parts.append(text)
        }
    }

    func end(_ context: CmdletContext) throws {
        // Without -Separator the separator is $OFS (nothing when unset), as in PowerShell; -UseCulture
        // changes only how values are formatted, never the separator.
        let ofs = context.session.variable("OFS").flatMap { $0.isNull ? nil : PSConvert.toString($0) } ?? ""
        let sep = context[Self.separator] ?? ofs
        try context.writeObject(.string((context[Self.outputPrefix] ?? "") + parts.joined(separator: sep) + (context[Self.outputSuffix] ?? "")))
    }
}

/// ConvertFrom-StringData: `name = value` lines as a hashtable. Values keep their quotes; escapes
/// such as `\t` and `\n` are expanded as .NET's Regex.Unescape does; `#` lines are comments.
final class ConvertFromStringDataCommand: Cmdlet {
    static let stringData = Parameter<String>("StringData", position: 0, mandatory: true, valueFromPipeline: true, allow: .emptyString)
    static let delimiter = Parameter<String>("Delimiter", type: .char)

    static let declaration = CmdletDeclaration(
        "ConvertFrom-StringData", parameters: [stringData, delimiter], outputTypes: ["System.Collections.Hashtable"],
        synopsis: "Converts lines of name=value pairs to a hashtable.",
        description: "Each non-empty line that does not start with # is split at its first delimiter (= unless -Delimiter says otherwise); the trimmed name and value become a hashtable entry. Backslash escapes in values are expanded.")

    func process(_ context: CmdletContext) throws {
        guard let text = context[Self.stringData] else { return }
        let delim = context[Self.delimiter].flatMap(\.first) ?? "="
        let table = PSHashtable()
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let i = line.firstIndex(of: delim) else {
                throw context.terminatingError("Data line '\(line)' is not in 'name=value' format. ",
                                               errorId: "InvalidOperation", category: .invalidOperation)
            }
            let name = Self.unescape(line[..<i].trimmingCharacters(in: .whitespaces))
            let value = Self.unescape(line[line.index(after: i)...].trimmingCharacters(in: .whitespaces))
            if table.containsKey(.string(name)) {
                throw context.terminatingError("Data item '\(name)' in line '\(line)' is already defined. ",
                                               errorId: "InvalidOperation", category: .invalidOperation)
            }
            table[.string(name)] = .string(value)
        }
        try context.writeObject(.hashtable(table))
    }

    /// Regex.Unescape: `\t`, `\n`, `\r`, `\\`, `\uXXXX` and an escaped character standing for itself.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var it = Array(s)
        var k = 0
        while k < it.count {
            let c = it[k]
            k += 1
            guard c == "\\", k < it.count else { out.append(c); continue }
            let e = it[k]
            k += 1
            switch e {
            case "t": out.append("\t")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "f": out.append("\u{0C}")
            case "v": out.append("\u{0B}")
            case "a": out.append("\u{07}")
            case "e": out.append("\u{1B}")
            case "u" where k + 4 <= it.count:
                if let v = UInt32(String(it[k..<(k + 4)]), radix: 16), let u = Unicode.Scalar(v) { out.append(Character(u)); k += 4 } else { out.append(e) }
            default: out.append(e)
            }
        }
        it = []
        return out
    }
}
