import Foundation

extension Inventory {
    /// Where the inventory lives when nobody says otherwise:
    /// `$HVSH_HOME` if set and non-empty, else `/var/lib/hvsh` for root, else `~/.local/share/hvsh`.
    public static func defaultRoot(environment: [String: String] = rootEnvironment(),
                                   userID: uid_t = getuid()) -> String {
        if let home = environment["HVSH_HOME"], !home.isEmpty { return home }
        if userID == 0 { return "/var/lib/hvsh" }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return userHome + "/.local/share/hvsh"
    }

    /// The folder hvsh's `C:` drive stands for: `$HVSH_SYSTEM_DRIVE` if set and non-empty, else the
    /// folder `C` under the inventory root. Lab scripts' `C:\...` paths, and Hyper-V's default VM and
    /// disk folders, land there.
    public static func systemDriveRoot(inventoryRoot: String? = nil,
                                       environment: [String: String] = rootEnvironment()) -> String {
        if let drive = environment["HVSH_SYSTEM_DRIVE"], !drive.isEmpty { return drive }
        let root = inventoryRoot ?? defaultRoot(environment: environment)
        return (root.hasSuffix("/") ? String(root.dropLast()) : root) + "/C"
    }

    /// The only variables the two roots depend on, read one by one: the whole environment as a
    /// dictionary (ProcessInfo) cost more than the rest of a Hyper-V object's display, which asks for
    /// the system drive once per path property.
    public static func rootEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for name in ["HVSH_HOME", "HVSH_SYSTEM_DRIVE", "HOME"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }

    /// Opens (creating if needed) the inventory at `defaultRoot()`.
    public static func openDefault() throws -> Inventory {
        try Inventory(root: defaultRoot())
    }
}
