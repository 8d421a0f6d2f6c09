import Foundation
import XCTest
@testable import Inventory
import LinuxSystem

/// A record with a range rule, so the store's check after decoding can be seen.
struct RangedMachine: InventoryRecord, InventoryValidated, Equatable {
    static let inventoryKind = InventoryKind("Ranged Machines")
    var id: UUID
    var memory: Int64

    func validateFields() throws(OutOfRangeField) {
        try OutOfRangeField.check("memory", memory, in: 1...1024)
    }
}

/// Issue 17, defects 6 and 7: a private home, a lock wait that ends and names the holder, and
/// files that are not regular, too large or out of range refused by name.
final class InventoryHardeningTests: XCTestCase {
    private func mode(_ path: String) throws -> mode_t { try FileSystem.linkStatus(path).permissions }

    func testANewHomeIsPrivateAndSoIsEveryFileItWrites() throws {
        let parent = try makeTemporaryRoot(self)
        let root = parent + "/home"
        let inventory = try Inventory(root: root)
        let record = TestMachine(id: UUID(), name: "a", macAddress: nil, processorCount: 1)
        try inventory.transaction { $0.save(record); $0.saveDocument(TestCounter(value: 1), named: "Counter") }
        XCTAssertEqual(try mode(root), 0o700)
        XCTAssertEqual(try mode(root + "/Test Machines"), 0o700)
        XCTAssertEqual(try mode(root + "/.lock"), 0o600)
        XCTAssertEqual(try mode(root + "/Counter.json"), 0o600)
        XCTAssertEqual(try mode(root + "/Test Machines/\(record.id.uuidString.uppercased()).json"), 0o600)
    }

