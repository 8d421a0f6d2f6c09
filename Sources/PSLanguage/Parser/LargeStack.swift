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

    /// Bytes of stack one nesting level may need: measured at about 6 KiB in debug builds (where frames
    /// are largest), doubled for margin.
    static let bytesPerLevel = 12 << 10

    /// Runs `body` on the current thread when its remaining stack covers `levels` nesting levels,
    /// otherwise on a fresh large-stack thread.
    static func run<T>(levels: Int, _ body: () -> T) -> T {
        if remainingStack() > levels * bytesPerLevel + (256 << 10) { return body() }
        return run(body)
    }

    private typealias GetAttrNP = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32

    /// glibc's `pthread_getattr_np` (a GNU extension the Swift Glibc module does not export), looked up once.
    private static let getattrNP: GetAttrNP? = {
        guard let sym = dlsym(nil, "pthread_getattr_np") else { return nil }
        return unsafeBitCast(sym, to: GetAttrNP.self)
    }()

    /// Free stack below the current frame, or 0 when it cannot be determined.
    static func remainingStack() -> Int {
        var attr = pthread_attr_t()
        guard let getattr = getattrNP, getattr(pthread_self(), &attr) == 0 else { return 0 }
        defer { pthread_attr_destroy(&attr) }
        var base: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attr, &base, &size) == 0, let low = base else { return 0 }
        var marker = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        let bottom = UInt(bitPattern: low)
        return here > bottom ? Int(here - bottom) : 0
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
