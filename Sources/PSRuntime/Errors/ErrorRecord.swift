/// System.Management.Automation.ErrorCategory.
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

/// Where in a script something happened (for error positions and `$MyInvocation`).
public struct ScriptExtent: Sendable, Equatable {
    public var file: String?
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int
    /// The source text of the extent (`NonsenseString`).
    public var text: String
    /// The full text of the first line (for the `Line |` block of error views).
    public var lineText: String
    /// What ends that line in the source (`$MyInvocation.Line` keeps it, as PowerShell's does).
    public var lineTerminator: String = ""

    public init(file: String? = nil, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int, text: String, lineText: String) {
        self.file = file
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
        self.text = text
        self.lineText = lineText
    }
}

/// A .NET-style exception carried by an ErrorRecord: message, type name (for typed `catch`), inner exception.
public final class PSException {
    public var message: String
    /// e.g. `System.Management.Automation.RuntimeException`, `System.Management.Automation.CommandNotFoundException`.
    public var typeFullName: String
    /// Base types, most derived first, used by `catch [T]` (System.Exception is always implied).
    public var baseTypeNames: [String]
    public var innerException: PSException?
    /// The object a script threw with `throw $obj` (RuntimeException.TargetObject / ErrorRecord.TargetObject).
    public var thrownObject: PSValue?
    /// RuntimeException.WasThrownFromThrowStatement: a script's `throw` raised it (the error view says `Exception:`).
    public var wasThrownFromThrowStatement = false

    public init(_ message: String, type: String = "System.Management.Automation.RuntimeException",
                baseTypes: [String]? = nil, inner: PSException? = nil) {
        self.message = message
        self.typeFullName = type
        self.baseTypeNames = baseTypes ?? PSException.defaultBases(of: type)
        self.innerException = inner
    }

    /// Walks the .NET hierarchy of the exception types the runtime raises.
    static func defaultBases(of type: String) -> [String] {
        let rt = ["System.Management.Automation.RuntimeException", "System.SystemException", "System.Exception"]
        switch type {
        case "System.Management.Automation.RuntimeException": return Array(rt.dropFirst())
        case "System.Management.Automation.CommandNotFoundException",
             "System.Management.Automation.ParameterBindingException",
             "System.Management.Automation.ParseException",
             "System.Management.Automation.ActionPreferenceStopException",
             "System.Management.Automation.PipelineStoppedException",
             "System.Management.Automation.MethodInvocationException",
             "System.Management.Automation.PSInvalidCastException",
             "System.Management.Automation.ValidationMetadataException",
             "System.Management.Automation.ItemNotFoundException",
             "System.Management.Automation.PSArgumentException":
            return rt
        case "System.Management.Automation.PropertyNotFoundException":
            return ["System.Management.Automation.ExtendedTypeSystemException"] + rt
        case "System.Management.Automation.ParameterBindingValidationException",
             "System.Management.Automation.ParameterBindingArgumentTransformationException":
            return ["System.Management.Automation.ParameterBindingException"] + rt
        case "System.ArgumentException", "System.InvalidOperationException", "System.FormatException",
             "System.InvalidCastException", "System.IndexOutOfRangeException", "System.NotSupportedException",
             "System.UnauthorizedAccessException", "System.ArithmeticException", "System.IO.IOException":
            return ["System.SystemException", "System.Exception"]
        case "System.ArgumentNullException", "System.ArgumentOutOfRangeException":
            return ["System.ArgumentException", "System.SystemException", "System.Exception"]
        case "System.DivideByZeroException", "System.OverflowException":
            return ["System.ArithmeticException", "System.SystemException", "System.Exception"]
        case "System.Management.Automation.DriveNotFoundException":
            return ["System.Management.Automation.SessionStateException"] + rt
        case "System.IO.FileNotFoundException", "System.IO.DirectoryNotFoundException":
            return ["System.IO.IOException", "System.SystemException", "System.Exception"]
        case "System.Exception": return []
        default: return ["System.Exception"]
        }
    }

