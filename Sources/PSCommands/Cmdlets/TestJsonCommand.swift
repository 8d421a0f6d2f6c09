import Foundation
import JSONText
import PSRuntime

/// Test-Json: whether text (or a file) is one JSON document as System.Text.Json reads it (RFC 8259;
/// comments and trailing commas only when -Options allows them), and whether it meets a JSON schema
/// (`JSONSchemaCheck`); each way it falls short is a non-terminating error, and the answer a Boolean.
final class TestJsonCommand: Cmdlet {
    static let json = Parameter<String>("Json", position: 0, mandatory: true, valueFromPipeline: true,
                                        sets: ["JsonString", "JsonStringWithSchemaString", "JsonStringWithSchemaFile"])
    static let path = Parameter<String>("Path", position: 0, mandatory: true, valueFromPipelineByPropertyName: true,
                                        sets: ["JsonPath", "JsonPathWithSchemaString", "JsonPathWithSchemaFile"])
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], position: 0, mandatory: true,
                                               valueFromPipelineByPropertyName: true,
                                               sets: ["JsonLiteralPath", "JsonLiteralPathWithSchemaString", "JsonLiteralPathWithSchemaFile"])
    static let schema = Parameter<String>("Schema", position: 1, mandatory: true,
                                          sets: ["JsonStringWithSchemaString", "JsonPathWithSchemaString", "JsonLiteralPathWithSchemaString"])
    static let schemaFile = Parameter<String>("SchemaFile", position: 1, mandatory: true,
                                              sets: ["JsonStringWithSchemaFile", "JsonPathWithSchemaFile", "JsonLiteralPathWithSchemaFile"])
    static let options = Parameter<[String]>("Options", validate: [.set(["IgnoreComments", "AllowTrailingCommas"])])
    static let declaration = CmdletDeclaration(
        "Test-Json", parameters: [json, path, literalPath, schema, schemaFile, options], defaultParameterSet: "JsonString",
        outputTypes: ["System.Boolean"], synopsis: "Tests whether text is valid JSON, optionally against a JSON schema.",
        description: "Writes $true when the -Json text (or the file at -Path/-LiteralPath) is one JSON document and meets the -Schema or -SchemaFile given; otherwise writes an error for each problem and $false.")

    private var check: JSONSchemaCheck?

    func begin(_ context: CmdletContext) throws {
        if let text = context[Self.schema] {
            guard let node = try? JSONReader.read(text, grammar: .strict), let check = JSONSchemaCheck(node) else {
                try context.writeError(invalid("Cannot parse the JSON schema.", "InvalidJsonSchema", .string(text), context))
                return
            }
            self.check = check
        } else if let file = context[Self.schemaFile] {
            let full = FileSystemPaths.resolve(file, session: context.session)
            guard let text = FileText.read(full) else {
                throw context.terminatingError("Can not open JSON schema file: \(full)", errorId: "JsonSchemaFileOpenFailure",
                                               category: .openError, target: .string(full))
            }
            guard let node = try? JSONReader.read(text, grammar: .strict), var check = JSONSchemaCheck(node) else {
                throw context.terminatingError("Cannot parse the JSON schema.", errorId: "InvalidJsonSchema",
                                               category: .invalidData, target: .string(full))
            }
            // The files its `$ref`s name, beside it (and theirs in turn); one that cannot be read as
            // JSON makes the schema unusable.
            var pending = JSONSchemaCheck.referencedDocuments(in: node)
            let folder = (full as NSString).deletingLastPathComponent
            while let name = pending.popLast() {
                guard check.documents[name] == nil, !name.contains("://") else { continue }
                let path = (folder as NSString).appendingPathComponent(name)
                guard let referenced = FileText.read(path).flatMap({ try? JSONReader.read($0, grammar: .strict) }) else {
                    throw context.terminatingError("Cannot parse the JSON schema.", errorId: "InvalidJsonSchema",
                                                   category: .invalidData, target: .string(path))
                }
                check.documents[name] = referenced
                pending += JSONSchemaCheck.referencedDocuments(in: referenced)
            }
            self.check = check
        }
    }

    func process(_ context: CmdletContext) throws {
        let text: String
        if let json = context[Self.json] {
            text = json
        } else if let given = context[Self.literalPath] ?? context[Self.path] {
            text = try read(given, literal: context[Self.literalPath] != nil, context)
        } else {
            return
        }
        let allowed = Set((context[Self.options] ?? []).map { $0.lowercased() })
        let prepared = Self.relaxed(text, comments: allowed.contains("ignorecomments"),
                                    trailingCommas: allowed.contains("allowtrailingcommas"))
        guard let document = try? JSONReader.read(prepared, grammar: .strict) else {
            try context.writeError(invalid("Cannot parse the JSON.", "InvalidJson", context[Self.json].map { .string($0) } ?? .null, context))
            try context.writeObject(.false)
            return
        }
        let failures = check?.failures(of: document) ?? []
        for failure in failures {
            try context.writeError(invalid("The JSON is not valid with the schema: \(failure.message) at '\(failure.location)'",
                                           "InvalidJsonAgainstSchemaDetailed", .null, context))
        }
        try context.writeObject(.bool(failures.isEmpty))
    }

    private func invalid(_ message: String, _ id: String, _ target: PSValue, _ context: CmdletContext) -> ErrorRecord {
        ErrorRecord(message: message, errorId: context.qualifiedErrorId(id), category: .invalidData, target: target,
                    exceptionType: "System.Exception")
    }

    /// The file's text. -Path may be a wildcard that must name exactly one file; a path that names
    /// no file is PathNotFound, as PowerShell's own file cmdlets say it.
    private func read(_ given: String, literal: Bool, _ context: CmdletContext) throws -> String {
        var full = FileSystemPaths.resolve(given, session: context.session)
        if !literal && WildcardPattern.containsWildcard(given) {
            let matches = (try? FileSystemPaths.expand(given, session: context.session)) ?? []
            if matches.count > 1 {
                throw context.terminatingError("Cannot perform operation because the path resolved to more than one file. This command cannot operate on multiple files.",
                                               errorId: "ReadWriteMultipleFilesNotSupported", category: .invalidArgument, target: .null)
            }
            guard let only = matches.first else {
                throw context.terminatingError("Cannot perform operation because the wildcard path \(given) did not resolve to a file.",
                                               errorId: "FileOpenFailure", category: .openError, target: .string(given))
            }
            full = only
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
              let text = FileText.read(full) else {
            throw context.terminatingError("Cannot find path '\(full)' because it does not exist.", errorId: "PathNotFound",
                                           category: .objectNotFound, target: .string(given))
        }
        return text
    }

    /// The text without the comments and trailing commas the options allow (outside strings), so
    /// the strict reader accepts what System.Text.Json would with those options.
    static func relaxed(_ text: String, comments: Bool, trailingCommas: Bool) -> String {
        guard comments || trailingCommas else { return text }
        let chars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0, inString = false
        while i < chars.count {
            let c = chars[i]
            if inString {
                out.append(c)
                if c == "\\", i + 1 < chars.count { out.append(chars[i + 1]); i += 2; continue }
                if c == "\"" { inString = false }
                i += 1
                continue
            }
            if c == "\"" { inString = true; out.append(c); i += 1; continue }
            if comments, c == "/", i + 1 < chars.count, chars[i + 1] == "/" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if comments, c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                i += 2
                while i + 1 < chars.count && !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i += 2
                out.append(" ")
                continue
            }
            if trailingCommas, c == "," {
                var j = i + 1
                while j < chars.count && (chars[j] == " " || chars[j] == "\n" || chars[j] == "\r" || chars[j] == "\t") { j += 1 }
                if j < chars.count && (chars[j] == "}" || chars[j] == "]") { i += 1; continue }
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }
}
