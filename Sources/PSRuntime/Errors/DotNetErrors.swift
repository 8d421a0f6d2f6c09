/// The errors .NET and PowerShell raise when a script asks for more than can be given: too deep,
/// too large, out of range, overflowing. Each has .NET's exception type and message, so `catch [T]`
/// and `$_.Exception.GetType()` see what they would in PowerShell.
public enum DotNetErrors {
    /// Recursion deeper than PowerShell's limit (or than the stack allows). No statement in between
    /// (each a level of the recursion) goes on: it unwinds to a `try` or to the top-level statement.
    public static func callDepthOverflow() -> PSRuntimeError {
        var e = PSRuntimeError.message("The script failed due to call depth overflow.", errorId: "CallDepthOverflow",
                                       category: .invalidOperation,
                                       exceptionType: "System.Management.Automation.ScriptCallDepthException")
        e.unwindsCalls = true
        return e
    }

    /// `RuntimeHelpers.EnsureSufficientExecutionStack` failing: Swift-side recursion over nested data.
    public static func insufficientStack() -> PSRuntimeError {
        PSRuntimeError.message("Insufficient stack to continue executing the program safely. This can happen from having too many functions on the call stack or function on the stack using too much stack space.",
                               errorId: "InsufficientExecutionStackException", category: .notSpecified,
                               exceptionType: "System.InsufficientExecutionStackException")
    }

    public static let outOfMemoryMessage = "Exception of type 'System.OutOfMemoryException' was thrown."

    /// An allocation larger than the machine can give.
    public static func outOfMemory() -> PSRuntimeError {
        PSRuntimeError.message(outOfMemoryMessage, errorId: "System.OutOfMemoryException", category: .notSpecified,
                               exceptionType: "System.OutOfMemoryException")
    }

    /// .NET Core's ArgumentOutOfRangeException text: the message, then ` (Parameter 'name')`.
    public static func argumentOutOfRangeText(_ message: String, parameter: String?) -> String {
        guard let parameter else { return message }
        return "\(message) (Parameter '\(parameter)')"
    }

    public static func argumentOutOfRange(_ message: String, parameter: String? = nil) -> PSRuntimeError {
        PSRuntimeError.message(argumentOutOfRangeText(message, parameter: parameter),
                               errorId: "ArgumentOutOfRangeException", category: .invalidArgument,
                               exceptionType: "System.ArgumentOutOfRangeException")
    }

    public static func argumentNull(parameter: String) -> PSRuntimeError {
        PSRuntimeError.message("Value cannot be null. (Parameter '\(parameter)')", errorId: "ArgumentNullException",
                               category: .invalidArgument, exceptionType: "System.ArgumentNullException")
    }

    public static func overflow(_ message: String = "Arithmetic operation resulted in an overflow.") -> PSRuntimeError {
        PSRuntimeError.message(message, errorId: "OverflowException", category: .notSpecified,
                               exceptionType: "System.OverflowException")
    }

    public static func format(_ message: String = "Format specifier was invalid.") -> PSRuntimeError {
        PSRuntimeError.message(message, errorId: "FormatException", category: .notSpecified,
                               exceptionType: "System.FormatException")
    }

    public static func argument(_ message: String) -> PSRuntimeError {
        PSRuntimeError.message(message, errorId: "ArgumentException", category: .invalidArgument,
                               exceptionType: "System.ArgumentException")
    }

    /// A .NET method's exception as PowerShell reports it: MethodInvocationException
    /// `Exception calling "Name" with "n" argument(s): "inner message"`, the original as the inner
    /// exception (which `catch [InnerType]` matches) and the inner type's name as the error id.
    /// No overload of a method takes that many arguments (for objects built outside the runtime).
    public static func noOverload(_ method: String, argumentCount: Int) -> PSRuntimeError { Members.argCount(method, argumentCount) }

    public static func methodInvocation(_ method: String, argumentCount: Int, _ inner: PSRuntimeError) -> PSRuntimeError {
        let innerException = inner.record.exception
        let shortName = innerException.typeFullName.split(separator: ".").last.map(String.init) ?? innerException.typeFullName
        let outer = PSException("Exception calling \"\(method)\" with \"\(argumentCount)\" argument(s): \"\(innerException.message)\"",
                                type: "System.Management.Automation.MethodInvocationException", inner: innerException)
        return PSRuntimeError(ErrorRecord(outer, errorId: shortName, category: .notSpecified))
    }

    /// Runs a .NET method's body, reporting the .NET exceptions it throws (not PowerShell's own
    /// errors, such as a failed argument conversion) as that method's MethodInvocationException.
    public static func asMethodError<T>(_ method: String, _ argumentCount: Int, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as PSRuntimeError {
            let type = e.record.exception.typeFullName
            guard type.hasPrefix("System."), !type.hasPrefix("System.Management.Automation.") else { throw e }
            throw methodInvocation(method, argumentCount: argumentCount, e)
        }
    }
}
