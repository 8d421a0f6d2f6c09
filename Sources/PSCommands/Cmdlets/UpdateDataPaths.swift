// The path handling Update-FormatData and Update-TypeData share (PowerShell's UpdateData.Glob): each
// given path resolved, wildcards too, to existing .ps1xml files, with PowerShell's errors for the rest.

import Foundation
import PSRuntime

enum UpdateDataPaths {
    /// PowerShell's UpdateData.Glob: each path resolved (wildcards too) to .ps1xml files.
    static func glob(_ paths: [String], _ errorId: String, _ context: CmdletContext) throws -> [String] {
        var out: [String] = []
        for given in paths {
            let files = (try? FileSystemPaths.expand(given, session: context.session)) ?? []
            let existing = files.filter { FileManager.default.fileExists(atPath: $0) }
            if existing.isEmpty {
                let shown = (try? context.session.locate(given).display) ?? given
                try context.writeError(ErrorRecord(message: "Cannot find path '\(shown)' because it does not exist.",
                                                   errorId: context.qualifiedErrorId(errorId), category: .invalidOperation,
                                                   target: .string(given),
                                                   exceptionType: "System.Management.Automation.ItemNotFoundException"))
                continue
            }
            for f in existing {
                guard f.lowercased().hasSuffix(".ps1xml") else {
                    try context.writeError(ErrorRecord(
                        message: "Cannot read the file \"\(f)\"  because it does not have the file name extension \"ps1xml\".",
                        errorId: context.qualifiedErrorId("WrongExtension"), category: .invalidArgument,
                        exceptionType: "System.InvalidOperationException"))
                    continue
                }
                out.append(f)
            }
        }
        return out
    }
}
