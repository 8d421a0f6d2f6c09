/// A VM's run state as its worker (or the absence of one) shows it.
public enum WorkerRunState: String, Sendable, Equatable {
    case running = "Running"
    case paused = "Paused"
    /// No worker: the VM is off (see `WorkerStatus.exitReason` for why, when known).
    case off = "Off"
}

/// One answer to "how is this VM doing", for Get-VM's live columns.
public struct WorkerStatus: Sendable, Equatable {
    public var state: WorkerRunState
    /// Percent of the host's total CPU capacity the worker used over the last second or so.
    public var cpuUsagePercent: Double
    /// Guest RAM assigned, in bytes.
    public var memoryAssigned: UInt64
    /// The worker's resident memory, in bytes (guest pages it touched plus its own).
    public var residentBytes: UInt64
    /// Milliseconds since the worker started the VM.
    public var uptimeMilliseconds: UInt64
    public var pid: Int32
    /// Why the VM stopped, when it is off and the worker left a record (or died without one).
    public var exitReason: String?
    /// True when the worker ended because of a save: the VM is in Hyper-V's Saved state.
    public var saved: Bool
    /// The guest's heartbeat while it runs.
    public var heartbeat: GuestHeartbeat = .noContact

    public init(state: WorkerRunState, cpuUsagePercent: Double, memoryAssigned: UInt64, residentBytes: UInt64,
                uptimeMilliseconds: UInt64, pid: Int32, exitReason: String?, saved: Bool, heartbeat: GuestHeartbeat = .noContact) {
        self.state = state
        self.cpuUsagePercent = cpuUsagePercent
        self.memoryAssigned = memoryAssigned
        self.residentBytes = residentBytes
        self.uptimeMilliseconds = uptimeMilliseconds
        self.pid = pid
        self.exitReason = exitReason
        self.saved = saved
        self.heartbeat = heartbeat
    }

    public static func off(reason: String?, saved: Bool = false) -> WorkerStatus {
        WorkerStatus(state: .off, cpuUsagePercent: 0, memoryAssigned: 0, residentBytes: 0, uptimeMilliseconds: 0,
                     pid: 0, exitReason: reason, saved: saved)
    }
}
