import Foundation
import XCTest
@testable import Inventory
import NetworkAddresses

/// Not a test on its own: the body the concurrency and crash tests run in child processes they
/// spawn from this same binary. Run directly (without the environment they set) it skips.
final class InventoryChildProcess: XCTestCase {
    func testChildWorker() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let mode = environment["HVSH_INVENTORY_CHILD_MODE"], let root = environment["HVSH_INVENTORY_CHILD_ROOT"] else {
            throw XCTSkip("helper body for InventoryConcurrencyTests; runs only in the child processes they spawn")
        }
        let inventory = try Inventory(root: root)
        let parts = mode.split(separator: ":")
        switch parts.first {
        case "create":
            // create:<count>:<tag> — one transaction per object (allocating its MAC and bumping the
            // shared counter), then a second read-modify-write per object changing its processors.
            let count = Int(parts[1])!
            var ids: [UUID] = []
            for index in 0..<count {
                let id = UUID()
                try inventory.transaction { tx in
                    let mac = try tx.allocateMACAddress(for: id)
                    tx.save(TestMachine(id: id, name: "\(parts[2])-\(index)", macAddress: mac, processorCount: 1))
                    var counter = try tx.document(TestCounter.self, named: "Counter") ?? TestCounter(value: 0)
                    counter.value += 1
                    tx.saveDocument(counter, named: "Counter")
                }
                ids.append(id)
            }
            for id in ids {
                try inventory.transaction { tx in
                    guard var machine = try tx.record(TestMachine.self, id: id) else { throw InventoryError.damaged([]) }
                    machine.processorCount += 1
                    tx.save(machine)
                }
            }
        case "burst":
            // burst: rewrite a rotating set of objects as fast as possible until killed.
            let ids = (0..<20).map { _ in UUID() }
            var round = 0
            while true {
                round += 1
                try inventory.transaction { tx in
                    for (index, id) in ids.enumerated() where (index + round) % 3 == 0 {
                        tx.save(TestMachine(id: id, name: String(repeating: "x", count: round % 500), macAddress: nil, processorCount: round))
                    }
                    tx.saveDocument(TestCounter(value: round), named: "Counter")
                }
            }
        default:
            XCTFail("unknown child mode \(mode)")
        }
        // Leave at once: the parent only needs the side effects and the exit status.
        exit(0)
    }
}
