// The core cmdlets and the formatting engine as one module for the session:
//     ShellSession(host: host, modules: [CoreCommands.module, ...])
// Its Out-Default replaces the runtime's minimal fallback.

import PSRuntime

public enum CoreCommands {
    public static var module: PSModule {
        PSModule(name: "Microsoft.PowerShell.Utility", version: PSVersion(7, 0, 0, 0),
                 cmdlets: cmdlets, aliases: aliases, enums: [HTTPStatus.codeType, WebParameters.methodType, AliasFiles.formatType,
                                                                    Breakpoint.accessModeType, Breakpoint.breakpointType, AddTypeCommand.languageType, DebuggerObject.debugModeType],
                 typeNames: [SelectStringCommand.matchInfoType, SelectStringCommand.contextType, HistoryCommands.infoType] + itemTypeNames + engineTypeNames + Breakpoint.typeNames + [MarkdownOptions.typeName, RunspaceDebugSelection.typeName],
                 formatViews: BuiltinViews.all, onImport: { session in
                    ExecutionContextObject.install(in: session)
                    session.methodOverloads = MemberListing.methodOverloads
                    FileItems.installConstructors(in: session)
                    VariableObjects.installConstructor(in: session)
                    FileInfoConversion.register(in: session.types)
                    session.services.provide(JsonObjectConverter.self) { JSONConversion.jsonObjectConverter }
                    session.services.provide(RunspaceDebuggerFace.self) { RunspaceDebuggerFace { DebuggerObject.of($0) } }
                    session.services.provide(CliXmlSerializer.self) {
                        CliXmlSerializer(serialize: { value, depth in CliXmlWriter.document([value], depth: depth) },
                                         deserialize: { text, session in
                                             var reader = CliXmlReader(session: session)
                                             do { return try reader.objects(text) } catch let e as CliXmlReader.Failure {
                                                 throw CliXmlSerializer.Failure(message: e.message)
                                             }
                                         })
                    }
                 }, commandModule: PowerShellModules.module(of:))
    }

    /// The .NET types of file system items, so that `-is [System.IO.FileInfo]` and `-as` work on them.
    static var itemTypeNames: [String] {
        ["System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.FileSystemInfo", GetFileHashCommand.fileHashInfoType, FormatHexCommand.byteCollectionType]
    }

    /// The engine's own object types by their full names (`$_ -is [System.Management.Automation.ErrorRecord]`).
    static var engineTypeNames: [String] {
        ["ErrorRecord", "InvocationInfo", "PSVariable", "AliasInfo", "FunctionInfo", "CmdletInfo", "CommandInfo", "VerbInfo",
         "Job", "PSEventArgs", "PSEventSubscriber", "PSEventJob"]
            .map { "System.Management.Automation." + $0 }
    }

    static var cmdlets: [any Cmdlet.Type] {
        [OutDefaultCommand.self, OutHostCommand.self, OutStringCommand.self, OutNullCommand.self, OutFileCommand.self,
         FormatTableCommand.self, FormatListCommand.self, FormatWideCommand.self, FormatCustomCommand.self,
         UpdateFormatDataCommand.self, GetFormatDataCommand.self, ExportFormatDataCommand.self]
            + CoreCommands.utilityCmdlets
    }

    static var aliases: [(String, String)] {
        [("ft", "Format-Table"), ("fl", "Format-List"), ("fw", "Format-Wide"), ("fc", "Format-Custom"), ("oh", "Out-Host"), ("cls", "Clear-Host"),
         ("start", "Start-Process"), ("saps", "Start-Process")]
    }
}

/// Formatting entry points for Swift callers (the shell, tests): objects to console text.
public enum Formatting {
    /// The text Out-String would produce for `values` (script-block columns cannot run here).
    public static func outString(_ values: [PSValue], session: ShellSession, width: Int? = nil) throws -> String {
        var text = ""
        let f = LineFormatter(session: session, invoke: { _, _ in [] }, screenWidth: width ?? session.host.windowWidth,
                              listWidth: width ?? Int.max / 4) { text += $0 + "\n" }
        for v in values { try f.add(v) }
        f.finish()
        return text
    }
}

/// Views PowerShell ships for .NET types that scripts meet every day.
enum BuiltinViews {
    /// Types shown as their string form, like scalars (PowerShell gives them views that print ToString()).
    static let stringShapedTypes: Set<String> = [SelectStringCommand.matchInfoType, GetErrorCommand.extendedRecordType,
                                                 GetErrorCommand.extendedExceptionType]
    /// Types whose view prints their text out of band, like a string (the records of merged streams,
    /// Get-Help's help objects).
    static let outOfBandTextTypes: Set<String> = ["Warning", "Verbose", "Debug", "Information"].reduce(
        into: Set([GetHelpCommand.helpInfoType, ScriptHelpObjects.parameterTypeName, ScriptHelpObjects.syntaxTypeName] + ScriptHelpObjects.viewTypeNames)) {
        $0.insert(StreamRecords.namespace + $1 + "Record")
    }

