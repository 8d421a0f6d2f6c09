import Inventory
import PSRuntime

/// hvsh's `C:` drive: the folder a Windows host's system volume stands for (under the inventory root
/// unless HVSH_SYSTEM_DRIVE names another). The module adds it to every session, and Hyper-V objects
/// show the paths that lie on it as a Windows host shows them (`C:\ProgramData\...`).
enum SystemDrive {
    static func make() -> PSDrive {
        PSDrive(name: "C", root: Inventory.systemDriveRoot(), description: "hvsh system drive (HVSH_SYSTEM_DRIVE)",
                windowsStyle: true, isBuiltIn: true, createsRoot: true)
    }

    /// A stored (real) path as Hyper-V shows it: `C:\...` on the system drive, else unchanged.
    static func shown(_ real: String) -> String {
        let drive = PSDrive(name: "C", root: Inventory.systemDriveRoot(), windowsStyle: true)
        guard let components = drive.components(ofReal: real) else { return real }
        return drive.displayPath(components)
    }

    static func shown(_ real: String?) -> String? { real.map { shown($0) } }
}
