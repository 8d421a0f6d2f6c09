// Start-Transcript and Stop-Transcript: a copy of everything the shell shows, in a text file.

import Foundation
import LinuxSystem
import PSRuntime

/// Wraps the session's host and copies everything written to a transcript file.
final class TranscriptHost: PSHost {
    let inner: PSHost
    let path: String
    /// The transcript file, opened for appending; nil once stopped (or when it could not be opened).
    private var file: FileDescriptor?

    init(inner: PSHost, path: String, append: Bool) {
        self.inner = inner
        self.path = path
        file = try? FileDescriptor.open(path, .writeOnly, options: append ? [.create, .append] : [.create, .append, .truncate])
    }

    func record(_ text: String) { try? file?.writeAll(Array(text.utf8)) }
    /// Stop-Transcript: the file is closed and nothing more is recorded.
    func stop() { file = nil }

    func write(_ text: String, stream: HostStream) {
        inner.write(text, stream: stream)
        if stream != .progress { record(text) }
    }
    func readLine(prompt: String) -> String? {
        let line = inner.readLine(prompt: prompt)
        record(prompt + (line ?? "") + "\n")
        return line
    }
    var windowWidth: Int { inner.windowWidth }
    var isInteractive: Bool { inner.isInteractive }
    var name: String { inner.name }
    func progress(activity: String, status: String, percentComplete: Int, completed: Bool) {
        inner.progress(activity: activity, status: status, percentComplete: percentComplete, completed: completed)
    }
    func confirm(caption: String, message: String) -> Bool { inner.confirm(caption: caption, message: message) }
}

final class StartTranscriptCommand: Cmdlet {
    static let path = Parameter<String>("Path", aliases: ["LiteralPath", "PSPath"], position: 0)
    static let outputDirectory = Parameter<String>("OutputDirectory")
    static let append = Parameter<SwitchParameter>("Append")
    static let force = Parameter<SwitchParameter>("Force")
    static let noClobber = Parameter<SwitchParameter>("NoClobber")
    static let includeInvocationHeader = Parameter<SwitchParameter>("IncludeInvocationHeader")
    static let useMinimalHeader = Parameter<SwitchParameter>("UseMinimalHeader")
    static let declaration = CmdletDeclaration("Start-Transcript", parameters: [
        path, outputDirectory, append, force, noClobber, includeInvocationHeader, useMinimalHeader,
    ], synopsis: "Records the session's output in a file.", description: "Copies everything the shell shows from now on into a text file, until Stop-Transcript.")
    func process(_ context: CmdletContext) throws {
        let session = context.session
        var path: String
        if let p = context[Self.path] { path = FileSystemPaths.resolve(p, session: session) } else {
            let dir = context[Self.outputDirectory].map { FileSystemPaths.resolve($0, session: session) } ?? (ProcessInfo.processInfo.environment["HOME"] ?? "/tmp")
            let stamp = DateFormatting.format(DateParts(PSDateTime.now()), "yyyyMMddHHmmss")
            path = dir + "/PowerShell_transcript.\(ProcessInfo.processInfo.hostName).\(stamp).txt"
        }
        if context[Self.noClobber], FileManager.default.fileExists(atPath: path) {
            throw context.terminatingError("File \(path) already exists and NoClobber was specified.", errorId: "NoClobber", category: .resourceExists)
        }
        let dir = (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: dir) else {
            throw context.terminatingError("Transcription cannot be started due to the error: Could not find a part of the path '\(path)'.",
                                           errorId: "CannotStartTranscription", category: .invalidOperation, target: .string(path))
        }
        let host = TranscriptHost(inner: session.host, path: path, append: context[Self.append])
        let stamp = DateFormatting.format(DateParts(PSDateTime.now()), "yyyyMMddHHmmss")
        host.record("**********************\nPowerShell transcript start\nStart time: \(stamp)\n**********************\n")
        session.host = host
        try context.writeObject(.string("Transcript started, output file is \(path)"))
    }
}

final class StopTranscriptCommand: Cmdlet {
    static let declaration = CmdletDeclaration("Stop-Transcript", synopsis: "Stops recording the session's output.",
        description: "Closes the transcript file started by Start-Transcript.")
    func process(_ context: CmdletContext) throws {
        guard let t = context.session.host as? TranscriptHost else {
            throw context.terminatingError("An error occurred stopping transcription: The host is not currently transcribing.",
                                           errorId: "InvalidOperation", category: .invalidOperation,
                                           exceptionType: "System.Management.Automation.PSInvalidOperationException")
        }
        let stamp = DateFormatting.format(DateParts(PSDateTime.now()), "yyyyMMddHHmmss")
        t.record("**********************\nPowerShell transcript end\nEnd time: \(stamp)\n**********************\n")
        t.stop()
        context.session.host = t.inner
        try context.writeObject(.string("Transcript stopped, output file is \(t.path)"))
    }
}
