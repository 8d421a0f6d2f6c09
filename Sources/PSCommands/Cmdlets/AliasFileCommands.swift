import Foundation
import PSRuntime

/// Export-Alias and Import-Alias: aliases to and from PowerShell's alias file (a `#` header, then
/// one `"name","definition","description","options"` CSV line per alias) or, with `-As Script`,
/// Set-Alias commands.
enum AliasFiles {
    static let formatType = PSEnumType(fullName: "Microsoft.PowerShell.Commands.ExportAliasFormat", names: ["Csv", "Script"])

    /// `-Scope` as PowerShell's session state reads it: Global, Local, Script, Private or a number.
    static func checkScope(_ scope: String?, _ context: CmdletContext) throws {
        guard let scope, !scope.isEmpty else { return }
        if ["global", "local", "script", "private"].contains(scope.lowercased()) { return }
        if Int(scope) != nil {
            _ = try VariableObjects.scope(context.session, scope, context)   // a number beyond the scopes is ArgumentOutOfRange
            return
        }
        throw context.terminatingError(
            "Cannot process argument because the value of parameter \"Scope\" is not valid. Valid values are \"Global\", \"Local\", or \"Script\", or a number relative to the current scope (0 through the number of scopes where 0 is the current scope and 1 is its parent). Change the value of the \"Scope\" parameter and run the operation again.",
            errorId: "Argument", category: .invalidArgument, exceptionType: "System.Management.Automation.PSArgumentException")
    }

    /// The file a -Path (wildcards) or -LiteralPath names, which must be exactly one.
    static func singleFile(_ given: String, literal: Bool, mustExist: Bool, _ context: CmdletContext,
                           multipleId: String, multipleMessage: String) throws -> String {
        if literal { return context.session.resolvePath(given) }
        let hits = try FileSystemPaths.expand(given, session: context.session)
        if hits.count > 1 {
            throw context.terminatingError(multipleMessage, errorId: multipleId, category: .invalidArgument,
                                           target: .string(given), exceptionType: "System.NotSupportedException")
        }
        if let only = hits.first { return only }
        if mustExist || WildcardPattern.containsWildcard(given) {
            throw context.terminatingError("Cannot find path '\((try? context.session.locate(given).display) ?? given)' because it does not exist.",
                                           errorId: "PathNotFound", category: .objectNotFound, target: .string(given),
                                           exceptionType: "System.Management.Automation.ItemNotFoundException")
        }
        return context.session.resolvePath(given)
    }

    /// PowerShell writes alias files in .NET's Unicode encoding: UTF-16LE with a byte order mark.
    static func unicodeBytes(_ text: String, withMark: Bool) -> Data {
        var out: [UInt8] = withMark ? [0xFF, 0xFE] : []
        for unit in text.utf16 { out.append(UInt8(unit & 0xFF)); out.append(UInt8(unit >> 8)) }
        return Data(out)
    }
}

