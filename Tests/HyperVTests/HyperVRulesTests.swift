import Foundation
import XCTest
import Inventory
@testable import HyperV

final class HyperVRulesTests: XCTestCase {
    func testExposeVirtualizationExtensionsOnlyWhileOff() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("Server2016")
        f.monitor.set(.Running, for: vm.id)
        let error = assertHyperVError("InvalidState") {
            try f.host.setProcessor(of: vm) { $0.exposeVirtualizationExtensions = true }
        }
        XCTAssertTrue(error?.message.hasPrefix("Failed to modify device 'Processor'.\n") == true)
        XCTAssertTrue(error?.message.contains("'Server2016' failed to modify device 'Processor'. (Virtual machine ID \(vm.idUpper))") == true)
        XCTAssertEqual(try f.host.vm(id: vm.id)?.processor.exposeVirtualizationExtensions, false, "nothing was saved")

        f.monitor.set(.Off, for: vm.id)
        try f.host.setProcessor(of: vm) { $0.exposeVirtualizationExtensions = true }
        XCTAssertEqual(try f.host.vm(id: vm.id)?.processor.exposeVirtualizationExtensions, true)
    }

    func testNestedNeedsConfigurationVersion8() throws {
        let f = try ServiceFixture(self)
        let old = try f.newVM("Old", version: "7.1")
        let error = assertHyperVError("NotSupported") {
            try f.host.setProcessor(of: old) { $0.exposeVirtualizationExtensions = true }
        }
        XCTAssertTrue(error?.message.contains("8.0") == true)
        let eight = try f.newVM("Eight", version: "8.0")
        XCTAssertNoThrow(try f.host.setProcessor(of: eight) { $0.exposeVirtualizationExtensions = true })
    }

    func testRunningNestedVMCannotResizeMemoryButAPlainOneCan() throws {
        let f = try ServiceFixture(self)
        let nested = try f.newVM("Nested")
        try f.host.setProcessor(of: nested) { $0.exposeVirtualizationExtensions = true }
        f.monitor.set(.Running, for: nested.id)
        let error = assertHyperVError("InvalidState") {
            try f.host.setMemory(of: nested) { $0.startup = 4 * 1_073_741_824 }
        }
        XCTAssertTrue(error?.message.hasPrefix("Failed to modify device 'Memory'.") == true)

        let plain = try f.newVM("Plain")
        f.monitor.set(.Running, for: plain.id)
        XCTAssertNoThrow(try f.host.setMemory(of: plain) { $0.startup = 4 * 1_073_741_824 })
        assertHyperVError("InvalidState") { try f.host.setMemory(of: plain) { $0.dynamicMemoryEnabled = true } }
    }

    func testRunningNestedVMCannotHaveACheckpointApplied() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("Nested")
        try f.host.setProcessor(of: vm) { $0.exposeVirtualizationExtensions = true }
        let snapshot = try f.host.checkpoint(try f.host.vm(id: vm.id)!, name: "before")
        f.monitor.set(.Running, for: vm.id)
        assertHyperVError("InvalidState") { try f.host.restore(snapshot, stopRunning: { _ in }) }
        f.monitor.set(.Off, for: vm.id)
        XCTAssertNoThrow(try f.host.restore(snapshot))
    }

    func testMemoryMustBeMultiplesOf2MBWithinHostCapacity() throws {
        let f = try ServiceFixture(self)
        var request = NewVMRequest()
        request.name = "Odd"
        request.memoryStartupBytes = 1_073_741_824 + 1_048_576
        let odd = assertHyperVError("InvalidParameter") { _ = try f.host.createVM(request) }
        XCTAssertTrue(odd?.message.contains("multiple of 2 MB") == true)
        XCTAssertEqual(try f.host.allVMs().records.count, 0)

        let vm = try f.newVM("Ok")
        assertHyperVError("InvalidParameter") { try f.host.setMemory(of: vm) { $0.startup = 3 * 1_048_576 } }
        let tooBig = assertHyperVError("InvalidParameter") { try f.host.setMemory(of: vm) { $0.startup = 16 * 1_073_741_824 } }
        XCTAssertTrue(tooBig?.message.contains("capacity") == true)
        XCTAssertNoThrow(try f.host.setMemory(of: vm) { $0.startup = 8 * 1_073_741_824 })
        assertHyperVError("InvalidParameter") {
            try f.host.setMemory(of: vm) { $0.dynamicMemoryEnabled = true; $0.minimum = 9 * 1_073_741_824 }
        }
    }

    func testGenerationIsOneOrTwoAndVersionMustBeSupported() throws {
        let f = try ServiceFixture(self)
        var request = NewVMRequest()
        request.generation = 3
        assertHyperVError("InvalidParameter") { _ = try f.host.createVM(request) }
        request.generation = 2
        request.version = "4.2"
        let version = assertHyperVError("InvalidParameter") { _ = try f.host.createVM(request) }
        XCTAssertEqual(version?.message, "The VM version 4.2 of the virtual machine 'New Virtual Machine' is not supported.")
    }

    func testProcessorCountWithinHostAndOnlyWhileOff() throws {
        let f = try ServiceFixture(self)
        let vm = try f.newVM("Cpu")
        assertHyperVError("InvalidParameter") { try f.host.setProcessor(of: vm) { $0.count = 5 } }
        XCTAssertNoThrow(try f.host.setProcessor(of: vm) { $0.count = 4 })
        f.monitor.set(.Running, for: vm.id)
        assertHyperVError("InvalidState") { try f.host.setProcessor(of: vm) { $0.count = 2 } }
    }

    func testUnknownNamesAreReportedWildcardsAreNot() throws {
        let f = try ServiceFixture(self)
        _ = try f.newVM("Server2016")
        _ = try f.newVM("Server2019")
        let result = try f.host.resolveVMs(named: ["vm_name", "server20*", "Nothing*"])
        XCTAssertEqual(result.missing, ["vm_name"])
        XCTAssertEqual(result.vms.map(\.name), ["Server2016", "Server2019"])
        XCTAssertEqual(HyperVError.vmNotFound("vm_name").message, "Hyper-V was unable to find a virtual machine with name \"vm_name\".")
    }
}
