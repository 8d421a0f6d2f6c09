import Foundation

/// `[initialsessionstate]::CreateDefault()`/`CreateDefault2()`/`Create()`: what a runspace made from it
/// starts with beyond the built-in commands: the variables and functions added to `.Variables` and
/// `.Commands` (SessionStateVariableEntry, SessionStateFunctionEntry), and its LanguageMode.
enum InitialSessionStateObject {
    static let typeName = "System.Management.Automation.Runspaces.InitialSessionState"
    static let variableEntryType = "System.Management.Automation.Runspaces.SessionStateVariableEntry"
    static let functionEntryType = "System.Management.Automation.Runspaces.SessionStateFunctionEntry"
    static let languageModeType = PSEnumType(fullName: "System.Management.Automation.PSLanguageMode",
                                             names: ["FullLanguage", "RestrictedLanguage", "NoLanguage", "ConstrainedLanguage"])

    final class State {
        var variables: [(name: String, value: PSValue)] = []
        var functions: [(name: String, definition: String)] = []
        var languageMode = "FullLanguage"
        /// format.ps1xml files added to `.Formats`, loaded after the built-in views.
        var formatFiles: [String] = []

        /// Puts the entries into a new runspace's session.
        func apply(to session: ShellSession) throws {
            for (name, value) in variables { session.globalScope.set(name, value) }
            for (name, definition) in functions {
                session.globalScope.defineFunction(FunctionInfo(name: name, block: try session.makeScriptBlock(definition),
                                                                isFilter: false))
            }
            if !formatFiles.isEmpty {
                // A file that does not load leaves the built-in views (PowerShell would refuse to open the runspace).
                var views: [FormatView] = []
                for file in formatFiles {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    let loader = FormatXmlLoader(path: file, makeScript: { try session.makeScriptBlock($0) })
                    let loaded = loader.load(String(decoding: data, as: UTF8.self))
                    if loader.errors.isEmpty { views += loaded }
                }
                session.registry.formatViews.setFileViews(prependFiles: [], prepend: [], appendFiles: formatFiles, append: views)
            }
        }
    }

    static func create(_ call: StaticCall) throws -> PSValue {
        guard call.args.isEmpty else { throw call.wrongCount() }
        return .object(make(State()))
    }

    static func make(_ state: State) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"], baseObject: state)
        o.addProperty("LanguageMode", get: { _ in .enumValue(languageModeType.value(named: state.languageMode)!) },
                      set: { _, value in
            let text = PSConvert.toString(value)
            guard let mode = languageModeType.value(named: text) else {
                throw PSRuntimeError.message(
                    "Cannot convert value \"\(text)\" to type \"System.Management.Automation.PSLanguageMode\". Error: \"Unable to match the identifier name \(text) to a valid enumerator name. Specify one of the following enumerator names and try again:\nFullLanguage, RestrictedLanguage, NoLanguage, ConstrainedLanguage\"",
                    errorId: "InvalidCastFromStringToEnum", category: .invalidArgument,
                    exceptionType: "System.Management.Automation.SetValueInvocationException")
            }
            state.languageMode = languageModeType.members.first { $0.value == mode.rawValue }?.name ?? text
        })
        o.addNote("Variables", .object(entries("SessionStateVariableEntry") { entry in
            guard let name = try entry.property("Name") else { return }
            state.variables.append((PSConvert.toString(name), try entry.property("Value") ?? .null))
        }))
        o.addNote("Commands", .object(entries("SessionStateCommandEntry") { entry in
            guard entry.typeNames.first == functionEntryType, let name = try entry.property("Name") else { return }
            state.functions.append((PSConvert.toString(name), PSConvert.toString(try entry.property("Definition") ?? .null)))
        }))
        o.addNote("Formats", .object(entries("SessionStateFormatEntry") { entry in
            guard let file = try entry.property("FileName"), !file.isNull else { return }
            state.formatFiles.append(PSConvert.toString(file))
        }))
        // Modules are the creating session's; the names are checked as .NET checks them.
        o.addVoidMethod("ImportPSModule") { _, args in
            guard args.count == 1 else { throw Members.argCount("ImportPSModule", args.count) }
            if args[0].isNull {
                throw DotNetErrors.methodInvocation("ImportPSModule", argumentCount: 1, DotNetErrors.argumentNull(parameter: "name"))
            }
        }
        o.toStringHandler = { _ in typeName }
        return o
    }

    /// An InitialSessionStateEntryCollection: Add(entry) or Add(entries), Count.
    private static func entries(_ kind: String, add: @escaping (PSObject) throws -> Void) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.Runspaces.InitialSessionStateEntryCollection`1[[System.Management.Automation.Runspaces.\(kind)]]",
                                     "System.Object"])
        let list = PSArray([], kind: .arrayList)
        o.addVoidMethod("Add") { _, args in
            guard args.count == 1 else { throw Members.argCount("Add", args.count) }
            for item in args[0].arrayElements ?? [args[0]] {
                // A string is the entry's only argument (`$iss.Formats.Add('x.format.ps1xml')` makes a
                // SessionStateFormatEntry for the file).
                if case .string(let text) = item.unwrapped {
                    let entry = PSObject(typeNames: ["System.Management.Automation.Runspaces.\(kind)", "System.Object"])
                    entry.addNote("FileName", .string(text))
                    try add(entry)
                    list.elements.append(.object(entry))
                    continue
                }
                guard case .object(let entry) = item.unwrapped else { continue }
                try add(entry)
                list.elements.append(item)
            }
        }
        o.addProperty("Count") { _ in .int(Int32(list.elements.count)) }
        return o
    }

    /// `[SessionStateVariableEntry]::new(name, value, description[, options])`.
    static func variableEntry(_ args: [PSValue]) throws -> PSValue {
        guard (3...5).contains(args.count) else { throw Members.argCount("new", args.count) }
        let o = PSObject(typeNames: [variableEntryType, "System.Management.Automation.Runspaces.ConstrainedSessionStateEntry",
                                     "System.Management.Automation.Runspaces.InitialSessionStateEntry", "System.Object"])
        o.addNote("Value", args[1])
        o.addNote("Description", .string(PSConvert.toString(args[2])))
        o.addNote("Name", .string(PSConvert.toString(args[0])))
        return .object(o)
    }

    /// `[SessionStateFunctionEntry]::new(name, definition[, helpFile])`.
    static func functionEntry(_ args: [PSValue]) throws -> PSValue {
        guard (2...3).contains(args.count) else { throw Members.argCount("new", args.count) }
        let o = PSObject(typeNames: [functionEntryType, "System.Management.Automation.Runspaces.SessionStateCommandEntry",
                                     "System.Management.Automation.Runspaces.ConstrainedSessionStateEntry",
                                     "System.Management.Automation.Runspaces.InitialSessionStateEntry", "System.Object"])
        let definition: String
        if case .scriptBlock(let block) = args[1].unwrapped { definition = block.text } else { definition = PSConvert.toString(args[1]) }
        o.addNote("Definition", .string(definition))
        o.addNote("CommandType", .string("Function"))
        o.addNote("Name", .string(PSConvert.toString(args[0])))
        return .object(o)
    }
}
