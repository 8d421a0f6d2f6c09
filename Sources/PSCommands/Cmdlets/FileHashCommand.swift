import Foundation
import LinuxSystem
import PSRuntime

/// Get-FileHash: the hash of each file a path names (or of a stream's bytes), as a FileHashInfo
/// (Algorithm, Hash in upper-case hex, Path). Files are read in chunks, so size costs no memory.
final class GetFileHashCommand: Cmdlet {
    static let fileHashInfoType = "Microsoft.PowerShell.Commands.FileHashInfo"

    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, valueFromPipeline: true,
                                          valueFromPipelineByPropertyName: true, sets: ["Path"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], position: 0, mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["LiteralPath"])
    static let inputStream = Parameter<PSValue>("InputStream", type: .named("System.IO.Stream"), position: 0, mandatory: true,
                                                sets: ["StreamParameterSet"])
    static let algorithm = Parameter<String>("Algorithm", position: 1,
                                             validate: [.set(MessageDigest.Algorithm.allCases.map(\.rawValue))])
    static let declaration = CmdletDeclaration(
        "Get-FileHash", parameters: [path, literalPath, inputStream, algorithm], defaultParameterSet: "Path",
        outputTypes: [fileHashInfoType], synopsis: "Computes the hash of files or of a stream.",
        description: "Writes, for each file, a FileHashInfo with the algorithm (SHA256 unless -Algorithm names SHA1, SHA384, SHA512 or MD5), the hash in upper-case hexadecimal and the file's path. -Path takes wildcards, -LiteralPath does not; -InputStream hashes a stream's remaining bytes (its Path is empty).")

    static var views: [FormatView] {
        [FormatView(name: fileHashInfoType, typeNames: [fileHashInfoType], table: [
            TableColumn("Algorithm", width: 15, alignment: .left),
            TableColumn("Hash", width: 70, alignment: .left),
            TableColumn("Path"),
        ])]
    }

    private func algorithmName(_ context: CmdletContext) -> MessageDigest.Algorithm {
        // The set check already passed, in any case; the name is reported upper-case.
        MessageDigest.Algorithm(rawValue: (context[Self.algorithm] ?? "SHA256").uppercased()) ?? .SHA256
    }

    func process(_ context: CmdletContext) throws {
        var files: [String] = []
        if let literal = context[Self.literalPath] {
            files = literal.map { context.session.resolvePath($0) }
        } else if let paths = context[Self.path] {
            for p in paths {
                do {
                    let hits = try FileSystemPaths.expand(p, session: context.session)
                    if hits.isEmpty && !WildcardPattern.containsWildcard(p) {
                        try context.writeError(ErrorRecord(
                            message: "Cannot find path '\(try context.session.locate(p).display)' because it does not exist.",
                            errorId: context.qualifiedErrorId("FileNotFound"), category: .objectNotFound,
                            target: .string(p), exceptionType: "System.Management.Automation.ItemNotFoundException"))
                    }
                    files += hits
                } catch let missing as DriveNotFound {
                    try context.writeError(missing.record(for: context))
                }
            }
        }
        for file in files {
            if let hash = try hashFile(file, context) { try write(hash, path: file, context) }
        }
    }

    func end(_ context: CmdletContext) throws {
        guard let stream = context[Self.inputStream] else { return }
        guard let source = stream.asObject?.baseObject as? ByteStreamSource else {
            throw context.terminatingError(
                "Cannot bind parameter 'InputStream'. Cannot convert the \"\(PSConvert.toString(stream))\" value of type \"\(stream.typeFullName)\" to type \"System.IO.Stream\".",
                errorId: "CannotConvertArgumentNoMessage", category: .invalidArgument, exceptionType: "System.Management.Automation.ParameterBindingException")
        }
        var digest = MessageDigest(algorithmName(context))
        digest.update(source.readToEnd())
        try write(MessageDigest.hex(digest.finish()), path: "", context)
    }

    /// The hash of one file, or nil after writing the error .NET's File.OpenRead would have raised.
    private func hashFile(_ path: String, _ context: CmdletContext) throws -> String? {
        func fail(_ message: String, _ id: String, _ category: ErrorCategory, _ exception: String) throws -> String? {
            try context.writeError(ErrorRecord(message: message, errorId: context.qualifiedErrorId(id), category: category,
                                               target: .string(path), exceptionType: exception))
            return nil
        }
        guard let stat = UnixFileStat(path: path, followingLinks: true) else {
            return try fail("Could not find file '\(path)'.", "FileNotFound", .objectNotFound, "System.IO.FileNotFoundException")
        }
        if stat.isDirectory {
            return try fail("Access to the path '\(path)' is denied.", "UnauthorizedAccessError", .invalidData, "System.UnauthorizedAccessException")
        }
        var digest = MessageDigest(algorithmName(context))
        do {
            let file = try FileDescriptor.open(path, .readOnly)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                if context.session.stopFlag.isSet { throw PipelineStoppedSignal() }
                let n = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }
                if n == 0 { break }
                digest.update(chunk[0..<n])
            }
        } catch Errno.permissionDenied {
            return try fail("Access to the path '\(path)' is denied.", "UnauthorizedAccessError", .invalidData, "System.UnauthorizedAccessException")
        } catch let e as Errno {
            return try fail("\(e)", "FileReadError", .readError, "System.IO.IOException")
        }
        return MessageDigest.hex(digest.finish())
    }

    private func write(_ hash: String, path: String, _ context: CmdletContext) throws {
        let o = PSObject(typeNames: [Self.fileHashInfoType, "System.Object"])
        for (name, value) in [("Algorithm", algorithmName(context).rawValue), ("Hash", hash), ("Path", path)] {
            var m = PSMember(name: name, kind: .note(.string(value)))
            m.declaredMemberType = "Property"
            o.add(m)
        }
        try context.writeObject(.object(o))
    }
}

/// An object whose bytes a cmdlet can read to the end (System.IO.Stream's part that Get-FileHash uses).
protocol ByteStreamSource: AnyObject {
    func readToEnd() -> [UInt8]
}
