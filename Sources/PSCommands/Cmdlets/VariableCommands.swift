// Get-Variable, Set-Variable, New-Variable, Remove-Variable, Clear-Variable and the PSVariable objects
// they write.

import PSRuntime

/// The parameters Set-Variable and New-Variable share.
enum VariableParameters {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true)
    static let value = Parameter<PSValue>("Value", position: 1, valueFromPipeline: true)
    static let option = Parameter<String>("Option")
    static let scope = Parameter<String>("Scope")
    static let description = Parameter<String>("Description")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let force = Parameter<SwitchParameter>("Force")
    static let all: [any ParameterKey] = [name, value, option, scope, description, passThru, force]
}

enum VariableObjects {
    /// Set-Variable and New-Variable: the value, -Description and -Option, then -PassThru's object.
    static func assign(_ name: String, in scope: Scope, _ context: CmdletContext) throws {
        let v = scope.set(name, context[VariableParameters.value] ?? .null)
        if let d = context[VariableParameters.description] { v.description = d }
        switch context[VariableParameters.option]?.lowercased() {
        case "readonly"?: v.options.insert(.readOnly)
        case "constant"?: v.options.insert(.constant)
        case "private"?: v.options.insert(.private)
        default: break
        }
        if context[VariableParameters.passThru] { try context.writeObject(VariableObjects.make(v)) }
    }

    static func make(_ v: PSVariable) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.PSVariable", "System.Object"])
        o.addNote("Name", .string(v.name))
        o.addProperty("Value") { _ in v.value }
        o.addNote("Description", .string(v.description))
        o.addNote("Options", .string(v.options.contains(.constant) ? "Constant" : (v.options.contains(.readOnly) ? "ReadOnly" : "None")))
        o.toStringHandler = { _ in v.name }
        return .object(o)
    }

    /// Every visible variable, innermost scope first wins.
    static func visible(_ session: ShellSession) -> [PSVariable] {
        var seen: Set<String> = []
        var out: [PSVariable] = []
        var s: Scope? = session.currentScope
        while let cur = s {
            for v in cur.definedVariables where !seen.contains(v.name.lowercased()) {
                seen.insert(v.name.lowercased())
                out.append(v)
            }
            s = cur.parent
        }
        return out.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    static func scope(_ session: ShellSession, _ name: String?) -> Scope {
        switch name?.lowercased() {
        case "global"?: return session.globalScope
        case "script"?: return session.currentScope.scriptScope
        default: return session.currentScope
        }
    }
}

final class GetVariableCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, valueFromPipeline: true)
    static let valueOnly = Parameter<SwitchParameter>("ValueOnly")
    static let include = Parameter<[String]>("Include")
    static let exclude = Parameter<[String]>("Exclude")
    static let scope = Parameter<String>("Scope")
    static let declaration = CmdletDeclaration("Get-Variable", parameters: [name, valueOnly, include, exclude, scope], synopsis: "Lists variables.", description: "Lists the variables visible here whose names match; -ValueOnly writes just the values.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let vars = VariableObjects.visible(context.session)
        let excl = (context[Self.exclude] ?? []).map { WildcardPattern($0) }
        let incl = (context[Self.include] ?? []).map { WildcardPattern($0) }
        let valueOnly = context[Self.valueOnly]
        for n in context[Self.name] ?? ["*"] {
            let p = WildcardPattern(n)
            let hits = vars.filter { v in
                p.matches(v.name) && (incl.isEmpty || incl.contains { $0.matches(v.name) }) && !excl.contains { $0.matches(v.name) }
            }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find a variable with the name '\(n)'.",
                                                   errorId: context.qualifiedErrorId("VariableNotFound"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            for v in hits { try context.writeObject(valueOnly ? v.value : VariableObjects.make(v)) }
        }
    }
}

