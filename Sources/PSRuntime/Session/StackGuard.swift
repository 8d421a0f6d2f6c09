import Glibc
import LinuxSystem

/// Keeps recursion from running the thread out of stack. Script code that recurses through a path
/// the call-depth count does not see (a Swift loop over nested data, a property getter calling itself
/// through the formatter) stops with a catchable error while there is still room to unwind, instead of
/// the process dying of SIGSEGV. .NET's `RuntimeHelpers.EnsureSufficientExecutionStack` plays the same
/// part in PowerShell.
public enum StackGuard {
    /// Room kept free below the check: enough to build the error record, unwind and run a `catch`.
    /// An eighth of the stack, at least 256 KiB (debug builds' frames are large) and at most 32 MiB.
    static func margin(forStackSize size: Int) -> Int { min(max(size / 8, 256 << 10), 32 << 20) }

    /// Per-thread lowest safe stack address, computed once per thread (the main thread's answer comes
    /// from /proc, so it must not be asked on every call).
    nonisolated(unsafe) private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    private static func computeLimit() -> UInt {
        guard let stack = ThreadStack.current() else { return 1 }
        return stack.low + UInt(margin(forStackSize: stack.size))
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
        return ThreadStack.currentAddress() < limit
    }

    /// Throws .NET's InsufficientExecutionStackException when the stack is nearly used up.
    @inline(__always) public static func ensureSufficientStack() throws {
        if isLow { throw DotNetErrors.insufficientStack() }
    }
}
