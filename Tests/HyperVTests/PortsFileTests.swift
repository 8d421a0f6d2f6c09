import Foundation
import XCTest
import Inventory
@testable import HyperV

/// The list of a running VM's switch ports (`<runtime directory>/ports`) under concurrent writers.
final class PortsFileTests: XCTestCase {
    func testConcurrentRecordsLoseNoPort() throws {
        let root = "/tmp/hvports-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let runtime = VMMRuntime(root: root)
        let host = HyperVHost(inventory: try Inventory(root: root), info: ServiceFixture.testHost, monitor: runtime,
                              switches: NoSwitches())
        var request = NewVMRequest()
        request.name = "PortsVM"
        let vm = try host.createVM(request)
        try FileManager.default.createDirectory(atPath: runtime.runtimeDirectory(for: vm), withIntermediateDirectories: true)

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
}
