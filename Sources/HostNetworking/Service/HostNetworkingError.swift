import CommandErrors
import Netlink

/// An error a networking cmdlet reports: the message, PowerShell's error category and an error id,
/// so the cmdlet layer can build an ErrorRecord that reads like Windows'.
public struct HostNetworkingError: CommandError, Equatable, Sendable {
    /// PowerShell's categories (the shared error family's).
    public typealias Category = ErrorCategory

    public var message: String
    public var category: Category
    public var errorId: String
    /// The object the error is about (shown in the CategoryInfo line).
    public var target: String?
    /// The networking cmdlets are CIM cmdlets on Windows: their failures are CimExceptions.
    public var exceptionType: String { "Microsoft.Management.Infrastructure.CimException" }

    public init(_ message: String, category: Category, errorId: String, target: String? = nil) {
        self.message = message
        self.category = category
        self.errorId = errorId
        self.target = target
    }

    public var description: String { message }

    /// Turns a kernel refusal into a sentence: "Creating a bridge needs root or CAP_NET_ADMIN."
    public static func kernel(_ error: NetlinkError, target: String? = nil) -> HostNetworkingError {
        var text = error.description
        if let first = text.first { text = first.uppercased() + text.dropFirst() }
        if !text.hasSuffix(".") && !text.hasSuffix(")") { text += "." }
        let category: Category = error.isPermissionDenied ? .permissionDenied
            : error.errno == .exists ? .resourceExists
            : error.errno == .noDevice || error.errno == .noSuchFile ? .objectNotFound
            : .invalidOperation
        return HostNetworkingError(text, category: category, errorId: error.isPermissionDenied ? "AccessDenied" : "KernelError",
                                   target: target)
    }
}
