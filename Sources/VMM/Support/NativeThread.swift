#if canImport(Glibc)
import Glibc
#endif

/// A POSIX thread running one closure; vCPUs need real threads (KVM_RUN blocks, signals target a thread).
public final class NativeThread: @unchecked Sendable {
    // `handle` is written once in `init` before any other thread can see this object.
    private var handle = pthread_t()

    private final class Box { let body: () -> Void; init(_ body: @escaping () -> Void) { self.body = body } }

    public init(_ body: @escaping @Sendable () -> Void) throws(VMMError) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let result = pthread_create(&handle, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        if result != 0 {
            Unmanaged<Box>.fromOpaque(box).release()
            throw .system("pthread_create", .init(rawValue: result))
        }
    }

    /// Sends a signal to this thread (used to kick a vCPU out of KVM_RUN).
    public func signal(_ number: Int32) { _ = pthread_kill(handle, number) }

    public func join() { _ = pthread_join(handle, nil) }
}
