/// Whether script code may reach past the session to the host: start programs, run script files,
/// write files by redirection or through .NET's file and environment classes, end the process.
/// hvsh itself always allows it; the fuzzer's evaluator target runs generated text with it off (and
/// only side-effect-free cmdlets registered), so what it runs can never touch the machine.
public enum HostAccess: Sendable {
    case full
    case none
}

extension ShellSession {
    /// Refuses an operation that reaches the host when the session runs with `hostAccess == .none`.
    public func requireHostAccess(_ what: String) throws {
        guard hostAccess == .none else { return }
        throw PSRuntimeError.message("\(what) is not allowed in this session.", errorId: "HostAccessDenied",
                                     category: .permissionDenied,
                                     exceptionType: "System.Management.Automation.PSSecurityException")
    }
}
