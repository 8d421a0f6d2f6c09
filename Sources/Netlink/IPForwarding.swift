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
            let file = try FileDescriptor.open(path(family), O_RDONLY)
            var bytes = [UInt8](repeating: 0, count: 4)
            var result: Result<Int, Errno> = .success(0)
            bytes.withUnsafeMutableBytes { raw in
                do { result = .success(try file.read(into: raw)) } catch { result = .failure(error as? Errno ?? .invalidArgument) }
            }
            return try result.get() >= 1 && bytes[0] == UInt8(ascii: "1")
        } catch {
            throw NetlinkError(errno: error, operation: operation)
        }
    }

    public static func setEnabled(_ enabled: Bool, _ family: IPAddress.Family = .ipv4) throws(NetlinkError) {
        let operation = "turning IP forwarding \(enabled ? "on" : "off")"
        try NamespaceGuard.check(operation)
        do throws(Errno) {
            let file = try FileDescriptor.open(path(family), O_WRONLY)
            let text: [UInt8] = enabled ? [UInt8(ascii: "1"), 10] : [UInt8(ascii: "0"), 10]
            var failure: Errno?
            text.withUnsafeBytes { raw in
                do { try file.writeAll(raw) } catch { failure = error as? Errno ?? .invalidArgument }
            }
            if let failure { throw failure as Errno }
        } catch {
            throw NetlinkError(errno: error, operation: operation)
        }
    }
}
