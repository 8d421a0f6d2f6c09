import Foundation

/// System.IO.Path, File and Directory (File and Directory act on the host, so a sandbox refuses them).
extension StaticTypes {
    nonisolated(unsafe) static let fileTypes: [StaticType] = [
        StaticType(
            keys: ["io.path"],
            properties: [StaticType.constant("char", "DirectorySeparatorChar", .char(UInt16(UInt8(ascii: "/")))),
                         StaticType.constant("char", "PathSeparator", .char(UInt16(UInt8(ascii: ":")))),
                         StaticType.constant("char", "AltDirectorySeparatorChar", .char(UInt16(UInt8(ascii: "/")))),
                         StaticType.constant("char", "VolumeSeparatorChar", .char(UInt16(UInt8(ascii: "/"))))],
            methods: [
                path("ChangeExtension", "static string ChangeExtension(string path, string extension)"),
                path("Combine", "static string Combine(string path1, string path2)", "static string Combine(string path1, string path2, string path3)",
                     "static string Combine(Params string[] paths)"),
                path("GetDirectoryName", "static string GetDirectoryName(string path)"),
                path("GetExtension", "static string GetExtension(string path)"),
                path("GetFileName", "static string GetFileName(string path)"),
                path("GetFileNameWithoutExtension", "static string GetFileNameWithoutExtension(string path)"),
                path("GetInvalidFileNameChars", "static char[] GetInvalidFileNameChars()"),
                path("GetInvalidPathChars", "static char[] GetInvalidPathChars()"),
                path("GetFullPath", "static string GetFullPath(string path)", "static string GetFullPath(string path, string basePath)"),
                path("GetRandomFileName", "static string GetRandomFileName()"),
                path("GetTempFileName", "static string GetTempFileName()"),
                path("GetTempPath", "static string GetTempPath()"),
                path("HasExtension", "static bool HasExtension(string path)"),
                path("IsPathRooted", "static bool IsPathRooted(string path)"),
                path("Join", "static string Join(string path1, string path2)", "static string Join(string path1, string path2, string path3)",
                     "static string Join(Params string[] paths)"),
            ]),
        StaticType(keys: ["io.file"], methods: [
            file("AppendAllText", "static void AppendAllText(string path, string contents)",
                 "static void AppendAllText(string path, string contents, System.Text.Encoding encoding)"),
            file("Copy", "static void Copy(string sourceFileName, string destFileName)",
                 "static void Copy(string sourceFileName, string destFileName, bool overwrite)"),
            file("Delete", "static void Delete(string path)"),
            file("Exists", "static bool Exists(string path)"),
            file("Move", "static void Move(string sourceFileName, string destFileName)",
                 "static void Move(string sourceFileName, string destFileName, bool overwrite)"),
            file("ReadAllBytes", "static byte[] ReadAllBytes(string path)"),
            file("ReadAllLines", "static string[] ReadAllLines(string path)", "static string[] ReadAllLines(string path, System.Text.Encoding encoding)"),
            file("ReadAllText", "static string ReadAllText(string path)", "static string ReadAllText(string path, System.Text.Encoding encoding)"),
            file("WriteAllBytes", "static void WriteAllBytes(string path, byte[] bytes)"),
            file("WriteAllLines", "static void WriteAllLines(string path, string[] contents)",
                 "static void WriteAllLines(string path, string[] contents, System.Text.Encoding encoding)"),
            file("WriteAllText", "static void WriteAllText(string path, string contents)",
                 "static void WriteAllText(string path, string contents, System.Text.Encoding encoding)"),
        ]),
        StaticType(keys: ["io.directory"], methods: [
            directory("CreateDirectory", "static System.IO.DirectoryInfo CreateDirectory(string path)"),
            directory("Delete", "static void Delete(string path)", "static void Delete(string path, bool recursive)"),
            directory("Exists", "static bool Exists(string path)"),
            directory("GetCurrentDirectory", "static string GetCurrentDirectory()"),
            directory("GetDirectories", "static string[] GetDirectories(string path)", "static string[] GetDirectories(string path, string searchPattern)"),
            directory("GetFiles", "static string[] GetFiles(string path)", "static string[] GetFiles(string path, string searchPattern)",
                      "static string[] GetFiles(string path, string searchPattern, System.IO.SearchOption searchOption)"),
            directory("GetFileSystemEntries", "static string[] GetFileSystemEntries(string path)",
                      "static string[] GetFileSystemEntries(string path, string searchPattern)"),
            directory("EnumerateDirectories", "static System.Collections.Generic.IEnumerable[string] EnumerateDirectories(string path)",
                      "static System.Collections.Generic.IEnumerable[string] EnumerateDirectories(string path, string searchPattern)"),
            directory("EnumerateFiles", "static System.Collections.Generic.IEnumerable[string] EnumerateFiles(string path)",
                      "static System.Collections.Generic.IEnumerable[string] EnumerateFiles(string path, string searchPattern)",
                      "static System.Collections.Generic.IEnumerable[string] EnumerateFiles(string path, string searchPattern, System.IO.SearchOption searchOption)"),
            directory("EnumerateFileSystemEntries", "static System.Collections.Generic.IEnumerable[string] EnumerateFileSystemEntries(string path)",
                      "static System.Collections.Generic.IEnumerable[string] EnumerateFileSystemEntries(string path, string searchPattern)"),
        ]),
    ]

