/// One CPUID leaf/subleaf as KVM describes it (`struct kvm_cpuid_entry2`), as a plain value.
public struct CPUIDEntry: Sendable, Equatable {
    public var function: UInt32
    public var index: UInt32
    public var flags: UInt32
    public var eax: UInt32
    public var ebx: UInt32
    public var ecx: UInt32
    public var edx: UInt32

    public init(function: UInt32, index: UInt32 = 0, flags: UInt32 = 0,
                eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0) {
        self.function = function; self.index = index; self.flags = flags
        self.eax = eax; self.ebx = ebx; self.ecx = ecx; self.edx = edx
    }
}

/// Bits of CPUID the VMM reads or changes.
public enum CPUIDBit {
    /// Leaf 1 ECX bit 5: Intel VT-x.
    public static let vmx: UInt32 = 1 << 5
    /// Leaf 0x80000001 ECX bit 2: AMD-V.
    public static let svm: UInt32 = 1 << 2
    /// Leaf 1 ECX bit 31: running under a hypervisor.
    public static let hypervisor: UInt32 = 1 << 31
    /// Leaf 1 ECX bit 21: x2APIC.
    public static let x2apic: UInt32 = 1 << 21
}

extension Array where Element == CPUIDEntry {
    /// The first entry for a leaf (and subleaf), if the table has it.
    public func entry(_ function: UInt32, _ index: UInt32 = 0) -> CPUIDEntry? {
        first { $0.function == function && $0.index == index } ?? first { $0.function == function }
    }

    /// The 12-character vendor string of leaf 0 ("GenuineIntel", "AuthenticAMD", ...).
    public var vendor: String {
        guard let leaf = entry(0) else { return "" }
        var bytes: [UInt8] = []
        for register in [leaf.ebx, leaf.edx, leaf.ecx] {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: register >> UInt32(shift))) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
