// File content cmdlets: Get-Content, Set-Content, Add-Content, Clear-Content.

import Foundation
import PSRuntime

final class GetContentCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0, valueFromPipelineByPropertyName: true)
    static let totalCount = Parameter<Int64>("TotalCount", aliases: ["First", "Head"])
    static let tail = Parameter<Int>("Tail", aliases: ["Last"])
    static let raw = Parameter<SwitchParameter>("Raw")
    static let delimiter = Parameter<String>("Delimiter")
    static let encoding = Parameter<String>("Encoding")
    static let asByteStream = Parameter<SwitchParameter>("AsByteStream")
    static let readCount = Parameter<Int64>("ReadCount")
    static let wait = Parameter<SwitchParameter>("Wait")
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Get-Content", parameters: [
        path, ItemParameters.literalPath, totalCount, tail, raw, delimiter, encoding, asByteStream, readCount, wait, force,
    ], synopsis: "Reads a file's lines.", description: "Writes the file's lines one by one (or the whole text with -Raw); -TotalCount and -Tail limit them.")
    func process(_ context: CmdletContext) throws {
        for path in try FileItems.paths(context, path: Self.path) {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                try context.writeError(ErrorRecord(message: "Unable to get content because it is a directory: '\(path)'. Please use 'Get-ChildItem' instead.",
                                                   errorId: context.qualifiedErrorId("GetContainerContentException"),
                                                   category: .invalidOperation, target: .string(path)))
                continue
            }
            if context[Self.asByteStream] {
                // The file's bytes, one [byte] each (all at once as a byte[] with -Raw).
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                var bytes = [UInt8](data)
                if let n = context[Self.totalCount], n >= 0 { bytes = Array(bytes.prefix(Int(n))) }
                if let n = context[Self.tail] { bytes = Array(bytes.suffix(max(n, 0))) }
                if context[Self.raw] {
                    try context.writeObject(.array(PSArray(bytes.map { .byte($0) }, kind: .typed(.byte))))
                } else {
                    for b in bytes { try context.writeObject(.byte(b)) }
                }
                continue
            }
            guard let text = FileText.read(path, encoding: try FileText.encoding(context, Self.encoding)) else {
                try context.writeError(ErrorRecord(message: "Access to the path '\(path)' is denied.", errorId: context.qualifiedErrorId("GetContentReaderUnauthorizedAccessError"),
                                                   category: .permissionDenied, target: .string(path), exceptionType: "System.UnauthorizedAccessException"))
                continue
            }
            if context[Self.raw] { try context.writeObject(.string(text)); continue }
            var lines: [String]
            if let d = context[Self.delimiter], !d.isEmpty {
                lines = text.components(separatedBy: d)
                if lines.last == "" { lines.removeLast() }
            } else {
                lines = LineBreaking.splitLines(text)
                if text.hasSuffix("\n") || text.isEmpty { lines.removeLast() }
            }
            if let n = context[Self.totalCount], n >= 0 { lines = Array(lines.prefix(Int(n))) }
            if let n = context[Self.tail] { lines = Array(lines.suffix(max(n, 0))) }
            for l in lines { try context.writeObject(.string(l)) }
        }
    }
}

/// The parameters Set-Content and Add-Content share.
enum ContentParameters {
    static let path = Parameter<[String]>("Path", position: 0, mandatory: true, sets: ["Path"])
    static let literalPath = Parameter<[String]>("LiteralPath", aliases: ["PSPath", "LP"], mandatory: true,
                                                 valueFromPipelineByPropertyName: true, sets: ["LiteralPath"])
    static let value = Parameter<[PSValue]>("Value", position: 1, valueFromPipeline: true)
    static let noNewline = Parameter<SwitchParameter>("NoNewline")
    static let passThru = Parameter<SwitchParameter>("PassThru")
    static let encoding = Parameter<String>("Encoding")
    static let force = Parameter<SwitchParameter>("Force")
    static let all: [any ParameterKey] = [path, literalPath, value, noNewline, passThru, encoding, force]
}

/// Set-Content and Add-Content: each value's string form on its own line.
class ContentWriterBase {
    typealias P = ContentParameters
    var values: [PSValue] = []
    class var append: Bool { false }

    func process(_ context: CmdletContext) throws {
        if let v = context[P.value] { values += v }
    }

    func end(_ context: CmdletContext) throws {
        let text = values.map { PSConvert.toString($0) + (context[P.noNewline] ? "" : "\n") }.joined()
        let encoding = try FileText.encoding(context, P.encoding) ?? .utf8NoBOM
        let raw = context[P.literalPath] ?? context[P.path] ?? []
        for p in raw {
            if let name = ShellSession.driveQualifier(p), context.session.drives.drive(named: String(name)) == nil {
                try context.writeError(DriveNotFound(name: String(name)).record(for: context)); continue
            }
            let targets = WildcardPattern.containsWildcard(p) && !context.isBound(P.literalPath)
                ? ((try? FileSystemPaths.expand(p, session: context.session)) ?? []) : [FileSystemPaths.resolve(p, session: context.session)]
            for path in targets {
                let dir = (path as NSString).deletingLastPathComponent
                guard FileManager.default.fileExists(atPath: dir) else {
                    try context.writeError(ErrorRecord(message: "Could not find a part of the path '\(path)'.",
                                                       errorId: context.qualifiedErrorId("GetContentWriterDirectoryNotFoundError"),
                                                       category: .objectNotFound, target: .string(path), exceptionType: "System.IO.DirectoryNotFoundException"))
                    continue
                }
                guard try context.shouldProcess(target: "Path: \(path)", action: Self.append ? "Add Content" : "Set Content") else { continue }
                try FileText.write(text, to: path, append: Self.append, encoding: encoding, context: context)
                if context[P.passThru] { for v in values { try context.writeObject(v) } }
            }
        }
    }
}

final class SetContentCommand: ContentWriterBase, Cmdlet {
    static let declaration = CmdletDeclaration("Set-Content", parameters: ContentParameters.all, defaultParameterSet: "Path", supportsShouldProcess: true,
        synopsis: "Writes text to a file, replacing its content.", description: "Writes each value's string form on its own line, replacing the file (created if missing).")
    required override init() {}
}

final class AddContentCommand: ContentWriterBase, Cmdlet {
    static let declaration = CmdletDeclaration("Add-Content", parameters: ContentParameters.all, defaultParameterSet: "Path", supportsShouldProcess: true,
        synopsis: "Appends text to a file.", description: "Appends each value's string form on its own line (the file is created if missing).")
    override class var append: Bool { true }
    required override init() {}
}

final class ClearContentCommand: Cmdlet {
    static let path = Parameter<[String]>("Path", position: 0)
    static let force = Parameter<SwitchParameter>("Force")
    static let declaration = CmdletDeclaration("Clear-Content", parameters: [path, ItemParameters.literalPath, force], supportsShouldProcess: true, synopsis: "Empties files.", description: "Deletes the content of the files but keeps the files.")
    func process(_ context: CmdletContext) throws {
        for path in try FileItems.paths(context, path: Self.path) {
            guard try context.shouldProcess(target: "Item: \(path)", action: "Clear Content") else { continue }
            try FileText.write("", to: path, append: false, context: context)
        }
    }
}
