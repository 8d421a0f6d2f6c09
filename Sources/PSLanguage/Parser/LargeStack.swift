#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs the parser on a thread with a large stack. Recursive descent over deeply nested input needs
/// stack in proportion to the nesting, and callers may sit on small secondary-thread stacks (512 KiB);
/// the stack is reserved virtual memory, so only the pages the parse touches are committed.
enum LargeStack {
    static let size = 256 << 20

    /// Holds the work and its result while the worker thread runs.
    /// `@unchecked Sendable` is safe: the calling thread blocks in `pthread_join` until the worker is
    /// done, so the box is never touched by two threads at once.
    private final class Box<T>: Runnable, @unchecked Sendable {
        let body: () -> T
        var result: T?
        init(_ body: @escaping () -> T) { self.body = body }
        func runBody() { result = body() }
    }

    static func run<T>(_ body: () -> T) -> T {
        withoutActuallyEscaping(body) { escaping in
            let box = Box(escaping)
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            pthread_attr_setstacksize(&attr, size)
            let ctx = Unmanaged.passRetained(box as AnyObject).toOpaque()
            var tid = pthread_t()
            let rc = pthread_create(&tid, &attr, { raw in
                let obj = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue()
                (obj as! Runnable).runBody()
                return nil
            }, ctx)
            if rc != 0 {
                // No thread available: parse on the caller's stack instead.
                Unmanaged<AnyObject>.fromOpaque(ctx).release()
                return escaping()
            }
            pthread_join(tid, nil)
            return box.result!
        }
    }
}

/// Type-erased entry point for the worker thread.
private protocol Runnable: AnyObject { func runBody() }
