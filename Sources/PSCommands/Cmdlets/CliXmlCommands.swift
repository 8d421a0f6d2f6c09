import Foundation
import PSRuntime

/// Export-Clixml: the input objects serialized as CLIXML (`CliXmlWriter`) into one file, to -Depth
/// levels of properties (2 by default).
final class ExportClixmlCommand: Cmdlet {
    static let depth = Parameter<Int>("Depth", validate: [.range(min: 1, max: nil)])
    static let path = Parameter<String>("Path", position: 0, mandatory: true, sets: ["ByPath"])
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, sets: ["ByLiteralPath"])
    static let inputObject = Parameter<PSValue>("InputObject", mandatory: true, valueFromPipeline: true, allow: .null)
    static let force = Parameter<SwitchParameter>("Force")
    static let noClobber = Parameter<SwitchParameter>("NoClobber", aliases: ["NoOverwrite"])
    static let encoding = Parameter<String>("Encoding")
    static let declaration = CmdletDeclaration(
        "Export-Clixml", parameters: [depth, path, literalPath, inputObject, force, noClobber, encoding], defaultParameterSet: "ByPath",
        supportsShouldProcess: true, synopsis: "Creates an XML-based representation of an object or objects and stores it in a file.",
        description: "Serializes the input objects into PowerShell's CLIXML format (the Objs document Import-Clixml reads back) and writes it to the file; -Depth sets how many levels of properties are kept (2 by default).")

    private var objects: [PSValue] = []

    func process(_ context: CmdletContext) throws {
        objects.append(context[Self.inputObject] ?? .null)
    }

    func end(_ context: CmdletContext) throws {
        let given = context[Self.literalPath] ?? context[Self.path] ?? ""
        let file = try CliXmlFiles.target(given, literal: context[Self.literalPath] != nil, context)
        guard try context.shouldProcess(target: file, action: "Export-Clixml") else { return }
        if context[Self.noClobber], FileManager.default.fileExists(atPath: file) {
            throw context.terminatingError("The file '\(file)' already exists.", errorId: "NoClobber", category: .resourceExists,
                                           target: .string(file), exceptionType: "System.IO.IOException")
        }
        let text = CliXmlWriter.document(objects, depth: context[Self.depth] ?? 2)
        try FileText.write(text, to: file, append: false,
                           encoding: try FileText.encoding(context, Self.encoding) ?? .utf8NoBOM, context: context)
    }
}

/// Import-Clixml: the objects a CLIXML file holds, each written as it was serialized (a list stays one
/// object), with `Deserialized.` type names on objects that are not rebuilt.
final class ImportClixmlCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipeline: true,
                                          valueFromPipelineByPropertyName: true, sets: ["ByPath"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["ByLiteralPath"])
    // SupportsPaging: the three parameters PowerShell adds to such a cmdlet, after its own.
    static let includeTotalCount = Parameter<SwitchParameter>("IncludeTotalCount")
    static let skip = Parameter<UInt64>("Skip")
    static let first = Parameter<UInt64>("First")
    static let declaration = CmdletDeclaration(
        "Import-Clixml", parameters: [path, literalPath, includeTotalCount, skip, first], defaultParameterSet: "ByPath",
        synopsis: "Imports a CLIXML file and creates corresponding objects in PowerShell.",
        description: "Reads a file Export-Clixml wrote and writes the objects it holds: primitives as themselves, hashtables and lists rebuilt, other objects as property bags whose type names start with Deserialized.")

    func process(_ context: CmdletContext) throws {
        let literal = context[Self.literalPath] != nil
        for given in context[Self.literalPath] ?? context[Self.path] ?? [] {
            try CliXmlFiles.requireFileSystem(given, context)
            let files = literal ? [try CliXmlFiles.target(given, literal: true, context)]
                                : ((try? FileSystemPaths.expand(given, session: context.session)) ?? [])
            var isDirectory: ObjCBool = false
            guard let file = files.first, FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let text = FileText.read(file) else {
                let shown = files.first ?? FileSystemPaths.resolve(given, session: context.session)
                throw context.terminatingError("Could not find file '\(shown)'.", errorId: "FileOpenFailure", category: .openError,
                                               target: .null, exceptionType: "System.IO.FileNotFoundException")
            }
            var reader = CliXmlReader(session: context.session)
            // -IncludeTotalCount: the count is never known ahead, so a zero-accuracy placeholder first.
            if context[Self.includeTotalCount] { try context.writeObject(PagingResults.unknownTotalCount()) }
            do {
                let objects = try reader.objects(text)
                let skip = context[Self.skip] ?? 0, first = context[Self.first] ?? UInt64.max
                guard skip != 0 || first != UInt64.max else {
                    for value in objects { try context.writeObject(value) }
                    return
                }
                // Paging counts the items of a deserialized collection (a dictionary's entries) one by one.
                var skipped: UInt64 = 0, count: UInt64 = 0
                outer: for value in objects {
                    let items: [PSValue]
                    switch value {
                    case .hashtable(let table): items = table.pairs.map { PropertyAccess.dictionaryEntry(key: $0, value: $1) }
                    case .array(let list): items = list.elements
                    default: items = [value]
                    }
                    for item in items {
                        if count >= first { break outer }
                        if skipped >= skip { count += 1; try context.writeObject(item) } else { skipped += 1 }
                    }
                }
            } catch let e as CliXmlReader.Failure {
                throw context.terminatingError(e.message, errorId: "System.Xml.XmlException", category: .notSpecified,
                                               exceptionType: "System.Xml.XmlException")
            }
        }
    }
}

