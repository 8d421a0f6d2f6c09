// Get-Variable, Set-Variable, New-Variable, Remove-Variable, Clear-Variable and the PSVariable objects
// they write.

import PSRuntime

/// The parameters Set-Variable and New-Variable share.
enum VariableParameters {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true, valueFromPipelineByPropertyName: true)
    static let value = Parameter<PSValue>("Value", position: 1, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let option = Parameter<[String]>("Option")
    static let scope = Parameter<String>("Scope")
    static let description = Parameter<String>("Description")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let force = Parameter<SwitchParameter>("Force")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    static let all: [any ParameterKey] = [name, value, option, scope, description, passThru, force]
}

enum VariableObjects {
    /// ScopedItemOptions' names in .NET's order, with their flags.
    static let optionNames: [(String, VariableOptions)] = [("ReadOnly", .readOnly), ("Constant", .constant),
                                                           ("Private", .private), ("AllScope", .allScope)]

    /// `-Option ReadOnly,Private` (or `'ReadOnly, Private'`); `None` is no option.
    static func options(_ texts: [String]?, _ context: CmdletContext) throws -> VariableOptions? {
        guard let texts else { return nil }
        var o: VariableOptions = []
        for part in texts.flatMap({ $0.split(separator: ",") }) {
            let word = part.trimmingCharacters(in: .whitespaces)
            if word.isEmpty || word.lowercased() == "none" || word.lowercased() == "unspecified" { continue }
            guard let hit = optionNames.first(where: { $0.0.lowercased() == word.lowercased() }) else {
                throw context.terminatingError("Cannot bind parameter 'Option'. Cannot convert value \"\(word)\" to type \"System.Management.Automation.ScopedItemOptions\". Error: \"Unable to match the identifier name \(word) to a valid enumerator name. Specify one of the following enumerator names and try again:\nNone, ReadOnly, Constant, Private, AllScope, Unspecified\"",
                                               errorId: "CannotConvertArgumentNoMessage", category: .invalidArgument)
            }
            o.insert(hit.1)
        }
        return o
    }

    /// `[psvariable]::new(name[, value[, options[, attributes]]])` (and New-Object PSVariable): a
    /// variable of no scope; an argument that does not convert is the constructor's MethodException.
    static func installConstructor(in session: ShellSession) {
        session.typeConstructors["system.management.automation.psvariable"] = { args in
            func badArgument(_ name: String, _ value: PSValue, _ type: String) -> PSRuntimeError {
                PSRuntimeError.message("Cannot convert argument \"\(name)\", with value: \"\(PSConvert.toString(value))\", for \"PSVariable\" to type \"\(type)\": \"Cannot convert the \"\(PSConvert.toString(value))\" value of type \"\(value.typeFullName)\" to type \"\(type)\".\"",
                                       errorId: "MethodArgumentConversionInvalidCastArgument", category: .notSpecified,
                                       exceptionType: "System.Management.Automation.MethodException")
            }
            guard (1...4).contains(args.count) else {
                throw PSRuntimeError.message("Cannot find an overload for \"PSVariable\" and the argument count: \"\(args.count)\".",
                                             errorId: "MethodCountCouldNotFindBest", category: .notSpecified,
                                             exceptionType: "System.Management.Automation.MethodException")
            }
            var options: VariableOptions = []
            if args.count >= 3 {
                for part in PSConvert.toString(args[2]).split(separator: ",") {
                    let word = part.trimmingCharacters(in: .whitespaces).lowercased()
                    if word.isEmpty || word == "none" || word == "unspecified" { continue }
                    guard let hit = optionNames.first(where: { $0.0.lowercased() == word }) else {
                        throw badArgument("options", args[2], "System.Management.Automation.ScopedItemOptions")
                    }
                    options.insert(hit.1)
                }
            }
            if args.count == 4 {
                // Collection<Attribute>: attributes only (none of hvsh's values is one), or nothing.
                let items = args[3].unwrapped.arrayElements ?? [args[3].unwrapped]
                if !args[3].isNull, !items.allSatisfy({ $0.typeNames.contains { $0.hasSuffix("Attribute") } }) {
                    throw badArgument("attributes", args[3], "System.Collections.ObjectModel.Collection`1[System.Attribute]")
                }
            }
            return make(PSVariable(name: PSConvert.toString(args[0]), value: args.count >= 2 ? args[1] : .null, options: options))
        }
    }

    static func optionsText(_ o: VariableOptions) -> String {
        let names = optionNames.filter { o.contains($0.1) }.map(\.0)
        return names.isEmpty ? "None" : names.joined(separator: ", ")
    }

