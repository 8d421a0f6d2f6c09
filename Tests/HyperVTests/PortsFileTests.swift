import Foundation
import XCTest
import Inventory
@testable import HyperV

/// The list of a running VM's switch ports (`<runtime directory>/ports`) under concurrent writers.
final class PortsFileTests: XCTestCase {
    private var roots: [String] = []

    override func tearDown() {
        for root in roots { try? FileManager.default.removeItem(atPath: root) }
    }

    /// A fresh inventory at `root` with one VM whose runtime directory exists (as if it ran).
    private func vmWithRuntimeDirectory(root: String, name: String) throws -> (VMMRuntime, VMConfiguration) {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        roots.append(root)
        let runtime = VMMRuntime(root: root)
        let host = HyperVHost(inventory: try Inventory(root: root), info: ServiceFixture.testHost, monitor: runtime,
                              switches: NoSwitches())
        var request = NewVMRequest()
        request.name = name
        let vm = try host.createVM(request)
        let directory = runtime.runtimeDirectory(for: vm)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !directory.hasPrefix(root) { roots.append(directory) }
        return (runtime, vm)
    }

    func testConcurrentRecordsLoseNoPort() throws {
        let (runtime, vm) = try vmWithRuntimeDirectory(root: "/tmp/hvports-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", name: "PortsVM")

        // Four writers, each adding 25 ports and removing every fifth again, all at once.
        DispatchQueue.concurrentPerform(iterations: 4) { writer in
            for i in 0..<25 {
                runtime.recordPort("hvt\(writer)-\(i)", for: vm)
                if i % 5 == 4 { runtime.recordPort("hvt\(writer)-\(i)", for: vm, present: false) }
            }
        }
        let expected = Set((0..<4).flatMap { w in (0..<25).filter { $0 % 5 != 4 }.map { "hvt\(w)-\($0)" } })
        XCTAssertEqual(Set(runtime.recordedPorts(for: vm)), expected)
        XCTAssertEqual(runtime.recordedPorts(for: vm).count, expected.count, "every port listed exactly once")
    }

    /// A long inventory root puts runtime directories under /tmp/hvsh-<uid>; the sweep for ended
    /// workers' ports must look there too, and only at this root's directories.
    func testEndedWorkersAreFoundInTheFallbackRuntimeDirectoryToo() throws {
        let root = "/tmp/hvports-long-\(getpid())-" + String(repeating: "x", count: 90)
        let (runtime, vm) = try vmWithRuntimeDirectory(root: root, name: "LongRootVM")
        let directory = runtime.runtimeDirectory(for: vm)
        XCTAssertTrue(directory.hasPrefix("/tmp/hvsh-\(getuid())/"), directory)
        XCTAssertEqual(runtime.endedWorkersWithPorts(), [])
        runtime.recordPort("hvtdeadbeef", for: vm)
        XCTAssertEqual(runtime.endedWorkersWithPorts(), [directory])
        XCTAssertEqual(VMMRuntime(root: root + "-other").endedWorkersWithPorts(), [], "another root's directories are not ours")
    }
}
