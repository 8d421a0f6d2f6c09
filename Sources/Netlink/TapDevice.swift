import CNetShim
import LinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// A tap device opened through /dev/net/tun with IFF_TAP|IFF_NO_PI (and IFF_VNET_HDR for virtio-net).
/// Frames written to `descriptor` come out of the interface; frames sent to it can be read.
/// Without `setPersistent(true)` the interface disappears when the descriptor closes.
public struct TapDevice: ~Copyable {
    public let descriptor: FileDescriptor
    /// The kernel name (at most 15 bytes), as chosen by the caller or by the kernel for `tap%d`.
    public let name: String

    public init(name: String, vnetHeader: Bool = true) throws(NetlinkError) {
        try NamespaceGuard.check("creating tap \(name)")
        var chosen = [CChar](repeating: 0, count: 16)
        do {
            let fd = try syscallRetrying { cns_tap_open(name, vnetHeader ? 1 : 0, &chosen) }
            descriptor = FileDescriptor(owning: fd)
        } catch {
            throw NetlinkError(errno: error, operation: "creating tap device \(name)")
        }
        self.name = String(decoding: chosen.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// TUNSETPERSIST: keep (or stop keeping) the interface after the descriptor closes.
    public func setPersistent(_ persistent: Bool) throws(NetlinkError) {
        let fd = descriptor.rawValue
        do {
            _ = try syscallRetrying { cns_tap_set_persist(fd, persistent ? 1 : 0) }
        } catch {
            throw NetlinkError(errno: error, operation: "making tap \(name) persistent")
        }
    }
}
