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
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}
