import CLinuxSystem
import Glibc

/// The calling thread's stack: where it ends, how much is left, and running deep recursion on a
/// bigger one. The parser (nesting), the evaluator (script recursion) and StackGuard all ask here.
public enum ThreadStack {
    /// pthread_getattr_np(3): the lowest address of the calling thread's stack and its size, or nil when
    /// glibc cannot tell (asked once per thread: for the main thread glibc reads /proc/self/maps).
    public static func current() -> (low: UInt, size: Int)? {
        var low: UnsafeMutableRawPointer?
        var size = 0
        guard cls_current_thread_stack(&low, &size) == 0, let low, size > 0 else { return nil }
        return (UInt(bitPattern: low), size)
    }

    /// Bytes of stack below the caller's frame; 0 when unknown.
    public static func remaining() -> Int {
        guard let stack = current() else { return 0 }
        let here = currentAddress()
        return here > stack.low ? Int(here - stack.low) : 0
    }

    /// The address of a local in the caller's frame: where the stack is now.
    @inline(__always) public static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Runs `body` on the calling thread when at least `needed` bytes of its stack remain, otherwise on
    /// a new thread with `size` bytes of stack (reserved address space; only the pages touched are
    /// committed) and waits for it. When no thread can be made, `body` runs here after all.
    public static func run<T, Failure: Error>(size: Int, unlessRemaining needed: Int,
                                              _ body: () throws(Failure) -> T) throws(Failure) -> T {
        if remaining() >= needed { return try body() }
        return try withoutActuallyEscaping(body) { (body) throws(Failure) -> T in
            let outcome = Outcome<T, Failure>()
            guard let thread = try? SystemThread(unchecked: size, { outcome.value = Result { () throws(Failure) in try body() } }) else {
                return try body()
            }
            thread.join()
            return try outcome.value!.get()
        }
    }

    /// Carries the result from the thread to the joining caller; the join orders the accesses.
    private final class Outcome<T, Failure: Error>: @unchecked Sendable {
        var value: Result<T, Failure>?
    }
}
