// ConvertTo-Json / ConvertFrom-Json and the CSV cmdlets.

import Foundation
import PSRuntime

enum JSONConversion {
    struct Options { var depth = 2; var enumsAsStrings = false; var asArray = false }

    /// Runtime value to JSON. `truncated` is set when -Depth cut something off.
    static func node(_ v: PSValue, depth: Int, options: Options, truncated: inout Bool) -> JSONNode {
        switch v {
        case .null: return .null
        case .bool(let b), .switchValue(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .long(let i): return .int(i)
        case .byte(let i): return .int(Int64(i))
        case .sbyte(let i): return .int(Int64(i))
        case .int16(let i): return .int(Int64(i))
        case .uint16(let i): return .int(Int64(i))
        case .uint32(let i): return .int(Int64(i))
        case .uint64(let i): return .number(String(i))
        case .double(let d): return doubleNode(d)
        case .single(let f): return doubleNode(Double(f))
        case .decimal(let d): return .number(NumberFormatting.format(d))
        case .string(let s): return .string(s)
        case .char(let c): return .string(String(utf16CodeUnits: [c], count: 1))
        case .enumValue(let e): return options.enumsAsStrings ? .string(e.description) : .int(e.rawValue)
        case .guid(let g): return .string(g.uuidString.lowercased())
        case .dateTime(let d): return .string(JSONDates.format(d))
        case .version, .ipAddress, .regex, .type, .scriptBlock: return .string(PSConvert.toString(v))
        case .timeSpan(let t):
            if depth > options.depth { truncated = true; return .string(t.description) }
            return .object(["Ticks", "Days", "Hours", "Milliseconds", "Minutes", "Seconds", "TotalDays", "TotalHours",
                            "TotalMilliseconds", "TotalMinutes", "TotalSeconds"].map { ($0, node(PropertyAccess.value(v, $0) ?? .null, depth: depth + 1, options: options, truncated: &truncated)) })
        case .array(let a):
            if depth > options.depth { truncated = true; return .string(PSConvert.toString(v)) }
            return .array(a.elements.map { node($0, depth: depth + 1, options: options, truncated: &truncated) })
        case .hashtable(let h):
            if depth > options.depth { truncated = true; return .string(PSConvert.toString(v)) }
            return .object(h.pairs.map { (PSConvert.toString($0), node($1, depth: depth + 1, options: options, truncated: &truncated)) })
        case .object(let o):
            if let base = o.baseValue, o.properties.isEmpty { return node(base, depth: depth, options: options, truncated: &truncated) }
            if let r = o.baseObject as? ErrorRecord { return .string(r.message) }
            if depth > options.depth { truncated = true; return .string(PSConvert.toString(v)) }
            return .object(o.properties.map { m in
                (m.name, node(((try? o.property(m.name)) ?? nil) ?? .null, depth: depth + 1, options: options, truncated: &truncated))
            })
        }
    }

    static func doubleNode(_ d: Double) -> JSONNode {
        if d.isNaN || d.isInfinite { return .string(d.isNaN ? "NaN" : (d < 0 ? "-Infinity" : "Infinity")) }
        var s = NumberFormatting.format(d)
        if !s.contains(".") && !s.contains("E") { s += ".0" }
        return .number(s)
    }

    /// JSON to runtime values: objects become PSCustomObjects (or ordered hashtables), date strings
    /// DateTimes (see `JSONDates`).
    static func value(_ n: JSONNode, asHashtable: Bool, dates: JSONDates.Kind = .default) -> PSValue {
        switch n {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return i >= Int64(Int32.min) && i <= Int64(Int32.max) ? .long(i) : .long(i)
        case .number(let s): return Double(s).map { .double($0) } ?? .string(s)
        case .string(let s): return JSONDates.parse(s, kind: dates).map { .dateTime($0) } ?? .string(s)
        case .array(let items): return .list(items.map { value($0, asHashtable: asHashtable, dates: dates) })
        case .object(let members):
            if asHashtable {
                let h = PSHashtable(ordered: true)
                for (k, v) in members { h[.string(k)] = value(v, asHashtable: true, dates: dates) }
                return .hashtable(h)
            }
            let o = PSObject(typeNames: PSObject.customObjectTypeNames)
            for (k, v) in members { o.addNote(k, value(v, asHashtable: false, dates: dates)) }
            return .object(o)
        }
    }
}

final class ConvertToJsonCommand: Cmdlet {
    static let declaration = CmdletDeclaration("ConvertTo-Json", parameters: [
        ParameterDeclaration("InputObject", .object, position: 0, mandatory: true, valueFromPipeline: true),
        ParameterDeclaration("Depth", .int32, validate: [.range(min: 0, max: 100)]),
        ParameterDeclaration("Compress", .switchParameter),
        ParameterDeclaration("EnumsAsStrings", .switchParameter),
        ParameterDeclaration("AsArray", .switchParameter),
        ParameterDeclaration("EscapeHandling", .string, validate: [.set(["Default", "EscapeNonAscii", "EscapeHtml"])]),
    ], outputTypes: ["System.String"], synopsis: "Converts objects to JSON text.",
       description: "Writes one JSON string for all the input: a single object, or an array when several objects arrive (or with -AsArray). Objects nested deeper than -Depth (default 2) are written as their string form, with a warning. -Compress leaves out all whitespace.")

