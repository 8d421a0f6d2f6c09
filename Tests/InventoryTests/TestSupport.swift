import Foundation
import XCTest
@testable import Inventory
import NetworkAddresses

/// A record shaped like a small VM config, used by the store's tests.
struct TestMachine: InventoryRecord, Equatable {
    static let inventoryKind = InventoryKind("Test Machines")
    var id: UUID
    var name: String
    var macAddress: MACAddress?
    var processorCount: Int
}

/// A shared document the concurrency test increments, so a lost update shows as a short count.
struct TestCounter: Codable, Sendable {
    var value: Int
}

/// A fresh temp directory per test, removed afterwards.
func makeTemporaryRoot(_ testCase: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "hvsh-inventory-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// Every `.json` file under `root` (hidden temp files excluded), parsed with JSONSerialization
/// independently of the store's own decoding; returns the paths that do not parse.
func unparsableConfigFiles(under root: String) throws -> (checked: Int, failed: [String]) {
    var checked = 0
    var failed: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
        let name = (relative as NSString).lastPathComponent
        guard name.hasSuffix(".json"), !name.hasPrefix(".") else { continue }
        checked += 1
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
        if (try? JSONSerialization.jsonObject(with: data)) == nil { failed.append(relative) }
    }
    return (checked, failed)
}

/// Starts this test binary again, running only `InventoryChildProcess/testChildWorker`, with the
/// given mode in the environment. Real processes, so locking is exercised across processes.
func spawnChild(mode: String, root: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = ["InventoryTests.InventoryChildProcess/testChildWorker"]
    var environment = ProcessInfo.processInfo.environment
    environment["HVSH_INVENTORY_CHILD_MODE"] = mode
    environment["HVSH_INVENTORY_CHILD_ROOT"] = root
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}
