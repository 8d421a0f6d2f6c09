import Glibc

/// A joinable POSIX thread running one closure. vCPUs need real threads (KVM_RUN blocks, and a signal
/// sent to the thread kicks it out), namespace work needs a thread of its own (a namespace belongs to the
/// thread that entered it), and deep recursion needs a larger stack than Foundation's threads offer.
public final class SystemThread: @unchecked Sendable {
    // `handle` is written once, in init, before any other thread can see this object.
    private var handle = pthread_t()

    private final class Start {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// pthread_create(3); `stackSize` nil keeps the default (8 MiB here), otherwise that many bytes of
    /// reserved address space, committed only as the thread touches it.
    public convenience init(stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) throws(Errno) {
        try self.init(unchecked: stackSize, body)
    }

    /// For callers that join before anything `body` captured can be touched elsewhere (`run`, `ThreadStack`).
    init(unchecked stackSize: Int?, _ body: @escaping () -> Void) throws(Errno) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if let stackSize { try nothingOrErrno(pthread_attr_setstacksize(&attributes, stackSize)) }
        let start = Unmanaged.passRetained(Start(body)).toOpaque()
        let result = pthread_create(&handle, &attributes, { raw in
            Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, start)
        if result != 0 {
            Unmanaged<Start>.fromOpaque(start).release()
            throw Errno(rawValue: result)
        }
    }

    /// pthread_kill(3): delivers `signal` to this thread (to interrupt a blocking call in it).
    public func signal(_ signal: CInt) { _ = pthread_kill(handle, signal) }

    /// pthread_join(3): waits for the thread to end. Call once.
    public func join() { _ = pthread_join(handle, nil) }

    /// Runs `body` on a new thread and waits for its result; the calling thread is left as it was (its
    /// namespace, its stack). Nothing of `body` escapes, since the call returns only after the thread ended.
    public static func run<T>(stackSize: Int? = nil, _ body: () throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            let outcome = ThreadOutcome<T>()
            let thread = try SystemThread(unchecked: stackSize) { outcome.value = Result { try body() } }
            thread.join()
            return try outcome.value!.get()
        }
    }
}

/// Carries `SystemThread.run`'s result from the thread to the joining caller; the join orders the accesses.
private final class ThreadOutcome<T>: @unchecked Sendable {
    var value: Result<T, any Error>?
}
