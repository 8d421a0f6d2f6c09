import Foundation
import PSRuntime

/// Rename-Item: gives one file or directory a new name in the same directory (a path in -NewName
/// that leads elsewhere is refused; moving is Move-Item's job).
final class RenameItemCommand: Cmdlet {
    static let path = Parameter<String>("Path", position: 0, mandatory: true, valueFromPipelineByPropertyName: true, sets: ["ByPath"])
    static let literalPath = Parameter<String>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                               valueFromPipelineByPropertyName: true, sets: ["ByLiteralPath"])
    static let newName = Parameter<String>("NewName", position: 1, mandatory: true, valueFromPipelineByPropertyName: true)
    static let force = Parameter<SwitchParameter>("Force")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let declaration = CmdletDeclaration(
        "Rename-Item", parameters: [path, literalPath, newName, force, passThru], defaultParameterSet: "ByPath",
        supportsShouldProcess: true, synopsis: "Renames a file or directory.",
        description: "Renames the item at -Path (or -LiteralPath) to -NewName in the same directory; -PassThru writes the renamed item.")

    func process(_ context: CmdletContext) throws {
        let literal = context[Self.literalPath] != nil
        guard let given = context[Self.literalPath] ?? context[Self.path] else { return }
        let hits = try FileSystemPaths.expand(given, session: context.session, literal: literal)
        guard hits.count <= 1 else {
            throw context.terminatingError("Cannot rename the specified target, because it represents a path or device name.",
                                           errorId: "Argument", category: .invalidArgument, exceptionType: "System.ArgumentException")
        }
        guard let source = hits.first else {
            let shown = (try? context.session.locate(given).display) ?? given
            try context.writeError(ErrorRecord(message: "Cannot rename because item at '\(shown)' does not exist.",
                                               errorId: context.qualifiedErrorId("InvalidOperation"), category: .invalidOperation,
                                               target: .null, exceptionType: "System.Management.Automation.PSInvalidOperationException"))
            return
        }
        let directory = (source as NSString).deletingLastPathComponent
        var name = context[Self.newName] ?? ""
        // A new name may carry the item's own directory, but no other.
        if name.contains("/") {
            let resolved = context.session.resolvePath(name)
            guard (resolved as NSString).deletingLastPathComponent == directory else {
                throw context.terminatingError("Cannot rename the specified target, because it represents a path or device name.",
                                               errorId: "Argument", category: .invalidArgument, exceptionType: "System.ArgumentException")
            }
            name = (resolved as NSString).lastPathComponent
        }
        let target = (directory as NSString).appendingPathComponent(name)
        guard try context.shouldProcess(target: "Item: \(source) Destination: \(target)", action: "Rename Item") else { return }
        if target != source && (FileManager.default.fileExists(atPath: target) || UnixFileStat(path: target) != nil) {
            try context.writeError(ErrorRecord(message: "Cannot create a file when that file already exists.",
                                               errorId: context.qualifiedErrorId("RenameItemIOError"), category: .writeError,
                                               target: .string(source), exceptionType: "System.IO.IOException"))
            return
        }
        do {
            try FileManager.default.moveItem(atPath: source, toPath: target)
        } catch {
            try context.writeError(ErrorRecord(message: FileText.notFoundOrDenied(target), errorId: context.qualifiedErrorId("RenameItemIOError"),
                                               category: .writeError, target: .string(source), exceptionType: "System.IO.IOException"))
            return
        }
        if context[Self.passThru], let item = FileItems.item(target) { try context.writeObject(item) }
    }
}
