import Foundation
import XCTest
@testable import Inventory
import LinuxSystem

/// The intent log (issue 17, defect 4): a multi-file transaction interrupted after its log was
/// written is finished by the next process to take the lock; a damaged or hostile log is refused.
final class IntentLogTests: XCTestCase {
    private func machine(_ name: String) -> TestMachine { TestMachine(id: UUID(), name: name, macAddress: nil, processorCount: 1) }

    private func file(_ root: String, _ record: TestMachine) -> String {
        "\(root)/Test Machines/\(record.id.uuidString.uppercased()).json"
    }

    func testALogLeftByAKilledProcessIsReplayedWhenTheInventoryIsNextOpened() throws {
        let root = try makeTemporaryRoot(self)
        let keep = machine("keep"), doomed = machine("doomed"), added = machine("added")
        let inventory = try Inventory(root: root)
        try inventory.transaction { $0.save(keep); $0.save(doomed) }
        // What a process killed right after recording its log leaves: the log, no change applied.
        let payload = Array(try Inventory.encoder().encode(added))
        try IntentLog.record([
            .remove(path: "Test Machines/\(doomed.id.uuidString.uppercased()).json"),
            .write(path: "Test Machines/\(added.id.uuidString.uppercased()).json", bytes: payload),
        ], root: root)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file(root, doomed)))

        let reopened = try Inventory(root: root)
        let names = try reopened.list(TestMachine.self).records.map(\.name).sorted()
        XCTAssertEqual(names, ["added", "keep"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: IntentLog.path(in: root)), "the log is retired after replay")
    }

    func testAnOpenStoreReplaysALogLeftWhileItWasOpenBeforeItsNextRead() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        let added = machine("late")
        try IntentLog.record([.write(path: "Test Machines/\(added.id.uuidString.uppercased()).json",
                                     bytes: Array(try Inventory.encoder().encode(added))),
                              .remove(path: "Test Machines/NOTHING.json")], root: root)
        // A shared (read) lock converts to exclusive to finish the transaction first.
        XCTAssertEqual(try inventory.list(TestMachine.self).records.map(\.name), ["late"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: IntentLog.path(in: root)))
    }

    func testAMultiFileTransactionLeavesNoLogAndASingleFileOneWritesNone() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        try inventory.transaction { $0.save(self.machine("a")); $0.save(self.machine("b")) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: IntentLog.path(in: root)))
        XCTAssertEqual(try inventory.list(TestMachine.self).records.count, 2)
    }

    func testAnEncodedLogDecodesToTheSameChanges() throws {
        let changes: [IntentLog.Change] = [.write(path: "A/x.json", bytes: [1, 2, 3]), .remove(path: "B/y.json"),
                                           .link(path: "MAC Addresses/00155D000001", target: "owner=X"), .write(path: "doc.json", bytes: [])]
        XCTAssertEqual(try IntentLog.decode(IntentLog.encode(changes)), changes)
    }

    func testADamagedLogIsRefusedByNameAndNothingIsGuessed() throws {
        let root = try makeTemporaryRoot(self)
        var bytes = IntentLog.encode([.remove(path: "Test Machines/X.json"), .remove(path: "Test Machines/Y.json")])
        bytes[bytes.count / 2] ^= 0xFF
        FileManager.default.createFile(atPath: IntentLog.path(in: root), contents: Data(bytes))
        XCTAssertThrowsError(try Inventory(root: root)) { error in
            XCTAssertTrue("\(error)".contains(IntentLog.path(in: root)), "\(error)")
            XCTAssertTrue("\(error)".contains("checksum"), "\(error)")
        }
    }

    func testALogCannotReachOutsideTheInventory() throws {
        for path in ["../escape.json", "/etc/passwd", "A/../../x", "A/B/C.json", ".lock", "A/.hidden", ""] {
            let bytes = IntentLog.encode([.write(path: path, bytes: [0x41])])
            XCTAssertThrowsError(try IntentLog.decode(bytes), path)
        }
    }

    func testATruncatedLogIsRefused() throws {
        let bytes = IntentLog.encode([.write(path: "A/x.json", bytes: Array(repeating: 7, count: 100))])
        for cut in [0, 5, IntentLog.magic.count + 2, bytes.count - 9, bytes.count - 1] {
            XCTAssertThrowsError(try IntentLog.decode(Array(bytes.prefix(cut))), "cut at \(cut)")
        }
    }
}
