import Foundation

/// What a VM is doing right now. For a VM without a worker this comes from its config (Off or
/// Saved); for a running one, from the VMM's worker.
public struct VMRuntimeStatus: Sendable, Equatable {
    public var state: VMState
    /// Percent of the host's CPU the VM used recently (Get-VM's CPUUsage(%)).
    public var cpuUsage: Int
    /// Bytes of guest RAM currently assigned (Get-VM's MemoryAssigned).
    public var memoryAssigned: Int64
    /// Bytes the guest needs (Get-VM's MemoryDemand): its own report where it gives one, else what it is assigned.
    public var memoryDemand: Int64?
    /// Time since the VM was started; zero when not running.
    public var uptimeSeconds: Double
    /// Hyper-V's Status column, e.g. "Operating normally".
    public var statusText: String
    /// What the guest's heartbeat shows while the VM runs (nil when nothing is known: off, or no VMM).
    public var guestHeartbeat: VMHeartbeatStatus?
    /// hvsh extension: the engine the running VM is on (nil when it is not running).
    public var engine: VMEngine?
    /// A saved state the VM's worker wrote (a save asked for on its control socket rather than by Save-VM)
    /// that the VM's record does not name yet: the state is Saved, and the next change records the path.
    public var unrecordedSavedState: String?

    public init(state: VMState, cpuUsage: Int = 0, memoryAssigned: Int64 = 0, uptimeSeconds: Double = 0,
                statusText: String = "Operating normally", guestHeartbeat: VMHeartbeatStatus? = nil) {
        self.state = state
        self.cpuUsage = cpuUsage
        self.memoryAssigned = memoryAssigned
        self.uptimeSeconds = uptimeSeconds
        self.statusText = statusText
        self.guestHeartbeat = guestHeartbeat
    }

    /// Get-VM's Heartbeat as Hyper-V reports it: nothing while the VM is not running, Paused while it is
    /// paused, Disabled when its Heartbeat service is off, else what the guest's answers show.
    public func heartbeat(of vm: VMConfiguration) -> VMHeartbeatStatus? {
        switch state {
        case .Running: break
        case .Paused: return .Paused
        default: return nil
        }
        guard vm.integrationServices.contains(where: { $0.name == "Heartbeat" && $0.enabled }) else { return .Disabled }
        return guestHeartbeat ?? .NoContact
    }
}

/// The source of live VM status. The VMM client implements it; `ConfigurationOnlyMonitor` is used
/// where no VM can run (and in tests of the configuration cmdlets).
public protocol VMRuntimeMonitor: Sendable {
    func status(of vm: VMConfiguration) -> VMRuntimeStatus
}

/// Reports Off, or Saved when the config records a saved state: what a VM is with no worker.
public struct ConfigurationOnlyMonitor: VMRuntimeMonitor {
    public init() {}
    public func status(of vm: VMConfiguration) -> VMRuntimeStatus {
        VMRuntimeStatus(state: vm.savedStatePath == nil ? .Off : .Saved)
    }
}

/// A monitor whose answers a test sets, to exercise the rules that depend on a running VM
/// without starting one. (The lifecycle tests use the real VMM.)
public final class FixedStateMonitor: VMRuntimeMonitor, @unchecked Sendable {
    private let lock = NSLock()
    private var states: [UUID: VMState] = [:]
    public init() {}
    public func set(_ state: VMState, for id: UUID) { lock.withLock { states[id] = state } }
    public func status(of vm: VMConfiguration) -> VMRuntimeStatus {
        let state = lock.withLock { states[vm.id] } ?? (vm.savedStatePath == nil ? .Off : .Saved)
        return VMRuntimeStatus(state: state, memoryAssigned: state == .Running ? vm.memory.startup : 0)
    }
}