    static func number(_ v: PSValue, _ name: String) -> Int64 {
        (try? PSConvert.toInt64(PropertyAccess.value(v, name) ?? .null)) ?? 0
    }

    static var all: [FormatView] {
        var members = FormatView(name: "MemberDefinition", typeNames: [GetMemberCommand.memberDefinitionType], table: [
            TableColumn("Name"), TableColumn("MemberType"), TableColumn("Definition"),
        ])
        members.groupBy = (label: "TypeName", value: .property("TypeName"))
        // A method named without a call: its overloads, one a line (`$_.OverloadDefinitions | Out-String`, wrapped).
        var methods = FormatView(name: "System.Management.Automation.PSMethod", typeNames: ["System.Management.Automation.PSMethod"], table: [
            TableColumn("OverloadDefinitions", value: .computed { v in
                .string((PropertyAccess.value(v, "OverloadDefinitions")?.arrayElements ?? []).map { PSConvert.toString($0) }.joined(separator: "\n"))
            }),
        ])
        methods.wrapRows = true
        return [members, methods,
            FormatView(name: "Dictionary", typeNames: ["System.Collections.DictionaryEntry"], table: [
                TableColumn("Name", width: 30),
                TableColumn("Value"),
            ]),
            FormatView(name: "Dictionary", typeNames: ["System.Collections.DictionaryEntry"], list: [ListItem("Name"), ListItem("Value")]),
            // Get-Variable and the Variable: drive: pwsh's table shows only the name and the value.
            FormatView(name: "Variable", typeNames: ["System.Management.Automation.PSVariable"], table: [
                TableColumn("Name", width: 30),
                TableColumn("Value"),
            ]),
            MarkdownOptions.formatView,
            // Every job (Start-Job's, -AsJob's, an event's action): PowerShell's "Job" table.
            FormatView(name: "Job", typeNames: ["System.Management.Automation.Job"], table: [
                TableColumn("Id", width: 6, alignment: .left), TableColumn("Name", width: 15, alignment: .left),
                TableColumn("PSJobTypeName", width: 15, alignment: .left), TableColumn("State", width: 13, alignment: .left),
                TableColumn("HasMoreData", width: 15, alignment: .left), TableColumn("Location", width: 20, alignment: .left),
                TableColumn("Command", width: 25, alignment: .left),
            ]),
            // Get-Runspace: PowerShell's "Runspace" table (a local runspace is always on localhost).
            FormatView(name: "Runspace", typeNames: ["System.Management.Automation.Runspaces.Runspace"], table: [
                TableColumn("Id", width: 3, alignment: .right), TableColumn("Name", width: 15, alignment: .left),
                TableColumn("ComputerName", width: 15, alignment: .left, value: .computed { _ in .string("localhost") }),
                TableColumn("Type", width: 13, alignment: .left, value: .computed { _ in .string("Local") }),
                TableColumn("State", width: 13, alignment: .left, value: .computed { v in
                    PropertyAccess.value(v, "RunspaceStateInfo").flatMap { PropertyAccess.value($0, "State") } ?? .null }),
                TableColumn("Availability", width: 15, alignment: .left, value: .property("RunspaceAvailability")),
            ]),
            FormatView(name: "CommandInfo", typeNames: [CommandInfoObjects.typeName], table: [
                TableColumn("CommandType", width: 15),
                TableColumn("Name", width: 50, value: .computed { v in
                    PropertyAccess.value(v, "DisplayName") ?? PropertyAccess.value(v, "Name") ?? .null }),
                TableColumn("Version", width: 10),
                TableColumn("Source"),
            ]),
            FormatView(name: "Process", typeNames: [GetProcessCommand.processType], table: [
                TableColumn("NPM(K)", width: 7, alignment: .right, value: .computed { v in .long(BuiltinViews.number(v, "NPM") / 1024) }, formatString: "{0:N0}"),
                TableColumn("PM(M)", width: 8, alignment: .right, value: .computed { v in .double(Double(BuiltinViews.number(v, "PM")) / 1_048_576) }, formatString: "{0:N2}"),
                TableColumn("WS(M)", width: 10, alignment: .right, value: .computed { v in .double(Double(BuiltinViews.number(v, "WS")) / 1_048_576) }, formatString: "{0:N2}"),
                TableColumn("CPU(s)", width: 10, alignment: .right, value: .property("CPU"), formatString: "{0:N2}"),
                TableColumn("Id", width: 7, alignment: .right),
                TableColumn("SI", width: 3, alignment: .right),
                TableColumn("ProcessName"),
            ]),
            FormatView(name: "PathInfo", typeNames: ["System.Management.Automation.PathInfo"], table: [TableColumn("Path")]),
            FormatView(name: "PSRunspaceDebug", typeNames: [RunspaceDebugSelection.typeName], table: [
                TableColumn("Id", width: 3, alignment: .right, value: .property("RunspaceId")),
                TableColumn("Name", width: 20, alignment: .left, value: .property("RunspaceName")),
                TableColumn("Enabled", width: 10, alignment: .left), TableColumn("BreakAll", width: 10, alignment: .left),
            ]),
            // PowerShell's Breakpoint views: the table shows the script's file name only.
            FormatView(name: "Breakpoint", typeNames: Array(Breakpoint.typeNames.dropFirst()), table: [
                TableColumn("ID", width: 4, alignment: .right),
                TableColumn("Script", value: .computed { v in
                    guard let s = PropertyAccess.value(v, "Script"), PSConvert.toBool(s) else { return .null }
                    return .string(String(PSConvert.toString(s).split(separator: "/", omittingEmptySubsequences: false).last ?? "")) }),
                TableColumn("Line", width: 4, alignment: .right),
                TableColumn("Command"), TableColumn("Variable"), TableColumn("Action"),
            ]),
            FormatView(name: "Breakpoint", typeNames: Array(Breakpoint.typeNames.dropFirst()), list: [
                ListItem("ID"),
                ListItem("Script", onlyForTypes: ["System.Management.Automation.LineBreakpoint"]),
                ListItem("Line", onlyForTypes: ["System.Management.Automation.LineBreakpoint"]),
                ListItem("Column", onlyForTypes: ["System.Management.Automation.LineBreakpoint"]),
                ListItem("Variable", onlyForTypes: ["System.Management.Automation.VariableBreakpoint"]),
                ListItem("AccessMode", onlyForTypes: ["System.Management.Automation.VariableBreakpoint"]),
                ListItem("Command", onlyForTypes: ["System.Management.Automation.CommandBreakpoint"]),
                ListItem("Enabled"), ListItem("HitCount"), ListItem("Action"),
            ]),
            FormatView(name: "GroupInfoNoElement", typeNames: [GroupObjectCommand.groupInfoNoElementType], table: [
                TableColumn("Count", width: 5, alignment: .right),
                TableColumn("Name"),
            ]),
            // PowerShell's Variable view: the name in 30 columns, then the value.
            FormatView(name: "Variable", typeNames: ["System.Management.Automation.PSVariable"], table: [
                TableColumn("Name", width: 30, alignment: .left),
                TableColumn("Value"),
            ]),
            // PowerShell's CultureInfo view: two fixed 16-wide columns, then the name.
            FormatView(name: "CultureInfo", typeNames: [CultureInfoObjects.typeName], table: [
                TableColumn("LCID", width: 16, alignment: .left),
                TableColumn("Name", width: 16, alignment: .left),
                TableColumn("DisplayName"),
            ]),
            // PowerShell's view of a type (`[int]`, `$x.GetType()`): two flags, the name, the base type.
            FormatView(name: "System.RuntimeType", typeNames: ["System.RuntimeType"], table: [
                TableColumn("IsPublic", width: 8, alignment: .left),
                TableColumn("IsSerial", width: 8, alignment: .left),
                TableColumn("Name", width: 40, alignment: .left),
                TableColumn("BaseType", alignment: .left),
            ]),
            // PowerShell's TimeSpan view: a list of eleven of its properties (not the micro/nanoseconds).
            FormatView(name: "System.TimeSpan", typeNames: ["System.TimeSpan"], list: [
                "Days", "Hours", "Minutes", "Seconds", "Milliseconds", "Ticks", "TotalDays", "TotalHours", "TotalMinutes",
                "TotalSeconds", "TotalMilliseconds",
            ].map { ListItem($0) }),
            // PowerShell's System.Version view: the four parts in fixed, left-aligned columns.
            FormatView(name: "System.Version", typeNames: ["System.Version"], table: [
                TableColumn("Major", width: 6, alignment: .left),
                TableColumn("Minor", width: 6, alignment: .left),
                TableColumn("Build", width: 6, alignment: .left),
                TableColumn("Revision", width: 8, alignment: .left),
            ]),
            // PowerShell's SemanticVersion view: the three numbers and the two labels, left-aligned.
            FormatView(name: "System.Management.Automation.SemanticVersion", typeNames: ["System.Management.Automation.SemanticVersion"], table: [
                TableColumn("Major", width: 6, alignment: .left),
                TableColumn("Minor", width: 6, alignment: .left),
                TableColumn("Patch", width: 6, alignment: .left),
                TableColumn("PreReleaseLabel", width: 15, alignment: .left),
                TableColumn("BuildLabel", width: 11, alignment: .left),
            ]),
            FormatView(name: "GroupInfo", typeNames: [GroupObjectCommand.groupInfoType], table: [
                TableColumn("Count", width: 5, alignment: .right),
                TableColumn("Name", width: 25),
                TableColumn("Group"),
            ]),
        ] + FileSystemViews.all + ModuleInfoObjects.views + DriveViews.all + ProviderViews.all + WebViews.all + GetFileHashCommand.views + FormatHexCommand.views + HistoryCommands.views
    }
}
