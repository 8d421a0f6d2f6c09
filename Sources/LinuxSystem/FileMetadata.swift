import Glibc

/// A file's times and its file system's space: one shim per call (chmod is `setPermissions`).
extension FileSystem {
    /// utimensat(2) on one of the two times, leaving the other (UTIME_OMIT); seconds since the epoch.
    public static func setTime(_ path: String, accessed: Bool, secondsSinceEpoch seconds: Double) throws(Errno) {
        let whole = seconds.rounded(.down)
        let stamp = timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1e9))
        // UTIME_OMIT is a macro Swift does not import: ((1l << 30) - 2l).
        let omit = timespec(tv_sec: 0, tv_nsec: (1 << 30) - 2)
        var times = accessed ? [stamp, omit] : [omit, stamp]
        _ = try valueOrErrno { utimensat(AT_FDCWD, path, &times, 0) }
    }

    /// statvfs(3): bytes in use and bytes free for unprivileged users on the file system holding `path`.
    public static func spaceUsage(_ path: String) throws(Errno) -> (used: Int64, free: Int64) {
        var info = statvfs()
        _ = try valueOrErrno { statvfs(path, &info) }
        let block = Int64(info.f_frsize)
        return (Int64(info.f_blocks - info.f_bfree) * block, Int64(info.f_bavail) * block)
    }
}
