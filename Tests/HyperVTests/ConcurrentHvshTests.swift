import Foundation
import XCTest
import Inventory
@testable import HyperV

/// Two processes each create 200 VMs and change their processors at the same time, through the
/// same service the cmdlets use (and take their MACs as a first start does). Afterwards: 400 VMs,
/// every config parses, every MAC is unique,
/// every processor change landed.
final class ConcurrentHvshTests: XCTestCase {
    func testTwoProcessesEachCreating200VMsAndChangingProcessors() throws {
        let root = NSTemporaryDirectory() + "hvsh-conc-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let host = HyperVHost(inventory: try Inventory(root: root), info: ServiceFixture.testHost)
        try host.setHost(virtualMachinePath: nil, virtualHardDiskPath: nil, macMinimum: "00155D000000", macMaximum: "00155D00FFFF",
                         enableEnhancedSessionMode: nil, numaSpanningEnabled: nil)
        let children = try ["a", "b"].map { tag -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            process.arguments = ["HyperVTests.ConcurrentHvshChild/testChild"]
            var environment = ProcessInfo.processInfo.environment
            environment["HVSH_HYPERV_CHILD"] = "\(root)|\(tag)"
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for child in children {
            child.waitUntilExit()
            XCTAssertEqual(child.terminationStatus, 0)
        }
        let listing = try host.allVMs()
        XCTAssertEqual(listing.damaged, [])
        XCTAssertEqual(listing.records.count, 400)
        XCTAssertTrue(listing.records.allSatisfy { $0.processor.count == 2 }, "every Set-VMProcessor landed")
        let macs = listing.records.flatMap { $0.networkAdapters.compactMap(\.macAddress) }
        XCTAssertEqual(macs.count, 400)
        XCTAssertEqual(Set(macs).count, 400, "every MAC unique")
        var parsed = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: root + "/Virtual Machines") where name.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/Virtual Machines/" + name))
            XCTAssertNotNil(try? JSONSerialization.jsonObject(with: data), name)
            parsed += 1
        }
        XCTAssertEqual(parsed, 400)
    }
}

/// The child body of the test above; skipped when run on its own.
final class ConcurrentHvshChild: XCTestCase {
    func testChild() throws {
        guard let spec = ProcessInfo.processInfo.environment["HVSH_HYPERV_CHILD"] else {
            throw XCTSkip("helper body for ConcurrentHvshTests; runs only in the processes it spawns")
        }
        let parts = spec.split(separator: "|").map(String.init)
        let host = HyperVHost(inventory: try Inventory(root: parts[0]), info: ServiceFixture.testHost)
        var created: [VMConfiguration] = []
        for index in 0..<200 {
            var request = NewVMRequest()
            request.name = "\(parts[1])-\(index)"
            created.append(try host.createVM(request))
        }
        // Each takes its dynamic MAC as a first start would, racing the other process for the pool.
        for vm in created {
            try host.setProcessor(of: vm) { $0.count = 2 }
            _ = try host.assignDynamicMACs(vm)
        }
        exit(0)
    }
}
