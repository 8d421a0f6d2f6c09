#if canImport(Glibc)
import Glibc
#endif

/// Brings `lo` up in the current network namespace with SIOCSIFFLAGS. Only the sandbox calls
/// this, after checking that the namespace is a new one.
enum LoopbackInterface {
    private static let getFlags: UInt = 0x8913 // SIOCGIFFLAGS
    private static let setFlags: UInt = 0x8914 // SIOCSIFFLAGS

    /// Nil on success, else a description of what failed.
    static func bringUp() -> String? {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        var request = ifreq()
        withUnsafeMutableBytes(of: &request.ifr_ifrn.ifrn_name) { name in
            for (i, byte) in "lo".utf8.enumerated() { name[i] = byte }
        }
        guard ioctl(fd, getFlags, &request) == 0 else { return String(cString: strerror(errno)) }
        request.ifr_ifru.ifru_flags |= Int16(IFF_UP)
        guard ioctl(fd, setFlags, &request) == 0 else { return String(cString: strerror(errno)) }
        return nil
    }

    /// Whether `lo` is up, for tests and diagnostics.
    static func isUp() -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var request = ifreq()
        withUnsafeMutableBytes(of: &request.ifr_ifrn.ifrn_name) { name in
            for (i, byte) in "lo".utf8.enumerated() { name[i] = byte }
        }
        guard ioctl(fd, getFlags, &request) == 0 else { return false }
        return request.ifr_ifru.ifru_flags & Int16(IFF_UP) != 0
    }
}
