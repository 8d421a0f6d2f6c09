// Finding module files as PowerShell does: a path to a .psd1/.psm1 (or a folder holding one named
// like the folder), or a name looked up in each folder of $env:PSModulePath, newest version folder
// first; and reading a .psd1 manifest.

import Foundation
import PSRuntime

enum ModuleFiles {
    /// The extensions Import-Module tries, in PowerShell's order.
    static let extensions = [".psd1", ".psm1"]

    /// `$env:PSModulePath`'s folders, or pwsh's default ones on Linux when it is not set.
    static func searchFolders() -> [String] {
        let env = ProcessInfo.processInfo.environment
        if let value = env["PSModulePath"], !value.isEmpty {
            // A folder written with a trailing slash (`/tmp/`) gives the same module paths as without.
            return value.split(separator: ":").map(String.init).filter { !$0.isEmpty }.map { folder in
                var trimmed = Substring(folder)
                while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
                return String(trimmed)
            }
        }
        let home = env["HOME"] ?? NSHomeDirectory()
        return [home + "/.local/share/powershell/Modules", "/usr/local/share/powershell/Modules"]
    }

    /// Whether `name` is written as a path rather than a bare module name.
    static func isPath(_ name: String) -> Bool {
        name.contains("/") || name.contains("\\") || extensions.contains { name.lowercased().hasSuffix($0) }
            || name.lowercased().hasSuffix(".ps1")
    }

    /// The module file a path names, nil when there is none.
    static func file(atPath path: String) -> String? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { return path }
            return file(inFolder: path, name: (path as NSString).lastPathComponent)
        }
        for ext in extensions where fm.fileExists(atPath: path + ext) { return path + ext }
        return nil
    }

    /// `<folder>/<name>.psd1` or `.psm1`, else the same inside the newest version sub-folder.
    static func file(inFolder folder: String, name: String) -> String? {
        files(inFolder: folder, name: name).first
    }

    /// Every module file for `name` in a module folder: the unversioned one, then version folders,
    /// newest first.
    static func files(inFolder folder: String, name: String) -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        if let direct = extensions.map({ folder + "/" + name + $0 }).first(where: { fm.fileExists(atPath: $0) }) { out.append(direct) }
        let versions = ((try? fm.contentsOfDirectory(atPath: folder)) ?? [])
            .compactMap { entry in PSVersion(parsing: entry).map { (entry, $0) } }
            .sorted { $0.1 > $1.1 }
        for (entry, _) in versions {
            if let f = extensions.map({ folder + "/" + entry + "/" + name + $0 }).first(where: { fm.fileExists(atPath: $0) }) { out.append(f) }
        }
        return out
    }

    /// A module by bare name in $env:PSModulePath: every version found, in the order PowerShell tries them.
    static func find(name: String) -> [String] {
        searchFolders().flatMap { files(inFolder: $0 + "/" + name, name: name) }
    }

    /// Every module under $env:PSModulePath (Get-Module -ListAvailable), each folder's in name order.
    static func available() -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for folder in searchFolders() {
            let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted { $0.lowercased() < $1.lowercased() }
            for name in names {
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: folder + "/" + name, isDirectory: &isDir), isDir.boolValue else { continue }
                if let f = file(inFolder: folder + "/" + name, name: name) { out.append(f) }
            }
        }
        return out
    }

    /// The hashtable a .psd1 holds, nil when the file is not one.
    static func readManifest(_ path: String, session: ShellSession) -> PSHashtable? {
        guard let text = FileText.read(path),
              let values = try? session.invoke(text), values.count == 1, case .hashtable(let h) = values[0] else { return nil }
        return h
    }
}
