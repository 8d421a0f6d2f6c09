/// PowerShell's error categories (System.Management.Automation.ErrorCategory), by the names
/// CategoryInfo prints. They live here, below the runtime, so the modules' service layers (which
/// know nothing of PowerShell) can say what kind of failure they report.
public enum ErrorCategory: String, Sendable, CaseIterable {
    case notSpecified = "NotSpecified", openError = "OpenError", closeError = "CloseError"
    case deviceError = "DeviceError", deadlockDetected = "DeadlockDetected", invalidArgument = "InvalidArgument"
    case invalidData = "InvalidData", invalidOperation = "InvalidOperation", invalidResult = "InvalidResult"
    case invalidType = "InvalidType", metadataError = "MetadataError", notImplemented = "NotImplemented"
    case notInstalled = "NotInstalled", objectNotFound = "ObjectNotFound", operationStopped = "OperationStopped"
    case operationTimeout = "OperationTimeout", syntaxError = "SyntaxError", parserError = "ParserError"
    case permissionDenied = "PermissionDenied", resourceBusy = "ResourceBusy", resourceExists = "ResourceExists"
    case resourceUnavailable = "ResourceUnavailable", readError = "ReadError", writeError = "WriteError"
    case fromStdErr = "FromStdErr", securityError = "SecurityError", protocolError = "ProtocolError"
    case connectionError = "ConnectionError", authenticationError = "AuthenticationError"
    case limitsExceeded = "LimitsExceeded", quotaExceeded = "QuotaExceeded", notEnabled = "NotEnabled"
}

/// A failure a module's service reports to a cmdlet: everything an ErrorRecord needs, with no
/// PowerShell types. The runtime turns one into an ErrorRecord in one place
/// (`CmdletContext.errorRecord(_:)`); `context.reporting { }` writes it as a non-terminating error.
public protocol CommandError: Error, CustomStringConvertible {
    var message: String { get }
    /// The first half of FullyQualifiedErrorId; the command's class name is appended.
    var errorId: String { get }
    var category: ErrorCategory { get }
    /// The object the error is about, as CategoryInfo shows it; nil for none.
    var target: String? { get }
    /// The .NET exception type `$_.Exception` reports (`catch [T]` matches it).
    var exceptionType: String { get }
}

extension CommandError {
    public var description: String { message }
}

/// Several errors thrown as one (a damaged inventory reports each damaged file); each is written
/// as its own error record.
public protocol CommandErrorList: Error {
    var commandErrors: [any CommandError] { get }
}
