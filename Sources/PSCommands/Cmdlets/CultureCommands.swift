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

/// Add-Type: C# source (-TypeDefinition, -MemberDefinition, -Path) in the subset CSharpTranslator
/// rewrites becomes PowerShell enums and classes defined in the session; other source is refused with
/// the compiler's error and PowerShell's COMPILER_ERRORS. -AssemblyName of an assembly .NET itself
/// ships is accepted (its types that hvsh implements are already there), a Windows-only or unknown one
/// is the path error PowerShell gives on Linux.
final class AddTypeCommand: Cmdlet {
    /// The languages -Language names (PowerShell 7 compiles C# only).
    static let languageType = PSEnumType(fullName: "Microsoft.PowerShell.Commands.Language", names: ["CSharp"])
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
    static let compilerOptions = Parameter<[String]>("CompilerOptions", sets: ["FromSource", "FromMember", "FromPath", "FromLiteralPath"])
    static let outputType = Parameter<String>("OutputType", aliases: ["OT"], sets: ["FromSource", "FromMember", "FromPath", "FromLiteralPath"],
                                              validate: [.set(["Library", "ConsoleApplication", "WindowsApplication"])])
    static let ignoreWarnings = Parameter<SwitchParameter>("IgnoreWarnings")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration(
        "Add-Type",
        parameters: [typeDefinition, name, memberDefinition, namespace, usingNamespace, path, literalPath, assemblyName,
                     language, referencedAssemblies, outputAssembly, compilerOptions, outputType, ignoreWarnings, passThru],
        defaultParameterSet: "FromSource",
        synopsis: "Adds a .NET type to the session.",
        description: "C# source given with -TypeDefinition, -MemberDefinition (with -Name and -Namespace) or -Path is translated to PowerShell enums and classes: namespaces, enums ([Flags], an underlying type), classes and structs with fields, properties, constructors (: base(...)) and methods. Source outside that subset (generics, lambdas, ref parameters, P/Invoke, ...) fails with the compiler's message and COMPILER_ERRORS. -PassThru writes the new types. -AssemblyName accepts the assemblies .NET ships (System.*, Microsoft.*), whose types hvsh implements are always present.")

    /// Assemblies .NET on Linux does not have (Windows desktop frameworks).
    static let windowsOnly: Set<String> = ["system.windows.forms", "presentationframework", "presentationcore",
                                           "windowsbase", "system.windows", "microsoft.visualbasic.forms"]

    func end(_ context: CmdletContext) throws {
        guard let assemblies = context[Self.assemblyName] else {
            if let type = context[Self.outputType] {
                guard type.lowercased() == "library" else {
                    throw context.terminatingError("The output type '\(type)' is not supported: Add-Type makes class libraries only.",
                                                   errorId: "AssemblyTypeNotSupported", category: .invalidArgument)
                }
                guard context[Self.outputAssembly] != nil else {
                    throw context.terminatingError("The OutputType parameter requires that the OutputAssembly parameter be specified.",
                                                   errorId: "OUTPUTTYPE_REQUIRES_ASSEMBLY", category: .invalidArgument)
                }
                throw context.terminatingError("hvsh translates C# into the session and writes no assembly file.",
                                               errorId: "AssemblyTypeNotSupported", category: .notImplemented)
            }
            try compile(try source(context), context)
            return
        }
        for a in assemblies {
            let simple = (a.split(separator: ",").first.map(String.init) ?? a).trimmingCharacters(in: .whitespaces)
            let lower = simple.lowercased()
            let shipped = (lower.hasPrefix("system") || lower.hasPrefix("microsoft") || lower == "mscorlib" || lower == "netstandard")
                && !Self.windowsOnly.contains(lower)
            if shipped { continue }
            try refuseAssembly(simple, context)
        }
    }

    /// An assembly hvsh cannot load, refused as PowerShell's resolution fails on it (AddTypeCommand's
    /// ResolveAssemblyName): a rooted path is loaded as it is and is not found there; a relative path
    /// or a wildcard name that matches nothing cannot be loaded; a plain name is looked for as
    /// `name.dll` in the current folder.
    private func refuseAssembly(_ name: String, _ context: CmdletContext) throws {
        let cannotLoad = { context.terminatingError("Cannot load assembly '\(name)'.", errorId: "ErrorLoadingAssembly",
                                                     category: .invalidOperation, target: .string(name)) }
        if name.contains("/") || name.contains("\\") {
            guard name.hasPrefix("/") else { throw cannotLoad() }
            throw context.terminatingError("Could not load file or assembly '\(name)'. The system cannot find the file specified.",
                                           errorId: "System.IO.FileNotFoundException", category: .notSpecified, target: .string(name),
                                           exceptionType: "System.IO.FileNotFoundException")
        }
        if WildcardPattern.containsWildcard(name) { throw cannotLoad() }
        let file = context.session.resolvePath(name.lowercased().hasSuffix(".dll") ? name : name + ".dll")
        if FileManager.default.fileExists(atPath: file) { throw cannotLoad() }
        throw context.terminatingError("Cannot find path '\(file)' because it does not exist.", errorId: "PathNotFound",
                                       category: .objectNotFound, target: .string(file),
                                       exceptionType: "System.Management.Automation.ItemNotFoundException")
    }

