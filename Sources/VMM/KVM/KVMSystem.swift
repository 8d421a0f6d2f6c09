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
    let descriptor: FileDescriptor
    /// Size of each vCPU's shared `kvm_run` area.
    public let vcpuMmapSize: Int

    /// Opens `/dev/kvm` and checks the API version and the required capabilities.
    public init(path: String = "/dev/kvm") throws(VMMError) {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readWrite)
        } catch {
            if error == .noSuchFile || error == .noDevice || error == .noSuchDeviceOrAddress { throw .kvmMissing }
            if error == .permissionDenied || error == .notPermitted { throw .kvmNotPermitted(error) }
            throw .system("open(\(path))", error)
        }
        let version = (try? descriptor.control(ckvm_KVM_GET_API_VERSION())) ?? -1
        if version != 12 { throw .kvmAPIVersion(version) }
        for capability in KVMCapability.required
        where ((try? descriptor.control(ckvm_KVM_CHECK_EXTENSION(), value: UInt(capability.rawValue))) ?? 0) <= 0 {
            throw .capabilityMissing(capability.kernelName)
        }
        do {
            vcpuMmapSize = Int(try descriptor.control(ckvm_KVM_GET_VCPU_MMAP_SIZE()))
        } catch {
            throw .ioctl("KVM_GET_VCPU_MMAP_SIZE", error)
        }
        self.descriptor = descriptor
    }

    /// KVM_CHECK_EXTENSION: 0 when absent, otherwise a capability-specific positive value.
    public func check(_ capability: KVMCapability) -> Int {
        Int((try? descriptor.control(ckvm_KVM_CHECK_EXTENSION(), value: UInt(capability.rawValue))) ?? 0)
    }

    /// The most vCPUs one VM may have here.
    public var maximumVCPUs: Int { max(check(.maxVCPUs), check(.nrVCPUs), 1) }

    /// KVM_GET_SUPPORTED_CPUID: every leaf the host can present to a guest.
    public func supportedCPUID() throws(VMMError) -> [CPUIDEntry] {
        var capacity = 128
        while true {
            let buffer = CPUIDBuffer(capacity: capacity)
            do throws(Errno) {
                try descriptor.control(ckvm_KVM_GET_SUPPORTED_CPUID(), buffer.raw)
                return buffer.entries
            } catch Errno.argumentListTooLong where capacity < 4096 {
                capacity *= 2
            } catch {
                throw .ioctl("KVM_GET_SUPPORTED_CPUID", error)
            }
        }
    }

    /// What this host can offer for nested virtualization.
    public func nestingSupport() throws(VMMError) -> HostNestingSupport {
        HostNestingSupport(supportedCPUID: try supportedCPUID(), nestedStateSize: check(.nestedState))
    }

    /// KVM_CREATE_VM.
    public func createVM() throws(VMMError) -> KVMVirtualMachine {
        do {
            return KVMVirtualMachine(descriptor: FileDescriptor(owning: try descriptor.control(ckvm_KVM_CREATE_VM())), system: self)
        } catch {
            throw .ioctl("KVM_CREATE_VM", error)
        }
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