final class ExportAliasCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 0, mandatory: true, sets: ["ByPath"])
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                               valueFromPipelineByPropertyName: true, sets: ["ByLiteralPath"])
    static let name = Parameter<[String]>("Name", position: 1, valueFromPipelineByPropertyName: true)
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let format = Parameter<String>("As", type: .enumType(AliasFiles.formatType))
    static let append = Parameter<SwitchParameter>("Append")
    static let force = Parameter<SwitchParameter>("Force")
    static let noClobber = Parameter<SwitchParameter>("NoClobber", aliases: ["NoOverwrite"])
    static let description = Parameter<String>("Description")
    static let scope = Parameter<String>("Scope")
    static let declaration = CmdletDeclaration(
        "Export-Alias", parameters: [path, literalPath, name, passThru, format, append, force, noClobber, description, scope],
        defaultParameterSet: "ByPath", supportsShouldProcess: true, outputTypes: ["System.Management.Automation.AliasInfo"],
        synopsis: "Writes aliases to a file.",
        description: "Writes the aliases whose names match -Name (all by default) to a file, as CSV lines that Import-Alias reads or, with -As Script, as Set-Alias commands; -Append adds to the file, -NoClobber refuses to replace it.")

    private var matches: [(alias: String, target: String, details: AliasDetails)] = []

    func process(_ context: CmdletContext) throws {
        let session = context.session
        let all = (try AliasObjects.scope(context[Self.scope], context).map { AliasObjects.entries(in: $0, session) }
            ?? AliasObjects.visible(session)).map { (alias: $0.name, target: $0.target, details: $0.details) }
        for pattern in context[Self.name] ?? ["*"] {
            let p = WildcardPattern(pattern)
            let hits = all.filter { p.matches($0.alias) }
            if hits.isEmpty && !WildcardPattern.containsWildcard(pattern) {
                try context.writeError(ErrorRecord(message: "Cannot find alias because alias '\(pattern)' does not exist.",
                                                   errorId: context.qualifiedErrorId("AliasNotFound"), category: .objectNotFound,
                                                   target: .string(pattern), exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            matches += hits
        }
    }

    func end(_ context: CmdletContext) throws {
        let literal = context[Self.literalPath] != nil
        let given = context[Self.literalPath] ?? context[Self.path] ?? "."
        let file = try AliasFiles.singleFile(given, literal: literal, mustExist: false, context, multipleId: "ReadWriteMultipleFilesNotSupported",
                                             multipleMessage: "Cannot perform operation because the path resolved to more than one file. This command cannot operate on multiple files.")
        guard try context.shouldProcess(target: file, action: "Export-Alias") else { return }
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: file)
        if context[Self.noClobber] && exists && !context[Self.append] {
            throw context.terminatingError("File \(given) already exists and NoClobber was specified.", errorId: "NoClobber",
                                           category: .resourceExists, target: .string(file), exceptionType: "System.IO.IOException")
        }
        // -Force writes over a read-only file (and leaves it read-only, as PowerShell does).
        var restoreMode: Int?
        if exists && context[Self.force], let attributes = try? fm.attributesOfItem(atPath: file),
           let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o200 == 0 {
            try? fm.setAttributes([.posixPermissions: mode | 0o200], ofItemAtPath: file)
            restoreMode = mode
        }
        defer { if let restoreMode { try? fm.setAttributes([.posixPermissions: restoreMode], ofItemAtPath: file) } }

        var text = header(context)
        let script = (context[Self.format] ?? "Csv").lowercased() == "script"
        let registry = context.session.registry
        for entry in matches {
            let details = entry.details
            text += script
                ? "set-alias -Name:\"\(entry.alias)\" -Value:\"\(entry.target)\" -Description:\"\(details.description)\" -Option:\"\(details.options)\"\n"
                : "\"\(entry.alias)\",\"\(entry.target)\",\"\(details.description)\",\"\(details.options)\"\n"
        }
        do {
            let append = context[Self.append] && exists
            let data = AliasFiles.unicodeBytes(text, withMark: !append || ((try? fm.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue == 0)
            if append, let handle = FileHandle(forWritingAtPath: file) {
                handle.seekToEndOfFile()
                handle.write(data)
                handle.closeFile()
            } else {
                try data.write(to: URL(fileURLWithPath: file))
            }
        } catch {
            let reason = FileText.notFoundOrDenied(file)
            throw context.terminatingError("Cannot open file \(file) to export the alias. \(reason)", errorId: "FileOpenFailure",
                                           category: .openError, target: .string(file), exceptionType: "System.UnauthorizedAccessException")
        }
        if context[Self.passThru] {
            for entry in matches {
                try context.writeObject(AliasObjects.make(entry.alias, entry.target, entry.details))
            }
        }
    }

    private func header(_ context: CmdletContext) -> String {
        let env = ProcessInfo.processInfo.environment
        let user = env["USER"] ?? NSUserName()
        let machine = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        let now = DateFormatting.format(DateParts(PSDateTime.now()), "dddd, MMMM d, yyyy h:mm:ss tt")
        var text = "# Alias File\n# Exported by : \(user)\n# Date/Time : \(now)\n# Computer : \(machine)\n"
        if let description = context[Self.description] {
            text += "#\n# " + description.replacingOccurrences(of: "\n", with: "\n# ") + "\n"
        }
        return text
    }
}

final class ImportAliasCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 0, mandatory: true, valueFromPipeline: true,
                                        valueFromPipelineByPropertyName: true, sets: ["ByPath"])
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, valueFromPipeline: true,
                                               valueFromPipelineByPropertyName: true, sets: ["ByLiteralPath"])
    static let scope = Parameter<String>("Scope", validate: [.notNullOrEmpty])
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration(
        "Import-Alias", parameters: [path, literalPath, scope, passThru, force], defaultParameterSet: "ByPath",
        supportsShouldProcess: true, outputTypes: ["System.Management.Automation.AliasInfo"],
        synopsis: "Defines the aliases of an alias file.",
        description: "Reads a file that Export-Alias wrote (lines starting with # are comments) and defines each alias with its description and options; an alias or command that exists already is an error unless -Force is given.")

    func process(_ context: CmdletContext) throws {
        try AliasFiles.checkScope(context[Self.scope], context)
        let literal = context[Self.literalPath] != nil
        let given = context[Self.literalPath] ?? context[Self.path] ?? ""
        let file = try AliasFiles.singleFile(given, literal: literal, mustExist: true, context, multipleId: "NotSupported",
                                             multipleMessage: "Cannot import alias because path '\(given)' contains wildcard characters that resolve to multiple paths. Aliases can be imported from only one file. Change the value of the Path parameter to a path that resolves to a single file.")
        guard let data = FileManager.default.contents(atPath: file) else {
            throw context.terminatingError("Cannot open file \(file) to import the alias. \(FileText.notFoundOrDenied(file))",
                                           errorId: "FileOpenFailure", category: .openError, target: .string(file),
                                           exceptionType: "System.IO.IOException")
        }
        let lines = FileText.decode(data).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0.isWhitespace }) || line.first == "#" { continue }
            let values = CSVText.records(String(line)).first ?? []
            guard values.count == 4 else {
                throw context.terminatingError(
                    "Cannot import an alias. Line number \(index + 1) in the file '\(file)' is not a properly-formatted, comma-separated values (CSV) line for aliases. Change the line to contain four values separated by commas. If the value text itself contains a comma, then the value must be contained in quotation marks.",
                    errorId: "ImportAliasFileFormatError", category: .readError, target: .string(file), exceptionType: "System.FormatException")
            }
            guard let options = Self.options(values[3]) else {
                try context.writeError(ErrorRecord(
                    message: "Cannot import the alias because line number \(index + 1) in the file '\(file)' contains an option that is not recognized for aliases. Change the file to contain valid options.",
                    errorId: context.qualifiedErrorId("ImportAliasOptionsError"), category: .readError, target: .string(file),
                    exceptionType: "System.ArgumentException"))
                continue
            }
            try define(values[0], values[1], AliasDetails(description: values[2], options: options), context)
        }
    }

    private func define(_ name: String, _ target: String, _ details: AliasDetails, _ context: CmdletContext) throws {
        guard try context.shouldProcess(target: "Name: \(name) Value: \(target)", action: "Import Alias") else { return }
        let registry = context.session.registry
        let scope = try AliasObjects.scope(context[Self.scope], context)
        if !context[Self.force] {
            // Without -Scope any alias the caller sees counts (PowerShell's GetAlias), with it that scope's.
            if AliasObjects.find(name, from: scope ?? context.session.currentScope, only: scope != nil, context.session) != nil {
                try context.writeError(ErrorRecord(message: "The alias is not allowed, because an alias with the name '\(name)' already exists.",
                                                   errorId: context.qualifiedErrorId("AliasAlreadyExists"), category: .resourceExists,
                                                   target: .string(name), exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
                return
            }
            if let existing = registry.cmdlet(named: name) {
                try context.writeError(ErrorRecord(message: "The alias is not allowed, because a command with the name '\(existing.declaration.name)' and command type 'Cmdlet' already exists.",
                                                   errorId: context.qualifiedErrorId("AliasAlreadyExists"), category: .resourceExists,
                                                   target: .string(name), exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
                return
            }
        }
        AliasObjects.define(name, target, details: details, in: scope, context.session)
        if context[Self.passThru] { try context.writeObject(AliasObjects.make(name, target, details)) }
    }

    /// ScopedItemOptions parsed as .NET's Enum.Parse does (names in any case, comma-separated),
    /// printed in the enum's order; nil for a name that is not one.
    static func options(_ text: String) -> String? {
        let names = ["None", "ReadOnly", "Constant", "Private", "AllScope", "Unspecified"]
        var chosen = Set<String>()
        for part in text.split(separator: ",") {
            let word = part.trimmingCharacters(in: .whitespaces)
            guard let name = names.first(where: { $0.lowercased() == word.lowercased() }) else { return nil }
            chosen.insert(name)
        }
        let set = names.filter { $0 != "None" && chosen.contains($0) }
        return set.isEmpty ? "None" : set.joined(separator: ", ")
    }
}
