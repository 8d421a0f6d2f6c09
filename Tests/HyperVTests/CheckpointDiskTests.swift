import Foundation
import XCTest
import VirtualDisk
@testable import HyperV

/// Checkpoints of an Off VM's disks, file by file: the .avhdx chain Hyper-V would leave, read back through
/// the VirtualDisk reader.
final class CheckpointDiskTests: XCTestCase {
    var f: ServiceFixture!
    var disk = ""

    override func setUpWithError() throws {
        f = try ServiceFixture(self)
        disk = f.root + "/Disks/Data.vhdx"
        try FileManager.default.createDirectory(atPath: f.root + "/Disks", withIntermediateDirectories: true)
        try DiskFiles.create(disk, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20))
    }

    func vmWithDisk(_ name: String) throws -> VMConfiguration {
        let vm = try f.newVM(name)
        try f.host.addHardDisk(to: vm, path: disk, controllerType: nil, controllerNumber: nil, controllerLocation: nil)
        return try XCTUnwrap(try f.host.vm(id: vm.id))
    }

    func write(_ text: String, sector: UInt64, to path: String) throws {
        let image = try DiskImage.open(path, writable: true)
        try image.write(Array(text.utf8), at: sector * 512)
        try image.flush()
    }

    func read(sector: UInt64, count: Int, from path: String) throws -> String {
        String(decoding: try DiskImage.open(path).read(at: sector * 512, count: count), as: UTF8.self)
    }

    func drivePath(_ vm: VMConfiguration) throws -> String {
        try XCTUnwrap(try f.host.vm(id: vm.id)?.hardDrives.first?.path)
    }

    func testCheckpointFreezesTheDiskRestoreStartsAgainFromItAndRemoveMergesBack() throws {
        let vm = try vmWithDisk("Frozen")
        try write("before", sector: 10, to: disk)
        let checkpoint = try f.host.checkpoint(vm, name: "one")
        XCTAssertEqual(checkpoint.configuration.hardDrives.first?.path, disk, "the checkpoint holds the disk as it was")

        let first = try drivePath(vm)
        XCTAssertTrue(first.hasPrefix(f.root + "/Disks/Data_"), first)
        XCTAssertTrue(first.hasSuffix(".avhdx"), first)
        XCTAssertNotNil(UUID(uuidString: String(first.dropFirst((f.root + "/Disks/Data_").count).dropLast(6))), "Data_<GUID>.avhdx: \(first)")
        let info = try DiskFiles.info(first)
        XCTAssertEqual(info.type, .differencing)
        XCTAssertEqual(info.parentPath, disk)

        try write("after!", sector: 10, to: first)
        XCTAssertEqual(try read(sector: 10, count: 6, from: first), "after!")
        XCTAssertEqual(try read(sector: 10, count: 6, from: disk), "before", "the checkpoint's file is not written")

        let restored = try f.host.restore(checkpoint)
        let second = try XCTUnwrap(restored.hardDrives.first?.path)
        XCTAssertNotEqual(second, first)
        XCTAssertFalse(FileManager.default.fileExists(atPath: first), "the state since the checkpoint is discarded")
        XCTAssertEqual(try DiskFiles.info(second).parentPath, disk)
        XCTAssertEqual(try read(sector: 10, count: 6, from: second), "before", "the earlier bytes are back")

        try write("later.", sector: 11, to: second)
        try f.host.removeSnapshot(checkpoint, includeChildren: false)
        XCTAssertEqual(try drivePath(vm), disk, "with no checkpoint left the VM uses its .vhdx again")
        XCTAssertFalse(FileManager.default.fileExists(atPath: second), "the differencing disk was merged into it")
        XCTAssertEqual(try read(sector: 10, count: 6, from: disk), "before")
        XCTAssertEqual(try read(sector: 11, count: 6, from: disk), "later.")
        XCTAssertTrue(DiskFiles.test(disk).isSuccess)
    }

    func testRemovingTheOldestOfTwoCheckpointsMergesItsDiskAndRelinksTheRest() throws {
        let vm = try vmWithDisk("Chain")
        let one = try f.host.checkpoint(vm, name: "one")
        let a1 = try drivePath(vm)
        try write("epoch-1", sector: 1, to: a1)
        let two = try f.host.checkpoint(try XCTUnwrap(try f.host.vm(id: vm.id)), name: "two")
        XCTAssertEqual(two.configuration.hardDrives.first?.path, a1)
        let a2 = try drivePath(vm)
        XCTAssertEqual(try DiskFiles.info(a2).parentPath, a1)
        XCTAssertTrue(a2.hasPrefix(f.root + "/Disks/Data_"), "a child of a child keeps the base name: \(a2)")
        try write("epoch-2", sector: 2, to: a2)

        try f.host.removeSnapshot(one, includeChildren: false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: a1), "the first differencing disk was merged into the .vhdx")
        let remaining = try f.host.snapshots(of: vm.id)
        XCTAssertEqual(remaining.map(\.name), ["two"])
        XCTAssertEqual(remaining.first?.configuration.hardDrives.first?.path, disk, "checkpoint two now holds the merged file")
        XCTAssertNil(remaining.first?.parentSnapshotId)
        XCTAssertEqual(try drivePath(vm), a2)
        XCTAssertEqual(try DiskFiles.info(a2).parentPath, disk)
        XCTAssertEqual(try read(sector: 1, count: 7, from: a2), "epoch-1", "the chain still reads through")
        XCTAssertEqual(try read(sector: 2, count: 7, from: a2), "epoch-2")

        // Applying checkpoint two goes back to the merged file's content.
        let restored = try f.host.restore(try XCTUnwrap(remaining.first))
        let current = try XCTUnwrap(restored.hardDrives.first?.path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: a2))
        XCTAssertEqual(try read(sector: 1, count: 7, from: current), "epoch-1")
        XCTAssertEqual(try read(sector: 2, count: 7, from: current), String(repeating: "\0", count: 7))
    }

    func testRemovingACheckpointWhoseFileHasTwoChildrenKeepsTheFile() throws {
        let vm = try vmWithDisk("Branches")
        let one = try f.host.checkpoint(vm, name: "one")
        let a1 = try drivePath(vm)
        _ = try f.host.checkpoint(try XCTUnwrap(try f.host.vm(id: vm.id)), name: "two")   // a1 frozen, VM on a2
        _ = try f.host.restore(one)                                                       // VM on a3, child of the .vhdx
        let a3 = try drivePath(vm)
        XCTAssertEqual(try DiskFiles.info(a3).parentPath, disk)
        try f.host.removeSnapshot(one, includeChildren: false)
        XCTAssertTrue(FileManager.default.fileExists(atPath: disk))
        XCTAssertTrue(FileManager.default.fileExists(atPath: a1), "two disks were made on the .vhdx: nothing can merge into it")
        XCTAssertTrue(FileManager.default.fileExists(atPath: a3))
        XCTAssertTrue(DiskFiles.test(a3).isSuccess)
        XCTAssertTrue(DiskFiles.test(a1).isSuccess)
    }

    /// A tree: checkpoint one, checkpoint two on it, then one applied (the VM on a new disk beside two's branch).
    /// Returns the VM, both checkpoints and the files: a1 (two's), a3 (the VM's).
    func makeTree(_ name: String) throws -> (VMConfiguration, SnapshotRecord, SnapshotRecord, String, String) {
        let vm = try vmWithDisk(name)
        try write("base-data", sector: 1, to: disk)
        let one = try f.host.checkpoint(vm, name: "one")
        let a1 = try drivePath(vm)
        try write("branch-two", sector: 2, to: a1)
        let two = try f.host.checkpoint(try XCTUnwrap(try f.host.vm(id: vm.id)), name: "two")
        XCTAssertEqual(two.configuration.hardDrives.first?.path, a1)
        _ = try f.host.restore(one)
        let a3 = try drivePath(vm)
        XCTAssertEqual(try DiskFiles.info(a3).parentPath, disk)
        try write("now-state", sector: 3, to: a3)
        return (vm, one, two, a1, a3)
    }

    func checkpointFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: f.root + "/Disks").filter { $0.hasSuffix(".avhdx") }.sorted()
    }

    func testRemovingTheCheckpointsOfATreeOneByOneEndsOnTheBaseDisk() throws {
        let (vm, one, two, a1, a3) = try makeTree("Tree")
        try f.host.removeSnapshot(one, includeChildren: false)
        XCTAssertEqual(try checkpointFiles().count, 2, "the .vhdx has two children: nothing merges yet")
        XCTAssertNil(try f.host.snapshots(of: vm.id).first?.parentSnapshotId)

        // Two's branch is the last thing holding the .vhdx's second child: removing it deletes that branch and
        // merges the VM's disk into the .vhdx, as Hyper-V leaves a VM with no checkpoints.
        try f.host.removeSnapshot(try XCTUnwrap(try f.host.snapshots(of: vm.id).first { $0.id == two.id }), includeChildren: false)
        XCTAssertEqual(try checkpointFiles(), [], "no .avhdx is left")
        XCTAssertFalse(FileManager.default.fileExists(atPath: a1))
        XCTAssertFalse(FileManager.default.fileExists(atPath: a3))
        XCTAssertEqual(try drivePath(vm), disk)
        XCTAssertEqual(try read(sector: 1, count: 9, from: disk), "base-data")
        XCTAssertEqual(try read(sector: 3, count: 9, from: disk), "now-state", "the VM's writes since were merged")
        XCTAssertEqual(try read(sector: 2, count: 10, from: disk), String(repeating: "\0", count: 10), "two's branch is gone")
        XCTAssertTrue(DiskFiles.test(disk).isSuccess)
    }

    func testRemovingTheBranchFirstThenItsRootEndsOnTheBaseDiskToo() throws {
        let (vm, one, two, a1, _) = try makeTree("TreeReverse")
        try f.host.removeSnapshot(two, includeChildren: false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: a1), "a checkpoint disk nobody holds and nothing was made on is deleted")
        XCTAssertEqual(try checkpointFiles().count, 1)
        try f.host.removeSnapshot(one, includeChildren: false)
        XCTAssertEqual(try checkpointFiles(), [])
        XCTAssertEqual(try drivePath(vm), disk)
        XCTAssertEqual(try read(sector: 3, count: 9, from: disk), "now-state")
    }

    func testRemovingATreeWithItsChildrenAtOnce() throws {
        let (vm, one, _, _, _) = try makeTree("TreeAll")
        try f.host.removeSnapshot(one, includeChildren: true)
        XCTAssertEqual(try f.host.snapshots(of: vm.id).count, 0)
        XCTAssertEqual(try checkpointFiles(), [])
        XCTAssertEqual(try drivePath(vm), disk)
        XCTAssertEqual(try read(sector: 1, count: 9, from: disk), "base-data")
        XCTAssertEqual(try read(sector: 3, count: 9, from: disk), "now-state")
    }

    func testAVMsOwnDifferencingDiskKeepsItsSharedParentUntouched() throws {
        // A lab's golden parent under the VM's own differencing disk: checkpoint removal merges into the VM's
        // disk and never into the golden file other VMs share.
        let golden = f.root + "/Disks/Golden.vhdx", own = f.root + "/Disks/Own.vhdx"
        try DiskFiles.create(golden, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20))
        try write("golden", sector: 4, to: golden)
        try DiskFiles.create(own, DiskCreateOptions(format: .vhdx, type: .differencing, parentPath: golden))
        let goldenBytes = try Data(contentsOf: URL(fileURLWithPath: golden))
        let vm = try f.newVM("OnGolden")
        try f.host.addHardDisk(to: vm, path: own, controllerType: nil, controllerNumber: nil, controllerLocation: nil)
        let checkpoint = try f.host.checkpoint(try XCTUnwrap(try f.host.vm(id: vm.id)), name: "c")
        try write("mine", sector: 5, to: try drivePath(vm))
        try f.host.removeSnapshot(checkpoint, includeChildren: false)
        XCTAssertEqual(try drivePath(vm), own)
        XCTAssertEqual(try read(sector: 5, count: 4, from: own), "mine")
        XCTAssertEqual(try read(sector: 4, count: 6, from: own), "golden")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: golden)), goldenBytes, "the shared parent is byte for byte as it was")
        XCTAssertEqual(try checkpointFiles(), [])
    }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
