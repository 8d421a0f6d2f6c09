import Foundation

import PSRuntime

/// Get-Culture and Get-UICulture: CultureInfo objects (the session's current culture, en-US unless a
/// script set `[cultureinfo]::CurrentCulture`); -Name looks cultures up, validated against the known
/// names as PowerShell does.
final class GetCultureCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipeline: true, sets: ["Name"],
                                          validate: [.notNull, .set(CultureInfoObjects.all.map(\.name))])
    static let noUserOverrides = Parameter<SwitchParameter>("NoUserOverrides", sets: ["CurrentCulture", "Name"])
    static let listAvailable = Parameter<SwitchParameter>("ListAvailable", sets: ["ListAvailable"])
    static let declaration = CmdletDeclaration(
        "Get-Culture", parameters: [name, noUserOverrides, listAvailable], defaultParameterSet: "CurrentCulture",
        outputTypes: [CultureInfoObjects.typeName],
        synopsis: "Gets the current culture or the cultures named.",
        description: "Writes a System.Globalization.CultureInfo: the session's current culture (en-US unless a script set [cultureinfo]::CurrentCulture), each culture named with -Name, or every culture hvsh knows with -ListAvailable.")

    func process(_ context: CmdletContext) throws {
        if context[Self.listAvailable] {
            for c in CultureInfoObjects.all { try context.writeObject(.object(CultureInfoObjects.object(c, readOnly: false))) }
            return
        }
        guard let names = context[Self.name] else {
            try context.writeObject(.object(context.session.currentCulture))
            return
        }
        for n in names { try context.writeObject(.object(try CultureInfoObjects.culture(named: n, method: nil, readOnly: true))) }
    }
}

final class GetUICultureCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-UICulture", parameters: [], outputTypes: [CultureInfoObjects.typeName],
        synopsis: "Gets the current user-interface culture.",
        description: "Writes the session's UI culture as a System.Globalization.CultureInfo (en-US unless a script set [cultureinfo]::CurrentUICulture; the value of $PSUICulture).")

    func end(_ context: CmdletContext) throws {
        try context.writeObject(.object(context.session.currentUICulture))
    }
}

/// Add-Type: hvsh has no C# compiler, so source code (-TypeDefinition, -MemberDefinition, -Path) is
/// refused with PowerShell's compile-failure error; -AssemblyName of an assembly .NET itself ships is
/// accepted (its types that hvsh implements are already there), a Windows-only or unknown one is
/// the path error PowerShell gives on Linux.
final class AddTypeCommand: Cmdlet {
    static let typeDefinition = Parameter<String>("TypeDefinition", position: 0, mandatory: true, sets: ["FromSource"])
    static let name = Parameter<String>("Name", position: 0, mandatory: true, sets: ["FromMember"])
    static let memberDefinition = Parameter<[String]>("MemberDefinition", position: 1, mandatory: true, sets: ["FromMember"])
    static let namespace = Parameter<String>("Namespace", aliases: ["NS"], sets: ["FromMember"])
    static let usingNamespace = Parameter<[String]>("UsingNamespace", aliases: ["Using"], sets: ["FromMember"])
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, sets: ["FromPath"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true, sets: ["FromLiteralPath"])
    static let assemblyName = Parameter<[String]>("AssemblyName", aliases: ["AN"], mandatory: true, sets: ["FromAssemblyName"])
    static let language = Parameter<String>("Language", sets: ["FromSource", "FromMember"], validate: [.set(["CSharp"])])
    static let referencedAssemblies = Parameter<[String]>("ReferencedAssemblies", aliases: ["RA"],
                                                          sets: ["FromSource", "FromMember", "FromPath", "FromLiteralPath"])
    static let outputAssembly = Parameter<String>("OutputAssembly", aliases: ["OA"],
                                                  sets: ["FromSource", "FromMember", "FromPath", "FromLiteralPath"])
    static let ignoreWarnings = Parameter<SwitchParameter>("IgnoreWarnings")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration(
        "Add-Type",
        parameters: [typeDefinition, name, memberDefinition, namespace, usingNamespace, path, literalPath, assemblyName,
                     language, referencedAssemblies, outputAssembly, ignoreWarnings, passThru],
        defaultParameterSet: "FromSource",
        synopsis: "Adds a .NET type to the session.",
        description: "hvsh cannot compile C#: -TypeDefinition, -MemberDefinition and -Path fail with COMPILER_ERRORS. -AssemblyName accepts the assemblies .NET ships (System.*, Microsoft.*), whose types hvsh implements are always present.")

    /// Assemblies .NET on Linux does not have (Windows desktop frameworks).
    static let windowsOnly: Set<String> = ["system.windows.forms", "presentationframework", "presentationcore",
                                           "windowsbase", "system.windows", "microsoft.visualbasic.forms"]

    func end(_ context: CmdletContext) throws {
        guard let assemblies = context[Self.assemblyName] else {
            throw context.terminatingError("Cannot add type. Compilation errors occurred: hvsh has no C# compiler.",
                                           errorId: "COMPILER_ERRORS", category: .invalidData)
        }
        for a in assemblies {
            let simple = (a.split(separator: ",").first.map(String.init) ?? a).trimmingCharacters(in: .whitespaces)
            let lower = simple.lowercased()
            let shipped = (lower.hasPrefix("system") || lower.hasPrefix("microsoft") || lower == "mscorlib" || lower == "netstandard")
                && !Self.windowsOnly.contains(lower)
            if shipped { continue }
            let file = context.session.resolvePath(simple.hasSuffix(".dll") ? simple : simple + ".dll")
            try context.writeError("Cannot find path '\(file)' because it does not exist.", errorId: "PathNotFound",
                                   category: .objectNotFound, target: .string(file))
        }
    }
}