    /// The C# text the parameters give: -TypeDefinition, the files of -Path/-LiteralPath, or
    /// -MemberDefinition wrapped in a public class -Name in namespace -Namespace.
    private func source(_ context: CmdletContext) throws -> String {
        if let text = context[Self.typeDefinition] { return text }
        if let members = context[Self.memberDefinition], let name = context[Self.name] {
            let ns = context[Self.namespace] ?? "Microsoft.PowerShell.Commands.AddType.AutoGeneratedTypes"
            let usings = (context[Self.usingNamespace] ?? []).map { "using \($0);" }.joined(separator: "\n")
            return usings + "\nnamespace \(ns) { public class \(name) {\n" + members.joined(separator: "\n") + "\n} }"
        }
        var text = ""
        let literal = context[Self.literalPath] != nil
        for given in context[Self.path] ?? context[Self.literalPath] ?? [] {
            let files = literal ? [FileSystemPaths.resolve(given, session: context.session)]
                                : ((try? FileSystemPaths.expand(given, session: context.session)) ?? [])
            guard !files.isEmpty, let first = files.first, FileText.read(first) != nil else {
                throw context.terminatingError("Cannot find path '\(given)' because it does not exist.", errorId: "PathNotFound",
                                               category: .objectNotFound, target: .string(given))
            }
            for f in files {
                let ext = f.split(separator: "/").last.flatMap { n in n.lastIndex(of: ".").map { String(n[$0...]) } } ?? ""
                guard ext.lowercased() == ".cs" else {
                    throw context.terminatingError("The extension '\(ext)' is not supported.", errorId: "EXTENSION_NOT_SUPPORTED",
                                                   category: .invalidArgument, target: .string(f))
                }
                text += (FileText.read(f) ?? "") + "\n"
            }
        }
        return text
    }

    /// The source each added type came from (by lower-cased full name), to tell a repeat from a clash.
    nonisolated(unsafe) static var sources: [String: String] = [:]

    private func compile(_ source: String, _ context: CmdletContext) throws {
        let translation: CSharpTranslation
        do {
            translation = try CSharpTranslator.translate(source, session: context.session)
        } catch let e as CSharpSyntaxError {
            // As csc reports it: the position, the message, and the line with a caret under the column.
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            var message = "(\(e.line),\(e.column)): error CS0000: \(e.message)"
            if e.line >= 1 && e.line <= lines.count {
                message += "\n" + lines[e.line - 1].trimmingCharacters(in: .whitespaces)
            }
            try context.writeError(message, errorId: "SOURCE_CODE_ERROR", category: .invalidData)
            throw context.terminatingError("Cannot add type. Compilation errors occurred.", errorId: "COMPILER_ERRORS",
                                           category: .invalidData)
        }
        // `#warning` is an error unless -IgnoreWarnings (PowerShell compiles with warnings as errors);
        // `#error` always is.
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var failed = false
        for directive in CSharpLexer.diagnosticDirectives(source) {
            let asError = directive.isError || !context[Self.ignoreWarnings]
            let message = directive.message(asError: asError) + "\n" + lines[directive.line - 1].trimmingCharacters(in: .whitespaces)
            if asError {
                failed = true
                try context.writeError(message, errorId: "SOURCE_CODE_ERROR", category: .invalidData)
            } else {
                try context.writeWarning(message)
            }
        }
        if failed {
            throw context.terminatingError("Cannot add type. Compilation errors occurred.", errorId: "COMPILER_ERRORS", category: .invalidData)
        }
        let types = context.session.types
        // The same source added again is no change (its assembly is loaded already); a type of that
        // name from other source is refused.
        var duplicates = false
        for t in translation.types where types.resolve(t.fullName) != nil && AddTypeCommand.sources[t.fullName.lowercased()] != source {
            duplicates = true
            try context.writeError("Cannot add type. The type name '\(t.fullName)' already exists.", errorId: "TYPE_ALREADY_EXISTS",
                                   category: .invalidOperation, target: .string(t.fullName))
        }
        if duplicates {
            throw context.terminatingError("Cannot add type. Compilation errors occurred.", errorId: "COMPILER_ERRORS", category: .invalidData)
        }
        let missing = translation.types.filter { types.resolve($0.fullName) == nil }
        if !missing.isEmpty {
            for t in translation.types { AddTypeCommand.sources[t.fullName.lowercased()] = source }
            _ = try context.session.invoke(translation.script)
            for t in translation.types where t.fullName != t.name {
                if let resolved = types.resolve(t.name) { types.register(alias: t.fullName, for: resolved) }
            }
        }
        if context[Self.passThru] {
            for t in translation.types {
                if let resolved = types.resolve(t.fullName) { try context.writeObject(.type(resolved)) }
            }
        }
    }
}