final class SetVariableCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Set-Variable", parameters: VariableParameters.all, supportsShouldProcess: true, synopsis: "Sets a variable's value, creating it if needed.", description: "Sets the named variables (in -Scope, or the current scope) to -Value.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let scope = VariableObjects.scope(context.session, context[VariableParameters.scope])
        for n in context[VariableParameters.name] ?? [] {
            if let existing = scope.localVariable(n) ?? context.session.currentScope.lookup(n),
               existing.options.contains(.constant) || (existing.options.contains(.readOnly) && !context[VariableParameters.force]) {
                try context.writeError(ErrorRecord(message: "Cannot overwrite variable \(n) because it is read-only or constant.",
                                                   errorId: context.qualifiedErrorId("VariableNotWritable"),
                                                   category: .writeError, target: .string(n),
                                                   exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
                continue
            }
            guard try context.shouldProcess(target: "Name: \(n) Value: \(PSConvert.toString(context[VariableParameters.value] ?? .null))", action: "Set variable") else { continue }
            try VariableObjects.assign(n, in: scope, context)
        }
    }
}

final class NewVariableCommand: Cmdlet {
    static let declaration = CmdletDeclaration("New-Variable", parameters: VariableParameters.all,
        supportsShouldProcess: true, synopsis: "Creates a variable.", description: "Creates the variable; fails if it already exists in that scope unless -Force.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let scope = VariableObjects.scope(context.session, context[VariableParameters.scope])
        for n in context[VariableParameters.name] ?? [] {
            if scope.localVariable(n) != nil && !context[VariableParameters.force] {
                try context.writeError(ErrorRecord(message: "A variable with name '\(n)' already exists.",
                                                   errorId: context.qualifiedErrorId("VariableAlreadyExists"),
                                                   category: .resourceExists, target: .string(n),
                                                   exceptionType: "System.Management.Automation.SessionStateUnauthorizedAccessException"))
                continue
            }
            try VariableObjects.assign(n, in: scope, context)
        }
    }
}

final class RemoveVariableCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true)
    static let scope = Parameter<String>("Scope")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Remove-Variable", parameters: [name, scope, force], supportsShouldProcess: true, synopsis: "Deletes variables.", description: "Removes the named variables (wildcards allowed).")
    init() {}
    func process(_ context: CmdletContext) throws {
        let scopeName = context[Self.scope]
        let force = context[Self.force]
        for n in context[Self.name] ?? [] {
            let p = WildcardPattern(n)
            var hits = VariableObjects.visible(context.session).filter { p.matches($0.name) }
            if let s = scopeName { hits = VariableObjects.scope(context.session, s).definedVariables.filter { p.matches($0.name) } }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find a variable with the name '\(n)'.",
                                                   errorId: context.qualifiedErrorId("VariableNotFound"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            for v in hits {
                if v.options.contains(.constant) || (v.options.contains(.readOnly) && !force) {
                    try context.writeError(ErrorRecord(message: "Cannot remove variable \(v.name) because it is constant or read-only. If the variable is read-only, try the operation again specifying the Force option.",
                                                       errorId: context.qualifiedErrorId("VariableNotRemovable"),
                                                       category: .writeError, target: .string(v.name)))
                    continue
                }
                guard try context.shouldProcess(target: "Name: \(v.name)", action: "Remove Variable") else { continue }
                v.isSet = false
            }
        }
    }
}

final class ClearVariableCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, mandatory: true)
    static let scope = Parameter<String>("Scope")
    static let force = Parameter<SwitchParameter>("Force")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration("Clear-Variable", parameters: [name, scope, force, passThru], supportsShouldProcess: true, synopsis: "Sets variables to $null.", description: "Keeps the named variables but sets their values to $null.")
    init() {}
    func process(_ context: CmdletContext) throws {
        let passThru = context[Self.passThru]
        for n in context[Self.name] ?? [] {
            let p = WildcardPattern(n)
            let hits = VariableObjects.visible(context.session).filter { p.matches($0.name) }
            if hits.isEmpty && !WildcardPattern.containsWildcard(n) {
                try context.writeError(ErrorRecord(message: "Cannot find a variable with the name '\(n)'.",
                                                   errorId: context.qualifiedErrorId("VariableNotFound"),
                                                   category: .objectNotFound, target: .string(n),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
            }
            for v in hits {
                guard try context.shouldProcess(target: "Name: \(v.name)", action: "Clear Variable") else { continue }
                v.value = .null
                if passThru { try context.writeObject(VariableObjects.make(v)) }
            }
        }
    }
}
