import Foundation
import VirtualDisk
import XCTest

/// Optimize-VHD of differencing disks: zeros a child holds over its parent's data must stay zeros, so only
/// zero sectors over parent zeros go back to the parent; a VHDX child's all-zero block over parent data keeps
/// reading zeros as a PAYLOAD_BLOCK_ZERO entry without its megabyte. Without the zero scan (Quick) the zeros
/// stay. The chain reads byte-identical before and after, through hvsh and through dissect.hypervisor.
final class OptimizeDifferencingTests: XCTestCase {
    /// Parent: blocks 0-2 hold data, the rest is sparse. Child: zeros over the parent's data and over its
    /// zeros, in whole blocks and in pieces, beside data of its own.
    func makeChain(_ format: DiskFormat, block: Int, in scratch: ScratchDirectory) throws -> (child: String, expected: ExpectedDisk) {
        let ext = format == .vhdx ? "vhdx" : "vhd"
        let base = scratch.file("base." + ext), child = scratch.file("child." + ext)
        let size = UInt64(8 * block)
        try DiskFiles.create(base, DiskCreateOptions(format: format, type: .dynamic, size: size, blockSize: UInt32(block)))
        var expected = ExpectedDisk(size: size)
        do {
            let disk = try DiskImage.open(base, writable: true)
            for index in 0..<3 { try expected.write(pattern(block, seed: 300 &+ UInt64(index)), at: index * block, to: disk) }
        }
        // The child's blocks are the parent's size: dissect's reader mishandles a parent read that starts inside one.
        try DiskFiles.create(child, DiskCreateOptions(format: format, type: .differencing, blockSize: UInt32(block), parentPath: base))
        let disk = try DiskImage.open(child, writable: true)
        let zeros = { (count: Int) in [UInt8](repeating: 0, count: count) }
        try expected.write(zeros(block), at: 0, to: disk)                              // whole block over data
        try expected.write(zeros(block), at: 4 * block, to: disk)                      // whole block over zeros
        try expected.write(zeros(65_536), at: 5 * block + 4096, to: disk)              // a piece over zeros
        try expected.write(zeros(8192), at: block, to: disk)                           // a piece over data...
        try expected.write(pattern(4096, seed: 310), at: block + 65_536, to: disk)     // ...beside data
        try expected.write(zeros(4096), at: 6 * block, to: disk)                       // zeros over zeros...
        try expected.write(pattern(512, seed: 311), at: 6 * block + 8192, to: disk)    // ...beside data
        try expected.write(pattern(4096, seed: 312), at: 2 * block, to: disk)
        try disk.flush()
        return (child, expected)
    }

    func verify(_ child: String, _ format: DiskFormat, _ expected: ExpectedDisk, in scratch: ScratchDirectory, _ what: String) throws {
        try expected.verify(try DiskImage.open(child))
        if case .failure(let error) = DiskFiles.test(child) { XCTFail("\(what): \(error)") }
        guard format == .vhdx, ExternalTools.available("python3") else { return }
        let (bytes, output) = ExternalTools.dissectRaw(child, format: "vhdx", in: scratch.path)
        expected.assertEqual(bytes, "\(what) through dissect.hypervisor (\(output))")
    }

    func testZeroScanReclaimsOnlyWhatTheParentAlsoReadsAsZero() throws {
        try ExternalTools.requireDissect()
        for (format, block) in [(DiskFormat.vhdx, 1 << 20), (.vhd, 2 << 20)] {
            let scratch = ScratchDirectory()
            let (child, expected) = try makeChain(format, block: block, in: scratch)
            try verify(child, format, expected, in: scratch, "\(format) before")
            let before = try DiskFiles.info(child).fileSize

            // Quick (no zero scan): every bitmap marks something, so nothing goes and nothing changes.
            let quick = try DiskFiles.optimize(child, zeroBlocks: false)
            XCTAssertEqual(quick.fileSize, before, "\(format) Quick")
            try verify(child, format, expected, in: scratch, "\(format) after Quick")

            // Full: blocks 4 and 5 go back to the parent (and, for VHDX, block 0 becomes a zero block).
            let full = try DiskFiles.optimize(child, zeroBlocks: true)
            let gone = format == .vhdx ? 3 * UInt64(block) : 2 * (UInt64(block) + 512)
            XCTAssertGreaterThanOrEqual(before - full.fileSize, gone, "\(format) Full")
            XCTAssertLessThan(before - full.fileSize, gone + UInt64(block), "\(format) Full: block 0, 1, 2 and 6 data stays")
            try verify(child, format, expected, in: scratch, "\(format) after Full")
            // The parent is untouched and its children still accept it.
            XCTAssertEqual(try DiskFiles.info(child).parentPath, scratch.file("base." + (format == .vhdx ? "vhdx" : "vhd")))

            // Written again after the optimize, the zero block and the given-back blocks take data as before.
            var again = expected
            let disk = try DiskImage.open(child, writable: true)
            try again.write(pattern(1024, seed: 320), at: 100, to: disk)
            try again.write(pattern(1024, seed: 321), at: 4 * block + 512, to: disk)
            try disk.flush()
            try again.verify(disk)
        }
    }
}