    private var items: [PSValue] = []
    init() {}

    func process(_ context: CmdletContext) throws {
        if let v = context["InputObject"] { items.append(v) }
    }

    func end(_ context: CmdletContext) throws {
        guard !items.isEmpty || context.switchPresent("AsArray") else { return }
        var options = JSONConversion.Options()
        options.depth = context.int("Depth") ?? 2
        options.enumsAsStrings = context.switchPresent("EnumsAsStrings")
        var truncated = false
        let root: JSONNode
        if items.count == 1 && !context.switchPresent("AsArray") {
            root = JSONConversion.node(items[0], depth: 0, options: options, truncated: &truncated)
        } else {
            root = .array(items.map { JSONConversion.node($0, depth: 1, options: options, truncated: &truncated) })
        }
        if truncated {
            try context.writeWarning("Resulting JSON is truncated as serialization has exceeded the set depth of \(options.depth).")
        }
        try context.writeObject(.string(JSONWriter.write(root, compress: context.switchPresent("Compress"))))
    }
}

final class ConvertFromJsonCommand: Cmdlet {
    static let declaration = CmdletDeclaration("ConvertFrom-Json", parameters: [
        ParameterDeclaration("InputObject", .string, position: 0, mandatory: true, valueFromPipeline: true),
        ParameterDeclaration("AsHashtable", .switchParameter),
        ParameterDeclaration("Depth", .int32),
        ParameterDeclaration("NoEnumerate", .switchParameter),
        ParameterDeclaration("DateKind", .string, validate: [.set(JSONDates.Kind.allCases.map(\.rawValue))]),
    ], synopsis: "Converts JSON text to objects.",
       description: "Parses JSON (all input lines together) into PSCustomObjects, or ordered hashtables with -AsHashtable. A top-level array is written element by element unless -NoEnumerate.")

    private var text: [String] = []
    init() {}

    func process(_ context: CmdletContext) throws {
        if let s = context.string("InputObject") { text.append(s) }
    }

    func end(_ context: CmdletContext) throws {
        let joined = text.joined(separator: "\n")
        if joined.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
        let node: JSONNode
        do {
            node = try JSONParser.parse(joined)
        } catch let e as JSONParseError {
            throw context.terminatingError("Conversion from JSON failed with error: \(e.message)", errorId: "System.ArgumentException",
                                           category: .parserError, exceptionType: "System.ArgumentException")
        }
        let dates = context.string("DateKind").flatMap { k in JSONDates.Kind.allCases.first { $0.rawValue.lowercased() == k.lowercased() } } ?? .default
        let v = JSONConversion.value(node, asHashtable: context.switchPresent("AsHashtable"), dates: dates)
        try context.writeObject(v, enumerate: !context.switchPresent("NoEnumerate"))
    }
}

// MARK: - CSV

enum CSVConversion {
    static func propertyNames(_ v: PSValue) -> [String] {
        if case .hashtable(let h) = v { return h.keys.map { PSConvert.toString($0) } }
        return PropertyAccess.propertyNames(v)
    }

    static func fields(_ v: PSValue, names: [String]) -> [String?] {
        names.map { n in
            if case .hashtable(let h) = v { return h[.string(n)].map { PSConvert.toString($0) } }
            guard let x = PropertyAccess.value(v, n) else { return nil }
            return x.isNull ? nil : PSConvert.toString(x)
        }
    }

    static func typeLine(_ v: PSValue) -> String { "#TYPE " + (v.typeNames.first ?? v.typeFullName) }

    /// PowerShell refuses a header that names a column twice (ignoring case): a terminating error.
    static func checkHeader(_ records: [[String]], header: [String]?, context: CmdletContext) throws {
        var rows = records[...]
        if let first = rows.first, first.count == 1, first[0].hasPrefix("#TYPE ") { rows = rows.dropFirst() }
        var seen = Set<String>()
        for name in header ?? rows.first ?? [] where !name.isEmpty && !seen.insert(name.lowercased()).inserted {
            throw context.terminatingError("The member \"\(name)\" is already present.",
                                           errorId: "AlreadyPresentPSMemberInfoInternalCollectionAdd", category: .notSpecified,
                                           exceptionType: "System.Management.Automation.ExtendedTypeSystemException")
        }
    }

