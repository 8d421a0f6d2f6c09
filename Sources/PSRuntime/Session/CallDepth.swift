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

extension ShellSession {
    /// Drops everything scripts defined in this session (functions, variables, aliases, script
    /// modules, compiled script files). A function's compiled code refers back to the session, so a
    /// session that defined one is otherwise never freed: embedders that make many sessions (the
    /// fuzzer makes one per input) call this when done with one.
    public func close() {
        var scope: Scope? = currentScope
        while let s = scope {
            s.removeAllDefinitions()
            scope = s.parent
        }
        globalScope.removeAllDefinitions()
        for module in scriptModules { module.scope.removeAllDefinitions() }
        scriptModules = []
        scriptFileCache = [:]
        dotFrameCache = nil
        handledErrors = []
        callFrames = []
        enclosingErrorVariables = []
        enclosingWarningVariables = []
        enclosingInformationVariables = []
        errorList.elements = []
    }
}

extension Scope {
    func removeAllDefinitions() {
        variables = [:]
        functions = [:]
        aliases = [:]
    }
}
