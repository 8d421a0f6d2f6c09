import Foundation

/// This process's environment variables, one at a time. `ProcessInfo.processInfo.environment` copies
/// the whole environment into a new dictionary on every call; a command-name lookup (every command
/// that is not a cmdlet, function or alias searches PATH) and every `$env:NAME` read went through it,
/// which was most of the time of a loop that calls an unknown command.
enum ProcessEnvironment {
    static func value(_ name: String) -> String? {
        // No variable's name holds "=" or NUL; getenv would match "A=B" against "A=B=C", or a truncated name.
        guard !name.isEmpty, !name.utf8.contains(UInt8(ascii: "=")), !name.utf8.contains(0) else { return nil }
        return getenv(name).map { String(cString: $0) }
    }
}
