import Foundation
import PSRuntime

/// Get-Runspace: the runspaces of this shell (its own first, then those scripts created with
/// `[runspacefactory]::CreateRunspace()` or `[powershell]::Create()` and have not disposed), all of
/// them or those matching -Name (wildcards), -Id or -InstanceId.
final class GetRunspaceCommand: Cmdlet {
    static let name = Parameter<[String]>("Name", position: 0, sets: ["NameParameterSet"])
    static let id = Parameter<[Int]>("Id", position: 0, mandatory: true, sets: ["IdParameterSet"])
    static let instanceId = Parameter<[PSValue]>("InstanceId", position: 0, mandatory: true, sets: ["InstanceIdParameterSet"])
    static let declaration = CmdletDeclaration(
        "Get-Runspace", parameters: [name, id, instanceId], defaultParameterSet: "NameParameterSet",
        outputTypes: ["System.Management.Automation.Runspaces.Runspace"], synopsis: "Gets the active runspaces.",
        description: "Writes this shell's runspaces: its own and those created by [runspacefactory]::CreateRunspace() or [powershell]::Create() that are not disposed, all of them or those selected by -Name (wildcards allowed), -Id or -InstanceId.")

    func process(_ context: CmdletContext) throws {
        let all = context.session.runspaceObjects
        func property(_ value: PSValue, _ name: String) -> PSValue? {
            if case .object(let o) = value { return try? o.property(name) }
            return nil
        }
        var selected = all
        if let names = context[Self.name] {
            let patterns = names.map { WildcardPattern($0, caseSensitive: false) }
            selected = all.filter { r in
                let n = PSConvert.toString(property(r, "Name") ?? .null)
                return patterns.contains { $0.matches(n) }
            }
        } else if let ids = context[Self.id] {
            selected = all.filter { r in ids.contains { PSConvert.toString(property(r, "Id") ?? .null) == String($0) } }
        } else if let guids = context[Self.instanceId] {
            let wanted = Set(guids.map { PSConvert.toString($0).lowercased() })
            selected = all.filter { wanted.contains(PSConvert.toString(property($0, "InstanceId") ?? .null).lowercased()) }
        }
        for r in selected { try context.writeObject(r) }
    }
}
