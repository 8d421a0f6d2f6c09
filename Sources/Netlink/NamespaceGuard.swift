import LinuxSystem
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A safety catch for tests and sandboxes: once `protect` has recorded a network namespace, every
/// change hvsh tries to make (netlink requests that are not queries, nftables commands, sysctl
/// writes) is refused while the calling thread is still in that namespace. A test
/// that forgot to enter its own namespace therefore fails instead of touching the machine.
public enum NamespaceGuard {
    private static let protectedNamespace = Mutex<String?>(nil)

    /// Refuses changes made from `namespace` (by default the calling thread's current one).
    public static func protect(_ namespace: String? = NetworkNamespace.currentIdentity()) {
        protectedNamespace.withLock { $0 = namespace }
    }

    /// Lifts the catch.
    public static func release() {
        protectedNamespace.withLock { $0 = nil }
    }

    /// The protected namespace's identity (`net:[inode]`), if any.
    public static var protected: String? { protectedNamespace.withLock { $0 } }

    /// Throws when the calling thread is inside the protected namespace.
    public static func check(_ operation: String) throws(NetlinkError) {
        guard let protected = protected else { return }
        let current = NetworkNamespace.currentIdentity()
        if current == nil || current == protected {
            throw NetlinkError(errno: .notPermitted, operation: operation,
                               kernelMessage: "refused by hvsh: this thread is in the protected network namespace \(protected)")
        }
    }
}
