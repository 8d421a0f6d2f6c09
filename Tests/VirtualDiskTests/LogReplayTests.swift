import Foundation
import VirtualDisk
import XCTest

/// A VHDX left with a dirty log, written here by the specification (MS-VHDX 2.3): the first entry
/// of the active sequence points two BAT entries at new blocks (whose data was written straight to
/// the file, as payload writes are), the second grows the disk so the second block becomes visible
/// and zeroes junk; a stale entry of an older log must be ignored. hvsh must read the replayed state
/// read-only (without changing the file), replay it when opened for writing, and agree byte for
/// byte with QEMU's own replay.
final class LogReplayTests: XCTestCase {
    private let blockSize = 1 << 20
    private let oldSize = 8 << 20
    private let newSize = 16 << 20

    private func makeDirtyDisk(_ scratch: ScratchDirectory) throws -> (path: String, expected: ExpectedDisk) {
        let path = scratch.file("dirty.vhdx")
        try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: UInt64(oldSize), blockSize: UInt32(blockSize)))
        var raw = try RawVHDX(path)
        let bat = raw.batOffset, sizeItem = raw.virtualDiskSizeOffset
        XCTAssertGreaterThan(bat, 0)
        XCTAssertGreaterThan(sizeItem, 0)
        var expected = ExpectedDisk(size: UInt64(newSize))

        // Payload for blocks 3 and 12 at the end of the file (1 MiB aligned).
        let first = raw.data.count, second = first + blockSize
        let data3 = pattern(blockSize, seed: 50), data12 = pattern(blockSize, seed: 51)
        raw.put(data3, at: first)
        raw.put(data12, at: second)
        expected.bytes.replaceSubrange((3 * blockSize)..<(4 * blockSize), with: data3)
        expected.bytes.replaceSubrange((12 * blockSize)..<(13 * blockSize), with: data12)
        // With 1 MiB blocks and 512-byte sectors a chunk is 4096 blocks: payload block n is BAT entry n.
        var batSector = Array(raw.data[bat..<(bat + 4096)])
        func entry(_ offset: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: UInt64(offset | 6) >> (8 * UInt64($0))) } }
        batSector.replaceSubrange(24..<32, with: entry(first))
        batSector.replaceSubrange(96..<104, with: entry(second))
        let sizeSectorAt = sizeItem / 4096 * 4096
        var sizeSector = Array(raw.data[sizeSectorAt..<(sizeSectorAt + 4096)])
        sizeSector.replaceSubrange((sizeItem - sizeSectorAt)..<(sizeItem - sizeSectorAt + 8),
                                   with: (0..<8).map { UInt8(truncatingIfNeeded: UInt64(newSize) >> (8 * UInt64($0))) })
        // Junk in the unused end of the metadata region, which the zero descriptor clears.
        let junkAt = raw.metadataOffset + (512 << 10)
        raw.put(pattern(8192, seed: 52), at: junkAt)

        let logGuid = Array(pattern(16, seed: 53)), staleGuid = Array(pattern(16, seed: 54))
        let size = UInt64(raw.data.count)
        // A stale entry with a higher sequence number but another log's GUID: never valid.
        var bogus = batSector
        bogus.replaceSubrange(56..<64, with: entry(first))
        raw.writeLogEntry(at: 40960, sequence: 900, tail: 40960, logGuid: staleGuid, descriptors: [.data(fileOffset: UInt64(bat), sector: bogus)],
                          flushedFileOffset: size, lastFileOffset: size)
        raw.writeLogEntry(at: 0, sequence: 41, tail: 0, logGuid: logGuid, descriptors: [.data(fileOffset: UInt64(bat), sector: batSector)],
                          flushedFileOffset: size, lastFileOffset: size)
        raw.writeLogEntry(at: 8192, sequence: 42, tail: 0, logGuid: logGuid,
                          descriptors: [.zero(fileOffset: UInt64(junkAt), length: 8192), .data(fileOffset: UInt64(sizeSectorAt), sector: sizeSector)],
                          flushedFileOffset: size, lastFileOffset: size)
        raw.setLogGuid(logGuid)
        try raw.save()
        return (path, expected)
    }

    func testReadOnlyOpenSeesTheReplayWithoutChangingTheFile() throws {
        let scratch = ScratchDirectory()
        let (path, expected) = try makeDirtyDisk(scratch)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let disk = try DiskImage.open(path)
        try expected.verify(disk)
        XCTAssertEqual(try DiskFiles.info(path).size, UInt64(newSize))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "a read-only open leaves the file as it was")
    }

    func testWritableOpenReplaysAndAgreesWithQemu() throws {
        try ExternalTools.requireQemuImg()
        let scratch = ScratchDirectory()
        let (path, expected) = try makeDirtyDisk(scratch)
        let qemuCopy = scratch.file("qemu-copy.vhdx")
        try FileManager.default.copyItem(atPath: path, toPath: qemuCopy)

        _ = try DiskImage.open(path, writable: true)
        let replayed = try RawVHDX(path)
        XCTAssertEqual(Array(replayed.data[(replayed.headers.current + 48)..<(replayed.headers.current + 64)]), [UInt8](repeating: 0, count: 16),
                       "after replay the log GUID is zero")
        let junkAt = replayed.metadataOffset + (512 << 10)
        XCTAssertTrue(replayed.data[junkAt..<(junkAt + 8192)].allSatisfy { $0 == 0 }, "the zero descriptor was applied")
        let check = ExternalTools.qemuImg(["check", "-f", "vhdx", path])
        XCTAssertTrue(check.contains("No errors were found"), check)
        expected.assertEqual(ExternalTools.qemuRaw(path, format: "vhdx", in: scratch.path), "qemu-img reading hvsh's replay")

        // QEMU replays the same log itself (check -r all opens the file for writing).
        _ = ExternalTools.run("qemu-img", ["check", "-r", "all", "-f", "vhdx", qemuCopy])
        expected.assertEqual(ExternalTools.qemuRaw(qemuCopy, format: "vhdx", in: scratch.path), "qemu-img's own replay")
    }

    func testLogWithoutValidEntriesIsCorrupt() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("bad-log.vhdx")
        try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20))
        var raw = try RawVHDX(path)
        raw.setLogGuid(Array(pattern(16, seed: 60)))
        try raw.save()
        XCTAssertThrowsError(try DiskImage.open(path)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .corrupt, "\(error)")
        }
    }

    func testLogSayingTheFileWasLongerIsTruncation() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("short.vhdx")
        try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20))
        var raw = try RawVHDX(path)
        let guid = Array(pattern(16, seed: 61))
        let size = UInt64(raw.data.count)
        raw.writeLogEntry(at: 0, sequence: 1, tail: 0, logGuid: guid, descriptors: [], flushedFileOffset: size + (8 << 20), lastFileOffset: size + (8 << 20))
        raw.setLogGuid(guid)
        try raw.save()
        XCTAssertThrowsError(try DiskImage.open(path, writable: true)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .truncated, "\(error)")
        }
    }
}