    static func make(_ v: PSVariable) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.PSVariable", "System.Object"])
        // PSVariable's properties in .NET's order (what `Format-List *` shows).
        o.addNote("Name", .string(v.name))
        o.addProperty("Description") { _ in .string(v.description) }
        o.addProperty("Value") { _ in v.value }
        o.addNote("Visibility", .string("Public"))
        o.addNote("Module", .null)
        o.addNote("ModuleName", .string(""))
        o.addProperty("Options") { _ in .string(optionsText(v.options)) }
        o.addNote("Attributes", .array(PSArray([])))
        o.toStringHandler = { _ in v.name }
        return .object(o)
    }

    /// Every visible variable, innermost scope first wins.
    static func visible(_ session: ShellSession) -> [PSVariable] {
        var seen: Set<String> = []
        var out: [PSVariable] = []
        var s: Scope? = session.currentScope
        var first = true
        while let cur = s {
            for v in cur.definedVariables where !seen.contains(v.name.lowercased()) && (first || !v.options.contains(.private)) {
                seen.insert(v.name.lowercased())
                out.append(v)
            }
            s = cur.parent
            first = false
        }
        // $PWD is read from the current location, not stored; PowerShell lists it with the others.
        if !seen.contains("pwd") {
            out.append(PSVariable(name: "PWD", value: .object(PathInfo.make(session.currentLocation))))
        }
        return out.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// `-Scope Global|Script|Local|Private|N` (N scopes up from here); nil is the current scope.
    static func scope(_ session: ShellSession, _ name: String?, _ context: CmdletContext? = nil) throws -> Scope {
        switch name?.lowercased() {
        case "global"?: return session.globalScope
        case "script"?: return session.currentScope.scriptScope
        case nil, "local"?, "private"?: return session.currentScope
        case let text?:
            var s = session.currentScope
            if let n = Int(text), n >= 0 {
                for _ in 0..<n {
                    guard let p = s.parent else {
                        throw argumentOutOfRange(text, context)
                    }
                    s = p
                }
                return s
            }
            throw argumentOutOfRange(text, context)
        }
    }

    private static func argumentOutOfRange(_ text: String, _ context: CmdletContext?) -> PSRuntimeError {
        let message = "The scope number '\(text)' exceeds the number of active scopes. (Parameter 'Scope')\nActual value was \(text)."
        return context?.terminatingError(message, errorId: "ArgumentOutOfRange", category: .invalidArgument)
            ?? PSRuntimeError.message(message, errorId: "ArgumentOutOfRange", category: .invalidArgument)
    }

    /// The variables `names` select: wildcard names match what is visible (or defined in an explicit
    /// -Scope), filtered by -Include/-Exclude; a plain name that is not there is reported when `report`.
    static func select(_ names: [String], scopeName: String?, include: [String]?, exclude: [String]?,
                       _ context: CmdletContext, report: Bool) throws -> [PSVariable] {
        let incl = (include ?? []).map { WildcardPattern($0) }
        let excl = (exclude ?? []).map { WildcardPattern($0) }
        let pool = scopeName == nil ? visible(context.session)
            : try scope(context.session, scopeName, context).definedVariables.sorted { $0.name.lowercased() < $1.name.lowercased() }
        var out: [PSVariable] = []
        for n in names {
            let p = WildcardPattern(n)
            let hits = pool.filter { v in
                p.matches(v.name) && (incl.isEmpty || incl.contains { $0.matches(v.name) }) && !excl.contains { $0.matches(v.name) }
            }
            if hits.isEmpty && report && !WildcardPattern.containsWildcard(n) && incl.isEmpty && excl.isEmpty {
                try notFound(n, context)
            }
            out += hits.filter { h in !out.contains { $0 === h } }
        }
        return out
    }

    /// The variables Remove-Variable and Clear-Variable act on: -Name within -Scope, narrowed by
    /// -Include and -Exclude, a plain name that is not there reported.
    static func named(_ names: [String]?, scopeName: String?, _ context: CmdletContext) throws -> [PSVariable] {
        try select(names ?? [], scopeName: scopeName, include: context[VariableParameters.include],
                   exclude: context[VariableParameters.exclude], context, report: true)
    }

    /// A constant variable never changes; a read-only one only with -Force.
    static func isProtected(_ variable: PSVariable, force: Bool) -> Bool {
        variable.options.contains(.constant) || (variable.options.contains(.readOnly) && !force)
    }

    static func notFound(_ n: String, _ context: CmdletContext) throws {
        try context.writeError(ErrorRecord(message: "Cannot find a variable with the name '\(n)'.",
                                           errorId: context.qualifiedErrorId("VariableNotFound"),
                                           category: .objectNotFound, target: .string(n),
                                           exceptionType: "System.Management.Automation.ItemNotFoundException"))
    }

    static func notWritable(_ n: String, _ context: CmdletContext) throws {
        try context.writeError(ErrorRecord(message: "Cannot overwrite variable \(n) because it is read-only or constant.",
                                           errorId: context.qualifiedErrorId("VariableNotWritable"),
                                           category: .writeError, target: .string(n),
                                           exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
    }

    /// An existing variable cannot be made constant (PowerShell refuses and leaves it alone).
    static func cannotMakeConstant(_ n: String, _ context: CmdletContext) throws {
        try context.writeError(ErrorRecord(message: "Existing variable \(n) cannot be made constant. Variables can be made constant only at creation time.",
                                           errorId: context.qualifiedErrorId("VariableCannotBeMadeConstant"),
                                           category: .writeError, target: .string(n),
                                           exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
    }
}

final class GetVariableCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipeline: true, valueFromPipelineByPropertyName: true)
    static let valueOnly = Parameter<SwitchParameter>("ValueOnly")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    static let scope = Parameter<String>("Scope")
    static let declaration = CmdletDeclaration("Get-Variable", parameters: [name, valueOnly, include, exclude, scope], synopsis: "Lists variables.", description: "Lists the variables visible here whose names match; -ValueOnly writes just the values.")
    func process(_ context: CmdletContext) throws {
        let valueOnly = context[Self.valueOnly]
        let hits = try VariableObjects.select(context[Self.name] ?? ["*"], scopeName: context[Self.scope],
                                              include: context[Self.include], exclude: context[Self.exclude], context, report: true)
        for v in hits { try context.writeObject(valueOnly ? v.value : VariableObjects.make(v)) }
    }
}

final class SetVariableCommand: Cmdlet {
    static let append = Parameter<SwitchParameter>("Append")
    static let declaration = CmdletDeclaration(
        "Set-Variable",
        parameters: [VariableParameters.name, VariableParameters.value, VariableParameters.include, VariableParameters.exclude,
                     VariableParameters.description, VariableParameters.option, VariableParameters.force,
                     VariableParameters.passThru, VariableParameters.scope, append],
        supportsShouldProcess: true, synopsis: "Sets a variable's value, creating it if needed.",
        description: "Sets the named variables (in -Scope, or the current scope) to -Value; wildcard names set the matching existing variables. Pipeline input is collected into the value; -Append adds to the existing value.")
    private var piped: [PSValue] = []

    func process(_ context: CmdletContext) throws {
        if context.expectingInput {
            if let v = context[VariableParameters.value] { piped.append(v) }
            return
        }
        try set(context, value: context.isBound(VariableParameters.value) ? [context[VariableParameters.value] ?? .null] : nil)
    }

    func end(_ context: CmdletContext) throws {
        guard context.expectingInput else { return }
        // What came down the pipeline is the value: one object as itself, several as an array.
        try set(context, value: context[Self.append] ? piped : [piped.count == 1 ? piped[0] : .array(PSArray(piped))])
    }

    private func set(_ context: CmdletContext, value: [PSValue]?) throws {
        let scopeName = context[VariableParameters.scope]
        let scope = try VariableObjects.scope(context.session, scopeName, context)
        let options = try VariableObjects.options(context[VariableParameters.option], context)
        let force = context[VariableParameters.force]
        for n in context[VariableParameters.name] ?? [] {
            var targets: [PSVariable?]
            if WildcardPattern.containsWildcard(n) || context.isBound(VariableParameters.include) || context.isBound(VariableParameters.exclude) {
                targets = try VariableObjects.select([n], scopeName: scopeName ?? "local", include: context[VariableParameters.include],
                                                     exclude: context[VariableParameters.exclude], context, report: false)
            } else {
                // Without a wildcard the variable is the one in the target scope (local by default):
                // a parent's variable of that name is shadowed, not changed.
                targets = [scope.localVariable(n).flatMap { $0.isSet ? $0 : nil }]
            }
            for existing in targets {
                let name = existing?.name ?? n
                if let v = existing, VariableObjects.isProtected(v, force: force) {
                    try VariableObjects.notWritable(name, context)
                    continue
                }
                guard try context.shouldProcess(target: "Name: \(name) Value: \(PSConvert.toString(value?.first ?? .null))", action: "Set variable") else { continue }
                let v: PSVariable
                if let e = existing, e.isSet {
                    v = e
                    if let value {
                        if context[Self.append] {
                            let current: [PSValue] = v.value.isNull ? [] : (v.value.arrayElements ?? [v.value])
                            v.value = .array(PSArray(current + value))
                        } else {
                            v.value = try v.constrained(value.first ?? .null, types: context.session.types)
                        }
                    }
                } else {
                    v = scope.set(name, value.map { context[Self.append] && $0.count != 1 ? .array(PSArray($0)) : ($0.first ?? .null) } ?? .null)
                }
                if let d = context[VariableParameters.description] { v.description = d }
                if var o = options {
                    if scopeName?.lowercased() == "private" { o.insert(.private) }
                    if o.contains(.constant) && existing != nil { try VariableObjects.cannotMakeConstant(name, context); o.remove(.constant) }
                    v.options = o
                } else if scopeName?.lowercased() == "private" {
                    v.options.insert(.private)
                }
                if context[VariableParameters.passThru] { try context.writeObject(VariableObjects.make(v)) }
            }
        }
    }
}

final class NewVariableCommand: Cmdlet {
    static let declaration = CmdletDeclaration("New-Variable", parameters: VariableParameters.all,
        supportsShouldProcess: true, synopsis: "Creates a variable.", description: "Creates the variable; fails if it already exists in that scope unless -Force (a read-only one needs -Force, a constant one cannot be replaced).")
    func process(_ context: CmdletContext) throws {
        let scopeName = context[VariableParameters.scope]
        let scope = try VariableObjects.scope(context.session, scopeName, context)
        var options = try VariableObjects.options(context[VariableParameters.option], context) ?? []
        if scopeName?.lowercased() == "private" { options.insert(.private) }
        let force = context[VariableParameters.force]
        for n in context[VariableParameters.name] ?? [] {
            let existing = scope.localVariable(n).flatMap { $0.isSet ? $0 : nil }
            if let e = existing {
                if !force {
                    try context.writeError(ErrorRecord(message: "A variable with name '\(n)' already exists.",
                                                       errorId: context.qualifiedErrorId("VariableAlreadyExists"),
                                                       category: .resourceExists, target: .string(n),
                                                       exceptionType: "System.Management.Automation.SessionStateException"))
                    continue
                }
                if VariableObjects.isProtected(e, force: force) {
                    try VariableObjects.notWritable(n, context)
                    continue
                }
                if options.contains(.constant) {
                    try VariableObjects.cannotMakeConstant(n, context)
                    continue
                }
            }
            guard try context.shouldProcess(target: "Name: \(n) Value: \(PSConvert.toString(context[VariableParameters.value] ?? .null))", action: "New variable") else { continue }
            let v = scope.set(n, context[VariableParameters.value] ?? .null)
            v.description = context[VariableParameters.description] ?? ""
            v.options = options
            if context[VariableParameters.passThru] { try context.writeObject(VariableObjects.make(v)) }
        }
    }
}

final class RemoveVariableCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true, valueFromPipelineByPropertyName: true)
    static let scope = Parameter<String>("Scope")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Remove-Variable", parameters: [name, VariableParameters.include, VariableParameters.exclude, force, scope],
                                               supportsShouldProcess: true, synopsis: "Deletes variables.", description: "Removes the named variables (wildcards, -Include and -Exclude allowed); read-only ones need -Force, constant ones stay.")
    func process(_ context: CmdletContext) throws {
        let force = context[Self.force]
        let hits = try VariableObjects.named(context[Self.name], scopeName: context[Self.scope], context)
        for v in hits {
            if VariableObjects.isProtected(v, force: force) {
                try context.writeError(ErrorRecord(message: "Cannot remove variable \(v.name) because it is constant or read-only. If the variable is read-only, try the operation again specifying the Force option.",
                                                   errorId: context.qualifiedErrorId("VariableNotRemovable"),
                                                   category: .writeError, target: .string(v.name),
                                                   exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
                continue
            }
            guard try context.shouldProcess(target: "Name: \(v.name)", action: "Remove Variable") else { continue }
            v.isSet = false
        }
    }
}

final class ClearVariableCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true, valueFromPipelineByPropertyName: true)
    static let scope = Parameter<String>("Scope")
    static let force = Parameter<SwitchParameter>("Force")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration("Clear-Variable", parameters: [name, VariableParameters.include, VariableParameters.exclude, force, passThru, scope],
                                               supportsShouldProcess: true, synopsis: "Sets variables to $null.", description: "Keeps the named variables (wildcards, -Include and -Exclude allowed) but sets their values to $null; read-only ones need -Force.")
    func process(_ context: CmdletContext) throws {
        let passThru = context[Self.passThru]
        let hits = try VariableObjects.named(context[Self.name], scopeName: context[Self.scope], context)
        for v in hits {
            if VariableObjects.isProtected(v, force: context[Self.force]) {
                try VariableObjects.notWritable(v.name, context)
                continue
            }
            guard try context.shouldProcess(target: "Name: \(v.name)", action: "Clear Variable") else { continue }
            // Without -Scope PowerShell sets the name to $null in the current scope: a parent's
            // variable found by the lookup is shadowed, not cleared (`&{ Clear-Variable a }` keeps $a).
            let local = context.session.currentScope
            if context[Self.scope] == nil, local.localVariable(v.name) !== v {
                let shadow = local.set(v.name, .null)
                if passThru { try context.writeObject(VariableObjects.make(shadow)) }
                continue
            }
            v.value = .null
            if passThru { try context.writeObject(VariableObjects.make(v)) }
        }
    }
}
