import Foundation
import XCTest
@testable import Inventory
import NetworkAddresses

final class InventoryConcurrencyTests: XCTestCase {
    /// Two processes each create 200 objects and then modify each of them, at the same time.
    /// Afterwards: 400 objects, none damaged, every file parses, every MAC unique, no lost update.
    func testTwoProcessesCreating200ObjectsEachLoseNothing() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        // Hyper-V's default pool has 256 addresses; widen it the way Set-VMHost would.
        try inventory.transaction { tx in
            try tx.setMACAddressPool(minimum: MACAddress("00155D000000")!, maximum: MACAddress("00155D00FFFF")!)
        }
        let first = try spawnChild(mode: "create:200:a", root: root)
        let second = try spawnChild(mode: "create:200:b", root: root)
        first.waitUntilExit()
        second.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        XCTAssertEqual(second.terminationStatus, 0)

        let listing = try inventory.list(TestMachine.self)
        XCTAssertEqual(listing.damaged, [])
        XCTAssertEqual(listing.records.count, 400)
        XCTAssertEqual(Set(listing.records.map(\.name)).count, 400)
        XCTAssertTrue(listing.records.allSatisfy { $0.processorCount == 2 }, "every second update landed")
        let macs = listing.records.compactMap(\.macAddress)
        XCTAssertEqual(macs.count, 400)
        XCTAssertEqual(Set(macs).count, 400, "every MAC unique")
        let leases = try inventory.read { try $0.macAddressLeases() }
        XCTAssertTrue(Set(leases.map(\.address)) == Set(macs), "the lease files match the adapters' MACs")
        XCTAssertEqual(try inventory.read { try $0.document(TestCounter.self, named: "Counter") }?.value, 400)

        let parsed = try unparsableConfigFiles(under: root)
        XCTAssertEqual(parsed.failed, [])
        XCTAssertGreaterThanOrEqual(parsed.checked, 402)
    }

    /// kill -9 in the middle of a burst of writes leaves only whole files behind.
    func testKillNineDuringWritesLeavesEveryConfigParsable() throws {
        let root = try makeTemporaryRoot(self)
        let child = try spawnChild(mode: "burst", root: root)
        // Let it get well into the burst: wait until it has committed a few hundred rounds.
        let deadline = Date().addingTimeInterval(90)
        var reached = 0
        let probe = try Inventory(root: root)
        while Date() < deadline {
            reached = (try? probe.read { try $0.document(TestCounter.self, named: "Counter") })??.value ?? 0
            if reached >= 100 { break }
            usleep(5_000)
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        XCTAssertGreaterThanOrEqual(reached, 100, "the child was writing when killed")

        let parsed = try unparsableConfigFiles(under: root)
        XCTAssertEqual(parsed.failed, [])
        XCTAssertGreaterThan(parsed.checked, 1)
        // Reopening sweeps any temp file the killed writer left, and everything still loads.
        let reopened = try Inventory(root: root)
        let listing = try reopened.list(TestMachine.self)
        XCTAssertEqual(listing.damaged, [])
        XCTAssertFalse(listing.records.isEmpty)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/Test Machines").filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    /// Threads of one process exclude each other too (each transaction opens its own lock).
    func testThreadsOfOneProcessDoNotLoseUpdates() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<50 {
                try! inventory.transaction { tx in
                    var counter = try tx.document(TestCounter.self, named: "Counter") ?? TestCounter(value: 0)
                    counter.value += 1
                    tx.saveDocument(counter, named: "Counter")
                }
            }
        }
        XCTAssertEqual(try inventory.read { try $0.document(TestCounter.self, named: "Counter") }?.value, 200)
    }
}
