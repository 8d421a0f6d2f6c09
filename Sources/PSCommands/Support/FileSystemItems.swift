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
        o.reserveMembers(36)
        // Each member says what Get-Member calls it: the provider's notes, PowerShell's type data
        // (CodeProperty, ScriptProperty) or a .NET property.
        func note(_ name: String, _ memberType: String, _ value: PSValue) {
            var m = PSMember(name: name, kind: .note(value))
            m.declaredMemberType = memberType
            o.add(m)
        }
        func computed(_ name: String, _ memberType: String, _ get: @escaping (PSObject) throws -> PSValue) {
            var m = PSMember(name: name, kind: .computed(get: get, set: nil))
            m.declaredMemberType = memberType
            o.add(m)
        }
        note("PSPath", "NoteProperty", .string(providerPrefix + path))
        note("PSParentPath", "NoteProperty", .string(parent.isEmpty ? "" : providerPrefix + parent))
        note("PSChildName", "NoteProperty", .string(name))
        computed("UnixStat", "NoteProperty") { _ in .object(unixStat(own)) }
        note("PSDrive", "NoteProperty", .string("/"))
        note("PSProvider", "NoteProperty", .string(providerName))
        note("PSIsContainer", "NoteProperty", .bool(isDir))
        note("Mode", "CodeProperty", .string(attributes.mode(link: own.isSymbolicLink || isHardLink)))
        note("ModeWithoutHardLink", "CodeProperty", .string(attributes.mode(link: own.isSymbolicLink)))
        if !isDir { computed("VersionInfo", "ScriptProperty") { _ in .object(versionInfo(path)) } }
        let ext = dotNetExtension(name)
        note("BaseName", "ScriptProperty", .string(isDir ? name : String(name.dropLast(ext.count))))
        computed("ResolvedTarget", "CodeProperty") { _ in
            .string(own.isSymbolicLink ? ((path as NSString).resolvingSymlinksInPath) : path)
        }
        // PowerShell 7.4's type data: Target is an alias of .NET's LinkTarget (no longer a list).
        o.addAlias("Target", target: "LinkTarget")
        note("LinkType", "CodeProperty", own.isSymbolicLink ? .string("SymbolicLink") : isHardLink ? .string("HardLink") : .null)
        note("UnixMode", "ScriptProperty", .string(own.modeString))
        computed("User", "ScriptProperty") { _ in .string(own.userName) }
        computed("Group", "ScriptProperty") { _ in .string(own.groupName) }
        note("Size", "ScriptProperty", .long(own.size))
        if isDir {
            computed("Parent", "Property") { _ in parent.isEmpty ? .null : (item(parent) ?? .null) }
            note("Root", "Property", .string("/"))
            // DirectoryInfo's listings: FileInfo/DirectoryInfo objects, by .NET's search pattern and option.
            for method in ["GetFiles", "EnumerateFiles", "GetDirectories", "EnumerateDirectories",
                           "GetFileSystemInfos", "EnumerateFileSystemInfos"] {
                o.addMethod(method) { _, args in
                    let paths = try DirectoryEntries.list(method.lowercased(), [.string(path)] + args, path)
                    return .array(PSArray(paths.compactMap { item($0) }))
                }
            }
        } else {
            note("Length", "Property", .long((target ?? own).size))
            note("DirectoryName", "Property", .string(parent))
            computed("Directory", "Property") { _ in item(parent) ?? .null }
            note("IsReadOnly", "Property", .bool(attributes.readOnly))
        }
        note("FullName", "Property", .string(path))
        note("Extension", "Property", .string(ext))
        note("Name", "Property", .string(name))
        note("Exists", "Property", .bool(true))
        let times = (target ?? own)
        let zone = TimeZone.current
        for (label, date) in [("CreationTime", min(times.lastWrite, times.statusChange)), ("LastAccessTime", times.lastAccess),
                              ("LastWriteTime", times.lastWrite)] {
            let utcTicks = PSDateTime.unixEpochTicks + Int64((date.timeIntervalSince1970 * 10_000_000).rounded())
            let offset = Int64(zone.secondsFromGMT(for: date)) * 10_000_000
            note(label, "Property", .dateTime(PSDateTime(ticks: utcTicks + offset, kind: .local)))
            note(label + "Utc", "Property", .dateTime(PSDateTime(ticks: utcTicks, kind: .utc)))
        }
        note("LinkTarget", "Property", linkTarget.map { .string($0) } ?? .null)
        let modeStat = target ?? own
        computed("UnixFileMode", "Property") { _ in .string(modeStat.unixFileModeText) }
        note("Attributes", "Property", .string(attributes.text))
        if !isDir { o.defaultDisplayProperties = ["LastWriteTime", "Length", "Name"] }
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