    /// Records to objects: the first record is the header unless `header` is given.
    static func objects(_ records: [[String]], header: [String]?) -> [PSValue] {
        var rows = records
        var typeName: String?
        if let first = rows.first, first.count == 1, first[0].hasPrefix("#TYPE ") {
            typeName = String(first[0].dropFirst(6)).trimmingCharacters(in: .whitespaces)
            rows.removeFirst()
        }
        var names = header ?? []
        if header == nil {
            guard !rows.isEmpty else { return [] }
            names = rows.removeFirst()
        }
        for (i, n) in names.enumerated() where n.isEmpty { names[i] = "H\(i + 1)" }
        return rows.map { r in
            let typeNames = typeName.map { ["CSV:" + $0] + PSObject.customObjectTypeNames } ?? PSObject.customObjectTypeNames
            let o = PSObject(typeNames: typeNames)
            for (i, n) in names.enumerated() { o.addNote(n, i < r.count ? .string(r[i]) : .null) }
            return .object(o)
        }
    }
}

/// Shared by ConvertTo-Csv and Export-Csv: the header comes from the first object.
final class CSVLineWriter {
    var names: [String]?
    let delimiter: Character
    let quoting: CSVQuoting
    let quoteFields: Set<String>?
    let includeType: Bool

    init(context: CmdletContext) {
        let d = context.string("Delimiter")
        delimiter = d?.first ?? (context.switchPresent("UseCulture") ? "," : ",")
        quoting = context.string("UseQuotes").flatMap { q in [CSVQuoting.always, .asNeeded, .never].first { $0.rawValue.lowercased() == q.lowercased() } } ?? .always
        quoteFields = context.strings("QuoteFields").map { Set($0.map { $0.lowercased() }) }
        includeType = context.switchPresent("IncludeTypeInformation")
    }

    func lines(for v: PSValue) -> [String] {
        var out: [String] = []
        if names == nil {
            let n = CSVConversion.propertyNames(v)
            names = n
            if includeType { out.append(CSVConversion.typeLine(v)) }
            out.append(CSVText.line(n.map { Optional($0) }, delimiter: delimiter, quoting: quoting, quoteFields: quoteFields, names: n))
        }
        out.append(CSVText.line(CSVConversion.fields(v, names: names!), delimiter: delimiter, quoting: quoting, quoteFields: quoteFields, names: names!))
        return out
    }
}

private let csvWriteParameters: [ParameterDeclaration] = [
    ParameterDeclaration("InputObject", .object, mandatory: true, valueFromPipeline: true),
    // -Delimiter and -UseCulture are alternatives (two parameter sets), as in PowerShell.
    ParameterDeclaration("Delimiter", .string, position: 1, sets: ["Delimiter"]),
    ParameterDeclaration("UseCulture", .switchParameter, sets: ["UseCulture"]),
    ParameterDeclaration("IncludeTypeInformation", .switchParameter, aliases: ["ITI"]),
    ParameterDeclaration("NoTypeInformation", .switchParameter, aliases: ["NTI"]),
    ParameterDeclaration("QuoteFields", .array(.string), aliases: ["QF"]),
    ParameterDeclaration("UseQuotes", .string, aliases: ["UQ"], validate: [.set(["Never", "Always", "AsNeeded"])]),
    ParameterDeclaration("NoHeader", .switchParameter),
]

final class ConvertToCsvCommand: Cmdlet {
    static let declaration = CmdletDeclaration("ConvertTo-Csv", parameters: csvWriteParameters, defaultParameterSet: "Delimiter", outputTypes: ["System.String"],
       synopsis: "Converts objects to CSV lines.",
       description: "Writes a header line with the first object's property names, then one line per object. Every field is quoted unless -UseQuotes says otherwise.")
    private var writer: CSVLineWriter?
    init() {}
    func begin(_ context: CmdletContext) throws { writer = CSVLineWriter(context: context) }
    func process(_ context: CmdletContext) throws {
        guard let v = context["InputObject"], let w = writer else { return }
        let isFirst = w.names == nil
        var lines = w.lines(for: v)
        if isFirst && context.switchPresent("NoHeader") { lines = Array(lines.suffix(1)) }
        for l in lines { try context.writeObject(.string(l)) }
    }
}

final class ExportCsvCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Export-Csv", parameters: csvWriteParameters + [
        ParameterDeclaration("Path", .string, position: 0),
        ParameterDeclaration("LiteralPath", .string, aliases: ["PSPath", "LP"]),
        ParameterDeclaration("Append", .switchParameter),
        ParameterDeclaration("Force", .switchParameter),
        ParameterDeclaration("NoClobber", .switchParameter, aliases: ["NoOverwrite"]),
        ParameterDeclaration("Encoding", .string),
    ], defaultParameterSet: "Delimiter", supportsShouldProcess: true, synopsis: "Saves objects to a CSV file.",
       description: "Writes the input as CSV (a header line, then one line per object) to a file, replacing it unless -Append is given; with -Append the file's existing header decides the columns.")
    private var writer: CSVLineWriter?
    private var text = ""
    private var path = ""
    private var wroteHeader = false
    init() {}

    func begin(_ context: CmdletContext) throws {
        guard let p = context.string("LiteralPath") ?? context.string("Path") else {
            throw context.terminatingError("Cannot perform operation because the path resolved to more than one file or no file.",
                                           errorId: "CannotSpecifyPathAndLiteralPath", category: .invalidArgument)
        }
        path = FileSystemPaths.resolve(p, session: context.session)
        writer = CSVLineWriter(context: context)
        if context.switchPresent("NoClobber"), !context.switchPresent("Append"), FileManager.default.fileExists(atPath: path) {
            throw context.terminatingError("The file '\(path)' already exists.", errorId: "NoClobber", category: .resourceExists, target: .string(path))
        }
        if context.switchPresent("Append"), let existing = FileText.read(path), let header = CSVText.records(existing).first(where: { !($0.first ?? "").hasPrefix("#TYPE") }) {
            writer?.names = header
            wroteHeader = true
        }
    }

    func process(_ context: CmdletContext) throws {
        guard let v = context["InputObject"], let w = writer else { return }
        var lines = w.lines(for: v)
        if context.switchPresent("NoHeader") && !wroteHeader { lines = Array(lines.suffix(1)); wroteHeader = true }
        for l in lines { text += l + "\n" }
    }

    func end(_ context: CmdletContext) throws {
        guard try context.shouldProcess(target: path, action: "Export-Csv") else { return }
        try FileText.write(text, to: path, append: context.switchPresent("Append"), context: context)
    }
}

