import Foundation
import LinuxSystem
import PSRuntime

/// New-TemporaryFile: an empty file of its own in the temporary directory (as .NET's
/// GetTempFileName names them, `tmpXXXXXX.tmp`), written as its FileInfo.
final class NewTemporaryFileCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "New-TemporaryFile", parameters: [], supportsShouldProcess: true, outputTypes: ["System.IO.FileInfo"],
        synopsis: "Creates a temporary file.",
        description: "Creates an empty file with a new name in the temporary directory ($env:TMPDIR or /tmp) and writes its FileInfo.")

    func end(_ context: CmdletContext) throws {
        var directory = NSTemporaryDirectory()
        if !directory.hasSuffix("/") { directory += "/" }
        guard try context.shouldProcess(target: directory) else { return }
        try context.session.requireHostAccess("Creating a temporary file")
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        for _ in 0..<100 {
            let path = directory + "tmp" + String((0..<6).map { _ in letters.randomElement()! }) + ".tmp"
            // Exclusive creation: a name some other process took in the meantime is never shared.
            do {
                _ = try FileDescriptor.open(path, .writeOnly, options: [.create, .exclusiveCreate], permissions: 0o600)
            } catch Errno.exists {
                continue
            } catch {
                break
            }
            if let item = FileItems.item(path) { try context.writeObject(item) }
            return
        }
        throw context.terminatingError("Could not create a temporary file in '\(directory)'.", errorId: "NewTemporaryFileWriteError",
                                       category: .writeError, target: .string(directory))
    }
}

/// Get-Host: the host object, the one `$Host` holds.
final class GetHostCommand: Cmdlet {
    static let declaration = CmdletDeclaration(
        "Get-Host", parameters: [], outputTypes: ["System.Management.Automation.Host.PSHost"],
        synopsis: "Gets the host program's object.", description: "Writes the object that represents the host program, the same one $Host holds.")

    func end(_ context: CmdletContext) throws {
        try context.writeObject(context.session.globalScope.lookup("Host")?.value ?? .null)
    }
}
