import Foundation

/// What a Unix shell would do to a native command's unquoted argument, as PowerShell on Unix does it
/// (NativeCommandParameterBinder.PossiblyGlobArg): a word with wildcards becomes the file system items
/// it matches (relative to the current folder unless it started with `/` or `~`), or stays as written
/// when nothing matches, the pattern is invalid or the current location is not on the file system;
/// `~` and `~/...` become the home folder. A quoted string (`"*"`, `'~'`) is passed as written.
enum NativeArgumentGlob {
    static func expand(_ argument: String, quoted: Bool, session: ShellSession) -> [String] {
        guard !quoted else { return [argument] }
        if WildcardPattern.containsWildcard(argument) {
            guard session.currentLocation.drive.provider == .fileSystem,
                  let items = try? session.expandWildcardPath(argument), !items.isEmpty else { return [argument] }
            let keepsAbsolute = argument.hasPrefix("/") || argument.hasPrefix("~")
            let folder = session.currentDirectory
            return items.map { keepsAbsolute ? $0.real : relative($0.real, to: folder) }
        }
        if argument == "~" { return [DriveInfoObjects.homeFolder] }
        if argument.hasPrefix("~/") { return [DriveInfoObjects.homeFolder + argument.dropFirst()] }
        return [argument]
    }

    /// `path` written from `folder` (`a.txt`, `sub/a.txt`, `../x/a.txt`), as PowerShell's
    /// NormalizeRelativePath gives it.
    static func relative(_ path: String, to folder: String) -> String {
        let target = path.split(separator: "/"), base = folder.split(separator: "/")
        var shared = 0
        while shared < target.count, shared < base.count, target[shared] == base[shared] { shared += 1 }
        let parts = Array(repeating: "..", count: base.count - shared) + target[shared...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
