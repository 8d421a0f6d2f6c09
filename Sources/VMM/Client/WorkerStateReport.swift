/// What the worker knows of its guest's heartbeat (Hyper-V's Heartbeat integration service).
public enum GuestHeartbeat: String, Sendable, Equatable {
    /// The guest answered a recent heartbeat.
    case ok
    /// The guest has not answered any heartbeat since the VM started (or cannot: not an hvsh guest).
    case noContact = "nocontact"
    /// The guest answered once but has stopped answering.
    case lost
}

/// The worker's answer to a `state` request, encoded and decoded here for both sides. Every field is
/// required: a reply that lacks one is an error, not a silent zero.
public struct WorkerStateReport: Sendable, Equatable {
    public var paused: Bool
    /// Percent of the whole host's CPU capacity, in ten-thousandths of a percent (an integer, so the worker
    /// never formats a floating-point number).
    public var cpuUsageTenThousandths: UInt64
    /// Guest RAM assigned, in bytes.
    public var memoryAssigned: UInt64
    /// The memory the guest needs (Hyper-V's MemoryDemand): what its balloon driver reports using, for a QEMU guest
    /// with dynamic memory that has reported; otherwise what it is assigned.
    public var memoryDemand: UInt64
    /// The worker's resident memory, in bytes.
    public var residentBytes: UInt64
    public var uptimeMilliseconds: UInt64
    public var pid: Int32
    public var vcpuCount: Int
    public var heartbeat: GuestHeartbeat
    /// The worker runs the VM in QEMU (`engine=qemu`) rather than in the native VMM (`engine=native`).
    public var runsInQEMU = false

    public init(paused: Bool, cpuUsageTenThousandths: UInt64, memoryAssigned: UInt64, residentBytes: UInt64,
                uptimeMilliseconds: UInt64, pid: Int32, vcpuCount: Int, heartbeat: GuestHeartbeat = .noContact, runsInQEMU: Bool = false,
                memoryDemand: UInt64? = nil) {
        self.runsInQEMU = runsInQEMU
        self.memoryDemand = memoryDemand ?? memoryAssigned
        self.paused = paused
        self.cpuUsageTenThousandths = cpuUsageTenThousandths
        self.memoryAssigned = memoryAssigned
        self.residentBytes = residentBytes
        self.uptimeMilliseconds = uptimeMilliseconds
        self.pid = pid
        self.vcpuCount = vcpuCount
        self.heartbeat = heartbeat
    }

    var fields: [(String, String)] {
        [("state", paused ? "paused" : "running"), ("cpu", String(cpuUsageTenThousandths)), ("memory", String(memoryAssigned)), ("demand", String(memoryDemand)),
         ("rss", String(residentBytes)), ("uptime", String(uptimeMilliseconds)), ("pid", String(pid)), ("vcpus", String(vcpuCount)),
         ("heartbeat", heartbeat.rawValue), ("engine", runsInQEMU ? "qemu" : "native")]
    }

    /// The worker's reply line: `ok state=running cpu=... memory=... rss=... uptime=... pid=... vcpus=... heartbeat=...`.
    public var replyLine: String { WorkerReply.ok(fields) }

    init(fields: [String: String]) throws(VMMError) {
        func number<T: FixedWidthInteger>(_ key: String, _ type: T.Type) throws(VMMError) -> T {
            guard let text = fields[key], let value = T(text) else {
                throw .worker("the worker's state reply lacks a valid \(key): \(fields)")
            }
            return value
        }
        guard let state = fields["state"], state == "running" || state == "paused" else {
            throw .worker("the worker's state reply lacks a valid state: \(fields)")
        }
        guard let heartbeat = fields["heartbeat"].flatMap(GuestHeartbeat.init(rawValue:)) else {
            throw .worker("the worker's state reply lacks a valid heartbeat: \(fields)")
        }
        guard let engine = fields["engine"], engine == "qemu" || engine == "native" else {
            throw .worker("the worker's state reply lacks a valid engine: \(fields)")
        }
        self.init(paused: state == "paused", cpuUsageTenThousandths: try number("cpu", UInt64.self),
                  memoryAssigned: try number("memory", UInt64.self), residentBytes: try number("rss", UInt64.self),
                  uptimeMilliseconds: try number("uptime", UInt64.self), pid: try number("pid", Int32.self),
                  vcpuCount: try number("vcpus", Int.self), heartbeat: heartbeat, runsInQEMU: engine == "qemu",
                  memoryDemand: try number("demand", UInt64.self))
    }

    public var status: WorkerStatus {
        WorkerStatus(state: paused ? .paused : .running, cpuUsagePercent: Double(cpuUsageTenThousandths) / 10_000,
                     memoryAssigned: memoryAssigned, residentBytes: residentBytes, uptimeMilliseconds: uptimeMilliseconds,
                     pid: pid, exit: nil, heartbeat: heartbeat, runsInQEMU: runsInQEMU, memoryDemand: memoryDemand)
    }
}
