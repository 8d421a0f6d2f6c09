extension ShellSession {
    /// Enters one level of script call (a function, script, script block, script property or method,
    /// ValidateScript). Past PowerShell's 1000 levels, or when the thread's stack is nearly used up by
    /// whatever the levels in between did, it throws ScriptCallDepthException, which a `try` catches.
    @inline(__always) func enterCall() throws {
        callDepth += 1
        if callDepth > ShellSession.maxCallDepth || StackGuard.isLow {
            callDepth -= 1
            throw DotNetErrors.callDepthOverflow()
        }
    }

    @inline(__always) func leaveCall() { callDepth -= 1 }
}
