import LinuxSystem

/// Whole-file reads and writes through LinuxSystem: the shell reads its profile, history and scripts
/// this way so that starting up does not load Foundation.
enum FileText {
    /// The file's bytes as UTF-8 text (invalid sequences replaced), or nil if it cannot be read.
    static func read(_ path: String) -> String? { FileSystem.readText(path) }

    /// Writes all of `text` to a standard stream. False if the write failed.
    @discardableResult
    static func writeAll(_ stream: StandardStream, _ text: String) -> Bool {
        (try? stream.writeAll(Array(text.utf8))) != nil
    }

    static func isDirectory(_ path: String) -> Bool { (try? FileSystem.status(path))?.isDirectory ?? false }

    static func isRegularFile(_ path: String) -> Bool { (try? FileSystem.status(path))?.isRegularFile ?? false }

    static func currentDirectory() -> String { (try? FileSystem.currentDirectory()) ?? "/" }
}
