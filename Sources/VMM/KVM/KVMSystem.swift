#if canImport(Glibc)
import Glibc
#endif
import CKVM
import LinuxSystem

/// The capabilities hvsh's VMM relies on; the worker refuses to start a VM without them.
public enum KVMCapability: Int32, CaseIterable, Sendable {
    case userMemory = 3
    case irqchip = 0
    case pit2 = 33
    case irqfd = 32
    case ioeventfd = 36
    case immediateExit = 136
    case setTSSAddress = 4
    case nrVCPUs = 9
    case maxVCPUs = 66
    case nestedState = 157

    /// The kernel's name for the capability, for error messages.
    public var kernelName: String {
        switch self {
        case .userMemory: return "KVM_CAP_USER_MEMORY"
        case .irqchip: return "KVM_CAP_IRQCHIP"
        case .pit2: return "KVM_CAP_PIT2"
        case .irqfd: return "KVM_CAP_IRQFD"
        case .ioeventfd: return "KVM_CAP_IOEVENTFD"
        case .immediateExit: return "KVM_CAP_IMMEDIATE_EXIT"
        case .setTSSAddress: return "KVM_CAP_SET_TSS_ADDR"
        case .nrVCPUs: return "KVM_CAP_NR_VCPUS"
        case .maxVCPUs: return "KVM_CAP_MAX_VCPUS"
        case .nestedState: return "KVM_CAP_NESTED_STATE"
        }
    }

    /// Capabilities without which no VM is started.
    public static let required: [KVMCapability] = [.userMemory, .irqchip, .pit2, .irqfd, .ioeventfd, .immediateExit, .setTSSAddress]
}

/// An open `/dev/kvm`: API version, capabilities, the CPUID the host can give, and VM creation.
public final class KVMSystem: Sendable {
    let fd: CInt
    /// Size of each vCPU's shared `kvm_run` area.
    public let vcpuMmapSize: Int

    /// Opens `/dev/kvm` and checks the API version and the required capabilities.
    public init(path: String = "/dev/kvm") throws(VMMError) {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        if fd < 0 {
            let error = Errno.current
            if error == .noSuchFile || error == .noDevice || error == Errno(rawValue: ENXIO) { throw .kvmMissing }
            if error == .permissionDenied || error == .notPermitted { throw .kvmNotPermitted(error) }
            throw .system("open(\(path))", error)
        }
        self.fd = fd
        let version = ckvm_ioctl_int(fd, ckvm_KVM_GET_API_VERSION(), 0)
        if version != 12 { close(fd); throw .kvmAPIVersion(version) }
        for capability in KVMCapability.required where ckvm_ioctl_int(fd, ckvm_KVM_CHECK_EXTENSION(), UInt(capability.rawValue)) <= 0 {
            close(fd)
            throw .capabilityMissing(capability.kernelName)
        }
        let size = ckvm_ioctl_int(fd, ckvm_KVM_GET_VCPU_MMAP_SIZE(), 0)
        if size <= 0 { close(fd); throw .ioctl("KVM_GET_VCPU_MMAP_SIZE", .current) }
        vcpuMmapSize = Int(size)
    }

    deinit { close(fd) }

    /// KVM_CHECK_EXTENSION: 0 when absent, otherwise a capability-specific positive value.
    public func check(_ capability: KVMCapability) -> Int {
        Int(max(0, ckvm_ioctl_int(fd, ckvm_KVM_CHECK_EXTENSION(), UInt(capability.rawValue))))
    }

    /// The most vCPUs one VM may have here.
    public var maximumVCPUs: Int { max(check(.maxVCPUs), check(.nrVCPUs), 1) }

    /// KVM_GET_SUPPORTED_CPUID: every leaf the host can present to a guest.
    public func supportedCPUID() throws(VMMError) -> [CPUIDEntry] {
        var capacity = 128
        while true {
            let buffer = CPUIDBuffer(capacity: capacity)
            let result = ckvm_ioctl_ptr(fd, ckvm_KVM_GET_SUPPORTED_CPUID(), buffer.raw)
            if result == 0 { return buffer.entries }
            if errno == E2BIG && capacity < 4096 { capacity *= 2; continue }
            throw .ioctl("KVM_GET_SUPPORTED_CPUID", .current)
        }
    }

    /// What this host can offer for nested virtualization.
    public func nestingSupport() throws(VMMError) -> HostNestingSupport {
        HostNestingSupport(supportedCPUID: try supportedCPUID(), nestedStateSize: check(.nestedState))
    }

    /// KVM_CREATE_VM.
    public func createVM() throws(VMMError) -> KVMVirtualMachine {
        let vmfd = ckvm_ioctl_int(fd, ckvm_KVM_CREATE_VM(), 0)
        if vmfd < 0 { throw .ioctl("KVM_CREATE_VM", .current) }
        return KVMVirtualMachine(fd: vmfd, system: self)
    }
}

/// A `struct kvm_cpuid2` with room for `capacity` entries, owned on the heap.
final class CPUIDBuffer {
    let raw: UnsafeMutableRawPointer
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        let size = MemoryLayout<kvm_cpuid2>.size + capacity * MemoryLayout<kvm_cpuid_entry2>.stride
        raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        raw.assumingMemoryBound(to: kvm_cpuid2.self).pointee.nent = UInt32(capacity)
    }

    convenience init(_ entries: [CPUIDEntry]) {
        self.init(capacity: entries.count)
        let base = entryPointer
        for (index, entry) in entries.enumerated() {
            var raw = kvm_cpuid_entry2()
            raw.function = entry.function; raw.index = entry.index; raw.flags = entry.flags
            raw.eax = entry.eax; raw.ebx = entry.ebx; raw.ecx = entry.ecx; raw.edx = entry.edx
            base[index] = raw
        }
    }

    deinit { raw.deallocate() }

    private var entryPointer: UnsafeMutablePointer<kvm_cpuid_entry2> {
        (raw + MemoryLayout<kvm_cpuid2>.size).assumingMemoryBound(to: kvm_cpuid_entry2.self)
    }

    var entries: [CPUIDEntry] {
        let count = Int(raw.assumingMemoryBound(to: kvm_cpuid2.self).pointee.nent)
        return (0..<min(count, capacity)).map { index in
            let e = entryPointer[index]
            return CPUIDEntry(function: e.function, index: e.index, flags: e.flags, eax: e.eax, ebx: e.ebx, ecx: e.ecx, edx: e.edx)
        }
    }
}
