import LinuxSystem
import PSLanguage

/// Reading a script the way PowerShell does, with a bound: at most `maximumBytes` (a generated 5 MB
/// lab script is big; /dev/zero is endless), its encoding found by its byte-order mark (UTF-8 without
/// one; UTF-16 and UTF-32 in either byte order with one).
enum ScriptFile {
    static let maximumBytes = 128 << 20

    enum Failure: Error { case unreadable, tooLarge }

    static func read(_ path: String) -> Result<String, Failure> {
        guard let file = try? FileDescriptor.open(path, .readOnly) else { return .failure(.unreadable) }
        return read(from: file)
    }

    /// Standard input (`-DumpAst -`), left open.
    static func readStandardInput() -> Result<String, Failure> {
        guard let input = FileDescriptor.inherited(0) else { return .failure(.unreadable) }
        let result = read(from: input)
        _ = input.release()
        return result
    }

    private static func read(from file: borrowing FileDescriptor) -> Result<String, Failure> {
        var bytes: [UInt8] = []
        while bytes.count <= maximumBytes {
            guard let chunk = try? file.read(upToCount: 1 << 16) else { return .failure(.unreadable) }
            if chunk.isEmpty { return .success(String(decoding: ScriptEncoding.utf8(bytes), as: UTF8.self)) }
            bytes += chunk
        }
        return .failure(.tooLarge)
    }

    static func tooLargeMessage(_ path: String) -> String {
        "The script file '\(path)' is larger than \(maximumBytes >> 20) MiB; hvsh does not read scripts that large.\n"
    }
}