    private static func path(_ name: String, _ overloads: String...) -> StaticMethod {
        StaticMethod(name: name, overloads: overloads) { call in try pathMethod(name.lowercased(), call.args, session: call.session) }
    }

    private static func file(_ name: String, _ overloads: String...) -> StaticMethod {
        StaticMethod(name: name, overloads: overloads) { call in
            try call.session.requireHostAccess("Using System.IO.File")
            return try fileMethod(name.lowercased(), call.args, session: call.session)
        }
    }

    private static func directory(_ name: String, _ overloads: String...) -> StaticMethod {
        StaticMethod(name: name, overloads: overloads) { call in
            try call.session.requireHostAccess("Using System.IO.Directory")
            return try directoryMethod(name.lowercased(), call.args, session: call.session)
        }
    }

    private static func pathMethod(_ method: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        let target = StaticMembers.str(args, 0)
        let nsTarget = target as NSString
        switch method {
        case "combine", "join":
            let parts = args.flatMap { $0.arrayElements ?? [$0] }.map { PSConvert.toString($0) }
            var out = ""
            for part in parts {
                if method == "combine" && part.hasPrefix("/") { out = part; continue }
                if out.isEmpty { out = part } else if out.hasSuffix("/") || part.hasPrefix("/") { out += part } else { out += "/" + part }
            }
            return .string(out)
        case "getfilename": return .string(target.hasSuffix("/") ? "" : nsTarget.lastPathComponent)
        case "getfilenamewithoutextension": return .string((nsTarget.lastPathComponent as NSString).deletingPathExtension)
        case "getextension": return .string(nsTarget.pathExtension.isEmpty ? "" : "." + nsTarget.pathExtension)
        case "hasextension": return .bool(!nsTarget.pathExtension.isEmpty)
        case "getdirectoryname":
            // .NET's rule: everything before the last separator; "" for a bare name, null for the root.
            if target == "/" || target.isEmpty { return .null }
            guard let slash = target.lastIndex(of: "/") else { return .string("") }
            let directory = String(target[..<slash])
            return .string(directory.isEmpty ? "/" : directory)
        case "gettemppath":
            var temp = NSTemporaryDirectory()
            if !temp.hasSuffix("/") { temp += "/" }
            return .string(temp)
        case "gettempfilename":
            try session.requireHostAccess("Creating a temporary file")
            let file = (NSTemporaryDirectory() as NSString).appendingPathComponent("tmp\(UInt32.random(in: 0...0xFFFFF)).tmp")
            FileManager.default.createFile(atPath: file, contents: nil)
            return .string(file)
        case "getrandomfilename":
            let chars = Array("abcdefghijklmnopqrstuvwxyz0123456789")
            return .string(String((0..<8).map { _ in chars.randomElement()! }) + "." + String((0..<3).map { _ in chars.randomElement()! }))
        case "getinvalidfilenamechars":
            // .NET on Unix: only NUL and the separator can never be in a file name.
            return .array(PSArray([.char(0), .char(UInt16(UInt8(ascii: "/")))], kind: .typed(.char)))
        case "getinvalidpathchars":
            return .array(PSArray([.char(0)], kind: .typed(.char)))
        case "getfullpath": return .string(session.resolvePath(target))
        case "ispathrooted": return .bool(target.hasPrefix("/"))
        case "changeextension":
            let base = nsTarget.deletingPathExtension
            let ext = StaticMembers.str(args, 1)
            return .string(ext.isEmpty ? base : base + (ext.hasPrefix(".") ? ext : "." + ext))
        default: throw StaticMembers.noMember(.named("System.IO.Path"), method)
        }
    }

    /// File and Directory methods take a path first: a missing or empty one is .NET's argument error,
    /// never the current directory (which `resolvePath("")` would give, and Delete would remove).
    private static func requirePath(_ method: String, _ args: [PSValue]) throws {
        guard let first = args.first else { throw Members.argCount(method, 0) }
        if first.isNull || PSConvert.toString(first).isEmpty {
            throw StringMethods.methodError(method, args, "The value cannot be an empty string. (Parameter 'path')", id: "ArgumentException")
        }
    }

