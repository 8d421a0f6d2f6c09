// PowerShell on Linux attaches `lstat(2)` data to every file system item (its `UnixStat` note) and
// derives the `UnixMode`, `User`, `Group` and `Size` columns of Get-ChildItem's default view from it.

#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `lstat(2)` of a path: a symbolic link describes itself, not its target, as in PowerShell.
struct UnixFileStat {
    let mode: UInt32
    let userId: UInt32
    let groupId: UInt32
    let size: Int64
    let linkCount: UInt64
    let inode: UInt64
    let lastWrite: Date
    let lastAccess: Date
    let statusChange: Date
    let blockSize: Int64
    let blocks: Int64
    let device: UInt64

    /// `followingLinks` reads what a link points at (stat) instead of the link itself (lstat).
    init?(path: String, followingLinks: Bool = false) {
        var st = stat()
        guard (followingLinks ? stat(path, &st) : lstat(path, &st)) == 0 else { return nil }
        mode = UInt32(st.st_mode)
        userId = UInt32(st.st_uid)
        groupId = UInt32(st.st_gid)
        size = Int64(st.st_size)
        linkCount = UInt64(st.st_nlink)
        inode = UInt64(st.st_ino)
        lastWrite = UnixFileStat.date(st.st_mtim)
        lastAccess = UnixFileStat.date(st.st_atim)
        statusChange = UnixFileStat.date(st.st_ctim)
        blockSize = Int64(st.st_blksize)
        blocks = Int64(st.st_blocks)
        device = UInt64(st.st_dev)
    }

    private static func date(_ t: timespec) -> Date {
        Date(timeIntervalSince1970: Double(t.tv_sec) + Double(t.tv_nsec) / 1_000_000_000)
    }

    private var type: UInt32 { mode & UInt32(S_IFMT) }
    var isDirectory: Bool { type == UInt32(S_IFDIR) }
    var isSymbolicLink: Bool { type == UInt32(S_IFLNK) }
    var isRegularFile: Bool { type == UInt32(S_IFREG) }

    /// `ls -l`'s mode column: type letter, then rwx for owner, group and others, with s/S for
    /// set-user/group-id and t/T for the sticky bit (lower case when the x bit is also set).
    var modeString: String {
        let typeLetter: Character
        switch type {
        case UInt32(S_IFDIR): typeLetter = "d"
        case UInt32(S_IFLNK): typeLetter = "l"
        case UInt32(S_IFCHR): typeLetter = "c"
        case UInt32(S_IFBLK): typeLetter = "b"
        case UInt32(S_IFIFO): typeLetter = "p"
        case UInt32(S_IFSOCK): typeLetter = "s"
        default: typeLetter = "-"
        }
        var s = String(typeLetter)
        func triad(_ shift: UInt32, special: UInt32, on: Character, off: Character) {
            let bits = (mode >> shift) & 7
            s.append(bits & 4 != 0 ? "r" : "-")
            s.append(bits & 2 != 0 ? "w" : "-")
            let x = bits & 1 != 0
            if mode & special != 0 { s.append(x ? on : off) } else { s.append(x ? "x" : "-") }
        }
        triad(6, special: UInt32(S_ISUID), on: "s", off: "S")
        triad(3, special: UInt32(S_ISGID), on: "s", off: "S")
        triad(0, special: UInt32(S_ISVTX), on: "t", off: "T")
        return s
    }

    /// .NET's UnixFileMode flags of the permission bits, as PowerShell prints the enum.
    var unixFileModeText: String {
        let names: [(UInt32, String)] = [
            (0o1, "OtherExecute"), (0o2, "OtherWrite"), (0o4, "OtherRead"),
            (0o10, "GroupExecute"), (0o20, "GroupWrite"), (0o40, "GroupRead"),
            (0o100, "UserExecute"), (0o200, "UserWrite"), (0o400, "UserRead"),
            (0o1000, "StickyBit"), (0o2000, "SetGroup"), (0o4000, "SetUser"),
        ]
        let set = names.filter { mode & $0.0 != 0 }.map(\.1)
        return set.isEmpty ? "None" : set.reversed().joined(separator: ", ")
    }

    /// .NET's read-only rule on Unix: the write bit of the class (owner, group, others) the
    /// current user falls in.
    var isReadOnlyForCurrentUser: Bool {
        if userId == UInt32(geteuid()) { return mode & 0o200 == 0 }
        if groupId == UInt32(getegid()) { return mode & 0o020 == 0 }
        return mode & 0o002 == 0
    }

    var userName: String { AccountNames.shared.user(userId) }
    var groupName: String { AccountNames.shared.group(groupId) }
}

/// User and group names by id, looked up once each: a listing asks for the same few ids per row.
/// `@unchecked Sendable`: the tables are only touched under `lock`.
final class AccountNames: @unchecked Sendable {
    static let shared = AccountNames()
    private let lock = NSLock()
    private var users: [UInt32: String] = [:]
    private var groups: [UInt32: String] = [:]

    func user(_ id: UInt32) -> String {
        lock.lock(); defer { lock.unlock() }
        if let n = users[id] { return n }
        let n = AccountNames.lookupUser(id) ?? String(id)
        users[id] = n
        return n
    }

    func group(_ id: UInt32) -> String {
        lock.lock(); defer { lock.unlock() }
        if let n = groups[id] { return n }
        let n = AccountNames.lookupGroup(id) ?? String(id)
        groups[id] = n
        return n
    }

    private static func lookupUser(_ id: UInt32) -> String? {
        var entry = Glibc.passwd()
        var result: UnsafeMutablePointer<Glibc.passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        return buffer.withUnsafeMutableBufferPointer { b -> String? in
            guard getpwuid_r(uid_t(id), &entry, b.baseAddress!, b.count, &result) == 0, result != nil,
                  let name = entry.pw_name else { return nil }
            return String(cString: name)
        }
    }

    private static func lookupGroup(_ id: UInt32) -> String? {
        var entry = Glibc.group()
        var result: UnsafeMutablePointer<Glibc.group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        return buffer.withUnsafeMutableBufferPointer { b -> String? in
            guard getgrgid_r(gid_t(id), &entry, b.baseAddress!, b.count, &result) == 0, result != nil,
                  let name = entry.gr_name else { return nil }
            return String(cString: name)
        }
    }
}
