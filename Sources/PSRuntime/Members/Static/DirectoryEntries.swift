import Foundation

/// Directory.GetFiles/GetDirectories/GetFileSystemEntries and their Enumerate forms: the full
/// paths in a directory whose names match the search pattern (`*` and `?`, case-sensitive as .NET
/// is on Linux; `*` when none is given), and with SearchOption.AllDirectories those in every
/// directory below it. A missing directory is .NET's DirectoryNotFoundException.
public enum DirectoryEntries {
    public static func list(_ method: String, _ args: [PSValue], _ target: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StringMethods.methodError(method, args, "Could not find a part of the path '\(target)'.", id: "DirectoryNotFoundException")
        }
        let pattern = args.count > 1 ? PSConvert.toString(args[1]) : "*"
        let option = args.count > 2 ? PSConvert.toString(args[2]).lowercased() : ""
        let recursive = option == "alldirectories" || option == "1"
        let wantFiles = !method.hasSuffix("directories"), wantDirectories = !method.hasSuffix("files")
        var found: [String] = []
        var pending = [target]
        while !pending.isEmpty {
            let directory = pending.removeFirst()
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
                let full = (directory as NSString).appendingPathComponent(name)
                var isDir: ObjCBool = false
                FileManager.default.fileExists(atPath: full, isDirectory: &isDir)
                if (isDir.boolValue ? wantDirectories : wantFiles) && matches(name, pattern) { found.append(full) }
                if isDir.boolValue && recursive { pending.append(full) }
            }
        }
        return found
    }

    /// .NET's search pattern: `*` any run of characters, `?` one character, the rest literal.
    static func matches(_ name: String, _ pattern: String) -> Bool { StarQuestionPattern.matches(name, pattern: pattern) }
}
