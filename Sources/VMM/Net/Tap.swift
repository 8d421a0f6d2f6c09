#if canImport(Glibc)
import Glibc
#endif
import CKVM
import LinuxSystem

/// A tap interface opened for virtio-net: IFF_TAP|IFF_NO_PI|IFF_VNET_HDR with a 12-byte virtio-net header,
/// non-blocking. Created if it does not exist; a tap the worker created disappears when the worker ends.
public final class Tap: Sendable {
    public static let virtioHeaderSize = 12
    public let fd: CInt
    public let name: String

    public init(name: String) throws(VMMError) {
        guard !name.isEmpty, name.utf8.count <= 15, !name.contains("/"), !name.contains(" ") else {
            throw .invalidConfiguration("\(name.debugDescription) is not a valid interface name")
        }
        var chosen = [CChar](repeating: 0, count: 16)
        let fd = ckvm_tap_open(name, Int32(Tap.virtioHeaderSize), &chosen)
        if fd < 0 { throw .system("opening tap \(name)", .current) }
        self.fd = fd
        self.name = String(decoding: chosen.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { close(fd) }
}

/// Entering a network namespace before taps are opened (the worker does it while it has one thread).
public enum NetworkNamespaceEntry {
    public static func enter(_ path: String) throws(VMMError) {
        if ckvm_enter_netns(path) != 0 { throw .system("entering network namespace \(path)", .current) }
    }
}
