/// What a host can give a guest that wants to run its own VMs.
public struct HostNestingSupport: Sendable {
    public var supportedCPUID: [CPUIDEntry]
    /// KVM_CAP_NESTED_STATE: the size of the nested state, 0 when KVM cannot save or restore nested guests.
    public var nestedStateSize: Int

    public init(supportedCPUID: [CPUIDEntry], nestedStateSize: Int) {
        self.supportedCPUID = supportedCPUID
        self.nestedStateSize = nestedStateSize
    }

    /// VT-x offered to guests (leaf 1 ECX bit 5 of the supported CPUID).
    public var offersVMX: Bool { (supportedCPUID.entry(1)?.ecx ?? 0) & CPUIDBit.vmx != 0 }
    /// AMD-V offered to guests (leaf 0x80000001 ECX bit 2 of the supported CPUID).
    public var offersSVM: Bool { (supportedCPUID.entry(0x8000_0001)?.ecx ?? 0) & CPUIDBit.svm != 0 }

    /// Nil when the host can run nested guests; otherwise what is missing, in words an administrator can act on.
    public var missingForNesting: String? {
        var missing: [String] = []
        if !offersVMX && !offersSVM {
            missing.append("the host's KVM offers neither VT-x (CPUID leaf 1 ECX bit 5) nor AMD-V (CPUID leaf 0x80000001 ECX bit 2) to guests; enable nested virtualization (kvm_intel nested=1 or kvm_amd nested=1) on a host with hardware virtualization")
        }
        if nestedStateSize == 0 {
            missing.append("KVM_CAP_NESTED_STATE is 0, so nested guests could not be saved or checkpointed")
        }
        return missing.isEmpty ? nil : missing.joined(separator: "; ")
    }
}