    private static func fileMethod(_ method: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        if method == "exists" && PSConvert.toString(args.first ?? .null).isEmpty { return .false }
        try requirePath(method, args)
        let target = session.resolvePath(StaticMembers.str(args, 0))
        func ioError(_ message: String) -> PSRuntimeError {
            StringMethods.methodError(method, args, message, id: "IOException")
        }
        switch method {
        case "exists":
            var isDirectory: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && !isDirectory.boolValue)
        case "readalltext":
            guard let text = try? String(contentsOfFile: target, encoding: .utf8) else { throw ioError("Could not find file '\(target)'.") }
            return .string(text)
        case "readalllines":
            guard let text = try? String(contentsOfFile: target, encoding: .utf8) else { throw ioError("Could not find file '\(target)'.") }
            var lines = text.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            return .array(PSArray(lines.map { .string($0.hasSuffix("\r") ? String($0.dropLast()) : $0) }, kind: .typed(.string)))
        case "writealltext", "appendalltext":
            let text = StaticMembers.str(args, 1)
            if method == "appendalltext", let handle = FileHandle(forWritingAtPath: target) {
                handle.seekToEndOfFile(); handle.write(Data(text.utf8)); handle.closeFile()
            } else if !FileManager.default.createFile(atPath: target, contents: Data(text.utf8)) {
                throw ioError("Could not find a part of the path '\(target)'.")
            }
            return nil
        case "writeallbytes":
            let bytes = try (args.count > 1 ? (args[1].arrayElements ?? [args[1]]) : []).map { UInt8(truncatingIfNeeded: try PSConvert.toInt64($0)) }
            if !FileManager.default.createFile(atPath: target, contents: Data(bytes)) { throw ioError("Could not find a part of the path '\(target)'.") }
            return nil
        case "writealllines":
            let lines = (args.count > 1 ? (args[1].arrayElements ?? [args[1]]) : []).map { PSConvert.toString($0) + "\n" }.joined()
            if !FileManager.default.createFile(atPath: target, contents: Data(lines.utf8)) { throw ioError("Could not find a part of the path '\(target)'.") }
            return nil
        case "delete":
            // File.Delete removes a file (a missing one is fine) and refuses a directory.
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isDir) else { return nil }
            if isDir.boolValue {
                throw StringMethods.methodError(method, args, "Access to the path '\(target)' is denied.", id: "UnauthorizedAccessException")
            }
            do { try FileManager.default.removeItem(atPath: target) } catch { throw ioError(error.localizedDescription) }
            return nil
        case "copy":
            let dest = session.resolvePath(StaticMembers.str(args, 1))
            // Overwrite replaces a file, never a directory of that name.
            var destIsDir: ObjCBool = false
            if args.count > 2 && PSConvert.toBool(args[2]), FileManager.default.fileExists(atPath: dest, isDirectory: &destIsDir),
               !destIsDir.boolValue {
                try? FileManager.default.removeItem(atPath: dest)
            }
            do { try FileManager.default.copyItem(atPath: target, toPath: dest) } catch { throw ioError(error.localizedDescription) }
            return nil
        case "move":
            do { try FileManager.default.moveItem(atPath: target, toPath: session.resolvePath(StaticMembers.str(args, 1))) } catch { throw ioError(error.localizedDescription) }
            return nil
        case "readallbytes":
            guard let isDirectory = FileManager.default.contents(atPath: target) else { throw ioError("Could not find file '\(target)'.") }
            return .array(PSArray(isDirectory.map { .byte($0) }, kind: .typed(.byte)))
        default: throw StaticMembers.noMember(.named("System.IO.File"), method)
        }
    }

    private static func directoryMethod(_ method: String, _ args: [PSValue], session: ShellSession) throws -> PSValue? {
        if method == "exists" && PSConvert.toString(args.first ?? .null).isEmpty { return .false }
        if method != "getcurrentdirectory" { try requirePath(method, args) }
        let target = session.resolvePath(StaticMembers.str(args, 0))
        switch method {
        case "exists":
            var isDirectory: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue)
        case "createdirectory":
            try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            return .string(target)
        case "delete":
            // Directory.Delete(path) removes an empty directory; its contents go only with recursive = $true.
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isDir) else {
                throw StringMethods.methodError(method, args, "Could not find a part of the path '\(target)'.", id: "DirectoryNotFoundException")
            }
            guard isDir.boolValue else { throw StringMethods.methodError(method, args, "Not a directory : '\(target)'", id: "IOException") }
            let recursive = args.count > 1 && PSConvert.toBool(args[1])
            if !recursive, !((try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []).isEmpty {
                throw StringMethods.methodError(method, args, "Directory not empty : '\(target)'", id: "IOException")
            }
            do { try FileManager.default.removeItem(atPath: target) } catch {
                throw StringMethods.methodError(method, args, error.localizedDescription, id: "IOException")
            }
            return nil
        case "getfiles", "getdirectories", "getfilesystementries", "enumeratefiles", "enumeratedirectories", "enumeratefilesystementries":
            return .array(PSArray(try DirectoryEntries.list(method, args, target).map { .string($0) }, kind: .typed(.string)))
        case "getcurrentdirectory": return .string(session.currentDirectory)
        default: throw StaticMembers.noMember(.named("System.IO.Directory"), method)
        }
    }
}