/// ConvertTo-CliXml: all the input objects as one CLIXML string (-Depth 2 by default).
final class ConvertToCliXmlCommand: Cmdlet {
    static let inputObject = Parameter<PSValue>("InputObject", position: 0, mandatory: true, valueFromPipeline: true, allow: .null)
    static let depth = Parameter<Int>("Depth", validate: [.range(min: 1, max: nil)])
    static let declaration = CmdletDeclaration(
        "ConvertTo-CliXml", parameters: [inputObject, depth], outputTypes: ["System.String"],
        synopsis: "Converts an object to a CLI XML-based string.",
        description: "Serializes the input objects into one string in PowerShell's CLIXML format, the text Export-Clixml would write; -Depth sets how many levels of properties are kept (2 by default).")

    private var objects: [PSValue] = []

    func process(_ context: CmdletContext) throws { objects.append(context[Self.inputObject] ?? .null) }

    func end(_ context: CmdletContext) throws {
        try context.writeObject(.string(CliXmlWriter.document(objects, depth: context[Self.depth] ?? 2)))
    }
}

/// ConvertFrom-CliXml: the objects a CLIXML string holds (one object as itself, several as one array).
final class ConvertFromCliXmlCommand: Cmdlet {
    static let inputObject = Parameter<String>("InputObject", position: 0, mandatory: true, valueFromPipeline: true)
    static let declaration = CmdletDeclaration(
        "ConvertFrom-CliXml", parameters: [inputObject], synopsis: "Converts a CliXml-formatted string to a custom PSObject.",
        description: "Deserializes a string in PowerShell's CLIXML format (as ConvertTo-CliXml writes it) into the objects it describes.")

    func process(_ context: CmdletContext) throws {
        guard let text = context[Self.inputObject] else { return }
        var reader = CliXmlReader(session: context.session)
        do {
            let values = try reader.objects(text)
            try context.writeObject(values.count == 1 ? values[0] : .array(PSArray(values)), enumerate: false)
        } catch let e as CliXmlReader.Failure {
            throw context.terminatingError(e.message, errorId: "System.Xml.XmlException", category: .notSpecified,
                                           exceptionType: "System.Xml.XmlException")
        }
    }
}

/// Where a CLIXML file goes: a file-system path (a wildcard -Path must name one item).
enum CliXmlFiles {
    /// PowerShell's PathUtils refuse a path on another provider's drive (`env:\`).
    static func requireFileSystem(_ given: String, _ context: CmdletContext) throws {
        guard let located = try? context.session.locateItem(given), located.drive.provider != .fileSystem else { return }
        throw context.terminatingError(
            "Cannot open file because the current provider (\(located.drive.provider.qualifiedName)) cannot open a file.",
            errorId: "ReadWriteFileNotFileSystemProvider", category: .invalidArgument, target: .null,
            exceptionType: "System.Management.Automation.PSInvalidOperationException")
    }

    static func target(_ given: String, literal: Bool, _ context: CmdletContext) throws -> String {
        try requireFileSystem(given, context)
        if !literal, WildcardPattern.containsWildcard(given) {
            let matches = (try? FileSystemPaths.expand(given, session: context.session)) ?? []
            if matches.count == 1 { return matches[0] }
        }
        return FileSystemPaths.resolve(given, session: context.session)
    }
}
