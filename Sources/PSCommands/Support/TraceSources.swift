import Foundation
import PSRuntime

/// PowerShell's trace sources as Trace-Command, Set-TraceSource and Get-TraceSource see them. hvsh
/// traces what its pipeline tells it: each command a pipeline resolves (ParameterBinding's
/// BIND/MANDATORY/CALLING lines, CommandDiscovery's look-up). Each line goes to the listeners of its
/// source as .NET's TextWriterTraceListener writes it (`Source Information: 0 : message`, then the
/// -ListenerOption fields indented below it); the host listener prefixes `DEBUG: `.
final class TraceSources {
    static let known: [(name: String, description: String)] = [
        ("CommandDiscovery", "Traces the discovery of cmdlets, scripts, functions, applications, etc."),
        ("CommandProcessor", "Traces the execution of a command."),
        ("ETS", "Extended Type System"),
        ("FormatViewBinding", "Format view binding"),
        ("MethodInvocation", "Traces the invocation of .NET methods."),
        ("ParameterBinding", "Traces the process of binding the arguments to the parameters of cmdlets, scripts, and applications."),
        ("ParameterBinderBase", "Controls the tracing of the base ParameterBinder class."),
        ("ParameterBinderController", "Controls the tracing of the ParameterBinderController class."),
        ("TypeConversion", "Traces the type conversion algorithm"),
    ]

    /// One place trace lines go: a file, the host, or both, for a set of sources.
    final class Listener {
        var sources: Set<String>
        var file: String?
        var host: Bool
        var options: Set<String>
        init(sources: Set<String>, file: String?, host: Bool, options: Set<String>) {
            self.sources = sources; self.file = file; self.host = host; self.options = options
        }
    }

    private(set) var listeners: [Listener] = []
    private weak var session: ShellSession?
    private var chained: ((String, String, String?) -> Void)?

    static func of(_ session: ShellSession) -> TraceSources {
        if let made = try? session.services.service(TraceSources.self) { return made }
        let made = TraceSources()
        made.session = session
        session.services.provide(TraceSources.self) { made }
        return made
    }

    /// The known source names a list of wildcard patterns matches.
    static func matching(_ patterns: [String]) -> [String] {
        known.map(\.name).filter { name in patterns.contains { WildcardPattern($0, caseSensitive: false).matches(name) } }
    }

    func add(_ listener: Listener) {
        listeners.append(listener)
        hook()
    }

    func remove(_ listener: Listener) {
        listeners.removeAll { $0 === listener }
        hook()
    }

    /// Set-TraceSource -RemoveFileListener: files matching the patterns stop receiving lines.
    func removeFiles(matching patterns: [String], sources: Set<String>) {
        for l in listeners where l.file != nil && !l.sources.isDisjoint(with: sources) {
            if patterns.contains(where: { WildcardPattern($0, caseSensitive: false).matches(l.file!) }) {
                l.sources.subtract(sources)
            }
        }
        listeners.removeAll { $0.sources.isEmpty || ($0.file == nil && !$0.host) }
        hook()
    }

    /// Set-TraceSource -RemoveListener: the host (`Host`) or file listeners (by path) of the sources.
    func removeListeners(named names: [String], sources: Set<String>) {
        for l in listeners where !l.sources.isDisjoint(with: sources) {
            let label = l.host ? "Host" : (l.file ?? "")
            if names.contains(where: { WildcardPattern($0, caseSensitive: false).matches(label) }) { l.sources.subtract(sources) }
        }
        listeners.removeAll { $0.sources.isEmpty }
        hook()
    }

    /// Listens to the pipeline's command resolution while any listener exists, passing each event on
    /// to whoever listened before (the breakpoint store).
    private func hook() {
        guard let session else { return }
        if listeners.isEmpty {
            if chained != nil || session.commandInvocationObserver != nil { session.commandInvocationObserver = chained }
            chained = nil
            return
        }
        if chained == nil { chained = session.commandInvocationObserver }
        let previous = chained
        session.commandInvocationObserver = { [weak self] invocationName, commandName, script in
            previous?(invocationName, commandName, script)
            self?.commandResolved(invocationName, commandName)
        }
    }

    private func commandResolved(_ invocationName: String, _ commandName: String) {
        emit("CommandDiscovery", "Looking up command: \(invocationName)")
        for message in ["BIND NAMED cmd line args [\(commandName)]", "BIND POSITIONAL cmd line args [\(commandName)]",
                        "MANDATORY PARAMETER CHECK on cmdlet [\(commandName)]", "CALLING BeginProcessing", "CALLING EndProcessing"] {
            emit("ParameterBinding", message)
        }
    }

    /// Writes one trace line to every listener of `source`.
    func emit(_ source: String, _ message: String) {
        for l in listeners where l.sources.contains(source) {
            var text = "\(source) Information: 0 : \(message)\n"
            // .NET's TraceListener.WriteFooter order, each field indented by one level (4 spaces).
            if l.options.contains("processid") { text += "    ProcessId=\(getpid())\n" }
            if l.options.contains("logicaloperationstack") { text += "    LogicalOperationStack=\n" }
            if l.options.contains("threadid") { text += "    ThreadId=1\n" }
            if l.options.contains("datetime") {
                let now = Date().timeIntervalSince1970, seconds = now.rounded(.down)
                let parts = DateParts(epochSeconds: Int(seconds), ticks: Int((now - seconds) * 10_000_000), utc: true)
                text += "    DateTime=" + DateFormatting.format(parts, "o") + "\n"
            }
            if l.options.contains("timestamp") { text += "    Timestamp=\(DispatchTime.now().uptimeNanoseconds / 100)\n" }
            if l.options.contains("callstack") { text += "    Callstack=\n" }
            if let file = l.file, let handle = FileHandle(forWritingAtPath: file) {
                handle.seekToEndOfFile()
                handle.write(Data(text.utf8))
                try? handle.close()
            }
            if l.host, let session {
                for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    session.host.write("DEBUG: \(line)\n", stream: .debug)
                }
            }
        }
    }
}
