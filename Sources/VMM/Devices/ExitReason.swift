/// Why a VM stopped running.
public enum ExitReason: Sendable, Equatable, CustomStringConvertible {
    /// The guest wrote `code` to the exit port (0xf4).
    case guestExit(code: UInt8)
    /// The guest asked for a reset (i8042 pulse or KVM system event); hvsh powers the VM off, as Hyper-V's
    /// worker does when the VM is configured to stop rather than restart.
    case guestReset
    /// The guest powered off through a KVM system event.
    case guestPowerOff
    /// A triple fault: the guest's CPU shut down.
    case tripleFault
    /// KVM could not run the guest further (emulation failure, entry failure).
    case internalError(String)
    /// The host turned the VM off.
    case turnedOff
    /// The VM's state was saved and the worker ended.
    case saved

    public var description: String {
        switch self {
        case .guestExit(let code): return "the guest exited with code \(code)"
        case .guestReset: return "the guest reset the machine"
        case .guestPowerOff: return "the guest powered off"
        case .tripleFault: return "the guest's CPU triple-faulted"
        case .internalError(let text): return "KVM stopped the guest: \(text)"
        case .turnedOff: return "turned off"
        case .saved: return "saved"
        }
    }
}

/// How a device tells the machine that the VM must stop.
public protocol MachineControl: AnyObject, Sendable {
    func requestExit(_ reason: ExitReason)
}
