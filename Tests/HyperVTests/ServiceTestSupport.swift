import Foundation
import XCTest
import Inventory
@testable import HyperV

/// A HyperVHost over a fresh temp inventory, with a fixed host so rules about host capacity are
/// deterministic, and a monitor the test can set to "Running".
struct ServiceFixture {
    let root: String
    let monitor = FixedStateMonitor()
    let host: HyperVHost
    static let testHost = HostInfo(computerName: "HVSHTEST", fullyQualifiedDomainName: "hvshtest.example",
                                   logicalProcessorCount: 4, memoryCapacity: 8 * 1_073_741_824)

    init(_ testCase: XCTestCase, switches: any SwitchDirectory = NoSwitches()) throws {
        root = NSTemporaryDirectory() + "hvsh-hyperv-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let path = root
        testCase.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        host = HyperVHost(inventory: try Inventory(root: root), info: Self.testHost, monitor: monitor, switches: switches)
    }

    func newVM(_ name: String, generation: Int = 2, memory: Int64 = 2 * 1_073_741_824, version: String? = nil) throws -> VMConfiguration {
        var request = NewVMRequest()
        request.name = name
        request.generation = generation
        request.memoryStartupBytes = memory
        request.version = version
        return try host.createVM(request)
    }
}

/// Asserts that `body` throws a HyperVError with the given error id, and returns it.
@discardableResult
func assertHyperVError(_ errorId: String, file: StaticString = #filePath, line: UInt = #line,
                       _ body: () throws -> Void) -> HyperVError? {
    do {
        try body()
        XCTFail("expected HyperVError \(errorId)", file: file, line: line)
    } catch let error as HyperVError {
        XCTAssertEqual(error.errorId, errorId, error.message, file: file, line: line)
        return error
    } catch {
        XCTFail("unexpected \(error)", file: file, line: line)
    }
    return nil
}
