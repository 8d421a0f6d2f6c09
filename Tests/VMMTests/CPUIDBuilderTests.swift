@testable import VMM
import XCTest

/// CPUID as a guest sees it, built from synthetic "supported CPUID" tables (no KVM needed).
final class CPUIDBuilderTests: XCTestCase {
    /// A host table like a VT-x machine with nested virtualization on: VMX in leaf 1, SVM bit in 0x80000001
    /// (both set so the test proves each is passed or masked on its own rule).
    func nestingHost(vmx: Bool = true, svm: Bool = true, nestedState: Int = 0x3000) -> HostNestingSupport {
        HostNestingSupport(supportedCPUID: [
            CPUIDEntry(function: 0, eax: 0xD, ebx: 0x756E_6547, ecx: 0x6C65_746E, edx: 0x4965_6E69),
            CPUIDEntry(function: 1, eax: 0x906EA, ebx: 0x0000_0800, ecx: 0x7FFA_3203 | (vmx ? CPUIDBit.vmx : 0), edx: 0x0F8B_FBFF),
            CPUIDEntry(function: 4, eax: 0x1C00_4121),
            CPUIDEntry(function: 0xB, index: 0, eax: 1, ebx: 1, ecx: 0x100),
            CPUIDEntry(function: 0x8000_0000, eax: 0x8000_0008),
            CPUIDEntry(function: 0x8000_0001, ecx: 0x121 | (svm ? CPUIDBit.svm : 0), edx: 0x2C10_0800),
        ], nestedStateSize: nestedState)
    }

    func testExposedVirtualizationOnANestingHostKeepsVMXAndSVM() throws {
        let builder = CPUIDBuilder(host: nestingHost(), vcpuCount: 4, exposeVirtualizationExtensions: true)
        let table = try builder.entries(apicID: 2)
        let leaf1 = try XCTUnwrap(table.entry(1))
        XCTAssertNotEqual(leaf1.ecx & CPUIDBit.vmx, 0, "VT-x visible")
        XCTAssertNotEqual(leaf1.ecx & CPUIDBit.hypervisor, 0, "hypervisor bit set")
        XCTAssertEqual(leaf1.ebx >> 24, 2, "initial APIC id")
        XCTAssertEqual((leaf1.ebx >> 16) & 0xFF, 4, "logical processor count")
        XCTAssertEqual(leaf1.ebx & 0xFFFF, 0x0800, "CLFLUSH size kept")
        XCTAssertNotEqual(try XCTUnwrap(table.entry(0x8000_0001)).ecx & CPUIDBit.svm, 0, "AMD-V visible")
        XCTAssertEqual(try XCTUnwrap(table.entry(0xB)).edx, 2, "x2APIC id")
        XCTAssertEqual(try XCTUnwrap(table.entry(4)).eax >> 26, 3, "cores per package - 1")
        XCTAssertEqual(table.vendor, "GenuineIntel")
    }

    func testWithoutExposureVMXAndSVMAreMaskedEvenOnANestingHost() throws {
        let table = try CPUIDBuilder(host: nestingHost(), vcpuCount: 1, exposeVirtualizationExtensions: false).entries(apicID: 0)
        XCTAssertEqual(try XCTUnwrap(table.entry(1)).ecx & CPUIDBit.vmx, 0)
        XCTAssertEqual(try XCTUnwrap(table.entry(0x8000_0001)).ecx & CPUIDBit.svm, 0)
        XCTAssertNotEqual(try XCTUnwrap(table.entry(1)).ecx & CPUIDBit.hypervisor, 0)
        XCTAssertEqual(try XCTUnwrap(table.entry(1)).ecx & 0x7FFA_3203, 0x7FFA_3203, "other feature bits untouched")
    }

    func testExposureOnAHostWithoutVTxOrAMDVFailsNamingBoth() {
        let builder = CPUIDBuilder(host: nestingHost(vmx: false, svm: false, nestedState: 0), vcpuCount: 1,
                                   exposeVirtualizationExtensions: true)
        XCTAssertThrowsError(try builder.entries(apicID: 0)) { error in
            guard case VMMError.nestedVirtualizationUnavailable(let missing) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(missing.contains("VT-x (CPUID leaf 1 ECX bit 5)"), missing)
            XCTAssertTrue(missing.contains("AMD-V (CPUID leaf 0x80000001 ECX bit 2)"), missing)
            XCTAssertTrue(missing.contains("KVM_CAP_NESTED_STATE is 0"), missing)
        }
    }

    func testExposureNeedsNestedStateToo() {
        let builder = CPUIDBuilder(host: nestingHost(nestedState: 0), vcpuCount: 1, exposeVirtualizationExtensions: true)
        XCTAssertThrowsError(try builder.validate()) { error in
            XCTAssertEqual("\(error)", "virtualization extensions cannot be exposed to the guest: KVM_CAP_NESTED_STATE is 0, so nested guests could not be saved or checkpointed")
        }
    }

    func testThisHostsSupportedCPUIDMatchesItsNestingVerdict() throws {
        try requireKVM()
        let host = try KVMSystem().nestingSupport()
        let table = try CPUIDBuilder(host: host, vcpuCount: 1, exposeVirtualizationExtensions: false).entries(apicID: 0)
        XCTAssertEqual(try XCTUnwrap(table.entry(1)).ecx & CPUIDBit.vmx, 0)
        XCTAssertEqual((table.entry(0x8000_0001)?.ecx ?? 0) & CPUIDBit.svm, 0)
        XCTAssertEqual(host.missingForNesting == nil, (host.offersVMX || host.offersSVM) && host.nestedStateSize > 0)
    }
}