    /// Whether `catch [name]` catches this exception (full or short name, case-insensitive).
    public func isInstance(of name: String) -> Bool {
        let n = name.lowercased()
        for t in [typeFullName] + baseTypeNames + ["System.Exception"] {
            let tl = t.lowercased()
            if tl == n || PSType.shortName(of: tl) == n || (tl.hasPrefix("system.") && String(tl.dropFirst(7)) == n) { return true }
        }
        return false
    }
}

/// System.Management.Automation.ErrorRecord.
public final class ErrorRecord {
    public var exception: PSException
    public var fullyQualifiedErrorId: String
    public var category: ErrorCategory
    /// CategoryInfo.Activity; defaults to the command name when written by a command.
    public var categoryActivity: String?
    /// CategoryInfo.Reason; defaults to the exception's short type name.
    public var categoryReason: String?
    public var targetObject: PSValue
    /// CategoryInfo.TargetName; defaults to the target object's string form.
    public var categoryTargetName: String?
    /// ErrorDetails.Message: replaces the exception message in displays when set.
    public var errorDetailsMessage: String?
    /// Where the failing command or statement is.
    public var position: ScriptExtent?
    /// The command that failed (shown as `Get-Item: ...` in PowerShell 7's concise view).
    public var commandName: String?
    public var scriptStackTrace: String?

    public init(_ exception: PSException, errorId: String, category: ErrorCategory = .notSpecified,
                target: PSValue = .null) {
        self.exception = exception
        self.fullyQualifiedErrorId = errorId
        self.category = category
        self.targetObject = target
    }

    public convenience init(message: String, errorId: String, category: ErrorCategory = .notSpecified,
                            target: PSValue = .null,
                            exceptionType: String = "System.Management.Automation.RuntimeException") {
        self.init(PSException(message, type: exceptionType), errorId: errorId, category: category, target: target)
    }

    /// The text PowerShell shows and `"$_"` gives.
    public var message: String { errorDetailsMessage ?? exception.message }

    public var reason: String { categoryReason ?? PSType.shortName(of: exception.typeFullName) }

    public var targetName: String {
        if let n = categoryTargetName { return n }
        if targetObject.isNull { return "" }
        return PSConvert.toString(targetObject)
    }

    public var targetTypeName: String { targetObject.isNull ? "" : targetObject.typeName }

    /// CategoryInfo.ToString(): `ObjectNotFound: (NonsenseString:String) [], CommandNotFoundException`.
    public var categoryInfoText: String {
        "\(category.rawValue): (\(targetName):\(targetTypeName)) [\(categoryActivity ?? "")], \(reason)"
    }
}

/// A terminating error travelling as a Swift error through the evaluator and cmdlets.
/// `@unchecked Sendable`: a session runs on one thread and its errors never cross threads; Swift's
/// `Error` merely requires the conformance.
public struct PSRuntimeError: Error, @unchecked Sendable {
    public let record: ErrorRecord
    /// True for `throw` and errors escalated by `-ErrorAction Stop`: they end the whole script unless
    /// caught. Other terminating errors (a failed conversion, an unknown command) end only the statement.
    public var terminatesScript: Bool
    public init(_ record: ErrorRecord, terminatesScript: Bool = false) {
        self.record = record
        self.terminatesScript = terminatesScript
    }

    public static func message(_ text: String, errorId: String, category: ErrorCategory = .notSpecified,
                               exceptionType: String = "System.Management.Automation.RuntimeException",
                               target: PSValue = .null) -> PSRuntimeError {
        PSRuntimeError(ErrorRecord(message: text, errorId: errorId, category: category, target: target,
                                   exceptionType: exceptionType))
    }
}

/// Thrown by a command that wants the rest of the pipeline upstream of it to stop (Select-Object -First).
public struct PSPipelineStop: Error { public init() {} }
