/// Builds the CPUID table one vCPU sees, from what the host supports.
///
/// Every vCPU gets the hypervisor bit and its own APIC id. VT-x and AMD-V are passed through only when
/// the VM exposes virtualization extensions and the host can nest; otherwise they are masked, so a
/// guest never believes it can run VMs when it cannot.
public struct CPUIDBuilder: Sendable {
    public var host: HostNestingSupport
    public var vcpuCount: Int
    public var exposeVirtualizationExtensions: Bool

    public init(host: HostNestingSupport, vcpuCount: Int, exposeVirtualizationExtensions: Bool) {
        self.host = host
        self.vcpuCount = vcpuCount
        self.exposeVirtualizationExtensions = exposeVirtualizationExtensions
    }

    /// Fails when virtualization extensions are asked for and the host cannot nest.
    public func validate() throws(VMMError) {
        if exposeVirtualizationExtensions, let missing = host.missingForNesting {
            throw .nestedVirtualizationUnavailable(missing: missing)
        }
    }

    /// The table for the vCPU with this APIC id.
    public func entries(apicID: UInt32) throws(VMMError) -> [CPUIDEntry] {
        try validate()
        let passNesting = exposeVirtualizationExtensions
        let count = UInt32(max(1, min(vcpuCount, 255)))
        return host.supportedCPUID.map { original in
            var entry = original
            switch entry.function {
            case 1:
                entry.ecx |= CPUIDBit.hypervisor
                if !passNesting { entry.ecx &= ~CPUIDBit.vmx }
                // EBX: [31:24] initial APIC id, [23:16] logical processors per package, [15:8] CLFLUSH size.
                entry.ebx = (entry.ebx & 0x0000_FFFF) | (count << 16) | (apicID << 24)
                // HTT: more than one logical processor per package.
                if count > 1 { entry.edx |= 1 << 28 } else { entry.edx &= ~(1 << 28) }
            case 0x8000_0001:
                if !passNesting { entry.ecx &= ~CPUIDBit.svm }
            case 0xB, 0x1F:
                // Extended topology: EDX is the x2APIC id of the executing vCPU.
                entry.edx = apicID
            case 4:
                // Deterministic cache parameters: EAX[31:26] = cores per package - 1.
                entry.eax = (entry.eax & 0x03FF_FFFF) | ((count - 1) << 26)
            default:
                break
            }
            return entry
        }
    }
}
