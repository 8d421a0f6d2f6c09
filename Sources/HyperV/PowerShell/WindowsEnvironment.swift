import Foundation
import Inventory

/// The environment variables every Windows session has, set when this process lacks them, so that
/// lab scripts written for a Hyper-V host find them: `Get-VM -ComputerName $env:COMPUTERNAME`,
/// `Join-Path $env:TEMP 'Labs'`, `"$env:ProgramData\Lab"`. The folders are on hvsh's `C:` drive (the
/// temporary folder is created, as Windows has it). A variable already set (by the user or a parent
/// hvsh, non-empty) is never changed; native Linux commands do not read these names (they use TMPDIR, HOME, USER).
enum WindowsEnvironment {
    static func apply() {
        let user = userName()
        for (name, value) in defaults(user: user, computer: computerName(),
                                      processors: max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))) {
            // An empty value counts as unset, as Windows cannot hold one.
            if let existing = getenv(name), existing.pointee != 0 { continue }
            setenv(name, value, 1)
        }
        // Only a TEMP of our own making is created; one the user set is theirs to manage.
        if let temp = getenv("TEMP").map({ String(cString: $0) }), temp == temporaryFolder(user: user) {
            let real = Inventory.systemDriveRoot() + "/Users/\(user)/AppData/Local/Temp"
            try? FileManager.default.createDirectory(atPath: real, withIntermediateDirectories: true)
        }
    }

    static func temporaryFolder(user: String) -> String { #"C:\Users\"# + user + #"\AppData\Local\Temp"# }

    static func defaults(user: String, computer: String, processors: Int) -> [(String, String)] {
        let profile = #"C:\Users\"# + user
        return [
            ("COMPUTERNAME", computer), ("USERDOMAIN", computer), ("USERNAME", user),
            ("SystemDrive", "C:"), ("SystemRoot", #"C:\Windows"#), ("windir", #"C:\Windows"#),
            ("ProgramData", #"C:\ProgramData"#), ("ALLUSERSPROFILE", #"C:\ProgramData"#),
            ("ProgramFiles", #"C:\Program Files"#), ("ProgramFiles(x86)", #"C:\Program Files (x86)"#),
            ("ProgramW6432", #"C:\Program Files"#), ("CommonProgramFiles", #"C:\Program Files\Common Files"#),
            ("PUBLIC", #"C:\Users\Public"#), ("USERPROFILE", profile), ("HOMEDRIVE", "C:"),
            ("HOMEPATH", #"\Users\"# + user), ("APPDATA", profile + #"\AppData\Roaming"#),
            ("LOCALAPPDATA", profile + #"\AppData\Local"#), ("TEMP", temporaryFolder(user: user)),
            ("TMP", temporaryFolder(user: user)), ("NUMBER_OF_PROCESSORS", String(processors)),
            ("PROCESSOR_ARCHITECTURE", "AMD64"),
        ]
    }

    /// Windows' computer name: the host name's first label, upper case.
    static func computerName() -> String {
        let short = HostInfo.hostNames().short
        return short.isEmpty ? "LOCALHOST" : short.uppercased()
    }

    static func userName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        return "user"
    }
}
