import VirtualDisk
import XCTest

/// A disk's expected content kept in memory beside the file: every write goes to both, and the
/// file's content, read by any implementation, must equal `bytes`.
struct ExpectedDisk {
    var bytes: [UInt8]

    init(size: UInt64) { bytes = [UInt8](repeating: 0, count: Int(size)) }
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func write(_ data: [UInt8], at offset: Int, to disk: DiskImage) throws {
        try disk.write(data, at: UInt64(offset))
        bytes.replaceSubrange(offset..<(offset + data.count), with: data)
    }

    /// Writes of every shape: sector-aligned and not, inside one block and across block
    /// boundaries, a whole block, the disk's last bytes; sparse regions stay between them.
    mutating func writeMixed(to disk: DiskImage, blockSize: Int, seed: UInt64) throws {
        let size = bytes.count
        let writes: [(Int, Int)] = [
            (0, 4096),
            (12_345, 7_000),
            (blockSize - 1_000, 3_000),
            (min(2 * blockSize, size - blockSize), blockSize),
            (size / 2 + 513, 65_536),
            (size - 700, 700),
        ]
        for (i, (offset, count)) in writes.enumerated() where offset >= 0 && offset + count <= size {
            try write(pattern(count, seed: seed &+ UInt64(i)), at: offset, to: disk)
        }
    }

    /// Reads the whole disk through the library in uneven pieces and compares.
    func verify(_ disk: DiskImage, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(disk.size, UInt64(bytes.count), file: file, line: line)
        var offset = 0
        var piece = 1_000_003
        var buffer = [UInt8](repeating: 0, count: piece)
        while offset < bytes.count {
            let count = min(piece, bytes.count - offset)
            try buffer.withUnsafeMutableBytes { try disk.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<count]), at: UInt64(offset)) }
            let same = buffer.withUnsafeBytes { read in bytes.withUnsafeBytes { memcmp(read.baseAddress!, $0.baseAddress! + offset, count) == 0 } }
            if !same {
                XCTFail("bytes \(offset)-\(offset + count) differ from what was written", file: file, line: line)
                return
            }
            offset += count
            piece = piece == 1_000_003 ? 4_096 * 37 : 1_000_003
        }
    }

    func assertEqual(_ other: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(other.count, bytes.count, "\(what): size", file: file, line: line)
        guard other.count == bytes.count else { return }
        let same = other.withUnsafeBytes { a in bytes.withUnsafeBytes { memcmp(a.baseAddress!, $0.baseAddress!, a.count) == 0 } }
        if !same {
            let first = zip(other, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? 0
            XCTFail("\(what): content differs first at byte \(first)", file: file, line: line)
        }
    }
}
