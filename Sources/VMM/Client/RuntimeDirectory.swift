/// The files of one VM's worker, all inside its runtime directory.
public struct RuntimeDirectory: Sendable, Equatable {
    public let path: String
    public init(_ path: String) { self.path = path }

    /// The launch request (written by the client).
    public var configuration: String { path + "/vm.conf" }
    /// Unix socket taking `WorkerAction` lines.
    public var controlSocket: String { path + "/control.sock" }
    /// Unix socket streaming the console: bytes in are typed into the guest's UART.
    public var consoleSocket: String { path + "/console.sock" }
    /// Everything the guest wrote on its console, appended.
    public var consoleLog: String { path + "/console.log" }
    /// The worker's pid while it runs.
    public var pidFile: String { path + "/worker.pid" }
    /// Written by the worker as it ends: why the VM stopped.
    public var exitRecord: String { path + "/exit" }
    /// Held (flock, exclusive) by whoever launches a worker from its check to its start, and by the worker
    /// itself for its whole life: while it is held a worker runs (or is starting or ending) for this VM.
    public var lockFile: String { path + "/worker.lock" }
    /// The worker's own stderr (start-up failures, crashes).
    public var workerLog: String { path + "/worker.log" }
}
