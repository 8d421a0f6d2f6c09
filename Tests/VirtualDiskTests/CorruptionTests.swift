import Foundation
import VirtualDisk
import XCTest

/// Damaged and mismatched files give typed errors, never a crash or a read outside the file.
final class CorruptionTests: XCTestCase {
    private func assertOpenFails(_ path: String, _ kind: DiskError.Kind, writable: Bool = false,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try DiskImage.open(path, writable: writable), file: file, line: line) { error in
            XCTAssertEqual((error as? DiskError)?.kind, kind, "\(error)", file: file, line: line)
        }
    }

    private func vhdxWithData(_ scratch: ScratchDirectory, _ name: String = "disk.vhdx") throws -> String {
        let path = scratch.file(name)
        try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20, blockSize: 1 << 20))
        let disk = try DiskImage.open(path, writable: true)
        try disk.write(pattern(3 << 20, seed: 70), at: 1 << 20)
        return path
    }

    private func vhdWithData(_ scratch: ScratchDirectory, _ name: String = "disk.vhd") throws -> String {
        let path = scratch.file(name)
        try DiskFiles.create(path, DiskCreateOptions(format: .vhd, type: .dynamic, size: 8 << 20))
        let disk = try DiskImage.open(path, writable: true)
        try disk.write(pattern(3 << 20, seed: 71), at: 1 << 20)
        return path
    }

    func testVHDXHeaderChecksums() throws {
        let scratch = ScratchDirectory()
        let path = try vhdxWithData(scratch)
        var raw = try RawVHDX(path)
        let current = raw.headers.current, other = raw.headers.other
        raw.data[current + 100] ^= 0xFF
        try raw.save()
        // One damaged header: the other one still opens the file (that is what two are for).
        let disk = try DiskImage.open(path)
        XCTAssertEqual(try disk.read(at: 1 << 20, count: 4096), Array(pattern(3 << 20, seed: 70)[0..<4096]))
        raw.data[other + 100] ^= 0xFF
        try raw.save()
        assertOpenFails(path, .corrupt)
    }

    func testVHDXRegionTablesAndMetadata() throws {
        let scratch = ScratchDirectory()
        let path = try vhdxWithData(scratch)
        let pristine = try RawVHDX(path)
        var raw = pristine
        raw.data[196_608 + 20] ^= 1
        raw.data[262_144 + 20] ^= 1
        try raw.save()
        assertOpenFails(path, .corrupt)

        // A metadata item said to lie past the end of its region.
        raw = pristine
        raw.put32(4 << 20, at: raw.metadataOffset + 32 + 16)
        try raw.save()
        assertOpenFails(path, .corrupt)

        // A block size that is not a power of two.
        raw = pristine
        let parameters = raw.metadataOffset + Int(raw.le32(raw.metadataOffset + 32 + 16))
        raw.put32(3 << 20, at: parameters)
        try raw.save()
        assertOpenFails(path, .corrupt)
    }

    func testVHDXBATEntryOutsideTheFileOrOverlapping() throws {
        let scratch = ScratchDirectory()
        let path = try vhdxWithData(scratch)
        let pristine = try RawVHDX(path)
        var raw = pristine
        raw.put64(UInt64(1 << 40) | 6, at: raw.batOffset + 7 * 8)
        try raw.save()
        assertOpenFails(path, .corrupt)

        raw = pristine
        raw.put64(UInt64(raw.metadataOffset) | 6, at: raw.batOffset + 7 * 8)
        try raw.save()
        assertOpenFails(path, .corrupt)

        raw = pristine
        raw.put64(raw.le64(raw.batOffset + 8), at: raw.batOffset + 7 * 8)
        try raw.save()
        assertOpenFails(path, .corrupt)
    }

    func testTruncatedFiles() throws {
        let scratch = ScratchDirectory()
        let vhdx = try vhdxWithData(scratch)
        XCTAssertEqual(truncate(vhdx, off_t(3 << 20) + 4096), 0)
        assertOpenFails(vhdx, .truncated)
        let withBlocks = try vhdxWithData(scratch, "blocks.vhdx")
        let size = try RawVHDX(withBlocks).data.count
        XCTAssertEqual(truncate(withBlocks, off_t(size - (512 << 10))), 0)
        assertOpenFails(withBlocks, .corrupt)

        let vhd = try vhdWithData(scratch)
        let vhdSize = try RawVHDX(vhd).data.count
        XCTAssertEqual(truncate(vhd, off_t(vhdSize - 4096)), 0)
        assertOpenFails(vhd, .truncated)
    }

    func testVHDFooterAndBAT() throws {
        let scratch = ScratchDirectory()
        let path = try vhdWithData(scratch)
        let pristine = try RawVHDX(path)
        var raw = pristine
        raw.data[raw.data.count - 512 + 40] ^= 0x10
        try raw.save()
        assertOpenFails(path, .corrupt)

        raw = pristine
        // BAT entry 3 (big-endian sector number) pointing far past the end.
        raw.data.replaceSubrange((1536 + 12)..<(1536 + 16), with: [0x7F, 0, 0, 0])
        try raw.save()
        assertOpenFails(path, .corrupt)
    }

    func testNotAVirtualDisk() throws {
        let scratch = ScratchDirectory()
        let garbage = scratch.file("garbage.vhdx")
        FileManager.default.createFile(atPath: garbage, contents: Data(pattern(3 << 20, seed: 72)))
        assertOpenFails(garbage, .notVirtualDisk)
        let empty = scratch.file("empty.vhd")
        FileManager.default.createFile(atPath: empty, contents: Data())
        assertOpenFails(empty, .notVirtualDisk)
        assertOpenFails(scratch.file("absent.vhdx"), .notFound)
        XCTAssertThrowsError(try DiskFiles.info(garbage))
    }

    func testMissingAndChangedParents() throws {
        for format in [DiskFormat.vhdx, .vhd] {
            let scratch = ScratchDirectory()
            let ext = format.rawValue.lowercased()
            let parent = scratch.file("parent." + ext), child = scratch.file("child." + ext)
            try DiskFiles.create(parent, DiskCreateOptions(format: format, type: .dynamic, size: 8 << 20))
            try DiskFiles.create(child, DiskCreateOptions(format: format, type: .differencing, parentPath: parent))
            _ = try DiskImage.open(child)

            // Another disk in the parent's place: its identity is not the one the child recorded.
            let original = scratch.file("original." + ext)
            XCTAssertEqual(rename(parent, original), 0)
            try DiskFiles.create(parent, DiskCreateOptions(format: format, type: .dynamic, size: 8 << 20))
            assertOpenFails(child, .parentMismatch)
            XCTAssertEqual(try DiskFiles.info(child).parentPath, parent, "Get-VHD still shows where the parent should be")
            XCTAssertThrowsError(try DiskFiles.test(child).get())

            // No parent at all.
            unlink(parent)
            assertOpenFails(child, .parentNotFound)
            XCTAssertEqual(rename(original, parent), 0)
            _ = try DiskImage.open(child)

            if format == .vhdx {
                // Writing to the parent changes its DataWriteGuid: the child no longer matches.
                try DiskImage.open(parent, writable: true).write([1, 2, 3], at: 0)
                assertOpenFails(child, .parentMismatch)
            }
        }
    }

    /// Random damage where no checksum guards (metadata items, BAT, VHD tables) and random
    /// truncation: every open either fails with a DiskError or reads the whole disk.
    func testRandomDamageNeverCrashes() throws {
        let scratch = ScratchDirectory()
        let vhdx = try vhdxWithData(scratch), vhd = try vhdWithData(scratch)
        let originals = [(vhdx, try RawVHDX(vhdx)), (vhd, try RawVHDX(vhd))]
        var generator = SystemRandomNumberGenerator()
        var opened = 0, refused = 0
        for round in 0..<120 {
            let (path, pristine) = originals[round % 2]
            var raw = pristine
            let isVHDX = path.hasSuffix("x")
            let range = isVHDX ? (raw.metadataOffset..<(raw.batOffset + 4096)) : (0..<4096)
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                raw.data[Int.random(in: range, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if round % 7 == 0 { raw.data.removeLast(Int.random(in: 1...(raw.data.count / 2), using: &generator)) }
            if !isVHDX && round % 5 == 0 {
                // Keep the footer's checksum right so the damage reaches the structures behind it.
                let at = raw.data.count - 512
                if at > 0, raw.data[at..<(at + 8)].elementsEqual(Array("conectix".utf8)) {
                    var sum: UInt32 = 0
                    for i in 0..<512 where !(64..<68).contains(i) { sum &+= UInt32(raw.data[at + i]) }
                    raw.data.replaceSubrange((at + 64)..<(at + 68), with: withUnsafeBytes(of: (~sum).bigEndian) { Array($0) })
                }
            }
            try raw.save()
            // The block throws only DiskError (typed), so any failure here is a typed one.
            do throws(DiskError) {
                let disk = try DiskImage.open(path)
                _ = try disk.read(at: 0, count: Int(disk.size))
                opened += 1
            } catch {
                refused += 1
            }
        }
        XCTAssertEqual(opened + refused, 120)
        XCTAssertGreaterThan(refused, 0)
    }
}
