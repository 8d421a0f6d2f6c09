import Foundation

/// The providers whose drives a session has. Only FileSystem drives map to directories; the others are
/// views of the session's own tables (aliases, environment variables, functions, variables).
public enum PSProviderKind: String, Sendable, CaseIterable {
    case fileSystem = "FileSystem", alias = "Alias", environment = "Environment", function = "Function", variable = "Variable"

    /// `Microsoft.PowerShell.Core\FileSystem`, as a ProviderInfo prints.
    public var qualifiedName: String { "Microsoft.PowerShell.Core\\" + rawValue }
}

/// A drive (PowerShell's PSDriveInfo). A FileSystem drive has a name, the real directory it is rooted
/// in, and the location last visited on it; the other providers' drives have no root. `/` is the whole file system, as in pwsh on Linux; a one-letter drive
/// such as `C:` stands in for a Windows volume, so its paths print as Windows prints them (`C:\a\b`),
/// while other drives print with `/` as pwsh on Linux does (`Temp:/a`).
public final class PSDrive {
    public let name: String
    /// The real directory: `/`, or an absolute path without a trailing separator.
    public let root: String
    /// What Get-PSDrive shows as Root (pwsh shows the temporary drive's root as `/tmp/`).
    public let displayRoot: String
    public var description: String
    /// Global for drives made at start-up; New-PSDrive may name another scope.
    public let scope: String
    /// Whether the drive emulates a Windows volume (its paths use `\`).
    public let windowsStyle: Bool
    /// Built-in drives are created with the session; Remove-PSDrive may still remove user drives only.
    public let isBuiltIn: Bool
    /// Folders below `root` of the drive's current location.
    public internal(set) var location: [String] = []
    /// Whether `root` is made on first use (the C: drive's folder under the inventory root).
    let createsRoot: Bool
    public let provider: PSProviderKind
    private var rootChecked = false

    public init(name: String, root: String, displayRoot: String? = nil, description: String = "", scope: String = "Global",
                windowsStyle: Bool? = nil, isBuiltIn: Bool = false, createsRoot: Bool = false, provider: PSProviderKind = .fileSystem) {
        self.name = name
        self.provider = provider
        let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.root = trimmed.isEmpty ? "/" : trimmed
        self.displayRoot = displayRoot ?? self.root
        self.description = description
        self.scope = scope
        self.windowsStyle = windowsStyle ?? (name.count == 1 && name.first!.isLetter)
        self.isBuiltIn = isBuiltIn
        self.createsRoot = createsRoot
    }

    public var isFileSystemRoot: Bool { name == "/" }

    /// The separator paths on this drive print with.
    public var separator: String { windowsStyle ? "\\" : "/" }

    /// The real path of folders below the root.
    public func realPath(_ components: [String]) -> String {
        if components.isEmpty { return root }
        return (root == "/" ? "" : root) + "/" + components.joined(separator: "/")
    }

    /// The path as PowerShell shows it: `/a/b` on the `/` drive, else `Name:` + separator + components.
    public func displayPath(_ components: [String]) -> String {
        if isFileSystemRoot { return "/" + components.joined(separator: "/") }
        return name + ":" + separator + components.joined(separator: separator)
    }

    /// Components below the root for a real path inside the drive (nil when it lies outside).
    public func components(ofReal path: String) -> [String]? {
        guard provider == .fileSystem else { return nil }
        if root == "/" { return path.split(separator: "/").map(String.init) }
        guard path == root || path.hasPrefix(root + "/") else { return nil }
        return path.dropFirst(root.count).split(separator: "/").map(String.init)
    }

    /// Makes the root folder of a drive that owns it, once.
    func prepareRoot() {
        guard createsRoot, !rootChecked else { return }
        rootChecked = true
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }
}

/// The session's drives, in the order Get-PSDrive lists them (sorted by name).
public final class DriveTable {
    public private(set) var drives: [PSDrive] = []

    init() {
        add(PSDrive(name: "/", root: "/", isBuiltIn: true))
        let temp = NSTemporaryDirectory()
        add(PSDrive(name: "Temp", root: temp, displayRoot: temp.hasSuffix("/") ? temp : temp + "/",
                    description: "Drive that maps to the temporary directory path for the current user",
                    windowsStyle: false, isBuiltIn: true))
        // pwsh's other built-in drives on Linux (no registry, certificates or WSMan there).
        for (name, kind, what) in [("Alias", PSProviderKind.alias, "the aliases stored in a session state"),
                                   ("Env", .environment, "the environment variables for the process"),
                                   ("Function", .function, "the functions stored in a session state"),
                                   ("Variable", .variable, "those variables stored in a session state")] {
            add(PSDrive(name: name, root: "/", displayRoot: "", description: "Drive that contains a view of " + what,
                        windowsStyle: false, isBuiltIn: true, provider: kind))
        }
    }

    public func drive(named name: String) -> PSDrive? {
        let key = name.lowercased()
        return drives.first { $0.name.lowercased() == key }
    }

    /// Adds a drive, replacing one of the same name.
    public func add(_ drive: PSDrive) {
        drives.removeAll { $0.name.lowercased() == drive.name.lowercased() }
        drives.append(drive)
        drives.sort { $0.name.lowercased() < $1.name.lowercased() }
    }

    @discardableResult
    public func remove(named name: String) -> PSDrive? {
        guard let d = drive(named: name) else { return nil }
        drives.removeAll { $0 === d }
        return d
    }

    /// The Windows-volume drive whose root holds a real path (the longest root wins), for showing
    /// paths that objects store in the form a Windows host would print them.
    public func windowsDrive(containing path: String) -> (PSDrive, [String])? {
        var best: (PSDrive, [String])?
        for d in drives where d.windowsStyle {
            if let c = d.components(ofReal: path), best.map({ $0.0.root.count < d.root.count }) ?? true { best = (d, c) }
        }
        return best
    }
}
