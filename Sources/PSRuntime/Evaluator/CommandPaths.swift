/// How a command name that is a path is read. Lab scripts written on Windows call their helpers as
/// `.\helper.ps1` or `& "$PSScriptRoot\lib\common.ps1"`; pwsh on Linux accepts `\` as a directory
/// separator in such names, so hvsh does too.
enum CommandPaths {
    static func unixSeparators(_ name: String) -> String {
        guard name.contains("\\") else { return name }
        return name.replacingOccurrences(of: "\\", with: "/")
    }
}
