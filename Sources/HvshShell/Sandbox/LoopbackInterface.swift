import Glibc
import LinuxSystem

/// Brings `lo` up in the current network namespace with SIOCSIFFLAGS. Only the sandbox calls
/// this, after checking that the namespace is a new one.
enum LoopbackInterface {
    private static let getFlags: UInt = 0x8913 // SIOCGIFFLAGS
    private static let setFlags: UInt = 0x8914 // SIOCSIFFLAGS

    private static func request() -> ifreq {
        var request = ifreq()
        withUnsafeMutableBytes(of: &request.ifr_ifrn.ifrn_name) { name in
            for (i, byte) in "lo".utf8.enumerated() { name[i] = byte }
        }
        return request
    }

    /// Nil on success, else a description of what failed.
    static func bringUp() -> String? {
        do throws(Errno) {
            let socket = try FileDescriptor.socket(AF_INET, CInt(SOCK_DGRAM.rawValue))
            var flags = request()
            try socket.control(getFlags, &flags)
            flags.ifr_ifru.ifru_flags |= Int16(IFF_UP)
            try socket.control(setFlags, &flags)
            return nil
        } catch {
            return error.description
        }
    }

    /// Whether `lo` is up, for tests and diagnostics.
    static func isUp() -> Bool {
        guard let socket = try? FileDescriptor.socket(AF_INET, CInt(SOCK_DGRAM.rawValue)) else { return false }
        var flags = request()
        guard (try? socket.control(getFlags, &flags)) != nil else { return false }
        return flags.ifr_ifru.ifru_flags & Int16(IFF_UP) != 0
    }
}
