import Foundation
import XCTest
@testable import Inventory
import NetworkAddresses

final class InventoryStoreTests: XCTestCase {
    func testDefaultRootFollowsHvshHomeThenRootThenUserHome() {
        XCTAssertEqual(Inventory.defaultRoot(environment: ["HVSH_HOME": "/x/y", "HOME": "/home/u"], userID: 0), "/x/y")
        XCTAssertEqual(Inventory.defaultRoot(environment: ["HOME": "/home/u"], userID: 0), "/var/lib/hvsh")
        XCTAssertEqual(Inventory.defaultRoot(environment: ["HVSH_HOME": "", "HOME": "/home/u"], userID: 1000),
                       "/home/u/.local/share/hvsh")
    }

    func testRecordsRoundTripOneFilePerObjectInTheKindsFolder() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        let machine = TestMachine(id: UUID(), name: "Server2016", macAddress: MACAddress("00-15-5D-01-02-03"), processorCount: 2)
        try inventory.save(machine)
        let file = "\(root)/Test Machines/\(machine.id.uuidString.uppercased()).json"
        XCTAssertTrue(FileManager.default.fileExists(atPath: file))
        // A second store (as another process would) sees the same record.
        let other = try Inventory(root: root)
        XCTAssertEqual(try other.record(TestMachine.self, id: machine.id), machine)
        XCTAssertEqual(try other.list(TestMachine.self).records, [machine])
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("\"00155D010203\""))
    }

    func testAThrowingTransactionWritesNothing() throws {
        struct Refused: Error {}
        let inventory = try Inventory(root: try makeTemporaryRoot(self))
        let machine = TestMachine(id: UUID(), name: "a", macAddress: nil, processorCount: 1)
        XCTAssertThrowsError(try inventory.transaction { tx in
            tx.save(machine)
            XCTAssertEqual(try tx.list(TestMachine.self).records.count, 1, "a transaction sees its own writes")
            throw Refused()
        })
        XCTAssertEqual(try inventory.list(TestMachine.self).records, [])
    }

    func testDeleteRemovesTheFileAndListingsSeeStagedDeletes() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        let a = TestMachine(id: UUID(), name: "a", macAddress: nil, processorCount: 1)
        let b = TestMachine(id: UUID(), name: "b", macAddress: nil, processorCount: 1)
        try inventory.transaction { tx in tx.save(a); tx.save(b) }
        try inventory.transaction { tx in
            tx.delete(TestMachine.self, id: a.id)
            XCTAssertEqual(try tx.list(TestMachine.self).records.map(\.name), ["b"])
            XCTAssertNil(try tx.record(TestMachine.self, id: a.id))
        }
        XCTAssertEqual(try inventory.list(TestMachine.self).records, [b])
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(root)/Test Machines/\(a.id.uuidString.uppercased()).json"))
    }

    func testADamagedFileIsReportedByNameAndTheRestStillLoad() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        let good = TestMachine(id: UUID(), name: "good", macAddress: nil, processorCount: 1)
        let bad = TestMachine(id: UUID(), name: "bad", macAddress: nil, processorCount: 1)
        try inventory.transaction { tx in tx.save(good); tx.save(bad) }
        let badPath = "\(root)/Test Machines/\(bad.id.uuidString.uppercased()).json"
        try Data("{\"id\": \"".utf8).write(to: URL(fileURLWithPath: badPath))

        let listing = try inventory.list(TestMachine.self)
        XCTAssertEqual(listing.records, [good])
        XCTAssertEqual(listing.damaged.map(\.path), [badPath])
        XCTAssertTrue(listing.damaged[0].description.contains(badPath))
        XCTAssertThrowsError(try inventory.record(TestMachine.self, id: bad.id)) { error in
            guard case InventoryError.damaged(let files) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(files.map(\.path), [badPath])
        }
        // A file of the wrong shape is damaged too, and says which field.
        try Data("{\"id\": \"\(bad.id.uuidString)\", \"name\": 3, \"processorCount\": 1}".utf8).write(to: URL(fileURLWithPath: badPath))
        let second = try inventory.list(TestMachine.self)
        XCTAssertEqual(second.damaged.count, 1)
        XCTAssertTrue(second.damaged[0].reason.contains("name"), second.damaged[0].reason)
    }

    func testALargeListingIsDecodedInParallelAndStillNamesDamage() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        let machines = (0..<150).map { TestMachine(id: UUID(), name: "m\($0)", macAddress: nil, processorCount: $0) }
        try inventory.transaction { tx in machines.forEach(tx.save) }
        let badPath = "\(root)/Test Machines/\(machines[77].id.uuidString.uppercased()).json"
        try Data("[".utf8).write(to: URL(fileURLWithPath: badPath))
        let listing = try Inventory(root: root).list(TestMachine.self)
        XCTAssertEqual(listing.records.count, 149)
        XCTAssertEqual(Set(listing.records.map(\.name)), Set(machines.map(\.name)).subtracting(["m77"]))
        XCTAssertEqual(listing.damaged.map(\.path), [badPath])
        let names = listing.records.map { $0.id.uuidString.uppercased() }
        XCTAssertEqual(names, names.sorted(), "records come back in file-name order")
    }

    func testAChangeByAnotherStoreInstanceIsSeenDespiteTheCache() throws {
        let root = try makeTemporaryRoot(self)
        let first = try Inventory(root: root)
        let second = try Inventory(root: root)
        var machine = TestMachine(id: UUID(), name: "a", macAddress: nil, processorCount: 1)
        try first.save(machine)
        XCTAssertEqual(try first.record(TestMachine.self, id: machine.id)?.processorCount, 1)
        machine.processorCount = 4
        try second.save(machine)
        XCTAssertEqual(try first.record(TestMachine.self, id: machine.id)?.processorCount, 4)
    }

    func testStaleTemporaryFilesAreSweptOnOpen() throws {
        let root = try makeTemporaryRoot(self)
        try FileManager.default.createDirectory(atPath: root + "/Test Machines", withIntermediateDirectories: true)
        let stale = root + "/Test Machines/.X.json.123.456.tmp"
        try Data("{".utf8).write(to: URL(fileURLWithPath: stale))
        let inventory = try Inventory(root: root)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
        XCTAssertEqual(try inventory.list(TestMachine.self).damaged, [])
    }
}
