import Foundation

/// A script's `#requires -Version` line, checked when the script is run as a command (PowerShell's
/// CommandDiscovery.VerifyPSVersion): a version above this shell's stops the script before it runs,
/// with ScriptRequiresException. Only -Version (-PSVersion) is enforced here.
enum ScriptRequirements {
    /// The shell's version, as $PSVersionTable.PSVersion says.
    static let shellVersion = (major: 7, minor: 4, text: "7.4.6")

    static func verify(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8), text.range(of: "#requires", options: .caseInsensitive) != nil,
              let required = requiredVersion(text) else { return }
        let parts = required.split(separator: ".").compactMap { Int($0) }
        guard let major = parts.first else { return }
        let minor = parts.count > 1 ? parts[1] : 0
        if major < shellVersion.major || (major == shellVersion.major && minor <= shellVersion.minor) { return }
        let name = (path as NSString).lastPathComponent
        throw PSRuntimeError.message(
            "The script '\(name)' cannot be run because it contained a \"#requires\" statement for PowerShell \(required). The version of PowerShell that is required by the script does not match the currently running version of PowerShell \(shellVersion.text).",
            errorId: "ScriptRequiresUnmatchedPSVersion", category: .resourceUnavailable,
            exceptionType: "System.Management.Automation.ScriptRequiresException")
    }

    /// The version a `#requires -Version N[.n]` line at the start of a line asks for.
    static func requiredVersion(_ text: String) -> String? {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) where line.lowercased().hasPrefix("#requires") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            for (i, word) in words.enumerated() where ["-version", "-psversion"].contains(word.lowercased()) && i + 1 < words.count {
                return String(words[i + 1])
            }
        }
        return nil
    }
}