private let csvReadParameters: [ParameterDeclaration] = [
    ParameterDeclaration("Delimiter", .string, position: 1),
    ParameterDeclaration("UseCulture", .switchParameter),
    ParameterDeclaration("Header", .array(.string)),
]

final class ConvertFromCsvCommand: Cmdlet {
    static let declaration = CmdletDeclaration("ConvertFrom-Csv", parameters: [
        ParameterDeclaration("InputObject", .array(.string), position: 0, mandatory: true, valueFromPipeline: true),
    ] + csvReadParameters, synopsis: "Converts CSV lines to objects.",
       description: "Reads the first line as the header (unless -Header gives the names) and writes one object per following line, with string property values.")
    private var lines: [String] = []
    init() {}
    func process(_ context: CmdletContext) throws { lines += context.strings("InputObject") ?? [] }
    func end(_ context: CmdletContext) throws {
        let delim = context.string("Delimiter")?.first ?? ","
        let records = CSVText.records(lines.joined(separator: "\n"), delimiter: delim)
        try CSVConversion.checkHeader(records, header: context.strings("Header"), context: context)
        for o in CSVConversion.objects(records, header: context.strings("Header")) {
            try context.writeObject(o)
        }
    }
}

final class ImportCsvCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Import-Csv", parameters: [
        ParameterDeclaration("Path", .array(.string), position: 0, valueFromPipeline: true),
        ParameterDeclaration("LiteralPath", .array(.string), aliases: ["PSPath", "LP"], valueFromPipelineByPropertyName: true),
        ParameterDeclaration("Encoding", .string),
    ] + csvReadParameters, synopsis: "Reads objects from a CSV file.",
       description: "Reads a CSV file (as written by Export-Csv) and writes one object per data line.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let delim = context.string("Delimiter")?.first ?? ","
        for p in context.strings("LiteralPath") ?? context.strings("Path") ?? [] {
            let full = FileSystemPaths.resolve(p, session: context.session)
            guard let text = FileText.read(full) else {
                try context.writeError(ErrorRecord(message: "Could not find file '\(full)'.", errorId: context.qualifiedErrorId("FileOpenFailure"),
                                                   category: .openError, target: .string(full), exceptionType: "System.IO.FileNotFoundException"))
                continue
            }
            let records = CSVText.records(text, delimiter: delim)
            try CSVConversion.checkHeader(records, header: context.strings("Header"), context: context)
            for o in CSVConversion.objects(records, header: context.strings("Header")) {
                try context.writeObject(o)
            }
        }
    }
}
