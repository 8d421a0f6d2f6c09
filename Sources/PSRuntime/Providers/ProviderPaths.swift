import Foundation

/// A location on a drive: the drive and the folders below its root, already normalised.
public struct ProviderPath {
    public let drive: PSDrive
    public let components: [String]
    public init(drive: PSDrive, components: [String]) {
        self.drive = drive
        self.components = components
    }
    /// The path on this machine's file system.
    public var real: String { drive.realPath(components) }
    /// The path as PowerShell prints it (`C:\Hyper-V`, `/home/me`).
    public var display: String { drive.displayPath(components) }
}

/// A path named a drive that does not exist (`HKLM:\Software` on Linux), or, with `provider`, a drive
/// of a provider the command cannot use (a file system command given `Env:\PATH`).
public struct DriveNotFound: Error {
    public let name: String
    public var provider: PSProviderKind?
    public var message: String {
        guard let provider else { return "Cannot find drive. A drive with the name '\(name)' does not exist." }
        return "The path '\(name)' is on the \(provider.rawValue) provider; hvsh supports Get-ChildItem, Get-Item, Test-Path and Remove-Item there, and this command works on FileSystem paths only."
    }
    public init(name: String, provider: PSProviderKind? = nil) {
        self.name = name
        self.provider = provider
    }
    /// The error a cmdlet reports (`DriveNotFound,Microsoft.PowerShell.Commands.GetItemCommand`).
    public func record(for context: CmdletContext) -> ErrorRecord {
        if provider != nil {
            return ErrorRecord(message: message, errorId: context.qualifiedErrorId("NotSupported"), category: .notImplemented,
                               target: .string(name), exceptionType: "System.Management.Automation.PSNotSupportedException")
        }
        return ErrorRecord(message: message, errorId: context.qualifiedErrorId("DriveNotFound"), category: .objectNotFound,
                           target: .string(name), exceptionType: "System.Management.Automation.DriveNotFoundException")
    }
}

/// The one path resolver: every cmdlet and language feature that takes a file system path reads it
/// here, as PowerShell's providers do. `\` and `/` both separate; `Name:` selects a drive (`C:` alone is
/// that drive's current location); a leading separator is the file system root (pwsh on Unix); `~` is
/// the home folder; a provider prefix (`FileSystem::`) gives a real path; anything else is relative to
/// the current location. `.` and `..` are collapsed, and `..` stops at the drive's root.
extension ShellSession {
    private static let providerPrefixes = ["microsoft.powershell.core\\filesystem::", "filesystem::"]

    /// The drive name a path starts with (`C` of `C:\x`, `HKLM` of `HKLM:`), nil when it has none.
    public static func driveQualifier(_ text: String) -> Substring? {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return nil }
        let name = text[..<colon]
        guard !name.contains("/"), !name.contains("\\") else { return nil }
        // `::` after a name is a provider qualifier, not a drive.
        if text.index(after: colon) < text.endIndex, text[text.index(after: colon)] == ":" { return nil }
        return name
    }

    /// Where a path the user wrote points on the file system; throws when it names a drive that does not
    /// exist or one of another provider (`Env:`), so no file command ever reads such a path as a file.
    public func locate(_ text: String) throws(DriveNotFound) -> ProviderPath {
        let located = try locateItem(text)
        if located.drive.provider != .fileSystem { throw DriveNotFound(name: located.display, provider: located.drive.provider) }
        return located
    }

    /// Where a path points on any provider's drive (the item cmdlets read `Env:\PATH`, `Function:\f`).
    public func locateItem(_ text: String) throws(DriveNotFound) -> ProviderPath {
        var rest = Substring(text)
        let lower = text.lowercased()
        for prefix in Self.providerPrefixes where lower.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            return providerPath(onRoot: rest)
        }
        if rest == "~" || rest.hasPrefix("~/") || rest.hasPrefix("~\\") {
            let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            return providerPath(onRoot: Substring(home + "/" + rest.dropFirst()))
        }
        if let name = Self.driveQualifier(text) {
            guard let drive = drives.drive(named: String(name)) else { throw DriveNotFound(name: String(name)) }
            drive.prepareRoot()
            let afterColon = rest.dropFirst(name.count + 1)
            let fromRoot = afterColon.first == "/" || afterColon.first == "\\"
            return ProviderPath(drive: drive, components: Self.normalize(afterColon, base: fromRoot ? [] : drive.location))
        }
        if rest.first == "/" || rest.first == "\\" { return providerPath(onRoot: rest) }
        return ProviderPath(drive: currentDrive, components: Self.normalize(rest, base: currentDrive.location))
    }

    private func providerPath(onRoot path: Substring) -> ProviderPath {
        ProviderPath(drive: drives.drive(named: "/") ?? currentDrive, components: Self.normalize(path, base: []))
    }

    static func normalize(_ path: Substring, base: [String]) -> [String] {
        var parts = base
        for c in path.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(String(c))
        }
        return parts
    }

    /// The real path of a path the user wrote. A path on a drive that does not exist is taken as a
    /// relative name (callers that must report the missing drive use `locate`).
    public func resolvePath(_ p: String) -> String {
        if let located = try? locate(p) { return located.real }
        return ProviderPath(drive: currentDrive, components: Self.normalize(Substring(p), base: currentDrive.location)).real
    }

    /// The current location (`$PWD`, Get-Location).
    public var currentLocation: ProviderPath { ProviderPath(drive: currentDrive, components: currentDrive.location) }

    /// The real directory of the current location, where programs start and relative paths point.
    public var currentDirectory: String {
        get { currentDrive.realPath(currentDrive.location) }
        set {
            if let inside = currentDrive.components(ofReal: newValue) {
                setLocation(ProviderPath(drive: currentDrive, components: inside))
            } else {
                setLocation(providerPath(onRoot: Substring(newValue)))
            }
        }
    }

    /// Makes a location current (its drive remembers it, as each PowerShell drive does).
    public func setLocation(_ path: ProviderPath) {
        path.drive.location = path.components
        currentDrive = path.drive
    }

    /// A real path as a path on `drive` when it lies there (the form Resolve-Path and friends print),
    /// else as the real path.
    public func displayPath(ofReal real: String, preferring drive: PSDrive? = nil) -> String {
        let d = drive ?? currentDrive
        if let c = d.components(ofReal: real) { return d.displayPath(c) }
        return real
    }
}
