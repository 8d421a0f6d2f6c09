import Foundation
import VirtualDisk
import XCTest

/// Convert-VHD, Merge-VHD, Optimize-VHD and Set-VHD -ParentPath at the file level, each result
/// read back by QEMU (plain disks) or dissect.hypervisor (differencing disks).
final class ConvertMergeOptimizeTests: XCTestCase {
    private func diskWithData(_ path: String, _ options: DiskCreateOptions, seed: UInt64) throws -> ExpectedDisk {
        try DiskFiles.create(path, options)
        let disk = try DiskImage.open(path, writable: true)
        var expected = ExpectedDisk(size: disk.size)
        try expected.writeMixed(to: disk, blockSize: 2 << 20, seed: seed)
        return expected
    }

    func testConversionsBetweenFormatsAndTypes() throws {
        try ExternalTools.requireQemuImg()
        let scratch = ScratchDirectory()
        let source = scratch.file("source.vhd")
        let expected = try diskWithData(source, DiskCreateOptions(format: .vhd, type: .dynamic, size: (24 << 20) + 512), seed: 90)
        let steps: [(String, DiskFormat, DiskType)] = [("a.vhdx", .vhdx, .dynamic), ("b.vhdx", .vhdx, .fixed), ("c.vhd", .vhd, .fixed), ("d.vhd", .vhd, .dynamic)]
        var previous = source
        for (name, format, type) in steps {
            let target = scratch.file(name)
            let info = try DiskFiles.convert(previous, to: target, format: format, type: type,
                                             blockSize: format == .vhdx && type == .dynamic ? 1 << 20 : nil)
            XCTAssertEqual(info.format, format)
            XCTAssertEqual(info.type, type)
            XCTAssertEqual(info.size, UInt64(expected.bytes.count))
            let qemuFormat = format == .vhdx ? "vhdx" : "vpc"
            expected.assertEqual(ExternalTools.qemuRaw(target, format: qemuFormat, in: scratch.path), "\(name) through qemu-img")
            previous = target
        }
        // Dynamic targets hold no zero megabytes: far smaller than the fixed ones.
        XCTAssertLessThan(try DiskFiles.info(scratch.file("a.vhdx")).fileSize, try DiskFiles.info(scratch.file("b.vhdx")).fileSize)
        XCTAssertThrowsError(try DiskFiles.convert(source, to: scratch.file("a.vhdx"), format: .vhdx, type: .dynamic)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .exists)
        }
        let fourK = scratch.file("4k.vhdx")
        try DiskFiles.create(fourK, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20, logicalSectorSize: 4096))
        XCTAssertThrowsError(try DiskFiles.convert(fourK, to: scratch.file("4k.vhd"), format: .vhd, type: .dynamic))
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.file("4k.vhd")))
    }

    func testADifferencingVHDConvertedOntoAVHDXParentReadsTheSameThroughDissect() throws {
        try ExternalTools.requireDissect()
        let scratch = ScratchDirectory()
        let base = scratch.file("base.vhd"), child = scratch.file("child.vhd")
        var expected = try diskWithData(base, DiskCreateOptions(format: .vhd, type: .dynamic, size: 10 << 20), seed: 97)
        try DiskFiles.create(child, DiskCreateOptions(format: .vhd, type: .differencing, parentPath: base))
        try expected.writeMixed(to: try DiskImage.open(child, writable: true), blockSize: 2 << 20, seed: 98)
        // The parent keeps blocks no smaller than the child's: dissect's reader of a partially present block
        // reads the parent's part in one piece, which it can do only inside one of the parent's blocks.
        try DiskFiles.convert(base, to: scratch.file("base.vhdx"), format: .vhdx, type: .dynamic, blockSize: 2 << 20)
        let info = try DiskFiles.convert(child, to: scratch.file("child.vhdx"), format: .vhdx, type: .differencing,
                                         parentPath: scratch.file("base.vhdx"))
        XCTAssertEqual(info.parentPath, scratch.file("base.vhdx"))
        try expected.verify(try DiskImage.open(scratch.file("child.vhdx")))
        let (bytes, output) = ExternalTools.dissectRaw(scratch.file("child.vhdx"), format: "vhdx", in: scratch.path)
        expected.assertEqual(bytes, "dissect.hypervisor reading the converted chain: \(output)")
    }

    func testMergingChildrenIntoTheirParents() throws {
        try ExternalTools.requireQemuImg()
        for format in [DiskFormat.vhdx, .vhd] {
            let scratch = ScratchDirectory()
            let ext = format.rawValue.lowercased()
            let base = scratch.file("base." + ext), middle = scratch.file("middle." + ext), top = scratch.file("top." + ext)
            var expected = try diskWithData(base, DiskCreateOptions(format: format, type: .dynamic, size: 16 << 20), seed: 91)
            try DiskFiles.create(middle, DiskCreateOptions(format: format, type: .differencing, parentPath: base))
            try expected.writeMixed(to: try DiskImage.open(middle, writable: true), blockSize: 1 << 20, seed: 92)
            try DiskFiles.create(top, DiskCreateOptions(format: format, type: .differencing, parentPath: middle))
            try expected.write(pattern(70_000, seed: 93), at: 5_000_000, to: try DiskImage.open(top, writable: true))

            try DiskFiles.merge(top, into: base)
            XCTAssertFalse(FileManager.default.fileExists(atPath: top))
            XCTAssertFalse(FileManager.default.fileExists(atPath: middle))
            XCTAssertEqual(try DiskFiles.info(base).type, .dynamic)
            if format == .vhdx {
                let check = ExternalTools.qemuImg(["check", "-f", "vhdx", base])
                XCTAssertTrue(check.contains("No errors were found"), check)
            }
            expected.assertEqual(ExternalTools.qemuRaw(base, format: format == .vhdx ? "vhdx" : "vpc", in: scratch.path), "\(format) merged into its base")
        }
    }

    func testOptimizeGivesBackZeroBlocks() throws {
        try ExternalTools.requireQemuImg()
        for format in [DiskFormat.vhdx, .vhd] {
            let scratch = ScratchDirectory()
            let path = scratch.file("sparse." + format.rawValue.lowercased())
            let block = format == .vhdx ? 1 << 20 : 2 << 20
            try DiskFiles.create(path, DiskCreateOptions(format: format, type: .dynamic, size: 16 << 20, blockSize: UInt32(block)))
            var expected = ExpectedDisk(size: 16 << 20)
            do {
                let disk = try DiskImage.open(path, writable: true)
                for index in [1, 2, 3, 5, 6] { try expected.write(pattern(block, seed: 94 &+ UInt64(index)), at: index * block, to: disk) }
                for index in [2, 5] { try expected.write([UInt8](repeating: 0, count: block), at: index * block, to: disk) }
            }
            let before = try DiskFiles.info(path)
            let after = try DiskFiles.optimize(path)
            // Two blocks given back (a VHD block also has its sector bitmap and alignment padding).
            XCTAssertGreaterThanOrEqual(before.fileSize - after.fileSize, UInt64(2 * block), "\(format)")
            XCTAssertLessThan(before.fileSize - after.fileSize, UInt64(3 * block), "\(format)")
            XCTAssertEqual(after.fragmentationPercentage, 0)
            try expected.verify(try DiskImage.open(path))
            let qemuFormat = format == .vhdx ? "vhdx" : "vpc"
            if format == .vhdx {
                let check = ExternalTools.qemuImg(["check", "-f", "vhdx", path])
                XCTAssertTrue(check.contains("No errors were found"), check)
            }
            expected.assertEqual(ExternalTools.qemuRaw(path, format: qemuFormat, in: scratch.path), "\(format) after optimize")

            let fixed = scratch.file("fixed." + format.rawValue.lowercased())
            try DiskFiles.create(fixed, DiskCreateOptions(format: format, type: .fixed, size: 4 << 20))
            XCTAssertThrowsError(try DiskFiles.optimize(fixed)) { error in
                XCTAssertEqual((error as? DiskError)?.kind, .unsupported)
            }
        }
    }

    func testSetParentAfterTheParentMoved() throws {
        try ExternalTools.requireDissect()
        let scratch = ScratchDirectory()
        let base = scratch.file("base.vhdx"), child = scratch.file("child.vhdx")
        var expected = try diskWithData(base, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20, blockSize: 1 << 20), seed: 95)
        try DiskFiles.create(child, DiskCreateOptions(format: .vhdx, type: .differencing, parentPath: base))
        try expected.write(pattern(9000, seed: 96), at: 100_000, to: try DiskImage.open(child, writable: true))

        XCTAssertEqual(mkdir(scratch.file("moved"), 0o755), 0)
        let moved = scratch.file("moved/base.vhdx")
        XCTAssertEqual(rename(base, moved), 0)
        XCTAssertThrowsError(try DiskImage.open(child)) { XCTAssertEqual(($0 as? DiskError)?.kind, .parentNotFound) }

        let stranger = scratch.file("stranger.vhdx")
        try DiskFiles.create(stranger, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20))
        XCTAssertThrowsError(try DiskFiles.setParent(child, parentPath: stranger)) { XCTAssertEqual(($0 as? DiskError)?.kind, .parentMismatch) }

        try DiskFiles.setParent(child, parentPath: moved)
        XCTAssertEqual(try DiskFiles.info(child).parentPath, moved)
        try expected.verify(try DiskImage.open(child))
        let (bytes, output) = ExternalTools.dissectRaw(child, format: "vhdx", in: scratch.path)
        expected.assertEqual(bytes, "dissect.hypervisor after Set-VHD -ParentPath: \(output)")

        // Accepting another disk as parent on purpose.
        try DiskFiles.setParent(child, parentPath: stranger, ignoreIdentityMismatch: true)
        XCTAssertEqual(try DiskImage.open(child).chain.last, stranger)

        // The same for a VHD.
        let vhdBase = scratch.file("base.vhd"), vhdChild = scratch.file("child.vhd")
        try DiskFiles.create(vhdBase, DiskCreateOptions(format: .vhd, type: .dynamic, size: 8 << 20))
        try DiskFiles.create(vhdChild, DiskCreateOptions(format: .vhd, type: .differencing, parentPath: vhdBase))
        let longName = scratch.file("moved/a-much-longer-file-name-than-the-parent-had-before-so-the-locator-grows.vhd")
        XCTAssertEqual(rename(vhdBase, longName), 0)
        XCTAssertThrowsError(try DiskImage.open(vhdChild))
        try DiskFiles.setParent(vhdChild, parentPath: longName)
        XCTAssertEqual(try DiskImage.open(vhdChild).chain, [vhdChild, longName])
    }

    func testFragmentationPercentageFollowsTheOrderOfBlocksInTheFile() throws {
        let scratch = ScratchDirectory()
        func disk(_ name: String, writingBlocks order: [Int]) throws -> DiskInfo {
            let path = scratch.file(name)
            try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20, blockSize: 1 << 20))
            let image = try DiskImage.open(path, writable: true)
            for block in order { try image.write([UInt8](repeating: 0x11, count: 512), at: UInt64(block) << 20) }
            try image.flush()
            return try DiskFiles.info(path)
        }
        // Blocks land in the file in the order they are first written; a block that does not follow the
        // one before it (in the disk's order) is a fragment: 0 1 3 2 has two breaks in three steps.
        XCTAssertEqual(try disk("inorder.vhdx", writingBlocks: [0, 1, 2, 3]).fragmentationPercentage, 0)
        XCTAssertEqual(try disk("swapped.vhdx", writingBlocks: [0, 1, 3, 2]).fragmentationPercentage, 66)
        XCTAssertEqual(try disk("reversed.vhdx", writingBlocks: [3, 2, 1, 0]).fragmentationPercentage, 100)
        XCTAssertEqual(try disk("one.vhdx", writingBlocks: [5]).fragmentationPercentage, 0)
    }

    func testInfoShowsWhatGetVHDShows() throws {
        let scratch = ScratchDirectory()
        let dynamic = try DiskFiles.create(scratch.file("d.vhdx"), DiskCreateOptions(format: .vhdx, type: .dynamic, size: 127 << 30))
        XCTAssertEqual(dynamic.fileSize, 4 << 20, "a new dynamic VHDX is 4 MiB, as Hyper-V's")
        XCTAssertEqual(dynamic.blockSize, 32 << 20)
        XCTAssertEqual(dynamic.logicalSectorSize, 512)
        XCTAssertEqual(dynamic.physicalSectorSize, 4096)
        XCTAssertEqual(dynamic.alignment, 1)
        XCTAssertNil(dynamic.minimumSize)
        XCTAssertNil(dynamic.parentPath)
        let fixed = try DiskFiles.create(scratch.file("f.vhdx"), DiskCreateOptions(format: .vhdx, type: .fixed, size: 10 << 20))
        XCTAssertEqual(fixed.blockSize, 0)
        XCTAssertEqual(fixed.fileSize, (10 << 20) + (4 << 20))
        let vhd = try DiskFiles.create(scratch.file("d.vhd"), DiskCreateOptions(format: .vhd, type: .dynamic, size: 10 << 20))
        XCTAssertEqual(vhd.blockSize, 2 << 20)
        XCTAssertEqual(vhd.physicalSectorSize, 512)
        XCTAssertNotEqual(vhd.diskIdentifier, dynamic.diskIdentifier)
        for (options, what) in [(DiskCreateOptions(format: .vhd, type: .dynamic, size: 2041 << 30), "VHD over 2040 GB"),
                                (DiskCreateOptions(format: .vhdx, type: .dynamic, size: 1000), "size not a sector multiple"),
                                (DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20, blockSize: 3 << 20), "block size"),
                                (DiskCreateOptions(format: .vhd, type: .dynamic, size: 8 << 20, logicalSectorSize: 4096), "4K VHD"),
                                (DiskCreateOptions(format: .vhdx, type: .differencing, parentPath: scratch.file("d.vhd")), "VHDX child of a VHD")] {
            XCTAssertThrowsError(try DiskFiles.create(scratch.file("bad.vhdx"), options), what) { error in
                XCTAssertEqual((error as? DiskError)?.kind, .invalidArgument, what)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.file("bad.vhdx")), what)
        }
    }
}
