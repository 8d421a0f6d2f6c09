// Update-FormatData, Get-FormatData, Export-FormatData: the session's format views and the
// format.ps1xml files they can come from. Update-FormatData keeps PowerShell's order (files given
// with -PrependPath before everything, -AppendPath files after) and reloads every file each time;
// a file with errors leaves the views as they were.

import Foundation
import PSRuntime

final class UpdateFormatDataCommand: Cmdlet {
    static let appendPath = Parameter<[String]>("AppendPath", aliases: ["PSPath", "Path"], position: 0, valueFromPipeline: true,
                                                valueFromPipelineByPropertyName: true, sets: ["FileSet"], validate: [.notNull])
    static let prependPath = Parameter<[String]>("PrependPath", sets: ["FileSet"], validate: [.notNull])

    static let declaration = CmdletDeclaration(
        "Update-FormatData", parameters: [appendPath, prependPath], defaultParameterSet: "FileSet",
        supportsShouldProcess: true, confirmImpact: .low,
        synopsis: "Loads format.ps1xml files into the session.",
        description: "Reads the views of the given format.ps1xml files (TableControl, ListControl, WideControl and CustomControl views, selection sets and shared controls). Views of -PrependPath files take precedence over the built-in ones; those of -AppendPath files are used when no other view applies. Every loaded file is read again each time, so running it without arguments picks up changes. A file with errors is refused with a FormatXmlUpdateException and the views stay as they were.")

    func process(_ context: CmdletContext) throws {
        let givenPrepend = context[Self.prependPath] ?? []
        let givenAppend = context[Self.appendPath] ?? []
        let prepend = try UpdateDataPaths.glob(givenPrepend, "FormatPrependPathException", context)
        let append = try UpdateDataPaths.glob(givenAppend, "FormatAppendPathException", context)
        if !(givenPrepend.isEmpty && givenAppend.isEmpty) && prepend.isEmpty && append.isEmpty { return }

        let table = context.session.registry.formatViews
        var seen = Set<String>()
        var newPrepend: [String] = []
        for p in prepend.reversed() where try context.shouldProcess(target: "FileName: \(p)", action: "Update FormatData") {
            if seen.insert(p).inserted { newPrepend.append(p) }
        }
        for p in table.prependedFiles where seen.insert(p).inserted { newPrepend.append(p) }
        var newAppend: [String] = []
        for p in table.appendedFiles where seen.insert(p).inserted { newAppend.append(p) }
        for p in append where try context.shouldProcess(target: "FileName: \(p)", action: "Update FormatData") {
            if seen.insert(p).inserted { newAppend.append(p) }
        }

        var errors: [String] = []
        let front = load(newPrepend, context, &errors)
        let back = load(newAppend, context, &errors)
        guard errors.isEmpty else {
            let message = "Errors occurred while loading the format data file: \n" + errors.map { $0 + "\n" }.joined()
            try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId("FormatXmlUpdateException"),
                                               category: .invalidOperation,
                                               exceptionType: "System.Management.Automation.RuntimeException"))
            return
        }
        table.setFileViews(prependFiles: newPrepend, prepend: front, appendFiles: newAppend, append: back)
    }

    private func load(_ files: [String], _ context: CmdletContext, _ errors: inout [String]) -> [FormatView] {
        var views: [FormatView] = []
        for f in files {
            guard let text = FileText.read(f) else {
                errors.append("\(f), \(f): The file was not found.")
                continue
            }
            let loader = FormatXmlLoader(path: f, makeScript: { try context.session.makeScriptBlock($0) })
            let loaded = loader.load(text)
            if loader.errors.isEmpty { views += loaded } else { errors += loader.errors.map { "\(f), \($0)" } }
        }
        return views
    }
}

final class GetFormatDataCommand: Cmdlet {
    static let typeName = Parameter<[String]>("TypeName", position: 0)
    static let powerShellVersion = Parameter<PSValue>("PowerShellVersion", type: .version)

    static let declaration = CmdletDeclaration(
        "Get-FormatData", parameters: [typeName, powerShellVersion],
        synopsis: "Gets the session's format views as ExtendedTypeDefinition objects.",
        description: "Returns one ExtendedTypeDefinition per set of type names that views apply to, with a FormatViewDefinition (Name and Control) per view. -TypeName filters by type name and takes wildcards.")

    func end(_ context: CmdletContext) throws {
        let patterns = (context[Self.typeName] ?? []).map { WildcardPattern($0) }
        // A client older than 5.1 gets no view with a GroupBy or a CustomControl, and one definition per type name.
        var oldClient = false
        if case .version(let v)? = context[Self.powerShellVersion]?.unwrapped {
            oldClient = v.major < 5 || (v.major == 5 && v.minor < 1)
        }
        var results: [PSValue] = []
        for d in FormatDataObjects.definitions(context.session.registry.formatViews) {
            if !patterns.isEmpty && !d.typeNames.contains(where: { n in patterns.contains { $0.matches(n) } }) { continue }
            let views = oldClient ? d.views.filter { $0.groupBy == nil && $0.kind != .custom } : d.views
            if views.isEmpty { continue }
            if oldClient {
                for t in d.typeNames { results.append(FormatDataObjects.typeDefinition(typeNames: [t], views: views)) }
            } else {
                results.append(FormatDataObjects.typeDefinition(typeNames: d.typeNames, views: views))
            }
        }
        // PowerShell writes the whole collection as one object[] (`, $result | Should -BeOfType System.Object[]`).
        if !results.isEmpty { try context.writeObject(.list(results), enumerate: true) }
    }
}

final class ExportFormatDataCommand: Cmdlet {
    static let inputObject = Parameter<[PSValue]>("InputObject", type: .array(.named(FormatDataObjects.typeDefinitionType)),
                                                  mandatory: true, valueFromPipeline: true)
    static let path = Parameter<String>("Path", aliases: ["FilePath"], mandatory: true, sets: ["ByPath"])
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, sets: ["ByLiteralPath"])
    static let force = Parameter<SwitchParameter>("Force")
    static let noClobber = Parameter<SwitchParameter>("NoClobber", aliases: ["NoOverwrite"])
    static let includeScriptBlock = Parameter<SwitchParameter>("IncludeScriptBlock")

    static let declaration = CmdletDeclaration(
        "Export-FormatData", parameters: [inputObject, path, literalPath, force, noClobber, includeScriptBlock],
        defaultParameterSet: "ByPath",
        synopsis: "Writes format views (from Get-FormatData) to a format.ps1xml file.",
        description: "Saves the views of the ExtendedTypeDefinition objects it is given as a format.ps1xml file that Update-FormatData can load. Script block values are written only with -IncludeScriptBlock. -NoClobber refuses to replace an existing file.")

    private var views: [FormatView] = []

    func process(_ context: CmdletContext) throws {
        for item in context[Self.inputObject] ?? [] {
            if let v = FormatDataObjects.views(of: item) { views += v }
        }
    }

    func end(_ context: CmdletContext) throws {
        let given = context[Self.path] ?? context[Self.literalPath] ?? ""
        let file = FileSystemPaths.resolve(given, session: context.session)
        if context[Self.noClobber] && FileManager.default.fileExists(atPath: file) {
            throw context.terminatingError("The file '\(file)' already exists.", errorId: "NoClobber",
                                           category: .resourceExists, target: .string(file),
                                           exceptionType: "System.IO.IOException")
        }
        var writer = FormatXmlWriter(includeScriptBlocks: context[Self.includeScriptBlock])
        try FileText.write(writer.document(views), to: file, append: false, context: context)
    }
}
