import Foundation
import LinuxSystem

/// The objects a warning, verbose, debug or information message becomes when it is merged into the
/// output stream (`3>&1`, `*>&1`): PowerShell's WarningRecord, VerboseRecord, DebugRecord and
/// InformationRecord, which scripts read (`.Message`, `.MessageData`) and which print as their text.
public enum StreamRecords {
    public static let namespace = "System.Management.Automation."

    /// A WarningRecord, VerboseRecord or DebugRecord (`kind` is `Warning`, `Verbose` or `Debug`).
    public static func informational(_ kind: String, _ message: String) -> PSValue {
        let o = PSObject(typeNames: [namespace + kind + "Record", namespace + "InformationalRecord", "System.Object"])
        o.addNote("Message", .string(message))
        o.addNote("InvocationInfo", .null)
        o.addNote("PipelineIterationInfo", .array(PSArray([])))
        o.toStringHandler = { _ in message }
        return .object(o)
    }

    /// An InformationRecord carrying `data` (Write-Information's message, or Write-Host's text).
    public static func information(_ data: PSValue, tags: [String] = [], source: String = "") -> PSValue {
        let o = PSObject(typeNames: [namespace + "InformationRecord", "System.Object"])
        o.addNote("MessageData", data)
        o.addNote("Source", .string(source))
        o.addNote("TimeGenerated", .dateTime(PSDateTime.now()))
        o.addNote("Tags", .array(PSArray(tags.map { .string($0) })))
        o.addNote("User", .string(NSUserName()))
        o.addNote("Computer", .string(ProcessInfo.processInfo.hostName))
        o.addNote("ProcessId", .long(Int64(ProcessInfo.processInfo.processIdentifier)))
        o.addNote("NativeThreadId", .long(Processes.currentThreadID()))
        o.addNote("ManagedThreadId", .int(1))
        o.toStringHandler = { _ in PSConvert.toString(data) }
        return .object(o)
    }

    /// What Write-Host's text is inside its InformationRecord (a HostInformationMessage).
    public static func hostMessage(_ text: String) -> PSValue {
        let noNewLine = !text.hasSuffix("\n")
        let message = noNewLine ? text : String(text.dropLast())
        let o = PSObject(typeNames: [namespace + "HostInformationMessage", "System.Object"])
        o.addNote("Message", .string(message))
        o.addNote("NoNewLine", .bool(noNewLine))
        o.addNote("ForegroundColor", .null)
        o.addNote("BackgroundColor", .null)
        o.toStringHandler = { _ in message }
        return .object(o)
    }
}
