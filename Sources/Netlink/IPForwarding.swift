import LinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// The per-namespace forwarding sysctls. /proc/sys/net answers for the network namespace of the
/// calling thread, so a thread inside a test namespace changes only that namespace.
public enum IPForwarding {
    static func path(_ family: IPAddress.Family) -> String {
        family == .ipv4 ? "/proc/sys/net/ipv4/ip_forward" : "/proc/sys/net/ipv6/conf/all/forwarding"
    }

    public static func isEnabled(_ family: IPAddress.Family = .ipv4) throws(NetlinkError) -> Bool {
        let operation = "reading \(path(family))"
        do throws(Errno) {
            let bytes = try FileDescriptor.open(path(family), .readOnly).read(upToCount: 4)
            return bytes.first == UInt8(ascii: "1")
        } catch {
            throw NetlinkError(errno: error, operation: operation)
        }
    }

    public static func setEnabled(_ enabled: Bool, _ family: IPAddress.Family = .ipv4) throws(NetlinkError) {
        let operation = "turning IP forwarding \(enabled ? "on" : "off")"
        try NamespaceGuard.check(operation)
        do throws(Errno) {
            try FileDescriptor.open(path(family), .writeOnly).writeAll(Array((enabled ? "1\n" : "0\n").utf8))
        } catch {
            throw NetlinkError(errno: error, operation: operation)
        }
    }
}
