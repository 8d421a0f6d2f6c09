import Foundation
import PSRuntime

/// `[System.IO.FileInfo]::new(path)` and `[System.IO.DirectoryInfo]::new(path)`: the item's object
/// when it exists, otherwise one with Exists false and the path's names; either way its text is
/// the path as given, as .NET's FileSystemInfo.ToString() returns the original path.
extension FileItems {
    static func installConstructors(in session: ShellSession) {
        unowned let s = session
        session.typeConstructors["system.io.fileinfo"] = { args in try construct(args, directory: false, session: s) }
        session.typeConstructors["system.io.directoryinfo"] = { args in try construct(args, directory: true, session: s) }
    }

    private static func construct(_ args: [PSValue], directory: Bool, session: ShellSession) throws -> PSValue {
        let type = directory ? "DirectoryInfo" : "FileInfo"
        guard args.count == 1 else {
            throw PSRuntimeError.message("Cannot find an overload for \"new\" and the argument count: \"\(args.count)\".",
                                         errorId: "MethodCountCouldNotFindBest", category: .notSpecified,
                                         exceptionType: "System.Management.Automation.MethodException")
        }
        let given = PSConvert.toString(args[0])
        if given.isEmpty {
            throw PSRuntimeError.message("Exception calling \".ctor\" with \"1\" argument(s): \"The value cannot be an empty string. (Parameter 'fileName')\"",
                                         errorId: "ArgumentException", category: .notSpecified,
                                         exceptionType: "System.Management.Automation.MethodInvocationException")
        }
        // .NET resolves a relative path against the process's directory, which hvsh keeps as the location.
        let full = given.hasPrefix("/") ? FileSystemPaths.normalize(given) : FileSystemPaths.normalize(FileManager.default.currentDirectoryPath + "/" + given)
        if case .object(let existing)? = item(full), existing.typeNames.first == "System.IO.\(type)" {
            existing.toStringHandler = { _ in given }
            return .object(existing)
        }
        let o = PSObject(typeNames: directory ? dirTypeNames : fileTypeNames)
        let name = (full as NSString).lastPathComponent
        let ext = dotNetExtension(name)
        o.addNote("Name", .string(name))
        if directory {
            o.addNote("Parent", .string((full as NSString).deletingLastPathComponent))
        } else {
            o.addNote("DirectoryName", .string((full as NSString).deletingLastPathComponent))
            o.addNote("IsReadOnly", .true)
        }
        o.addNote("Exists", .false)
        o.addNote("FullName", .string(full))
        o.addNote("Extension", .string(ext))
        o.addNote("BaseName", .string(directory ? name : String(name.dropLast(ext.count))))
        o.toStringHandler = { _ in given }
        return .object(o)
    }
}
