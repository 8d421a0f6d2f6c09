import Netlink

/// An error a networking cmdlet reports: the message, PowerShell's error category and an error id,
/// so the cmdlet layer can build an ErrorRecord that reads like Windows'.
public struct HostNetworkingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Category: String, Sendable {
        case objectNotFound = "ObjectNotFound"
        case invalidArgument = "InvalidArgument"
        case resourceExists = "ResourceExists"
        case permissionDenied = "PermissionDenied"
        case invalidOperation = "InvalidOperation"
        case notSpecified = "NotSpecified"
    }

    public var message: String
    public var category: Category
    public var errorID: String
    /// The object the error is about (shown in the CategoryInfo line).
    public var target: String?

    public init(_ message: String, category: Category, errorID: String, target: String? = nil) {
        self.message = message
        self.category = category
        self.errorID = errorID
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
        return HostNetworkingError(text, category: category, errorID: error.isPermissionDenied ? "AccessDenied" : "KernelError",
                                   target: target)
    }
}
