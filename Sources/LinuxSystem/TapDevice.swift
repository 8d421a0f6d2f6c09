import CLinuxSystem
import Glibc

/// A tap interface opened through /dev/net/tun (IFF_TAP|IFF_NO_PI): frames written to `descriptor` come out
/// of the interface, frames sent to the interface can be read from it, one frame per call. Opening a name
/// that does not exist creates the interface; unless it is made persistent, it disappears when the last
/// descriptor on it closes. A class, so that a device and its receive thread can share one.
public final class TapDevice: Sendable {
    public let descriptor: FileDescriptor
    /// The kernel's name for it (the one asked for, or the one the kernel chose for a pattern like `tap%d`).
    public let name: String
    /// The bytes of virtio-net header before every frame, or nil when frames are bare Ethernet.
    public let virtioHeaderSize: Int?

    /// An interface name the kernel accepts: 1 to 15 bytes, no `/`, no white space.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 15 && !name.contains("/") && !name.contains(where: \.isWhitespace)
    }

    /// Opens (creating if needed) tap `name`. With `virtioHeaderSize` (10 or 12), frames carry a virtio-net
    /// header of that size (IFF_VNET_HDR + TUNSETVNETHDRSZ), as a virtio-net device passes them.
    public init(name: String, virtioHeaderSize: Int? = nil, nonBlocking: Bool = false) throws(Errno) {
        guard TapDevice.isValidName(name) else { throw .invalidArgument }
        let descriptor = try FileDescriptor.open("/dev/net/tun", .readWrite, options: nonBlocking ? .nonBlocking : [])
        var chosen = [CChar](repeating: 0, count: 16)
        let fd = descriptor.rawValue
        _ = try valueOrErrno { cls_tun_attach_tap(fd, name, virtioHeaderSize == nil ? 0 : 1, &chosen) }
        if let virtioHeaderSize {
            _ = try valueOrErrno { cls_tun_set_vnet_header_size(fd, CInt(virtioHeaderSize)) }
        }
        self.descriptor = descriptor
        self.name = String(decoding: chosen.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.virtioHeaderSize = virtioHeaderSize
    }

    /// A tap another process opened and handed over (its name and header size as that process set them:
    /// both belong to the open file, which the descriptor shares).
    public init(adopting descriptor: consuming FileDescriptor, name: String, virtioHeaderSize: Int?) {
        self.descriptor = descriptor
        self.name = name
        self.virtioHeaderSize = virtioHeaderSize
    }

    /// TUNSETPERSIST: keep (or stop keeping) the interface after the descriptor closes.
    public func setPersistent(_ persistent: Bool) throws(Errno) {
        let fd = descriptor.rawValue
        _ = try valueOrErrno { cls_tun_set_persistent(fd, persistent ? 1 : 0) }
    }
}
