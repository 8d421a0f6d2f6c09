import LinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// A request the kernel refused, with what hvsh was doing so the message reads as a sentence:
/// "creating a bridge needs root or CAP_NET_ADMIN".
public struct NetlinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The errno the kernel answered with.
    public var errno: Errno
    /// What was being done, as a gerund phrase ("creating a bridge", "adding address 10.0.0.1/24").
    public var operation: String
    /// The kernel's extended-ACK text, when it gave one.
    public var kernelMessage: String?

    public init(errno: Errno, operation: String, kernelMessage: String? = nil) {
        self.errno = errno
        self.operation = operation
        self.kernelMessage = kernelMessage
    }

    public var description: String {
        var text: String
        switch errno.rawValue {
        case EPERM, EACCES:
            text = "\(operation) needs root or CAP_NET_ADMIN"
        case EEXIST:
            text = "\(operation) failed: it already exists"
        case ENODEV:
            text = "\(operation) failed: no such network interface"
        case ENOENT, ESRCH:
            text = "\(operation) failed: no such object"
        case EOPNOTSUPP:
            text = "\(operation) failed: this kernel does not support it (is the module loaded?)"
        case EADDRNOTAVAIL:
            text = "\(operation) failed: the address is not assigned here"
        case ENETUNREACH:
            text = "\(operation) failed: the gateway is not reachable from any configured network"
        case EBUSY:
            text = "\(operation) failed: the device is busy"
        default:
            text = "\(operation) failed: \(errno.description)"
        }
        if let kernelMessage, !kernelMessage.isEmpty { text += " (kernel: \(kernelMessage))" }
        return text
    }

    /// True when the failure was a missing privilege rather than a bad request.
    public var isPermissionDenied: Bool { errno == .notPermitted || errno == .permissionDenied }
}
