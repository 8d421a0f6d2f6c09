import Foundation
import VirtualDisk
import XCTest

/// Files QEMU writes (`qemu-img convert -O vhdx|vpc` from raw data with sparse regions) read by
/// hvsh byte for byte; then hvsh writes into them and QEMU reads the result back.
final class QemuWritesHvshReadsTests: XCTestCase {
    private func interoperate(qemuFormat: String, options: [String], size: Int, expectType: DiskType, seed: UInt64) throws {
        try ExternalTools.requireQemuImg()
        let scratch = ScratchDirectory()
        // Data with holes: qemu-img leaves all-zero clusters unallocated in dynamic images.
        var expected = ExpectedDisk(size: UInt64(size))
        for (i, offset) in [0, 3 << 20, size / 2 + 4096, size - (1 << 20)].enumerated() {
            let count = min(1 << 20, size - offset)
            expected.bytes.replaceSubrange(offset..<(offset + count), with: pattern(count, seed: seed &+ UInt64(i)))
        }
        let raw = scratch.file("source.raw"), image = scratch.file("qemu.img")
        FileManager.default.createFile(atPath: raw, contents: Data(expected.bytes))
        ExternalTools.qemuImg(["convert", "-f", "raw", "-O", qemuFormat] + options + [raw, image])
        let qemuSize = (ExternalTools.qemuInfo(image, format: qemuFormat)["virtual-size"] as? NSNumber)?.intValue ?? -1
        // Without force_size QEMU rounds a VHD's size to its CHS geometry; hvsh must read the
        // same size QEMU does.
        if qemuSize > size { expected.bytes += [UInt8](repeating: 0, count: qemuSize - size) }
        if qemuSize < size { expected.bytes.removeLast(size - qemuSize) }

        let info = try DiskFiles.info(image)
        XCTAssertEqual(info.type, expectType)
        XCTAssertEqual(info.size, UInt64(qemuSize))
        do {
            let disk = try DiskImage.open(image, writable: true)
            try expected.verify(disk)
            try expected.write(pattern(10_000, seed: seed &+ 100), at: 5_000, to: disk)
            try expected.write(pattern(300_000, seed: seed &+ 101), at: (9 << 20) + 512, to: disk)
            try expected.write(pattern(512, seed: seed &+ 102), at: expected.bytes.count - 512, to: disk)
            try disk.flush()
        }
        if qemuFormat == "vhdx" {
            let check = ExternalTools.qemuImg(["check", "-f", "vhdx", image])
            XCTAssertTrue(check.contains("No errors were found"), check)
        }
        expected.assertEqual(ExternalTools.qemuRaw(image, format: qemuFormat, in: scratch.path), "qemu-img after hvsh wrote")
    }

    func testDynamicVHDXFromQemu() throws {
        try interoperate(qemuFormat: "vhdx", options: ["-o", "subformat=dynamic,block_size=1M"], size: (24 << 20) + 4096,
                         expectType: .dynamic, seed: 11)
    }

    func testDynamicVHDXFromQemuWithDefaultBlocks() throws {
        try interoperate(qemuFormat: "vhdx", options: [], size: 40 << 20, expectType: .dynamic, seed: 12)
    }

    func testFixedVHDXFromQemu() throws {
        try interoperate(qemuFormat: "vhdx", options: ["-o", "subformat=fixed"], size: 16 << 20, expectType: .fixed, seed: 13)
    }

    func testDynamicVHDFromQemuWithItsCHSSize() throws {
        try interoperate(qemuFormat: "vpc", options: ["-o", "subformat=dynamic"], size: 20 << 20, expectType: .dynamic, seed: 14)
    }

    func testDynamicVHDFromQemuWithExactSize() throws {
        try interoperate(qemuFormat: "vpc", options: ["-o", "subformat=dynamic,force_size=on"], size: (20 << 20) + 512,
                         expectType: .dynamic, seed: 15)
    }

    func testFixedVHDFromQemu() throws {
        try interoperate(qemuFormat: "vpc", options: ["-o", "subformat=fixed,force_size=on"], size: 12 << 20, expectType: .fixed, seed: 16)
    }
}
