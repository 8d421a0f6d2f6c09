import Glibc

/// Path-based calls: whole files, directories, links, renames.
public enum FileSystem {
    /// open(2) and read(2) to the end.
    public static func readFile(_ path: String) throws(Errno) -> [UInt8] {
        try FileDescriptor.open(path, .readOnly).readToEnd()
    }

    /// Up to `count` bytes of the file from `offset` (fewer where it ends first): a header, a boot sector.
    public static func readBytes(_ path: String, at offset: Int64 = 0, count: Int) throws(Errno) -> [UInt8] {
        try FileDescriptor.open(path, .readOnly).read(upToCount: count, fromAbsoluteOffset: offset)
    }

    /// The file as UTF-8 text, or nil when it cannot be read.
    public static func readText(_ path: String) -> String? {
        guard let bytes = try? readFile(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// access(2) with F_OK: whether the path names anything (a dangling link does not count).
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// stat(2), following links.
    public static func status(_ path: String) throws(Errno) -> FileStatus {
        var info = stat()
        _ = try valueOrErrno { stat(path, &info) }
        return FileStatus(info)
    }

    /// lstat(2): the path itself, a symbolic link not followed.
    public static func linkStatus(_ path: String) throws(Errno) -> FileStatus {
        var info = stat()
        _ = try valueOrErrno { lstat(path, &info) }
        return FileStatus(info)
    }

    /// chmod(2).
    public static func setPermissions(_ path: String, _ permissions: mode_t) throws(Errno) {
        _ = try valueOrErrno { chmod(path, permissions) }
    }

    /// mkdir(2) of one directory; an existing name is `Errno.exists`.
    public static func makeDirectory(_ path: String, permissions: mode_t = 0o755) throws(Errno) {
        _ = try valueOrErrno { mkdir(path, permissions) }
    }

    /// mkdir(2) of each missing component (mkdir -p). Returns true when it created the last one, so the
    /// caller can fsync the parent to make the new entry durable.
    @discardableResult
    public static func makeDirectories(_ path: String, permissions: mode_t = 0o755) throws(Errno) -> Bool {
        var prefix = path.hasPrefix("/") ? "/" : ""
        var createdLast = false
        for component in path.split(separator: "/") {
            prefix += component
            do throws(Errno) {
                _ = try valueOrErrno { mkdir(prefix, permissions) }
                createdLast = true
            } catch Errno.exists {
                createdLast = false
            }
            prefix += "/"
        }
        return createdLast
    }

    /// unlink(2).
    public static func removeFile(_ path: String) throws(Errno) {
        _ = try valueOrErrno { unlink(path) }
    }

    /// lchown(2): `path` itself (a symbolic link is not followed) gets `user` and `group` as owners.
    public static func changeOwner(_ path: String, user: uid_t, group: gid_t) throws(Errno) {
        _ = try valueOrErrno { lchown(path, user, group) }
    }

    /// unlink(2) where a missing file is fine; true when something was removed.
    @discardableResult
    public static func removeFileIfPresent(_ path: String) throws(Errno) -> Bool {
        do throws(Errno) {
            try removeFile(path)
            return true
        } catch Errno.noSuchFile {
            return false
        }
    }

    /// rmdir(2).
    public static func removeDirectory(_ path: String) throws(Errno) {
        _ = try valueOrErrno { rmdir(path) }
    }

    /// rename(2): replaces `destination` in one step, so a reader sees the old file or the new one.
    public static func rename(_ source: String, to destination: String) throws(Errno) {
        _ = try valueOrErrno { Glibc.rename(source, destination) }
    }

    /// symlink(2): a link at `path` whose text is `target`.
    public static func makeSymbolicLink(at path: String, pointingTo target: String) throws(Errno) {
        _ = try valueOrErrno { symlink(target, path) }
    }

    /// readlink(2): a symbolic link's text.
    public static func readLink(_ path: String) throws(Errno) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = try valueOrErrno { readlink(path, &buffer, buffer.count - 1) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// opendir(3)/readdir(3): the names in a directory, without `.` and `..`, in no particular order.
    public static func listDirectory(_ path: String) throws(Errno) -> [String] {
        guard let directory = opendir(path) else { throw Errno.current }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// getcwd(3).
    public static func currentDirectory() throws(Errno) -> String {
        guard let path = getcwd(nil, 0) else { throw Errno.current }
        defer { free(path) }
        return String(cString: path)
    }

    /// fsync(2) on a directory, so the renames and removals in it survive a crash of the machine.
    /// File systems that cannot sync a directory (EINVAL) have nothing to sync.
    public static func syncDirectory(_ path: String) throws(Errno) {
        let directory = try FileDescriptor.open(path, .readOnly, options: .directory)
        do throws(Errno) { try directory.sync() } catch Errno.invalidArgument {}
    }
}
