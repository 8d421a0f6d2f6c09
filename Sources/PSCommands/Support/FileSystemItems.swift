// The FileInfo and DirectoryInfo objects of Get-ChildItem, Get-Item, New-Item and friends, with the
// members PowerShell 7 on Linux gives them, in the order `Format-List *` shows them: the provider's
// notes (PSPath, ..., UnixStat), the type data (Mode, BaseName, Target, UnixMode, User, Group,
// Size, ...), then the .NET properties.

import Foundation
import PSRuntime

enum FileItems {
    static let fileTypeNames = ["System.IO.FileInfo", "System.IO.FileSystemInfo", "System.MarshalByRefObject", "System.Object"]
    static let dirTypeNames = ["System.IO.DirectoryInfo", "System.IO.FileSystemInfo", "System.MarshalByRefObject", "System.Object"]
    static let providerName = "Microsoft.PowerShell.Core\\FileSystem"
    static let providerPrefix = providerName + "::"

    /// The item at a path; nil when there is nothing there (a dangling link still is an item).
    static func item(_ path: String) -> PSValue? {
        guard let own = UnixFileStat(path: path) else { return nil }
        // .NET takes the kind of a link from its target (a link to a directory is a DirectoryInfo);
        // UnixMode, Size and the times describe the link itself.
        let target = own.isSymbolicLink ? UnixFileStat(path: path, followingLinks: true) : own
        let isDir = (target ?? own).isDirectory
        let name = path == "/" ? "/" : (path as NSString).lastPathComponent
        let parent = path == "/" ? "" : (path as NSString).deletingLastPathComponent
        let linkTarget = own.isSymbolicLink ? (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) : nil
        let isHardLink = !isDir && !own.isSymbolicLink && own.linkCount > 1
        let attributes = Attributes(isDirectory: isDir, readOnly: (target ?? own).isReadOnlyForCurrentUser,
                                    hidden: name.hasPrefix(".") && name != "/", reparsePoint: own.isSymbolicLink)

        let o = PSObject(typeNames: isDir ? dirTypeNames : fileTypeNames)
        o.addNote("PSPath", .string(providerPrefix + path))
        o.addNote("PSParentPath", .string(parent.isEmpty ? "" : providerPrefix + parent))
        o.addNote("PSChildName", .string(name))
        o.addNote("UnixStat", .object(unixStat(own)))
        o.addNote("PSDrive", .string("/"))
        o.addNote("PSProvider", .string(providerName))
        o.addNote("PSIsContainer", .bool(isDir))
        o.addNote("Mode", .string(attributes.mode(link: own.isSymbolicLink || isHardLink)))
        o.addNote("ModeWithoutHardLink", .string(attributes.mode(link: own.isSymbolicLink)))
        if !isDir { o.addProperty("VersionInfo") { _ in .object(versionInfo(path)) } }
        let ext = dotNetExtension(name)
        o.addNote("BaseName", .string(isDir ? name : String(name.dropLast(ext.count))))
        o.addProperty("ResolvedTarget") { _ in
            .string(own.isSymbolicLink ? ((path as NSString).resolvingSymlinksInPath) : path)
        }
        o.addNote("Target", linkTarget.map { .string($0) } ?? .null)
        o.addNote("LinkType", own.isSymbolicLink ? .string("SymbolicLink") : isHardLink ? .string("HardLink") : .null)
        o.addNote("UnixMode", .string(own.modeString))
        o.addProperty("User") { _ in .string(own.userName) }
        o.addProperty("Group") { _ in .string(own.groupName) }
        o.addNote("Size", .long(own.size))
        if isDir {
            o.addProperty("Parent") { _ in parent.isEmpty ? .null : (item(parent) ?? .null) }
            o.addNote("Root", .string("/"))
        } else {
            o.addNote("Length", .long((target ?? own).size))
            o.addNote("DirectoryName", .string(parent))
            o.addProperty("Directory") { _ in item(parent) ?? .null }
            o.addNote("IsReadOnly", .bool(attributes.readOnly))
        }
        o.addNote("FullName", .string(path))
        o.addNote("Extension", .string(ext))
        o.addNote("Name", .string(name))
        o.addNote("Exists", .bool(true))
        let times = (target ?? own)
        let created = min(times.lastWrite, times.statusChange)
        for (label, date) in [("CreationTime", created), ("LastAccessTime", times.lastAccess), ("LastWriteTime", times.lastWrite)] {
            o.addNote(label, .dateTime(PSDateTime(date: date)))
            o.addNote(label + "Utc", .dateTime(PSDateTime(date: date, kind: .utc)))
        }
        o.addNote("LinkTarget", linkTarget.map { .string($0) } ?? .null)
        o.addNote("UnixFileMode", .string((target ?? own).unixFileModeText))
        o.addNote("Attributes", .string(attributes.text))
        if !isDir { o.defaultDisplayProperties = ["LastWriteTime", "Length", "Name"] }
        // Get-Member tells the provider's notes, the type data and the .NET properties apart.
        let provided: Set<String> = ["PSPath", "PSParentPath", "PSChildName", "UnixStat", "PSDrive", "PSProvider", "PSIsContainer"]
        let code: Set<String> = ["Mode", "ModeWithoutHardLink", "ResolvedTarget", "Target", "LinkType"]
        let script: Set<String> = ["VersionInfo", "BaseName", "UnixMode", "User", "Group", "Size"]
        for m in o.members {
            o.setMemberType(m.name, provided.contains(m.name) ? "NoteProperty" : code.contains(m.name) ? "CodeProperty"
                                    : script.contains(m.name) ? "ScriptProperty" : "Property")
        }
        o.toStringHandler = { _ in path }
        return .object(o)
    }

