import CNftables
import LinuxSystem
#if canImport(Glibc)
import Glibc
#endif

/// A libnftables context. Each `run` hands the whole buffer to the library, which sends it to the
/// kernel as one batch: all of it applies, or none of it does.
/// Not thread-safe; one context per thread (its netlink socket belongs to that thread's namespace).
public final class NftablesContext {
    private let context: OpaquePointer

    /// - Parameter json: ask for JSON output (listings) instead of nft's text syntax.
    public init(json: Bool = true) throws(NetlinkError) {
        guard let created = nft_ctx_new(UInt32(NFT_CTX_DEFAULT)) else {
            throw NetlinkError(errno: .invalidArgument, operation: "starting libnftables")
        }
        context = created
        if json { nft_ctx_output_set_flags(context, UInt32(NFT_CTX_OUTPUT_JSON)) }
        nft_ctx_buffer_output(context)
        nft_ctx_buffer_error(context)
    }

    deinit { nft_ctx_free(context) }

    /// Runs nft commands (text syntax) and returns their output. `operation` names the change for errors.
    @discardableResult
    public func run(_ commands: String, operation: String) throws(NetlinkError) -> String {
        let isListing = commands.hasPrefix("list ")
        if !isListing { try NamespaceGuard.check(operation) }
        let status = nft_run_cmd_from_buffer(context, commands)
        let output = nft_ctx_get_output_buffer(context).map { String(cString: $0) } ?? ""
        let errors = nft_ctx_get_error_buffer(context).map { String(cString: $0) } ?? ""
        guard status == 0 else {
            throw NftablesContext.error(from: errors, operation: operation)
        }
        return output
    }

    /// libnftables reports failures as text; recover the errno the text stands for.
    static func error(from text: String, operation: String) -> NetlinkError {
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
        let errno: Errno
        if text.contains("Operation not permitted") || text.contains("Permission denied") {
            errno = .notPermitted
        } else if text.contains("No such file or directory") {
            errno = .noSuchFile
        } else if text.contains("File exists") {
            errno = .exists
        } else if text.contains("not supported") {
            errno = .notSupported
        } else {
            errno = .invalidArgument
        }
        return NetlinkError(errno: errno, operation: operation, kernelMessage: firstLine)
    }
}
