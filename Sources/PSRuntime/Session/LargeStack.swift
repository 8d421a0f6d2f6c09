import Foundation

/// Runs script code on a thread with a large stack. Compiled closures nest a few Swift frames per
/// PowerShell call level, so deep (but legal) recursion must not exhaust the 8 MB main-thread stack;
/// PowerShell's own limit (call depth 1000, checked in ScriptStage) is reached first.
enum LargeStack {
    static let size = 512 << 20

    /// `@unchecked Sendable`: the caller blocks until the worker thread finishes, so the box is only
    /// ever touched by one thread at a time.
    private final class Box<T>: @unchecked Sendable {
        var body: (() throws -> T)?
        var result: Result<T, Error>?
        init(_ body: @escaping () throws -> T) { self.body = body }
    }

    static func run<T>(_ body: @escaping () throws -> T) throws -> T {
        if Thread.current.stackSize >= size / 2 { return try body() }
        let box = Box(body)
        let done = DispatchSemaphore(value: 0)
        let t = Thread {
            box.result = Result { try box.body!() }
            box.body = nil
            done.signal()
        }
        t.stackSize = size
        t.start()
        done.wait()
        return try box.result!.get()
    }
}
