import Foundation
import PSRuntime

/// Import-LocalizedData: reads `<name>.psd1` from the folder of the UI culture (or of its parent
/// cultures, then the base folder itself) and evaluates it as a data section that may call
/// ConvertFrom-StringData (and -SupportedCommand's commands), writing the value or assigning it to
/// -BindingVariable. The base folder and name default to the calling script's.
final class ImportLocalizedDataCommand: Cmdlet {
    static let bindingVariable = Parameter<String>("BindingVariable", aliases: ["Variable"], position: 0, validate: [.notNullOrEmpty])
    static let uiCulture = Parameter<String>("UICulture", position: 1)
    static let baseDirectory = Parameter<String>("BaseDirectory")
    static let fileName = Parameter<String>("FileName")
    static let supportedCommand = Parameter<[String]>("SupportedCommand")
    static let declaration = CmdletDeclaration(
        "Import-LocalizedData", parameters: [bindingVariable, uiCulture, baseDirectory, fileName, supportedCommand],
        synopsis: "Imports language-specific data into scripts and functions based on the UI culture.",
        description: "Finds <FileName>.psd1 under <BaseDirectory>/<culture> (the UI culture, then its parents, then <BaseDirectory> itself), evaluates it as a data section and writes the result or assigns it to -BindingVariable.",
        // PowerShell's class for this cmdlet lacks the usual `Command` suffix.
        className: "Microsoft.PowerShell.Commands.ImportLocalizedData")

    func process(_ context: CmdletContext) throws {
        guard let path = try filePath(context) else { return }
        guard FileManager.default.fileExists(atPath: path) else {
            try context.writeError(ErrorRecord(message: "The data file '\(path)' cannot be found. ", errorId: context.qualifiedErrorId("ImportLocalizedData"),
                                               category: .objectNotFound, target: .string(path), exceptionType: "System.Management.Automation.PSInvalidOperationException"))
            return
        }
        guard let text = FileText.read(path) else {
            try context.writeError(ErrorRecord(message: "The following error occurred while PowerShell was opening the data file '\(path)':\nThe file could not be read.",
                                               errorId: context.qualifiedErrorId("ImportLocalizedData"), category: .openError,
                                               target: .string(path), exceptionType: "System.Management.Automation.PSInvalidOperationException"))
            return
        }
        let result: PSValue
        do {
            // The file is the body of a data section: the restricted language and its allowed commands.
            let allowed = (context[Self.supportedCommand] ?? ["ConvertFrom-StringData"]).map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
            let block = try context.session.compileText("data -SupportedCommand \(allowed.joined(separator: ",")) {\n\(text)\n}")
            let items = try context.invoke(block, dotSource: false)
            result = items.count == 1 ? items[0] : (items.isEmpty ? .null : .array(PSArray(items)))
        } catch let error as PSRuntimeError {
            let message = "The following error occurred while PowerShell was loading the '\(path)' script data file:\n\(error.record.message)."
            let outer = PSException(message, type: "System.Management.Automation.PSInvalidOperationException", inner: error.record.exception)
            throw PSRuntimeError(ErrorRecord(outer, errorId: "ImportLocalizedData", category: .invalidOperation))
        }
        guard let variable = context[Self.bindingVariable] else {
            try context.writeObject(result)
            return
        }
        // The variable as a script names it (`data`, `script:data`), set where the caller runs.
        let qualifier = variable.split(separator: ":", maxSplits: 1)
        if qualifier.count == 2 && qualifier[1].isEmpty || variable.hasSuffix(":") {
            try context.writeError(ErrorRecord(message: "The BindingVariable name '\(variable)' is invalid.", errorId: context.qualifiedErrorId("ImportLocalizedData"),
                                               category: .invalidArgument, target: .string(variable), exceptionType: "System.Management.Automation.PSInvalidOperationException"))
            return
        }
        let assignment = try context.session.compileText("${\(variable.replacingOccurrences(of: "}", with: "`}"))} = $args[0]")
        _ = try context.invoke(assignment, arguments: [result], dotSource: true)
    }

    /// The data file: `<base>/<culture>/<name>.psd1` for the culture and its parents, then `<base>/<name>.psd1`.
    private func filePath(_ context: CmdletContext) throws -> String? {
        let scriptFile = context.position?.file.flatMap { $0.isEmpty ? nil : $0 }
        let given = context[Self.fileName].flatMap { $0.isEmpty ? nil : $0 }
        if given == nil && scriptFile == nil {
            throw context.terminatingError("The FileName parameter was not specified. The FileName parameter is required when Import-LocalizedData is not called from a script file.",
                                           errorId: "NotCalledFromAScriptFile", category: .invalidOperation,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        if let given, given.contains("/") || given.contains("\\") {
            throw context.terminatingError("The argument for the FileName parameter should not contain a path.",
                                           errorId: "FileNameParameterCannotHavePath", category: .invalidOperation,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        var directory = context[Self.baseDirectory].flatMap { $0.isEmpty ? nil : $0 }
            ?? scriptFile.map { ($0 as NSString).deletingLastPathComponent } ?? "."
        directory = context.session.resolvePath(directory)
        let name = ((given ?? (scriptFile! as NSString).lastPathComponent) as NSString).deletingPathExtension + ".psd1"
        let cultureName = context[Self.uiCulture]
            ?? PSConvert.toString((try? context.session.currentUICulture.property("Name")) ?? nil ?? .string("en-US"))
        var cultures = [cultureName]
        // Without -UICulture, en-US is searched after the current culture's own chain (as .NET Framework did).
        if context[Self.uiCulture] == nil && cultureName != "en-US" { cultures.append("en-US") }
        for culture in cultures {
            var current = culture
            while !current.isEmpty {
                let candidate = (directory as NSString).appendingPathComponent(current + "/" + name)
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                // A culture's parent drops its last subtag (en-US → en, zh-Hans-CN → zh-Hans).
                current = current.lastIndex(of: "-").map { String(current[..<$0]) } ?? ""
            }
        }
        let fallback = (directory as NSString).appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: fallback) { return fallback }
        let cultureDirectory = (directory as NSString).appendingPathComponent(cultureName)
        try context.writeError(ErrorRecord(
            message: "Cannot find the PowerShell data file '\(name)' in directory '\(cultureDirectory)', or in any parent culture directories.",
            errorId: context.qualifiedErrorId("ImportLocalizedData"), category: .objectNotFound,
            target: .string((cultureDirectory as NSString).appendingPathComponent(name)), exceptionType: "System.Management.Automation.PSInvalidOperationException"))
        return nil
    }
}
