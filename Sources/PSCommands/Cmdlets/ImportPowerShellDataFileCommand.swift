import Foundation
import PSLanguage
import PSRuntime

/// Import-PowerShellDataFile: a .psd1 read as data, never run. The file is parsed; its first
/// hashtable literal (as PowerShell's `Ast.Find` meets it) is taken as a value only when it holds
/// nothing dynamic (`SafeValueCheck`, PowerShell's SafeGetValue); a command, operator or member there
/// is a terminating InvalidOperationException naming the hashtable's text. A file that does not
/// parse, or has no hashtable, is a non-terminating InvalidData error; a missing path is PathNotFound.
final class ImportPowerShellDataFileCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, sets: ["ByPath"], validate: [.notNullOrEmpty])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], position: 0, mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["ByLiteralPath"],
                                                 validate: [.notNullOrEmpty])
    static let skipLimitCheck = Parameter<SwitchParameter>("SkipLimitCheck")
    static let declaration = CmdletDeclaration(
        "Import-PowerShellDataFile", parameters: [path, literalPath, skipLimitCheck], defaultParameterSet: "ByPath",
        outputTypes: ["System.Collections.Hashtable"], synopsis: "Imports values from a .PSD1 file without invoking its contents.",
        description: "Parses each file and writes the hashtable it holds, when that hashtable contains only constant data (no commands, operators or members). More than 500 keys in one hashtable is refused unless -SkipLimitCheck is given.")

    func process(_ context: CmdletContext) throws {
        let literal = context[Self.literalPath] != nil
        for given in context[Self.literalPath] ?? context[Self.path] ?? [] {
            guard let file = resolve(given, literal: literal, context) else {
                try context.writeError("Cannot find path '\(given)' because it does not exist.", errorId: "PathNotFound",
                                       category: .invalidArgument, target: .string(given),
                                       exceptionType: "System.ArgumentException")
                continue
            }
            try importFile(file, context)
        }
    }

    private func importFile(_ file: String, _ context: CmdletContext) throws {
        let invalid = { (id: String) in
            try context.writeError("The file '\(file)' could not be parsed as a PowerShell Data File.", errorId: id,
                                   category: .invalidData, target: .string(file),
                                   exceptionType: "System.InvalidOperationException")
        }
        guard let text = FileText.read(file) else { return try invalid("CouldNotParseAsPowerShellDataFile") }
        let parsed = Parser.parse(text, fileName: file)
        guard parsed.errors.isEmpty else { return try invalid("CouldNotParseAsPowerShellDataFile") }
        guard let table = SafeValueCheck.firstHashtable(in: parsed.scriptBlock) else {
            return try invalid("CouldNotParseAsPowerShellDataFileNoHashtableRoot")
        }
        let source = parsed.source.text(table.range)
        guard SafeValueCheck.isSafe(table, skipLimitCheck: context[Self.skipLimitCheck]) else {
            throw context.terminatingError(
                "Cannot generate a PowerShell object for a ScriptBlock evaluating dynamic expressions. Dynamic expression: \(source).",
                errorId: "System.InvalidOperationException", category: .invalidOperation,
                exceptionType: "System.InvalidOperationException")
        }
        // Safe means constant: running the literal's own text gives its value. `[ordered]` is not
        // part of the hashtable PowerShell finds, so the value is a plain Hashtable either way.
        var literalText = source
        if !literalText.hasPrefix("@"), let at = literalText.firstIndex(of: "@") { literalText = String(literalText[at...]) }
        for value in try context.session.invoke(literalText) { try context.writeObject(value) }
    }

    /// PowerShell's PathUtils.ResolveFilePath: the first item a -Path pattern matches, or the
    /// literal path; nil when that is not an existing file.
    private func resolve(_ given: String, literal: Bool, _ context: CmdletContext) -> String? {
        let first = literal ? FileSystemPaths.resolve(given, session: context.session)
                            : ((try? FileSystemPaths.expand(given, session: context.session))?.first)
        guard let file = first else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return file
    }
}
