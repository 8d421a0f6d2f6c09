import LinuxSystem

/// Runs script code on a thread with a large stack. Compiled closures nest a few Swift frames per
/// PowerShell call level, so deep (but legal) recursion must not exhaust the 8 MB main-thread stack;
/// PowerShell's own limit (call depth 1000, checked in ScriptStage) is reached first.
enum ScriptStack {
    static let size = 512 << 20

    /// Runs `body` here when this thread is already one of ours (half the size still free), else on a new one.
    static func run<T>(_ body: () throws -> T) throws -> T {
        try ThreadStack.run(size: size, unlessRemaining: size / 2, body)
    }
}
