/// The requests a worker takes on its control socket, one line each, answered by one line.
///
/// Wire form: `state`, `shutdown`, `turn-off`, `pause`, `resume`, `save <directory>`, `checkpoint <directory>`,
/// `plug-tap <adapter index> <tap name>`, `detach-disks`, `attach-disk <disk index> <path>`,
/// `change-medium <drive index> [<image path>]`, `resize-disk <disk index> <size in bytes>`.
/// Answers: `ok key=value ...` or `error <message>`.
public enum WorkerAction: Sendable, Equatable {
    /// Live state: `state`, `cpu` (percent of host), `memory` (bytes assigned), `rss`, `uptime` (ms), `pid`, `vcpus`.
    case state
    /// Ask the guest to shut down (fails when the guest has no way to take the request).
    case shutdown
    /// Power off at once.
    case turnOff
    case pause
    case resume
    /// Snapshot to the directory, then end the worker (the VM is then Saved).
    case save(directory: String)
    /// Snapshot to the directory and keep running (or stay paused).
    case checkpoint(directory: String)
    /// Open (creating if needed) the tap for network adapter `index`, which started without one.
    case plugTap(index: Int, name: String)
    /// Flush and close every disk's files (the VM must be paused, and stays paused until they are attached).
    case detachDisks
    /// Serve disk `index` from the file at `path` from now on (the VM must be paused).
    case attachDisk(index: Int, path: String)
    /// Put another image into DVD drive `drive` (its index among the QEMU machine's drives), or eject it (nil).
    case changeMedium(drive: Int, path: String?)
    /// Resize disk `index`'s file to `size` bytes while the VM runs and tell the guest (answer: `size=`).
    case resizeDisk(index: Int, size: UInt64)
    /// Tests only (a worker started with HVSH_WORKER_TEST_REQUESTS=1 in its environment; others answer
    /// "unknown request"): make a system call the jail's filter forbids, which must kill the worker.
    case forbiddenCallForTest
    /// Tests only, as above: open `path` read-only inside the worker and answer whether it could (`ok`, or
    /// `error` with the reason), to show what a jailed worker can reach.
    case openFileForTest(path: String)
    /// Tests only, as above: create an IP socket, which the filter forbids (the worker reaches no network).
    case networkSocketForTest

    public var line: String {
        switch self {
        case .state: return "state"
        case .shutdown: return "shutdown"
        case .turnOff: return "turn-off"
        case .pause: return "pause"
        case .resume: return "resume"
        case .save(let directory): return "save \(WorkerFields.escape(directory))"
        case .checkpoint(let directory): return "checkpoint \(WorkerFields.escape(directory))"
        case .plugTap(let index, let name): return "plug-tap \(WorkerFields.escape("\(index) \(name)"))"
        case .detachDisks: return "detach-disks"
        case .attachDisk(let index, let path): return "attach-disk \(WorkerFields.escape("\(index) \(path)"))"
        case .changeMedium(let drive, let path): return "change-medium \(WorkerFields.escape("\(drive) \(path ?? "")"))"
        case .resizeDisk(let index, let size): return "resize-disk \(WorkerFields.escape("\(index) \(size)"))"
        case .forbiddenCallForTest: return "test-forbidden-call"
        case .openFileForTest(let path): return "test-open \(WorkerFields.escape(path))"
        case .networkSocketForTest: return "test-network-socket"
        }
    }

    public init?(line: String) {
        let parts = WorkerFields.split(line[...], on: " ", maxSplits: 1)
        guard let verb = parts.first.map(String.init) else { return nil }
        let argument = parts.count > 1 ? WorkerFields.unescape(parts[1]) : nil
        switch (verb, argument) {
        case ("state", nil): self = .state
        case ("shutdown", nil): self = .shutdown
        case ("turn-off", nil): self = .turnOff
        case ("pause", nil): self = .pause
        case ("resume", nil): self = .resume
        case ("save", let directory?): self = .save(directory: directory)
        case ("checkpoint", let directory?): self = .checkpoint(directory: directory)
        case ("test-open", let path?): self = .openFileForTest(path: path)
        case ("plug-tap", let text?):
            let fields = WorkerFields.split(text[...], on: " ")
            guard fields.count == 2, let index = Int(fields[0]), index >= 0 else { return nil }
            self = .plugTap(index: index, name: String(fields[1]))
        case ("detach-disks", nil): self = .detachDisks
        case ("test-forbidden-call", nil): self = .forbiddenCallForTest
        case ("test-network-socket", nil): self = .networkSocketForTest
        case ("attach-disk", let text?):
            let scalars = text.unicodeScalars
            guard let space = scalars.firstIndex(of: " "), let index = Int(String(scalars[..<space])), index >= 0 else { return nil }
            let path = String(scalars[scalars.index(after: space)...])
            guard !path.isEmpty else { return nil }
            self = .attachDisk(index: index, path: path)
        case ("change-medium", let text?):
            let fields = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard let index = Int(fields[0]), index >= 0 else { return nil }
            let path = fields.count > 1 ? String(fields[1]) : ""
            self = .changeMedium(drive: index, path: path.isEmpty ? nil : path)
        case ("resize-disk", let text?):
            let fields = text.split(separator: " ")
            guard fields.count == 2, let index = Int(fields[0]), index >= 0, let size = UInt64(fields[1]) else { return nil }
            self = .resizeDisk(index: index, size: size)
        default: return nil
        }
    }
}

/// The reply line's two shapes, `ok key=value ...` and `error <message>`, built and read here only.
public enum WorkerReply {
    /// The reply's fields; an `error` reply is thrown as `VMMError.requestFailed`.
    static func parse(_ line: String, request: String) throws(VMMError) -> [String: String] {
        if line.hasPrefix("error ") { throw .requestFailed(request: request, message: String(line.dropFirst(6))) }
        guard line == "ok" || line.hasPrefix("ok ") else { throw .worker("unexpected reply from worker: \(line)") }
        return WorkerFields.decode(line.dropFirst(2), separator: " ")
    }

    public static func ok(_ fields: [(String, String)] = []) -> String {
        fields.isEmpty ? "ok" : "ok " + WorkerFields.encode(fields, separator: " ")
    }

    public static func error(_ message: String) -> String { "error " + message }
}
