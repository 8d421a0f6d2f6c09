import Foundation
@testable import VirtualDisk
import XCTest

/// Resize-VHD: grow every kind (a VHDX whose BAT must move, a VHD whose table must move), shrink a
/// VHDX down to its last partition and no further; QEMU reads the results.
final class ResizeTests: XCTestCase {
    func testGrowingADynamicVHDXPastItsBATRegion() throws {
        try ExternalTools.requireQemuImg()
        let scratch = ScratchDirectory()
        let path = scratch.file("grow.vhdx")
        try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: (8 << 20) + 512, blockSize: 1 << 20))
        try DiskImage.open(path, writable: true).write([UInt8](repeating: 0x5A, count: 4608), at: (8 << 20) - 4096)
        // 200 GiB of 1 MiB blocks needs more BAT entries than the 1 MiB BAT region holds.
        let newSize: UInt64 = 200 << 30
        let info = try DiskFiles.resize(path, to: newSize)
        XCTAssertEqual(info.size, newSize)
        do {
            let disk = try DiskImage.open(path, writable: true)
            try disk.write([UInt8](repeating: 0xA5, count: 65536), at: 150 << 30)
            XCTAssertEqual(try disk.read(at: (8 << 20) - 4096, count: 4608), [UInt8](repeating: 0x5A, count: 4608))
            XCTAssertEqual(try disk.read(at: (8 << 20) + 4096, count: 4096), [UInt8](repeating: 0, count: 4096), "the old tail reads zeros")
        }
        let check = ExternalTools.qemuImg(["check", "-f", "vhdx", path])
        XCTAssertTrue(check.contains("No errors were found"), check)
        XCTAssertEqual((ExternalTools.qemuInfo(path, format: "vhdx")["virtual-size"] as? NSNumber)?.uint64Value, newSize)
        for (offset, count, byte) in [((8 << 20) - 4096, 4608, 0x5A), ((8 << 20) + 4096, 65536, 0), (150 << 30, 65536, 0xA5), ((150 << 30) + 65536, 4096, 0)] {
            let output = ExternalTools.run("qemu-io", ["-r", "-f", "vhdx", "-c", "read -P \(byte) \(offset) \(count)", path])
            XCTAssertFalse(output.text.contains("verification failed") || output.status != 0, "qemu-io at \(offset): \(output.text)")
        }
    }

    func testGrowingVHDsAndFixedVHDX() throws {
        try ExternalTools.requireQemuImg()
        for (format, type) in [(DiskFormat.vhd, DiskType.dynamic), (.vhd, .fixed), (.vhdx, .fixed)] {
            let scratch = ScratchDirectory()
            let path = scratch.file("grow." + format.rawValue.lowercased())
            try DiskFiles.create(path, DiskCreateOptions(format: format, type: type, size: (6 << 20) + 512))
            var expected = ExpectedDisk(size: (6 << 20) + 512)
            try expected.write(pattern(3 << 20, seed: 80), at: (3 << 20) + 512, to: try DiskImage.open(path, writable: true))
            let newSize: UInt64 = (40 << 20) + 1024
            XCTAssertEqual(try DiskFiles.resize(path, to: newSize).size, newSize)
            expected.bytes += [UInt8](repeating: 0, count: Int(newSize) - expected.bytes.count)
            do {
                let disk = try DiskImage.open(path, writable: true)
                try expected.write(pattern(5 << 20, seed: 81), at: 30 << 20, to: disk)
                try expected.verify(disk)
            }
            let qemuFormat = format == .vhdx ? "vhdx" : "vpc"
            if format == .vhdx {
                let check = ExternalTools.qemuImg(["check", "-f", "vhdx", path])
                XCTAssertTrue(check.contains("No errors were found"), check)
            }
            XCTAssertEqual((ExternalTools.qemuInfo(path, format: qemuFormat)["virtual-size"] as? NSNumber)?.uint64Value, newSize, "\(format) \(type)")
            expected.assertEqual(ExternalTools.qemuRaw(path, format: qemuFormat, in: scratch.path), "\(format) \(type) after growing")
            XCTAssertEqual(try DiskFiles.info(path).type, type)
        }
    }

    func testShrinkingAVHDXStopsAtItsLastPartition() throws {
        try ExternalTools.requireQemuImg()
        let scratch = ScratchDirectory()
        let path = scratch.file("shrink.vhdx")
        try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 64 << 20, blockSize: 1 << 20))
        var expected = ExpectedDisk(size: 64 << 20)
        do {
            let disk = try DiskImage.open(path, writable: true)
            // An MBR with one partition from sector 2048 to the 24 MiB mark.
            var mbr = [UInt8](repeating: 0, count: 512)
            mbr[446 + 4] = 0x83
            mbr.replaceSubrange((446 + 8)..<(446 + 12), with: withUnsafeBytes(of: UInt32(2048).littleEndian) { Array($0) })
            mbr.replaceSubrange((446 + 12)..<(446 + 16), with: withUnsafeBytes(of: UInt32((24 << 20) / 512 - 2048).littleEndian) { Array($0) })
            mbr[510] = 0x55
            mbr[511] = 0xAA
            try expected.write(mbr, at: 0, to: disk)
            try expected.write(pattern(4 << 20, seed: 82), at: 10 << 20, to: disk)
            try expected.write(pattern(4 << 20, seed: 83), at: 50 << 20, to: disk)
        }
        let before = try DiskFiles.info(path)
        XCTAssertEqual(before.minimumSize, 24 << 20)
        XCTAssertThrowsError(try DiskFiles.resize(path, to: 20 << 20)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .invalidArgument)
        }
        let after = try DiskFiles.resize(path, to: 24 << 20)
        XCTAssertEqual(after.size, 24 << 20)
        XCTAssertLessThan(after.fileSize, before.fileSize, "blocks past the new end are given back")
        expected.bytes.removeLast(40 << 20)
        let check = ExternalTools.qemuImg(["check", "-f", "vhdx", path])
        XCTAssertTrue(check.contains("No errors were found"), check)
        expected.assertEqual(ExternalTools.qemuRaw(path, format: "vhdx", in: scratch.path), "after shrinking")
        // Growing again shows zeros where the dropped data was.
        try DiskFiles.resize(path, to: 64 << 20)
        expected.bytes += [UInt8](repeating: 0, count: 40 << 20)
        try expected.verify(try DiskImage.open(path))

        let vhd = scratch.file("shrink.vhd")
        try DiskFiles.create(vhd, DiskCreateOptions(format: .vhd, type: .dynamic, size: 16 << 20))
        XCTAssertThrowsError(try DiskFiles.resize(vhd, to: 8 << 20)) { error in
            XCTAssertEqual((error as? DiskError)?.kind, .unsupported)
        }
    }

    /// A resize interrupted after its metadata change reached the log (and before it reached the
    /// metadata region) is completed by replay: by QEMU's and by hvsh's.
    func testInterruptedResizeIsReplayedFromTheLog() throws {
        try ExternalTools.requireQemuImg()
        let scratch = ScratchDirectory()
        let path = scratch.file("crash.vhdx")
        try DiskFiles.create(path, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 8 << 20, blockSize: 1 << 20))
        VHDXFile.stopAfterLoggingForTesting = true
        XCTAssertThrowsError(try DiskFiles.resize(path, to: 24 << 20))
        VHDXFile.stopAfterLoggingForTesting = false
        let copy = scratch.file("crash-copy.vhdx")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        XCTAssertNotEqual(ExternalTools.run("qemu-img", ["info", "-f", "vhdx", copy]).status, 0, "QEMU refuses a dirty log read-only")
        _ = ExternalTools.run("qemu-img", ["check", "-r", "all", "-f", "vhdx", copy])
        XCTAssertEqual((ExternalTools.qemuInfo(copy, format: "vhdx")["virtual-size"] as? NSNumber)?.uint64Value, 24 << 20)
        XCTAssertEqual(try DiskImage.open(path).size, 24 << 20)
        XCTAssertEqual(try DiskImage.open(path, writable: true).size, 24 << 20)
        let check = ExternalTools.qemuImg(["check", "-f", "vhdx", path])
        XCTAssertTrue(check.contains("No errors were found"), check)
    }
}
