import Foundation
import PSRuntime

/// `[System.IO.FileInfo]::new(path)` and `[System.IO.DirectoryInfo]::new(path)` (and New-Object):
/// the one-string constructor the string cast goes through (`FileInfoConversion`), so both give the
/// item when it exists, otherwise one with Exists False, its text the path as given.
extension FileItems {
    static func installConstructors(in session: ShellSession) {
        session.typeConstructors["system.io.fileinfo"] = { args in try construct(args, directory: false) }
        session.typeConstructors["system.io.directoryinfo"] = { args in try construct(args, directory: true) }
    }

    private static func construct(_ args: [PSValue], directory: Bool) throws -> PSValue {
        guard args.count == 1 else {
            throw PSRuntimeError.message("Cannot find an overload for \"new\" and the argument count: \"\(args.count)\".",
                                         errorId: "MethodCountCouldNotFindBest", category: .notSpecified,
                                         exceptionType: "System.Management.Automation.MethodException")
        }
        let given = PSConvert.toString(args[0])
        if given.isEmpty {
            throw PSRuntimeError.message("Exception calling \".ctor\" with \"1\" argument(s): \"The path is empty. (Parameter 'path')\"",
                                         errorId: "ArgumentException", category: .notSpecified,
                                         exceptionType: "System.Management.Automation.MethodInvocationException")
        }
        return try FileInfoConversion.convert(.string(given), directory: directory) ?? .null
    }
}
