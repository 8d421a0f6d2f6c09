import Foundation
import VirtualDisk
import XCTest

/// What a flush promises: a new block's BAT entry reaches the file only after the block's data and
/// the file's new size are stable, i.e. at the next flush (or close). Until then the file on disk is
/// the disk as of the last flush, and always a valid VHDX.
final class FlushTests: XCTestCase {
    func testNewBlocksReachTheBATAtTheFlush() throws {
        let scratch = ScratchDirectory()
        let path = scratch.file("flush.vhdx")
        try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 16 << 20, blockSize: 1 << 20))
        let batOffset = try RawVHDX(path).batOffset
        let data = pattern(4096, seed: 120)
        let disk = try DiskImage.open(path, writable: true)
        try disk.write(data, at: (3 << 20) + 512)
        XCTAssertEqual(try disk.read(at: (3 << 20) + 512, count: 4096), data, "the writer reads its write at once")
        XCTAssertEqual(try RawVHDX(path).le64(batOffset + 3 * 8), 0, "before the flush the file still says the block is absent")
        try disk.flush()
        let entry = try RawVHDX(path).le64(batOffset + 3 * 8)
        XCTAssertEqual(entry & 7, 6, "after the flush the block is fully present")
        XCTAssertLessThanOrEqual(Int(entry & ~0xFFFFF) + (1 << 20), try RawVHDX(path).data.count)
        try disk.write(data, at: 9 << 20)
        _ = consume disk
        // Closed without a flush: the entry is written on the way out.
        XCTAssertEqual(try DiskImage.open(path).read(at: 9 << 20, count: 4096), data)
    }
}
