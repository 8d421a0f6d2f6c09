#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Keeps recursion from running the thread out of stack. Script code that recurses through a path
/// the call-depth count does not see (a Swift loop over nested data, a property getter calling itself
/// through the formatter) stops with a catchable error while there is still room to unwind, instead of
/// the process dying of SIGSEGV. .NET's `RuntimeHelpers.EnsureSufficientExecutionStack` plays the same
/// part in PowerShell.
public enum StackGuard {
    /// Room kept free below the check: enough to build the error record, unwind and run a `catch`.
    /// An eighth of the stack, at least 256 KiB (debug builds' frames are large) and at most 32 MiB.
    static func margin(forStackSize size: Int) -> Int { min(max(size / 8, 256 << 10), 32 << 20) }

    private typealias GetAttrNP = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32

    /// glibc's `pthread_getattr_np` (a GNU extension the Swift Glibc module does not export).
    private static let getattrNP: GetAttrNP? = {
        guard let sym = dlsym(nil, "pthread_getattr_np") else { return nil }
        return unsafeBitCast(sym, to: GetAttrNP.self)
    }()

    /// Per-thread lowest safe stack address, computed once per thread (the main thread's answer comes
    /// from /proc, so it must not be asked on every call).
    nonisolated(unsafe) private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    private static func computeLimit() -> UInt {
        var attr = pthread_attr_t()
        guard let getattr = getattrNP, getattr(pthread_self(), &attr) == 0 else { return 1 }
        defer { pthread_attr_destroy(&attr) }
        var base: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attr, &base, &size) == 0, let low = base, size > 0 else { return 1 }
        return UInt(bitPattern: low) + UInt(margin(forStackSize: size))
    }

    @inline(__always) private static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// True when the current frame is within the safety margin of the thread's stack end.
    public static var isLow: Bool {
        let limit: UInt
        if let p = pthread_getspecific(key) {
            limit = UInt(bitPattern: p)
        } else {
            limit = computeLimit()
            pthread_setspecific(key, UnsafeRawPointer(bitPattern: limit))
        }
        return currentAddress() < limit
    }

    /// Throws .NET's InsufficientExecutionStackException when the stack is nearly used up.
    @inline(__always) public static func ensureSufficientStack() throws {
        if isLow { throw DotNetErrors.insufficientStack() }
    }
}
