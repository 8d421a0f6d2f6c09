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

/// New-TemporaryDirectory: a directory of its own in the temporary directory, named as .NET's
/// Directory.CreateTempSubdirectory names them on Unix (the prefix, then six random characters),
/// written as its DirectoryInfo.
final class NewTemporaryDirectoryCommand: Cmdlet {
    static let prefix = Parameter<String>("Prefix", validate: [.notNullOrEmpty])
    static let declaration = CmdletDeclaration(
        "New-TemporaryDirectory", parameters: [prefix], supportsShouldProcess: true, confirmImpact: .low,
        outputTypes: ["System.IO.DirectoryInfo"],
        synopsis: "Creates a temporary directory.",
        description: "Creates an empty directory with a new name (after -Prefix, if given) in the temporary directory ($env:TMPDIR or /tmp) and writes its DirectoryInfo.")

    /// The prefix must stay one name inside the temporary directory: no separator of either system,
    /// no control character, nothing .NET refuses in a file name, and not `.` or `..`.
    static func isInvalidPrefix(_ prefix: String) -> Bool {
        if prefix == "." || prefix == ".." { return true }
        return prefix.unicodeScalars.contains { c in
            c == "/" || c == "\\" || c.value == 0 || c.properties.generalCategory == .control
        }
    }

    func end(_ context: CmdletContext) throws {
        var directory = NSTemporaryDirectory()
        if !directory.hasSuffix("/") { directory += "/" }
        let prefix = context[Self.prefix] ?? ""
        if !prefix.isEmpty && Self.isInvalidPrefix(prefix) {
            throw context.terminatingError("The prefix contains invalid characters. (Parameter 'Prefix')",
                                           errorId: "NewTemporaryDirectoryInvalidPrefix", category: .invalidArgument,
                                           target: .string(prefix), exceptionType: "System.ArgumentException")
        }
        // The target names the parent and the prefix, never a path that will not exist.
        let target = prefix.isEmpty ? "temporary directory under '\(directory)'"
                                    : "temporary directory under '\(directory)' with prefix '\(prefix)'"
        guard try context.shouldProcess(target: target, action: "Create temporary directory") else { return }
        try context.session.requireHostAccess("Creating a temporary directory")
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var failure = "Could not create a temporary directory in '\(directory)'."
        for _ in 0..<100 {
            let path = directory + prefix + String((0..<6).map { _ in letters.randomElement()! })
            // mkdir fails on an existing name, so a name some other process took is never shared.
            do {
                try FileSystem.makeDirectory(path, permissions: 0o700)
            } catch Errno.exists {
                continue
            } catch {
                failure = "\(error)"
                break
            }
            if let item = FileItems.item(path) { try context.writeObject(item) }
            return
        }
        throw context.terminatingError(failure, errorId: "NewTemporaryDirectoryWriteError",
                                       category: .writeError, target: .string(target), exceptionType: "System.IO.IOException")
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
