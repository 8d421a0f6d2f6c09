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
    /// Properties a particular exception type adds (HttpResponseException's `Response`), in order.
    public var extraProperties: [(name: String, value: PSValue)] = []
    /// The script-visible object last made for this exception, so `$_.Exception` is the same object
    /// each time it is read (and after a rethrow).
    weak var wrapper: PSObject?

    public init(_ message: String, type: String = "System.Management.Automation.RuntimeException",
                baseTypes: [String]? = nil, inner: PSException? = nil) {
        self.message = message
        self.typeFullName = type
        self.baseTypeNames = baseTypes ?? PSException.defaultBases(of: type)
        self.innerException = inner
    }

    /// The .NET base classes of the exception types the runtime raises or scripts create, most
    /// derived first (System.Exception is implied for every type).
    static let hierarchy: [String: [String]] = {
        let sma = "System.Management.Automation."
        let rt = [sma + "RuntimeException", "System.SystemException"]
        let sessionState = [sma + "SessionStateException"] + rt
        let metadata = [sma + "MetadataException"] + rt
        let io = ["System.IO.IOException", "System.SystemException"]
        let argument = ["System.ArgumentException", "System.SystemException"]
        let arithmetic = ["System.ArithmeticException", "System.SystemException"]
        var h: [String: [String]] = [
            "System.Exception": [], "System.SystemException": [], "System.ApplicationException": [],
            sma + "RuntimeException": ["System.SystemException"],
            sma + "SessionStateException": rt, sma + "MetadataException": rt,
            sma + "ExtendedTypeSystemException": rt, sma + "MethodException": rt,
            sma + "MethodInvocationException": [sma + "MethodException"] + rt,
            sma + "PropertyNotFoundException": [sma + "ExtendedTypeSystemException"] + rt,
            sma + "SetValueInvocationException": [sma + "SetValueException", sma + "ExtendedTypeSystemException"] + rt,
            sma + "ItemNotFoundException": sessionState, sma + "DriveNotFoundException": sessionState,
            sma + "ProviderNotFoundException": sessionState,
            sma + "SessionStateUnauthorizedAccessException": sessionState,
            sma + "ValidationMetadataException": metadata, sma + "ArgumentTransformationMetadataException": metadata,
            sma + "ParameterBindingException": rt,
            sma + "ParameterBindingValidationException": [sma + "ParameterBindingException"] + rt,
            sma + "ParameterBindingArgumentTransformationException": [sma + "ParameterBindingException"] + rt,
            sma + "CommandNotFoundException": rt, sma + "CmdletInvocationException": rt, sma + "ScriptRequiresException": rt, sma + "ParseException": rt, sma + "ParentContainsErrorRecordException": ["System.SystemException"],
            sma + "ActionPreferenceStopException": rt, sma + "PipelineStoppedException": rt,
            sma + "PSInvalidOperationException": ["System.InvalidOperationException", "System.SystemException"],
            sma + "PSArgumentException": argument, sma + "PSArgumentNullException": ["System.ArgumentNullException"] + argument,
            sma + "PSArgumentOutOfRangeException": ["System.ArgumentOutOfRangeException"] + argument,
            sma + "PSNotSupportedException": ["System.NotSupportedException", "System.SystemException"],
            sma + "PSInvalidCastException": ["System.InvalidCastException", "System.SystemException"],
            sma + "ScriptCallDepthException": ["System.SystemException"],
            sma + "PSSecurityException": rt, sma + "WildcardPatternException": rt,
            sma + "Remoting.PSRemotingTransportException": rt,
            "Microsoft.PowerShell.Commands.WriteErrorException": ["System.SystemException"],
            "System.ArgumentException": ["System.SystemException"],
            "System.ArgumentNullException": argument, "System.ArgumentOutOfRangeException": argument,
            "System.ArithmeticException": ["System.SystemException"],
            "System.DivideByZeroException": arithmetic, "System.OverflowException": arithmetic,
            "System.NotFiniteNumberException": arithmetic,
            "System.FormatException": ["System.SystemException"],
            "System.InvalidOperationException": ["System.SystemException"],
            "System.ObjectDisposedException": ["System.InvalidOperationException", "System.SystemException"],
            "System.InvalidCastException": ["System.SystemException"],
            "System.IndexOutOfRangeException": ["System.SystemException"],
            "System.NullReferenceException": ["System.SystemException"],
            "System.NotSupportedException": ["System.SystemException"],
            "System.NotImplementedException": ["System.SystemException"],
            "System.PlatformNotSupportedException": ["System.NotSupportedException", "System.SystemException"],
            "System.UnauthorizedAccessException": ["System.SystemException"],
            "System.TimeoutException": ["System.SystemException"],
            "System.OutOfMemoryException": ["System.SystemException"],
            "System.InsufficientExecutionStackException": ["System.SystemException"],
            "System.StackOverflowException": ["System.SystemException"],
            "System.Collections.Generic.KeyNotFoundException": ["System.SystemException"],
            "System.IO.IOException": ["System.SystemException"],
            "System.IO.FileNotFoundException": io, "System.IO.DirectoryNotFoundException": io,
            "System.IO.PathTooLongException": io, "System.IO.EndOfStreamException": io,
            "System.Net.Sockets.SocketException": ["System.ComponentModel.Win32Exception", "System.Runtime.InteropServices.ExternalException", "System.SystemException"],
            "System.ComponentModel.Win32Exception": ["System.Runtime.InteropServices.ExternalException", "System.SystemException"],
            "System.Management.Automation.Host.HostException": rt,
        ]
        h["System.Text.RegularExpressions.RegexParseException"] = argument
        return h
    }()

    /// Lower-cased full names of the types in `hierarchy`, mapped to their spelling.
    static let knownNames: [String: String] = Dictionary(uniqueKeysWithValues: hierarchy.keys.map { ($0.lowercased(), $0) })
    static func properName(_ lower: String) -> String? { knownNames[lower] }

    static func defaultBases(of type: String) -> [String] {
        if let b = hierarchy[type] ?? knownNames[type.lowercased()].flatMap({ hierarchy[$0] }) { return b + (type == "System.Exception" ? [] : ["System.Exception"]) }
        return ["System.Exception"]
    }

    /// A RuntimeException or MethodInvocationException the engine wrapped around another exception
    /// (`1/0`, a .NET method that threw): PowerShell's record for it holds a
    /// ParentContainsErrorRecordException, which a handler's `$_` replaces by the exception it matched.
    var wrapsForTheEngine: Bool {
        !wasThrownFromThrowStatement && innerException != nil
            && (typeFullName == "System.Management.Automation.RuntimeException"
                || typeFullName == "System.Management.Automation.MethodInvocationException")
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
    /// CategoryInfo.TargetType; defaults to the target object's type name.
    public var categoryTargetType: String?
    /// ErrorDetails.Message: replaces the exception message in displays when set.
    public var errorDetailsMessage: String?
    /// ErrorDetails.RecommendedAction (Write-Error -RecommendedAction).
    public var recommendedAction: String?
    /// Where the failing command or statement is.
    public var position: ScriptExtent?
    /// The command that failed (shown as `Get-Item: ...` in PowerShell 7's concise view).
    public var commandName: String?
    /// The command as it was typed (an alias such as `gci`), which NormalView names instead.
    public var invocationName: String?
    public var scriptStackTrace: String?
    /// The error has passed out of the script command it happened in: its record is then the
    /// command's, and a handler's `$_` no longer swaps in the inner exception it matched (a trap
    /// around a function whose `1/0` failed sees the RuntimeException, one inside it the
    /// DivideByZeroException).
    var leftItsCommand = false
    /// The script-visible object last made for this record (see PSException.wrapper).
    weak var wrapper: PSObject?

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

    /// A copy holding another exception (PowerShell's `new ErrorRecord(record, exception)`).
    public func replacingException(_ e: PSException) -> ErrorRecord {
        let r = ErrorRecord(e, errorId: fullyQualifiedErrorId, category: category, target: targetObject)
        r.categoryActivity = categoryActivity
        r.categoryReason = categoryReason
        r.categoryTargetName = categoryTargetName
        r.categoryTargetType = categoryTargetType
        r.errorDetailsMessage = errorDetailsMessage
        r.recommendedAction = recommendedAction
        r.position = position
        r.commandName = commandName
        r.invocationName = invocationName
        r.scriptStackTrace = scriptStackTrace
        return r
    }

    /// The text PowerShell shows and `"$_"` gives.
    public var message: String { errorDetailsMessage ?? exception.message }

    public var reason: String { categoryReason ?? PSType.shortName(of: exception.typeFullName) }

    public var targetName: String {
        if let n = categoryTargetName { return n }
        if targetObject.isNull { return "" }
        return PSConvert.toString(targetObject)
    }

    public var targetTypeName: String { categoryTargetType ?? (targetObject.isNull ? "" : targetObject.typeName) }

    /// CategoryInfo.ToString(): `ObjectNotFound: (NonsenseString:String) [], CommandNotFoundException`.
    /// Activity, target name and type longer than 40 characters are shortened to 19…19, as .NET's
    /// ErrorCategoryInfo does (a reason that is an exception type name is kept whole).
    public var categoryInfoText: String {
        let reasonText = categoryReason.map(ErrorRecord.ellipsized) ?? reason
        let head = category == .deadlockDetected ? "Deadlock detected" : category.rawValue
        return "\(head): (\(ErrorRecord.ellipsized(targetName)):\(ErrorRecord.ellipsized(targetTypeName))) "
            + "[\(ErrorRecord.ellipsized(categoryActivity ?? ""))], \(reasonText)"
    }

    static func ellipsized(_ s: String) -> String {
        guard s.count > 40 else { return s }
        return String(s.prefix(19)) + "\u{2026}" + String(s.suffix(19))
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
    /// True for ScriptCallDepthException: it passes through the statements of every function level
    /// (each one a level of the runaway recursion) and stops only at the top-level statement.
    public var unwindsCalls = false
    /// Raised by `$PSCmdlet.ThrowTerminatingError`: a hosting API caller sees it inside a
    /// CmdletInvocationException, as PowerShell's command runtime throws it.
    public var fromThrowTerminatingError = false
    /// Raised by `-ErrorAction Stop` / `$ErrorActionPreference = 'Stop'` on a non-terminating error: an
    /// ActionPreferenceStopException carrying `record` (a `catch` for either type takes it).
    public var stoppedByPreference = false
    /// Raised by a `throw` statement: unlike other script-terminating errors it gives way to an
    /// `$ErrorActionPreference` of SilentlyContinue or Ignore where no try or trap encloses it.
    public var fromThrowStatement = false
    /// Raised by `$PSCmdlet.ThrowTerminatingError` of the script command with this identity: it ends
    /// that whole command (the statements of its blocks do not report it and go on, whatever its
    /// -ErrorAction), and where the command was called it is an ordinary statement-terminating error.
    public var endsCommand: ObjectIdentifier?
    /// A statement-terminating error (a method's exception, `1/0`) that `$ErrorActionPreference = 'Stop'`
    /// made script-terminating: leaving a hosted pipeline it is the CmdletInvocationException around it.
    public var stoppedStatementError = false
    /// Left a compiled cmdlet's code (Invoke-Expression's script, ForEach-Object's block, the cmdlet's
    /// own ThrowTerminatingError): PowerShell's command processor wraps such an error in a
    /// CmdletInvocationException carrying the same record, so `catch [CmdletInvocationException]`
    /// takes it while `$_` stays the original error. `throw` and -ErrorAction Stop errors are not wrapped.
    public var passedThroughCmdlet = false
    /// The block traps (see BlockTraps) whose `break` sent this error on: that block's statements
    /// pass it through rather than trap it a second time.
    var brokeOutOfTraps: ObjectIdentifier?
    public init(_ record: ErrorRecord, terminatesScript: Bool = false) {
        self.record = record
        self.terminatesScript = terminatesScript
    }

    /// A ParameterBindingException (or a subclass): the argument, not the command, was wrong.
    public var isBindingError: Bool {
        record.exception.typeFullName.hasPrefix("System.Management.Automation.ParameterBinding")
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
