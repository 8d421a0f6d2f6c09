import CLinuxSystem
import Glibc

/// Network namespaces. A namespace belongs to a thread (the kernel keeps it per task), so a thread can
/// enter another one without moving the rest of the process; sockets, taps and spawned children follow the
/// namespace of the thread that made them. Every entry goes through `enter(_:)` (setns on a descriptor).
public enum NetworkNamespace {
    /// The calling thread's namespace as a file (`/proc/thread-self/ns/net`).
    public static let currentPath = "/proc/thread-self/ns/net"

    /// `net:[inode]` of the calling thread's namespace, or nil if /proc is unavailable.
    public static func currentIdentity() -> String? { try? FileSystem.readLink(currentPath) }

    /// A descriptor for a namespace file (`/run/netns/<name>`, `/proc/<pid>/ns/net`), to enter later or to
    /// hand to the kernel (IFLA_NET_NS_FD).
    public static func open(_ path: String) throws(Errno) -> FileDescriptor {
        try FileDescriptor.open(path, .readOnly)
    }

    /// A descriptor for the calling thread's namespace, to come back to.
    public static func openCurrent() throws(Errno) -> FileDescriptor { try open(currentPath) }

    /// setns(2) with CLONE_NEWNET: moves the calling thread into the namespace `descriptor` refers to.
    public static func enter(_ descriptor: borrowing FileDescriptor) throws(Errno) {
        let fd = descriptor.rawValue
        _ = try valueOrErrno { cls_setns_network(fd) }
    }

    /// Moves the calling thread into the namespace at `path`.
    public static func enter(path: String) throws(Errno) {
        try enter(try open(path))
    }

    /// unshare(2) with CLONE_NEWNET: moves the calling thread into a new, empty namespace (only `lo`, down).
    /// Before other threads exist this moves the whole process. `withUserNamespace` also enters a new user
    /// namespace, so that a caller without root may do it.
    public static func unshareCurrentThread(withUserNamespace: Bool = false) throws(Errno) {
        _ = try valueOrErrno { cls_unshare_network(withUserNamespace ? 1 : 0) }
    }
}
