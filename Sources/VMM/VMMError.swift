import LinuxSystem

/// Everything the VMM layer can report, one line of text per case.
public enum VMMError: Error, Sendable, CustomStringConvertible, Equatable {
    /// `/dev/kvm` does not exist: the kernel has no KVM or the module is not loaded.
    case kvmMissing
    /// `/dev/kvm` exists but this process may not open it.
    case kvmNotPermitted(Errno)
    /// The kernel speaks another KVM API version than the stable one (12).
    case kvmAPIVersion(Int32)
    /// A capability the VMM needs is absent.
    case capabilityMissing(String)
    /// The VM asks for virtualization extensions that this host cannot give a guest.
    case nestedVirtualizationUnavailable(missing: String)
    /// A KVM ioctl failed.
    case ioctl(String, Errno)
    /// Any other system call failed.
    case system(String, Errno)
    /// A guest-physical range lies outside guest RAM.
    case guestAddressOutOfRange(address: UInt64, length: UInt64)
    /// The VM configuration cannot be used as given.
    case invalidConfiguration(String)
    /// A kernel or firmware image could not be loaded.
    case badImage(String)
    /// A snapshot is missing, truncated or from another VM shape.
    case badSnapshot(String)
    /// The worker could not be reached, or answered something it should not have.
    case worker(String)
    /// A worker already runs for this runtime directory (one worker per VM).
    case alreadyRunning(String)
    /// The worker's process exists but does not answer (stopped, or stuck past the request's deadline).
    case notResponding(String)
    /// The worker refused or failed a request (`request` is its verb), saying why.
    case requestFailed(request: String, message: String)

    public var description: String {
        switch self {
        case .kvmMissing:
            return "/dev/kvm does not exist: this host has no KVM (load the kvm module or enable virtualization)"
        case .kvmNotPermitted(let errno):
            return "/dev/kvm cannot be opened (\(errno)): run as root or join the kvm group"
        case .kvmAPIVersion(let version):
            return "KVM API version is \(version), expected 12"
        case .capabilityMissing(let name):
            return "KVM lacks the capability \(name)"
        case .nestedVirtualizationUnavailable(let missing):
            return "virtualization extensions cannot be exposed to the guest: \(missing)"
        case .ioctl(let name, let errno):
            return "\(name) failed: \(errno)"
        case .system(let call, let errno):
            return "\(call) failed: \(errno)"
        case .guestAddressOutOfRange(let address, let length):
            return "guest range 0x\(String(address, radix: 16)) (+\(length)) is outside guest RAM"
        case .invalidConfiguration(let text):
            return "invalid VM configuration: \(text)"
        case .badImage(let text):
            return "bad boot image: \(text)"
        case .badSnapshot(let text):
            return "bad snapshot: \(text)"
        case .worker(let text):
            return text
        case .alreadyRunning(let path):
            return "a worker is already running for \(path)"
        case .notResponding(let path):
            return "the VM's worker is not responding (\(path))"
        case .requestFailed(_, let message):
            return message
        }
    }
}
