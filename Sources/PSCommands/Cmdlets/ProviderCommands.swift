// Get-PSProvider and the ProviderInfo table: the session's providers (Alias, Environment, FileSystem,
// Function, Variable, as pwsh has on Linux) with their capabilities and drives.

import Foundation
import PSRuntime

final class GetPSProviderCommand: Cmdlet {
    static let psProvider = Parameter<[String]>("PSProvider", position: 0, valueFromPipelineByPropertyName: true)
    static let declaration = CmdletDeclaration("Get-PSProvider", parameters: [psProvider],
        outputTypes: ["System.Management.Automation.ProviderInfo"], synopsis: "Gets the providers of the session.",
        description: "Writes a ProviderInfo for each provider whose name matches -PSProvider (wildcards allowed; all when it is not given): Alias, Environment, FileSystem, Function and Variable.")
    func process(_ context: CmdletContext) throws {
        let kinds = PSProviderKind.allCases.sorted { $0.rawValue < $1.rawValue }
        guard let names = context[Self.psProvider] else {
            for kind in kinds { try context.writeObject(.object(DriveInfoObjects.provider(kind, session: context.session))) }
            return
        }
        for name in names {
            let pattern = WildcardPattern(name)
            let hits = kinds.filter { pattern.matches($0.rawValue) || pattern.matches($0.qualifiedName) }
            if hits.isEmpty && !WildcardPattern.containsWildcard(name) {
                try context.writeError(ErrorRecord(message: "Cannot find a provider with the name '\(name)'.",
                                                   errorId: context.qualifiedErrorId("ProviderNotFound"), category: .objectNotFound,
                                                   target: .string(name), exceptionType: "System.Management.Automation.ProviderNotFoundException"))
            }
            for kind in hits { try context.writeObject(.object(DriveInfoObjects.provider(kind, session: context.session))) }
        }
    }
}

enum ProviderViews {
    /// PowerShell's `provider` table: the name in 20 columns, then the capabilities and the drives.
    static var all: [FormatView] {
        [FormatView(name: "provider", typeNames: ["System.Management.Automation.ProviderInfo"], table: [
            TableColumn("Name", width: 20),
            TableColumn("Capabilities"),
            TableColumn("Drives"),
        ])]
    }
}
