import Foundation

extension Inventory {
    /// Where the inventory lives when nobody says otherwise:
    /// `$HVSH_HOME` if set and non-empty, else `/var/lib/hvsh` for root, else `~/.local/share/hvsh`.
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment,
                                   userID: uid_t = getuid()) -> String {
        if let home = environment["HVSH_HOME"], !home.isEmpty { return home }
        if userID == 0 { return "/var/lib/hvsh" }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return userHome + "/.local/share/hvsh"
    }

    /// Opens (creating if needed) the inventory at `defaultRoot()`.
    public static func openDefault() throws -> Inventory {
        try Inventory(root: defaultRoot())
    }
}