    func testALooseHomeOfAnOlderVersionIsTightenedWhenOpened() throws {
        let root = try makeTemporaryRoot(self)
        try FileManager.default.createDirectory(atPath: root + "/Test Machines", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/.lock", contents: nil)
        FileManager.default.createFile(atPath: root + "/Host.json", contents: Data("{}".utf8))
        FileManager.default.createFile(atPath: root + "/Test Machines/A.json", contents: Data("{}".utf8))
        try FileManager.default.createDirectory(atPath: root + "/run/abc", withIntermediateDirectories: true)
        for (path, mode) in [(root, 0o755), (root + "/Test Machines", 0o755), (root + "/.lock", 0o644),
                             (root + "/Host.json", 0o644), (root + "/Test Machines/A.json", 0o664), (root + "/run/abc", 0o755)] {
            XCTAssertEqual(chmod(path, mode_t(mode)), 0)
        }
        _ = try Inventory(root: root)
        XCTAssertEqual(try mode(root), 0o700)
        XCTAssertEqual(try mode(root + "/Test Machines"), 0o700)
        XCTAssertEqual(try mode(root + "/.lock"), 0o600)
        XCTAssertEqual(try mode(root + "/Host.json"), 0o600)
        XCTAssertEqual(try mode(root + "/Test Machines/A.json"), 0o600)
        XCTAssertEqual(try mode(root + "/run/abc"), 0o755, "the workers' runtime folders are theirs")
    }

    func testALockHeldElsewhereEndsInAnErrorNamingTheHolder() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") else { throw XCTSkip("util-linux flock is needed") }
        let root = try makeTemporaryRoot(self)
        _ = try Inventory(root: root)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        // flock holds the lock while `cat` runs; closing cat's input ends both.
        holder.arguments = ["-x", root + "/.lock", "cat"]
        let input = Pipe()
        holder.standardInput = input
        try holder.run()
        defer { try? input.fileHandleForWriting.close(); holder.waitUntilExit() }
        // Wait until the holder really has the lock.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, InventoryLock.holders(ofInode: try FileSystem.status(root + "/.lock").inode).isEmpty { usleep(10_000) }

        let started = Date()
        XCTAssertThrowsError(try Inventory(root: root, lockTimeout: 0.5)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("locked by process"), text)
            XCTAssertTrue(text.contains("process \(holder.processIdentifier) (/usr/bin/flock -x \(root)/.lock cat)"), "the holder's pid and command line: \(text)")
            XCTAssertTrue(text.contains("after 0.5 seconds"), text)
        }
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 0.45)
        XCTAssertLessThan(waited, 5)
    }

    func testTheLockHoldersAreReadFromProcLocks() {
        let sample = """
            1: FLOCK  ADVISORY  WRITE 4242 fd:01:123456 0 EOF
            1: -> FLOCK  ADVISORY  WRITE 777 fd:01:123456 0 EOF
            2: POSIX  ADVISORY  READ 99 fd:01:555 0 EOF
            """
        XCTAssertEqual(InventoryLock.holders(ofInode: 123456, locks: sample).map(\.pid), [4242])
        XCTAssertEqual(InventoryLock.holders(ofInode: 1, locks: sample), [])
    }

    func testTheTimeoutComesFromTheEnvironment() {
        XCTAssertEqual(InventoryLock.timeout(environment: ["HVSH_LOCK_TIMEOUT": "2.5"]), 2.5)
        XCTAssertEqual(InventoryLock.timeout(environment: ["HVSH_LOCK_TIMEOUT": "-1"]), InventoryLock.defaultTimeout)
        XCTAssertEqual(InventoryLock.timeout(environment: [:]), InventoryLock.defaultTimeout)
    }

    /// A FIFO would block a reader forever, a link to /dev/zero never ends, a link anywhere reads
    /// what is not ours: each is refused by name, and the other records still load.
    func testFilesThatAreNotRegularAreRefusedByNameWithoutBlocking() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        let good = TestMachine(id: UUID(), name: "good", macAddress: nil, processorCount: 1)
        try inventory.save(good)
        let folder = root + "/Test Machines/"
        XCTAssertEqual(mkfifo(folder + "FIFO.json", 0o600), 0)
        XCTAssertEqual(symlink("/dev/zero", folder + "ZERO.json"), 0)
        XCTAssertEqual(symlink("/etc/hostname", folder + "OUTSIDE.json"), 0)
        try FileManager.default.createDirectory(atPath: folder + "DIR.json", withIntermediateDirectories: false)
        let big = FileManager.default.createFile(atPath: folder + "BIG.json", contents: nil)
        XCTAssertTrue(big)
        XCTAssertEqual(truncate(folder + "BIG.json", off_t(FileSystemCalls.maximumFileSize + 1)), 0)

        let listing = try inventory.list(TestMachine.self)
        XCTAssertEqual(listing.records.map(\.name), ["good"])
        let reasons = Dictionary(uniqueKeysWithValues: listing.damaged.map { (($0.path as NSString).lastPathComponent, $0.reason) })
        XCTAssertEqual(reasons["FIFO.json"]?.contains("a FIFO"), true, "\(reasons)")
        XCTAssertEqual(reasons["ZERO.json"]?.contains("symbolic link"), true, "\(reasons)")
        XCTAssertEqual(reasons["OUTSIDE.json"]?.contains("symbolic link"), true, "\(reasons)")
        XCTAssertEqual(reasons["DIR.json"]?.contains("a directory"), true, "\(reasons)")
        XCTAssertEqual(reasons["BIG.json"]?.contains("16 MB"), true, "\(reasons)")
    }

    func testAValueOutOfRangeIsRefusedByFieldAndFile() throws {
        let root = try makeTemporaryRoot(self)
        let inventory = try Inventory(root: root)
        let ok = RangedMachine(id: UUID(), memory: 512), bad = RangedMachine(id: UUID(), memory: -4)
        try inventory.transaction { $0.save(ok); $0.save(bad) }
        // A fresh store, as another process would see the files (the writer's cache knows the values).
        let listing = try Inventory(root: root).list(RangedMachine.self)
        XCTAssertEqual(listing.records, [ok])
        XCTAssertEqual(listing.damaged.count, 1)
        XCTAssertTrue(listing.damaged[0].path.hasSuffix(bad.id.uuidString.uppercased() + ".json"))
        XCTAssertEqual(listing.damaged[0].reason, "the field 'memory' is out of range: -4 (it must be between 1 and 1024)")
    }

    func testALockFileThatIsASymbolicLinkIsRefused() throws {
        let root = try makeTemporaryRoot(self)
        XCTAssertEqual(symlink("/dev/null", root + "/.lock"), 0)
        XCTAssertThrowsError(try Inventory(root: root)) { error in
            XCTAssertTrue("\(error)".contains("symbolic link"), "\(error)")
        }
    }
}
