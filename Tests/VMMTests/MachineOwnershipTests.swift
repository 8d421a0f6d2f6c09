import LinuxSystem
import NetworkAddresses
@testable import VMM
import XCTest

/// Every descriptor a machine opens (/dev/kvm, the VM, its vCPUs and their kvm_run areas, the exit event,
/// taps) is owned, so a machine that fails half-way through being built leaves nothing open.
final class MachineOwnershipTests: XCTestCase {
    func openDescriptorCount() throws -> Int { try FileSystem.listDirectory("/proc/self/fd").count }

    func testAMachineThatFailsToBuildClosesWhatItOpened() throws {
        try requireKVM()
        // Everything up to the vCPUs and the exit event succeeds; the adapter's tap name is refused last.
        let configuration = MachineConfiguration(vcpuCount: 2, memorySize: 16 << 20,
                                                 macAddresses: [MACAddress(bytes: [0x00, 0x15, 0x5D, 0, 0, 1])!], tapNames: ["bad/name"])
        let before = try openDescriptorCount()
        for _ in 0..<3 {
            XCTAssertThrowsError(try Machine(configuration: configuration, console: { _ in })) { error in
                XCTAssertEqual("\(error)", "invalid VM configuration: \"bad/name\" is not a valid interface name")
            }
        }
        XCTAssertEqual(try openDescriptorCount(), before, "a failed Machine.init left descriptors open")
    }
}
