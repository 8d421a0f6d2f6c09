import Foundation
import PSRuntime

/// ConvertTo-Html: the input objects as the lines of an XHTML page (or, with -Fragment, just the
/// table), as PowerShell's cmdlet writes them: a DOCTYPE (Strict, or -Transitional), the head
/// (-Charset, -Meta, the -Head lines or a title, -CssUri), -Body, -PreContent, a `<table>` with a
/// colgroup and header row (-As Table) or name/value rows per object separated by `<hr>` rows
/// (-As List), -PostContent. The columns come from the first object (-Property names, wildcards,
/// script blocks and calculated properties with label, width and alignment); values are HTML-encoded.
final class ConvertToHtmlCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", valueFromPipeline: true)
    static let property = Parameter<[PSValue]>("Property", position: 0)
    static let body = Parameter<[String]>("Body", position: 3, sets: ["Page"])
    static let head = Parameter<[String]>("Head", position: 1, sets: ["Page"])
    static let title = Parameter<String>("Title", position: 2, sets: ["Page"], validate: [.notNullOrEmpty])
    static let asKind = Parameter<String>("As", validate: [.notNullOrEmpty, .set(["Table", "List"])])
    static let cssUri = Parameter<String>("CssUri", aliases: ["cu", "uri"], sets: ["Page"], validate: [.notNullOrEmpty])
    static let fragment = Parameter<SwitchParameter>("Fragment", sets: ["Fragment"])
    static let postContent = Parameter<[String]>("PostContent", validate: [.notNullOrEmpty])
    static let preContent = Parameter<[String]>("PreContent", validate: [.notNullOrEmpty])
    static let meta = Parameter<PSValue>("Meta", type: .hashtable, sets: ["Page"], validate: [.notNullOrEmpty])
    static let charset = Parameter<String>("Charset", sets: ["Page"], validate: [.notNullOrEmpty, .pattern("^[A-Za-z0-9]\\w+\\S+[A-Za-z0-9]$")])
    static let transitional = Parameter<SwitchParameter>("Transitional", sets: ["Page"])
    static let declaration = CmdletDeclaration(
        "ConvertTo-Html", parameters: [inputObject, property, body, head, title, asKind, cssUri, fragment, postContent, preContent,
                                       meta, charset, transitional],
        defaultParameterSet: "Page", outputTypes: ["System.String"],
        synopsis: "Converts .NET objects into HTML that can be displayed in a Web browser.",
        description: "Writes the lines of an HTML page (or with -Fragment only the table) showing the input objects as a table or, with -As List, as name/value rows; -Property picks the columns, -Head/-Title/-CssUri/-Meta/-Charset/-Body/-PreContent/-PostContent add to the page.")

    private var columns: [PropertySpec]?
    private var count = 0
    private var isList = false

    func begin(_ context: CmdletContext) throws {
        isList = (context[Self.asKind] ?? "Table").lowercased() == "list"
        if let uri = context[Self.cssUri], uri.trimmingCharacters(in: .whitespaces).isEmpty {
            throw context.terminatingError("This command cannot be run because 'CSSUri' is empty or blank. Please specify CSSUri and then run the command.",
                                           errorId: "ArgumentException", category: .invalidArgument, target: .string("CSSUri"),
                                           exceptionType: "System.ArgumentException")
        }
        let write = { (line: String) in try context.writeObject(.string(line)) }
        if !context[Self.fragment] {
            try write(context[Self.transitional]
                ? "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"  \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">"
                : "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\"  \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">")
            try write("<html xmlns=\"http://www.w3.org/1999/xhtml\">")
            try write("<head>")
            if let charset = context[Self.charset] { try write("<meta charset=\"\(charset)\">") }
            if let metaValue = context[Self.meta], case .hashtable(let meta) = metaValue.unwrapped {
                for (k, v) in meta.pairs {
                    let key = PSConvert.toString(k), value = PSConvert.toString(v)
                    switch key.lowercased() {
                    case "content-type", "default-style", "x-ua-compatible":
                        try write("<meta http-equiv=\"\(key)\" content=\"\(value)\">")
                    case "application-name", "author", "description", "generator", "keywords", "viewport":
                        try write("<meta name=\"\(key)\" content=\"\(value)\">")
                    default:
                        try context.writeWarning("Accepted meta properties are content-type, default-style, application-name, author, description, generator, keywords, x-ua-compatible, and viewport. The meta pair: \(key) and \(value) may not function correctly.")
                        try write("<meta name=\"\(key)\" content=\"\(value)\">")
                    }
                }
            }
            for line in context[Self.head] ?? ["<title>" + (context[Self.title] ?? "HTML TABLE") + "</title>"] { try write(line) }
            if let uri = context[Self.cssUri] { try write("<link rel=\"stylesheet\" type=\"text/css\" href=\"\(uri)\" />") }
            try write("</head><body>")
            for line in context[Self.body] ?? [] { try write(line) }
        }
        for line in context[Self.preContent] ?? [] { try write(line) }
        try write("<table>")
    }

    func process(_ context: CmdletContext) throws {
        guard let input = context[Self.inputObject], !input.isNull else { return }
        count += 1
        if columns == nil {
            var specs: [PropertySpec] = []
            for p in context[Self.property] ?? [.string("*")] {
                specs += try PropertySpec.parse(p, context: .format, errorIdSource: context.errorIdSource).expand(for: input)
            }
            guard !specs.isEmpty else { return }
            if !isList {
                columns = specs
                var group = "<colgroup>"
                for c in specs {
                    group += "<col"
                    if let w = c.width { group += " width = \"\(w)\"" }
                    if let a = c.alignment { group += " align = \"\(Self.alignmentText(a))\"" }
                    group += "/>"
                }
                try context.writeObject(.string(group + "</colgroup>"))
                try context.writeObject(.string("<tr>" + specs.map { "<th>\($0.displayName)</th>" }.joined() + "</tr>"))
            } else {
                if count > 1 { try context.writeObject(.string("<tr><td><hr></td></tr>")) }
                for c in specs {
                    try context.writeObject(.string("<tr><td>\(c.displayName):</td><td>\(try value(c, input, context))</td></tr>"))
                }
                return
            }
        }
        if !isList, let columns {
            var row = "<tr>"
            for c in columns { row += "<td>" + (try value(c, input, context)) + "</td>" }
            try context.writeObject(.string(row + "</tr>"))
        }
    }

    func end(_ context: CmdletContext) throws {
        try context.writeObject(.string("</table>"))
        for line in context[Self.postContent] ?? [] { try context.writeObject(.string(line)) }
        if !context[Self.fragment] { try context.writeObject(.string("</body></html>")) }
    }

    private static func alignmentText(_ a: CellAlignment) -> String {
        switch a {
        case .left: return "left"
        case .center: return "center"
        case .right: return "right"
        default: return "\(a)"
        }
    }

    /// The cell text: the value's .NET ToString (an array shows its type name), HTML-encoded.
    private func value(_ spec: PropertySpec, _ input: PSValue, _ context: CmdletContext) throws -> String {
        guard let v = try spec.evaluate(input, invoke: context.scriptInvoker), !v.isNull else { return "" }
        let text: String
        if case .array = v.unwrapped { text = v.unwrapped.typeFullName } else { text = PSConvert.toString(v) }
        return Self.htmlEncode(text)
    }

    /// WebUtility.HtmlEncode, as PowerShell's ConvertTo-Html encodes every value.
    static func htmlEncode(_ s: String) -> String { WebText.htmlEncode(s) }
}
