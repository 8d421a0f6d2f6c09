import XCTest
import Foundation

/// Get-ChildItem and Get-Item as PowerShell 7 prints them on Linux: the `childrenWithUnixStat`
/// table under `    Directory: /path`, the list and wide views, and the members of the items.
final class FileSystemViewTests: ScriptTestCase {
    var dir = ""
    let fm = FileManager.default

    override func setUpWithError() throws {
        try super.setUpWithError()
        dir = fm.temporaryDirectory.appendingPathComponent("hvsh-fsview-\(UUID().uuidString)").path
        try fm.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        try "hello\n".write(toFile: dir + "/a.txt", atomically: false, encoding: .utf8)
        try "x".write(toFile: dir + "/B.log", atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "a.txt")
        try fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/a.txt")
        try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dir + "/B.log")
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/sub")
        for name in ["a.txt", "B.log", "sub"] { try setTime(dir + "/" + name) }
        // The link's own time (lutimes) is what the view shows for it.
        try run("/usr/bin/touch", ["-h", "-d", "2024-01-02 03:04:00", dir + "/link"])
    }

    override func tearDown() { try? fm.removeItem(atPath: dir) }

    /// 2 January 2024 03:04 local time, shown as `1/2/2024 03:04`.
    private func setTime(_ path: String) throws {
        let date = Calendar.current.date(from: DateComponents(year: 2024, month: 1, day: 2, hour: 3, minute: 4))!
        try fm.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }

    private func run(_ tool: String, _ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        try p.run()
        p.waitUntilExit()
    }

    private var user: String { (try? fm.attributesOfItem(atPath: dir + "/a.txt")[.ownerAccountName] as? String) ?? "" }
    private var group: String { (try? fm.attributesOfItem(atPath: dir + "/a.txt")[.groupOwnerAccountName] as? String) ?? "" }

    /// One row of the table: UnixMode (10, left), User (10, right), Group (10, left),
    /// LastWriteTime (16, right), Size (12, right), then the name.
    private func row(_ mode: String, _ size: Int, _ name: String) -> String {
        let u = String(repeating: " ", count: max(0, 10 - user.count)) + user
        let g = group + String(repeating: " ", count: max(0, 10 - group.count))
        let s = String(size)
        return "\(mode) \(u) \(g) \("1/2/2024 03:04".leftPadded(16)) \(s.leftPadded(12)) \(name)"
    }

    func testChildItemTableIsGroupedUnderTheDirectoryWithUnixColumns() {
        let subSize = Int((try? fm.attributesOfItem(atPath: dir + "/sub")[.size] as? NSNumber)??.intValue ?? 0)
        let expected = [
            "",
            "    Directory: \(dir)",
            "",
            "UnixMode         User Group         LastWriteTime         Size Name",
            "--------         ---- -----         -------------         ---- ----",
            row("drwxr-xr-x", subSize, "sub"),
            row("-rw-r--r--", 6, "a.txt"),
            row("-rw-------", 1, "B.log"),
            row("lrwxrwxrwx", 5, "link -> a.txt"),
            "",
            "",
        ].joined(separator: "\n")
        assertOutput("Get-ChildItem \(dir)", expected)
        // Get-Item uses the same view; Format-Table picks it too.
        assertOutput("Get-Item \(dir)/a.txt | Format-Table", [
            "", "    Directory: \(dir)", "",
            "UnixMode         User Group         LastWriteTime         Size Name",
            "--------         ---- -----         -------------         ---- ----",
            row("-rw-r--r--", 6, "a.txt"), "", "",
        ].joined(separator: "\n"))
    }

    func testLongNamesWrapInTheNameColumn() throws {
        let long = String(repeating: "n", count: 70)
        try "".write(toFile: dir + "/sub/" + long, atomically: false, encoding: .utf8)
        try setTime(dir + "/sub/" + long)
        let lines = output("Get-ChildItem \(dir)/sub").split(separator: "\n", omittingEmptySubsequences: false)
        // Tables use 119 of 120 columns: 63 for the fixed columns and separators, 56 for the name.
        XCTAssertEqual(lines[5], Substring(row("-rw-r--r--", 0, String(repeating: "n", count: 56))))
        XCTAssertEqual(lines[6], Substring(String(repeating: " ", count: 63) + String(repeating: "n", count: 14)))
    }

    func testRecursionListsEachDirectoryUnderItsOwnHeader() throws {
        try fm.createDirectory(atPath: dir + "/sub/inner", withIntermediateDirectories: true)
        try "".write(toFile: dir + "/sub/inner/deep.txt", atomically: false, encoding: .utf8)
        assertOutput("Get-ChildItem \(dir) -Recurse -Name", "sub\na.txt\nB.log\nlink\nsub/inner\nsub/inner/deep.txt\n")
        let text = output("Get-ChildItem \(dir) -Recurse")
        let headers = text.split(separator: "\n").filter { $0.hasPrefix("    Directory: ") }
        XCTAssertEqual(headers, ["    Directory: \(dir)", "    Directory: \(dir)/sub", "    Directory: \(dir)/sub/inner"])
        // A link to a directory is listed but not followed without -FollowSymlink.
        try fm.createSymbolicLink(atPath: dir + "/sub/loop", withDestinationPath: dir)
        assertOutput("(Get-ChildItem \(dir) -Recurse -Name | Measure-Object).Count", "7\n")
    }

    func testUnixModeStringsFollowLs() throws {
        for (mode, text) in [(0o000, "----------"), (0o111, "---x--x--x"), (0o4777, "-rwsrwxrwx"), (0o2750, "-rwxr-s---"), (0o4644, "-rwSr--r--")] {
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: dir + "/a.txt")
            assertOutput("(Get-Item \(dir)/a.txt).UnixMode", text + "\n")
        }
        try fm.setAttributes([.posixPermissions: 0o1777], ofItemAtPath: dir + "/sub")
        assertOutput("(Get-Item \(dir)/sub).UnixMode", "drwxrwxrwt\n")
        assertOutput("$i = Get-Item \(dir)/a.txt; $i.User -eq '\(user)'; $i.Group -eq '\(group)'; $i.Size; $i.UnixStat.Size", "True\nTrue\n6\n6\n")
    }

    func testFormatListStarShowsTheItemsMembersInPowerShellsOrder() {
        let text = output("Get-Item \(dir)/a.txt | Format-List *")
        let labels = text.split(separator: "\n").compactMap { line -> String? in
            guard let colon = line.range(of: " : "), !line.hasPrefix(" ") else { return nil }
            return line[..<colon.lowerBound].trimmingCharacters(in: .whitespaces)
        }
        XCTAssertEqual(labels, ["PSPath", "PSParentPath", "PSChildName", "UnixStat", "PSDrive", "PSProvider", "PSIsContainer",
                                "Mode", "ModeWithoutHardLink", "VersionInfo", "BaseName", "ResolvedTarget", "Target", "LinkType",
                                "UnixMode", "User", "Group", "Size", "Length", "DirectoryName", "Directory", "IsReadOnly",
                                "FullName", "Extension", "Name", "Exists", "CreationTime", "CreationTimeUtc", "LastAccessTime",
                                "LastAccessTimeUtc", "LastWriteTime", "LastWriteTimeUtc", "LinkTarget", "UnixFileMode", "Attributes"])
        XCTAssertTrue(text.contains("PSParentPath        : Microsoft.PowerShell.Core\\FileSystem::\(dir)\n"), text)
        XCTAssertTrue(text.contains("Mode                : -----\n"), text)
        XCTAssertTrue(text.contains("UnixFileMode        : UserRead, UserWrite, GroupRead, OtherRead\n"), text)
        assertOutput("$l = Get-Item \(dir)/link; $l.LinkType; $l.Target; $l.Mode; $l.Attributes; $l.Length", "SymbolicLink\na.txt\nl----\nReparsePoint\n6\n")
        assertOutput("$d = Get-Item \(dir)/sub; $d.PSIsContainer; $d.Mode; $d.Parent.FullName -eq '\(dir)'; $d.Extension; $d.BaseName", "True\nd----\nTrue\n\nsub\n")
    }

    func testListAndWideViewsPickEntriesByType() {
        let list = output("Get-ChildItem \(dir) | Format-List")
        XCTAssertTrue(list.hasPrefix("\n    Directory: \(dir)\n\nName           : sub\nCreationTime   : "), list)
        // Directories have no Length or VersionInfo entry; files do.
        let entries = list.components(separatedBy: "\n\n").filter { $0.hasPrefix("Name") }
        XCTAssertEqual(entries.count, 4)
        XCTAssertFalse(entries[0].contains("Length"))
        XCTAssertTrue(entries[1].contains("Length         : 6\n"))
        XCTAssertTrue(entries[1].contains("VersionInfo    : File:             \(dir)/a.txt\n                 InternalName:"), entries[1])
        let wide = output("Get-ChildItem \(dir) | Format-Wide -Column 4")
        XCTAssertTrue(wide.contains("[sub]"), wide)
        XCTAssertTrue(wide.hasPrefix("\n    Directory: \(dir)\n\n"), wide)
    }

    func testItemsBindToLiteralPathThroughPSPath() {
        assertOutput("Get-ChildItem \(dir) -Filter *.log | Remove-Item; Test-Path \(dir)/B.log; Get-Item \(dir)/a.txt | Get-Content",
                     "False\nhello\n")
        assertOutput("Get-Item \(dir)/sub | Set-Location; (Get-Location).Path", "\(dir)/sub\n")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
