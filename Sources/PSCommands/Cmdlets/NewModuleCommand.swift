// New-Module: a module made in memory from a script block. Its code runs in a scope of its own, its
// functions (all of them, unless Export-ModuleMember or -Function says otherwise) become commands of the
// session, and it appears in Get-Module only once piped to Import-Module.

import Foundation
import PSRuntime

final class NewModuleCommand: Cmdlet {
    static let name = Parameter<String>("Name", memberships: [.init(setName: "Name", position: 0, mandatory: true)])
    static let scriptBlock = Parameter<PSScriptBlock>("ScriptBlock", memberships: [
        .init(setName: "ScriptBlock", position: 0, mandatory: true), .init(setName: "Name", position: 1, mandatory: true),
    ])
    static let function = Parameter<[String]>("Function")
    static let cmdlet = Parameter<[String]>("Cmdlet")
    static let returnResult = Parameter<SwitchParameter>("ReturnResult")
    static let asCustomObject = Parameter<SwitchParameter>("AsCustomObject")
    static let argumentList = Parameter<[PSValue]>("ArgumentList", aliases: ["Args"])
    static let declaration = CmdletDeclaration("New-Module", parameters: [
        name, scriptBlock, function, cmdlet, returnResult, asCustomObject, argumentList,
    ], defaultParameterSet: "ScriptBlock", outputTypes: [ModuleInfoObjects.typeName],
       synopsis: "Makes a module in memory from a script block.",
       description: "Runs the script block in a new module's own scope and makes the module's functions (all of them unless Export-ModuleMember or -Function chooses) commands of the session. Writes the module object (-AsCustomObject: an object whose methods are the functions and whose properties are the exported variables; -ReturnResult: what the script block wrote). The module is listed by Get-Module only after it is piped to Import-Module.")

    func process(_ context: CmdletContext) throws {
        let session = context.session
        guard let block = context[Self.scriptBlock] else { return }
        let name = context[Self.name] ?? "__DynamicModule_\(UUID().uuidString.lowercased())"
        let module = session.newScriptModule(name: name, path: "")
        module.moduleBase = session.currentDirectory
        module.guid = UUID()
        var results: [PSValue] = []
        try session.runModuleBlock(block, in: module, arguments: context[Self.argumentList] ?? []) { results.append($0) }
        if !module.usesExportList {
            let all: WildcardMatcher = { _ in true }
            module.export(functions: [all], variables: nil, aliases: nil)
        }
        if let chosen = context[Self.function] {
            let patterns = chosen.map { WildcardPattern($0) }
            module.restrictExports(functions: { n in patterns.contains { $0.matches(n) } }, variables: nil, aliases: nil)
        }
        session.dynamicModules.append(module)
        if context[Self.asCustomObject] {
            try context.writeObject(customObject(module, session: session))
            return
        }
        for f in module.exportedFunctions {
            session.globalScope.defineFunction(f)
            try context.writeVerbose("Importing function '\(f.name)'.")
        }
        for v in module.exportedVariables { session.globalScope.adopt(v) }
        for a in module.exportedAliases { session.globalScope.setAlias(a.name, a.target) }
        if context[Self.returnResult] {
            for r in results { try context.writeObject(r) }
        } else {
            try context.writeObject(ModuleInfoObjects.make(module))
        }
    }

    /// The module as an object: a ScriptMethod per exported function, a NoteProperty per exported variable.
    private func customObject(_ module: ScriptModule, session: ShellSession) -> PSValue {
        let o = PSObject(typeNames: ["System.Management.Automation.PSCustomObject", "System.Object"])
        for v in module.exportedVariables { o.addNote(v.name, v.value) }
        for f in module.exportedFunctions {
            o.addMethod(f.name) { _, args in
                let out = try session.callFunction(f, arguments: args)
                return out.count == 1 ? out[0] : (out.isEmpty ? .null : .array(PSArray(out)))
            }
            o.setMemberType(f.name, "ScriptMethod")
        }
        return .object(o)
    }
}
