import Foundation
import LinuxSystem

/// The objects of the provider layer: PathInfo (`$PWD`, Get-Location, Resolve-Path) and PSDriveInfo.
public enum PathInfo {
    public static func make(_ path: ProviderPath) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.PathInfo", "System.Object"])
        let display = path.display
        o.addNote("Drive", .object(DriveInfoObjects.make(path.drive)))
        o.addNote("Provider", .object(DriveInfoObjects.fileSystemProvider()))
        o.addNote("ProviderPath", .string(path.real))
        o.addNote("Path", .string(display))
        o.toStringHandler = { _ in display }
        return o
    }
}

public enum DriveInfoObjects {
    public static let typeName = "System.Management.Automation.PSDriveInfo"

    /// PSDriveInfo as Get-PSDrive writes it; Used and Free come from statvfs for file system drives.
    public static func make(_ drive: PSDrive) -> PSObject {
        let o = PSObject(typeNames: [typeName, "System.Object"])
        o.addNote("CurrentLocation", .string(drive.location.joined(separator: drive.separator)))
        o.addNote("Name", .string(drive.name))
        o.addNote("Provider", .object(provider(drive.provider)))
        o.addNote("Root", .string(drive.displayRoot))
        o.addNote("Description", .string(drive.description))
        o.addNote("MaximumSize", .null)
        o.addNote("Credential", .null)
        o.addNote("DisplayRoot", .null)
        // A drive whose folder is made on first use (C:) shows its file system's space all the same.
        if drive.provider == .fileSystem { drive.prepareRoot() }
        let space = drive.provider == .fileSystem ? usage(drive.root) : nil
        o.addNote("Used", space.map { .long($0.used) } ?? .null)
        o.addNote("Free", space.map { .long($0.free) } ?? .null)
        o.baseObject = drive
        o.toStringHandler = { _ in drive.name }
        return o
    }

    static func usage(_ root: String) -> (used: Int64, free: Int64)? { try? FileSystem.spaceUsage(root) }

    /// ProviderInfo of the FileSystem provider (prints as `Microsoft.PowerShell.Core\FileSystem`).
    public static func fileSystemProvider() -> PSObject { provider(.fileSystem) }

    /// ProviderInfo of a provider (prints as `Microsoft.PowerShell.Core\Environment` and so on); with a
    /// session, its Drives are that session's drives of the provider, read when asked.
    public static func provider(_ kind: PSProviderKind, session: ShellSession? = nil) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.ProviderInfo", "System.Object"])
        o.addNote("ImplementingType", .string("Microsoft.PowerShell.Commands.\(kind.rawValue)Provider"))
        o.addNote("HelpFile", .string("System.Management.Automation.dll-Help.xml"))
        o.addNote("Name", .string(kind.rawValue))
        o.addNote("PSSnapIn", .string("Microsoft.PowerShell.Core"))
        o.addNote("ModuleName", .string("Microsoft.PowerShell.Core"))
        o.addNote("Module", .null)
        o.addNote("Description", .string(""))
        // ProviderCapabilities as its flags print: the file system filters and takes credentials.
        o.addNote("Capabilities", .string(kind == .fileSystem ? "Filter, ShouldProcess, Credentials" : "ShouldProcess"))
        o.addNote("Home", kind == .fileSystem ? .string(homeFolder) : .null)
        if let session {
            unowned let owner = session
            o.addProperty("Drives") { _ in
                .array(PSArray(owner.drives.drives.filter { $0.provider == kind }.map { .object(make($0)) }))
            }
        } else {
            o.addNote("Drives", .array(PSArray([])))
        }
        o.addNote("VolumeSeparatedByColon", .bool(true))
        // Read-only, as the provider fixes them: `/` separates on Unix, `\\` is also accepted.
        o.addProperty("ItemSeparator") { _ in .char(UInt16(UInt8(ascii: "/"))) }
        o.addProperty("AltItemSeparator") { _ in .char(UInt16(UInt8(ascii: "\\"))) }
        o.toStringHandler = { _ in kind.qualifiedName }
        return o
    }

    /// The FileSystem provider's Home: `$HOME`, as .NET reads the user's profile folder on Unix.
    public static var homeFolder: String {
        ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}