    /// System.IO.FileAttributes as .NET derives them on Unix (never Archive or System).
    struct Attributes {
        var isDirectory: Bool
        var readOnly: Bool
        var hidden: Bool
        var reparsePoint: Bool

        /// PowerShell's five-letter Mode: l/d, a, r, h, s.
        func mode(link: Bool) -> String {
            (link ? "l" : isDirectory ? "d" : "-") + "-" + (readOnly ? "r" : "-") + (hidden ? "h" : "-") + "-"
        }

        /// The enum's text: set flags in value order, `Normal` when none is set.
        var text: String {
            var names: [String] = []
            if readOnly { names.append("ReadOnly") }
            if hidden { names.append("Hidden") }
            if isDirectory { names.append("Directory") }
            if reparsePoint { names.append("ReparsePoint") }
            return names.isEmpty ? "Normal" : names.joined(separator: ", ")
        }
    }

    /// Path.GetExtension: from the last dot of the name, empty when there is none or it ends the name.
    static func dotNetExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), name.index(after: dot) != name.endIndex else { return "" }
        return String(name[dot...])
    }

    /// PowerShell's `UnixStat` note (System.Management.Automation.Platform+Unix+CommonStat).
    static func unixStat(_ s: UnixFileStat) -> PSObject {
        let o = PSObject(typeNames: ["System.Management.Automation.Platform+Unix+CommonStat", "System.Object"])
        o.addNote("Inode", .long(Int64(bitPattern: s.inode)))
        o.addNote("Mode", .int(Int32(bitPattern: s.mode)))
        o.addNote("UserId", .int(Int32(bitPattern: s.userId)))
        o.addNote("GroupId", .int(Int32(bitPattern: s.groupId)))
        o.addNote("HardlinkCount", .int(Int32(truncatingIfNeeded: s.linkCount)))
        o.addNote("Size", .long(s.size))
        o.addNote("AccessTime", .dateTime(PSDateTime(date: s.lastAccess)))
        o.addNote("ModifiedTime", .dateTime(PSDateTime(date: s.lastWrite)))
        o.addNote("StatusChangeTime", .dateTime(PSDateTime(date: s.statusChange)))
        o.addNote("BlockSize", .long(s.blockSize))
        o.addNote("DeviceId", .long(Int64(bitPattern: s.device)))
        o.addNote("NumberOfBlocks", .int(Int32(truncatingIfNeeded: s.blocks)))
        o.addNote("IsDirectory", .bool(s.isDirectory))
        o.addNote("IsFile", .bool(s.isRegularFile))
        o.addNote("IsSymbolicLink", .bool(s.isSymbolicLink))
        o.addNote("IsSetUid", .bool(s.mode & 0o4000 != 0))
        o.addNote("IsSetGid", .bool(s.mode & 0o2000 != 0))
        o.addNote("IsSticky", .bool(s.mode & 0o1000 != 0))
        o.addMethod("GetModeString") { _, _ in .string(s.modeString) }
        o.addMethod("GetUserName") { _, _ in .string(s.userName) }
        o.addMethod("GetGroupName") { _, _ in .string(s.groupName) }
        o.toStringHandler = { _ in "System.Management.Automation.Platform+Unix+CommonStat" }
        return o
    }

    /// FileVersionInfo: Linux files carry no version resource, so everything but the name is empty.
    static func versionInfo(_ path: String) -> PSObject {
        let o = PSObject(typeNames: ["System.Diagnostics.FileVersionInfo", "System.Object"])
        let text: [(String, PSValue)] = [
            ("FileName", .string(path)), ("InternalName", .null), ("OriginalFilename", .null), ("FileVersion", .null),
            ("FileDescription", .null), ("ProductName", .null), ("ProductVersion", .null), ("IsDebug", .false),
            ("IsPatched", .false), ("IsPreRelease", .false), ("IsPrivateBuild", .false), ("IsSpecialBuild", .false),
            ("Language", .null),
        ]
        for (k, v) in text { o.addNote(k, v) }
        // .NET's ToString: one `Label:` line per field, values starting in column 19.
        let labels = ["File", "InternalName", "OriginalFilename", "FileVersion", "FileDescription", "Product",
                      "ProductVersion", "Debug", "Patched", "PreRelease", "PrivateBuild", "SpecialBuild", "Language"]
        let rendered = zip(labels, text).map { label, field -> String in
            let head = (label + ":").padding(toLength: 18, withPad: " ", startingAt: 0)
            return head + (field.1.isNull ? "" : PSConvert.toString(field.1))
        }.joined(separator: "\n")
        o.toStringHandler = { _ in rendered }
        return o
    }

    /// The Name column of the file system table: `name -> target` for symbolic links.
    static func nameString(_ v: PSValue) -> PSValue {
        let name = PropertyAccess.value(v, "Name").map { PSConvert.toString($0) } ?? ""
        if let t = PropertyAccess.value(v, "LinkTarget"), !t.isNull,
           PropertyAccess.value(v, "LinkType").map({ PSConvert.toString($0) }) == "SymbolicLink" {
            return .string(name + " -> " + PSConvert.toString(t))
        }
        return .string(name)
    }

    /// PSParentPath without its provider prefix: the `Directory:` the views group by.
    static func parentDirectory(_ v: PSValue) -> PSValue {
        var p = PropertyAccess.value(v, "PSParentPath").map { PSConvert.toString($0) } ?? ""
        if p.hasPrefix(providerPrefix) { p = String(p.dropFirst(providerPrefix.count)) }
        return .string(p)
    }
}
