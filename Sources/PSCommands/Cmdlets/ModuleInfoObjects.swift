// PSModuleInfo objects (Get-Module, Import-Module -PassThru) and their views, for script modules and
// for the modules built into hvsh (Hyper-V, the core cmdlets, ...), which PowerShell would show as
// binary modules.

import Foundation
import PSRuntime

enum ModuleInfoObjects {
    static let typeName = "System.Management.Automation.PSModuleInfo"
    /// Get-Module -ListAvailable puts this first so its view groups modules by folder.
    static let groupingTypeName = "ModuleInfoGrouping"

    static func make(_ m: ScriptModule, listing: Bool = false) -> PSValue {
        let functions = ordered(m.exportedFunctions.map { f in
            (f.name, CommandInfoObjects.make(type: f.isFilter ? "Filter" : "Function", name: f.name, version: "",
                                             source: m.name, definition: f.block.text, declaration: nil))
        })
        let aliases = ordered(m.exportedAliases.map { a in (a.name, AliasObjects.make(a.name, a.target)) })
        let variables = ordered(m.exportedVariables.map { v in (v.name, VariableObjects.make(v)) })
        let commands = ordered(functions.pairs.map { (PSConvert.toString($0.0), $0.1) } + aliases.pairs.map { (PSConvert.toString($0.0), $0.1) })
        let o = base(name: m.name, path: m.path, moduleBase: m.moduleBase, type: m.moduleType, version: m.version, listing: listing,
                     module: m)
        o.addNote("Description", .string(m.description))
        o.addNote("Author", .string(m.author))
        o.addNote("Guid", m.guid.map { .guid($0) } ?? .guid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))))
        o.addNote("ExportedCommands", .hashtable(commands))
        o.addNote("ExportedFunctions", .hashtable(functions))
        o.addNote("ExportedCmdlets", .hashtable(PSHashtable(ordered: true)))
        o.addNote("ExportedAliases", .hashtable(aliases))
        o.addNote("ExportedVariables", .hashtable(variables))
        o.addNote("NestedModules", .array(PSArray(m.nestedModules.map { make($0) })))
        return .object(o)
    }

    /// A module compiled into hvsh: a binary module whose commands are its cmdlets.
    static func make(builtin name: String, version: PSVersion, cmdlets: [CmdletEntry], listing: Bool = false) -> PSValue {
        let exe = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let entries = ordered(cmdlets.map { c in
            (c.declaration.name, CommandInfoObjects.make(type: "Cmdlet", name: c.declaration.name, version: version.description,
                                                          source: name, definition: HelpText.syntax(c.declaration).joined(separator: "\n"),
                                                          declaration: c.declaration))
        })
        let o = base(name: name, path: exe, moduleBase: (exe as NSString).deletingLastPathComponent, type: "Binary",
                     version: version, listing: listing)
        o.addNote("Description", .string(""))
        o.addNote("ExportedCommands", .hashtable(entries))
        o.addNote("ExportedFunctions", .hashtable(PSHashtable(ordered: true)))
        o.addNote("ExportedCmdlets", .hashtable(entries))
        o.addNote("ExportedAliases", .hashtable(PSHashtable(ordered: true)))
        o.addNote("ExportedVariables", .hashtable(PSHashtable(ordered: true)))
        o.addNote("NestedModules", .array(PSArray([])))
        return .object(o)
    }

    /// A module found on disk but not loaded (Get-Module -ListAvailable): what its manifest declares,
    /// or the functions a .psm1 defines at its top level.
    static func make(available file: String, session: ShellSession) -> PSValue {
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var version = PSVersion(0, 0)
        var type = "Script"
        var functions: [String] = []
        var description = ""
        if file.lowercased().hasSuffix(".psd1"), let manifest = ModuleFiles.readManifest(file, session: session) {
            version = manifest[.string("ModuleVersion")].flatMap { PSVersion(parsing: PSConvert.toString($0)) } ?? version
            description = manifest[.string("Description")].map { PSConvert.toString($0) } ?? ""
            let root = manifest[.string("RootModule")] ?? manifest[.string("ModuleToProcess")]
            type = root.map { PSConvert.toString($0).isEmpty } == false ? "Script" : "Manifest"
            if let listed = manifest[.string("FunctionsToExport")] {
                functions = (listed.arrayElements ?? [listed]).map { PSConvert.toString($0) }.filter { !WildcardPattern.containsWildcard($0) }
            }
        } else {
            functions = session.functionNames(definedIn: file)
        }
        let commands = ordered(functions.sorted { $0.lowercased() < $1.lowercased() }.map { f in
            (f, CommandInfoObjects.make(type: "Function", name: f, version: "", source: name, definition: "", declaration: nil))
        })
        let o = base(name: name, path: file, moduleBase: (file as NSString).deletingLastPathComponent, type: type,
                     version: version, listing: true)
        o.addNote("Description", .string(description))
        o.addNote("ExportedCommands", .hashtable(commands))
        o.addNote("ExportedFunctions", .hashtable(commands))
        o.addNote("ExportedCmdlets", .hashtable(PSHashtable(ordered: true)))
        o.addNote("ExportedAliases", .hashtable(PSHashtable(ordered: true)))
        o.addNote("ExportedVariables", .hashtable(PSHashtable(ordered: true)))
        o.addNote("NestedModules", .array(PSArray([])))
        return .object(o)
    }

    /// The module a module object stands for: by its Guid (a dynamic module has no file), else its path.
    static func module(_ info: PSValue, in modules: [ScriptModule]) -> ScriptModule? {
        if case .guid(let id)? = PropertyAccess.value(info, "Guid"), let m = modules.first(where: { $0.guid == id }) { return m }
        let path = PSConvert.toString(PropertyAccess.value(info, "Path") ?? .null)
        return path.isEmpty ? nil : modules.first { $0.path == path }
    }

    /// `module`: the loaded module the object stands for, which `& $module { ... }` runs code in.
    private static func base(name: String, path: String, moduleBase: String, type: String, version: PSVersion,
                             listing: Bool, module: ScriptModule? = nil) -> PSObject {
        let o = PSObject(typeNames: (listing ? [groupingTypeName] : []) + [typeName, "System.Object"], baseObject: module)
        o.addNote("Name", .string(name))
        o.addNote("Path", .string(path))
        o.addNote("ModuleBase", .string(moduleBase))
        o.addNote("ModuleType", .string(type))
        o.addNote("Version", .version(version))
        o.addNote("CompatiblePSEditions", .array(PSArray([])))
        o.addNote("PrivateData", .null)
        o.toStringHandler = { _ in name }
        return o
    }

    private static func ordered(_ pairs: [(String, PSValue)]) -> PSHashtable {
        let h = PSHashtable(ordered: true)
        for (k, v) in pairs { h[.string(k)] = v }
        return h
    }

    /// The names of a module object's exported commands, as the table shows them (`{Get-Lab, Set-Lab}`).
    static func commandNames(_ v: PSValue) -> PSValue {
        guard case .hashtable(let h)? = PropertyAccess.value(v, "ExportedCommands") else { return .null }
        return .array(PSArray(h.keys))
    }

    /// PowerShell's module table and the -ListAvailable one grouped by the modules' folder.
    static var views: [FormatView] {
        let columns = [
            TableColumn("ModuleType", width: 10),
            TableColumn("Version", width: 10),
            TableColumn("PreRelease", width: 10, value: .computed { _ in .null }),
            TableColumn("Name", width: 35),
        ]
        var grouped = FormatView(name: "Module", typeNames: [groupingTypeName], table: columns + [
            TableColumn("PSEdition", width: 9, value: .computed { v in
                let editions = (PropertyAccess.value(v, "CompatiblePSEditions")?.arrayElements ?? []).map { PSConvert.toString($0) }
                return .string((editions.isEmpty ? ["Desktop"] : editions).map { String($0.prefix(4)) }.sorted().joined(separator: ","))
            }),
            TableColumn("ExportedCommands", value: .computed(commandNames)),
        ])
        grouped.groupBy = (label: "Directory", value: .computed { v in .string(groupFolder(v)) })
        grouped.groupHeader = { "    Directory: " + $0 }
        return [
            FormatView(name: "Module", typeNames: [typeName], table: columns + [TableColumn("ExportedCommands", value: .computed(commandNames))]),
            grouped,
        ]
    }

    /// The folder a listed module lives in: the parent of its module folder (skipping a version folder).
    static func groupFolder(_ v: PSValue) -> String {
        var folder = (PSConvert.toString(PropertyAccess.value(v, "Path") ?? .null) as NSString).deletingLastPathComponent
        if PSVersion(parsing: (folder as NSString).lastPathComponent) != nil { folder = (folder as NSString).deletingLastPathComponent }
        return (folder as NSString).deletingLastPathComponent
    }
}
