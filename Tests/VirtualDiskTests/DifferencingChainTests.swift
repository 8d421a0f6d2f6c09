import Foundation
import VirtualDisk
import XCTest

/// Differencing disks hvsh writes, read through dissect.hypervisor (QEMU opens no differencing
/// VHDX or VHD): the chain, parents included, reads byte-identical to what hvsh reads.
final class DifferencingChainTests: XCTestCase {
    /// parent (data) <- child (some sectors, partial blocks, a whole block) <- grandchild.
    private func makeChain(format: DiskFormat, in scratch: ScratchDirectory, size: UInt64)
        throws -> (paths: [String], expected: ExpectedDisk, childOnly: [(Int, Int)]) {
        let ext = format.rawValue.lowercased()
        let parentPath = scratch.file("base." + ext)
        try DiskFiles.create(parentPath, DiskCreateOptions(format: format, type: .dynamic, size: size, blockSize: format == .vhdx ? 1 << 20 : nil))
        var expected = ExpectedDisk(size: size)
        do {
            let parent = try DiskImage.open(parentPath, writable: true)
            try expected.write(pattern(Int(size) / 2, seed: 21), at: 0, to: parent)
            try expected.write(pattern(1 << 20, seed: 22), at: Int(size) - (1 << 20), to: parent)
        }
        let childPath = scratch.file("child." + ext)
        let info = try DiskFiles.create(childPath, DiskCreateOptions(format: format, type: .differencing, parentPath: parentPath))
        XCTAssertEqual(info.type, .differencing)
        XCTAssertEqual(info.size, size)
        XCTAssertEqual(info.parentPath, parentPath)
        XCTAssertEqual(info.blockSize, 2 << 20)
        let writes = [(512, 1024), (4096 * 3 + 100, 5000), ((2 << 20) - 512, 2048), (4 << 20, 2 << 20), (Int(size) - 777, 777)]
        do {
            let child = try DiskImage.open(childPath, writable: true)
            XCTAssertEqual(child.chain, [childPath, parentPath])
            for (i, (offset, count)) in writes.enumerated() {
                try expected.write(pattern(count, seed: 30 &+ UInt64(i)), at: offset, to: child)
            }
            try expected.verify(child)
        }
        let grandchildPath = scratch.file("grandchild." + ext)
        try DiskFiles.create(grandchildPath, DiskCreateOptions(format: format, type: .differencing, parentPath: childPath))
        do {
            let grandchild = try DiskImage.open(grandchildPath, writable: true)
            try expected.write(pattern(3000, seed: 40), at: 1000, to: grandchild)
            try expected.verify(grandchild)
            XCTAssertEqual(grandchild.chain.count, 3)
        }
        return ([parentPath, childPath, grandchildPath], expected, writes)
    }

    func testVHDXChainReadsTheSameThroughDissect() throws {
        try ExternalTools.requireDissect()
        let scratch = ScratchDirectory()
        let (paths, expected, _) = try makeChain(format: .vhdx, in: scratch, size: 12 << 20)
        let (bytes, output) = ExternalTools.dissectRaw(paths[2], format: "vhdx", in: scratch.path)
        expected.assertEqual(bytes, "dissect.hypervisor reading the grandchild: \(output)")
        try expected.verify(try DiskImage.open(paths[2]))
    }

    func testVHDChildHoldsExactlyItsWrittenSectors() throws {
        // dissect.hypervisor reads a VHD without its parent: unallocated blocks as zeros and
        // allocated blocks whole. What it reads of the child must be the written bytes where the
        // child has them and zeros where the child's blocks were never allocated.
        try ExternalTools.requireDissect()
        let scratch = ScratchDirectory()
        let size: UInt64 = 12 << 20
        let (paths, expected, writes) = try makeChain(format: .vhd, in: scratch, size: size)
        try expected.verify(try DiskImage.open(paths[2]))
        let (bytes, output) = ExternalTools.dissectRaw(paths[1], format: "vhd", in: scratch.path)
        XCTAssertEqual(bytes.count, Int(size), output)
        guard bytes.count == Int(size) else { return }
        let childImage = try DiskImage.open(paths[1])
        let childView = try childImage.read(at: 0, count: Int(size))
        for (offset, count) in writes {
            XCTAssertEqual(Array(bytes[offset..<(offset + count)]), Array(childView[offset..<(offset + count)]),
                           "dissect reads the child's own sectors at \(offset)")
        }
        let block = 2 << 20
        for start in stride(from: 0, to: Int(size), by: block) where !writes.contains(where: { $0.0 < start + block && start < $0.0 + $0.1 }) {
            XCTAssertTrue(bytes[start..<(start + block)].allSatisfy { $0 == 0 }, "block at \(start) was never written in the child")
        }
    }

    func testParentsAreOpenedReadOnlyAndShared() throws {
        let scratch = ScratchDirectory()
        let (paths, _, _) = try makeChain(format: .vhdx, in: scratch, size: 8 << 20)
        // Readers of a chain share it; nobody writes a disk that is open, parent or not.
        let reader = try DiskImage.open(paths[2])
        _ = try DiskImage.open(paths[2])
        for path in [paths[0], paths[1], paths[2]] {
            XCTAssertThrowsError(try DiskImage.open(path, writable: true), path) { error in
                XCTAssertEqual((error as? DiskError)?.kind, .inUse)
            }
        }
        XCTAssertThrowsError(try reader.write([1], at: 0)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .readOnly)
        }
        XCTAssertThrowsError(try reader.read(at: reader.size - 1, count: 2)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .invalidArgument)
        }
    }
}
