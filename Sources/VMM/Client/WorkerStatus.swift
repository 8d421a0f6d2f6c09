/// A VM's run state as its worker (or the absence of one) shows it. The VMM's own states: the
/// Hyper-V module maps them to Hyper-V's (`VMMRuntime.status(of:)`).
public enum WorkerRunState: Sendable, Equatable {
    case running
    case paused
    /// No worker: the VM is off (see `WorkerStatus.exit` for why, when known).
    case off
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
    public var exit: WorkerExitRecord?
    public var exitReason: String? { exit?.reason }
    /// True when the worker ended because of a save: the VM is in Hyper-V's Saved state.
    public var saved: Bool { exit?.kind == .saved }
    /// False when the worker's process lives but does not answer (stopped, or past the state deadline).
    public var responding: Bool = true
    /// The guest's heartbeat while it runs.
    public var heartbeat: GuestHeartbeat = .noContact
    /// True when the worker runs the VM in QEMU rather than in the native VMM.
    public var runsInQEMU = false
    /// What the guest needs (`WorkerStateReport.memoryDemand`).
    public var memoryDemand: UInt64 = 0

    /// A live worker that cannot answer: running as far as anyone can tell, with no figures.
    public static func notResponding(pid: Int32) -> WorkerStatus {
        WorkerStatus(state: .running, cpuUsagePercent: 0, memoryAssigned: 0, residentBytes: 0, uptimeMilliseconds: 0,
                     pid: pid, exit: nil, responding: false)
    }

    public static func off(_ exit: WorkerExitRecord?) -> WorkerStatus {
        WorkerStatus(state: .off, cpuUsagePercent: 0, memoryAssigned: 0, residentBytes: 0, uptimeMilliseconds: 0,
                     pid: 0, exit: exit)
    }
}
