import CNetShim
import LinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// Network namespaces. A namespace belongs to a thread (the kernel keeps it per task), so a thread
/// can enter a fresh one without moving the rest of the process; sockets, tap devices and spawned
/// children follow the namespace of the thread that made them.
public enum NetworkNamespace {
    /// `net:[inode]` of the calling thread's namespace, or nil if /proc is unavailable.
    public static func currentIdentity() -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/thread-self/ns/net", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A descriptor for the calling thread's namespace, to come back to or hand to IFLA_NET_NS_FD.
    public static func openCurrent() throws(NetlinkError) -> FileDescriptor {
        do {
            return try FileDescriptor.open("/proc/thread-self/ns/net", O_RDONLY)
        } catch {
            throw NetlinkError(errno: error, operation: "opening the current network namespace")
        }
    }

    /// Moves the calling thread into a new, empty network namespace (only `lo`, down).
    /// Before other threads exist this moves the whole process, which is what `hvsh -Sandbox` wants;
    /// `withUserNamespace` also enters a new user namespace so that a non-root caller may do it.
    public static func unshareCurrentThread(withUserNamespace: Bool = false) throws(NetlinkError) {
        do {
            _ = try syscallRetrying { cns_unshare_net(withUserNamespace ? 1 : 0) }
        } catch {
            throw NetlinkError(errno: error, operation: "creating a network namespace")
        }
    }

    /// Moves the calling thread into the namespace `descriptor` refers to.
    public static func enter(_ descriptor: borrowing FileDescriptor) throws(NetlinkError) {
        do {
            _ = try syscallRetrying { cns_setns_net(descriptor.rawValue) }
        } catch {
            throw NetlinkError(errno: error, operation: "entering a network namespace")
        }
    }

    /// Runs `body` on a new thread that first enters a fresh network namespace, and waits for it.
    /// The namespace disappears with its last user once the thread ends, so nothing outlives the call
    /// except what `body` deliberately hands out. The calling thread never changes namespace.
    public static func runIsolated<T: Sendable>(
        bringLoopbackUp: Bool = true, _ body: @escaping @Sendable () throws -> T
    ) throws -> T {
        let box = ResultBox<T>()
        let thread = DetachedThread {
            do {
                try NetworkNamespace.unshareCurrentThread()
                if bringLoopbackUp {
                    let session = try RouteNetlinkSession()
                    try session.linkSetUp(index: 1, true)
                }
                box.result = .success(try body())
            } catch {
                box.result = .failure(error)
            }
        }
        thread.join()
        guard let result = box.result else { throw NetlinkError(errno: .invalidArgument, operation: "running in a namespace") }
        return try result.get()
    }
}

/// Carries a result from the namespace thread to the joining thread; the join orders the accesses.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// A joinable pthread running one closure (Foundation's Thread cannot be joined).
final class DetachedThread: @unchecked Sendable {
    private var handle: pthread_t = 0
    private let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        // Swift frames in tests can be deep; give the thread the same 8 MiB a main thread gets.
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let status = pthread_create(&handle, &attributes, { raw in
            let thread = Unmanaged<DetachedThread>.fromOpaque(raw!).takeRetainedValue()
            thread.body()
            return nil
        }, context)
        pthread_attr_destroy(&attributes)
        precondition(status == 0, "pthread_create failed: \(status)")
    }

    func join() { pthread_join(handle, nil) }
}
