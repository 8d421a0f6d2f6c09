import VirtualDisk
import XCTest

/// Files hvsh writes, of every format and type, checked by QEMU: `qemu-img check` (VHDX; QEMU has
/// no check for VHD), `qemu-img info` (format and exact virtual size, including sizes that are not
/// a multiple of the block size) and `qemu-img convert -O raw` (every byte).
final class HvshWritesQemuReadsTests: XCTestCase {
    private func roundTrip(format: DiskFormat, type: DiskType, size: UInt64, blockSize: UInt32? = nil,
                           logicalSectorSize: UInt32? = nil, seed: UInt64) throws {
        try ExternalTools.requireQemuImg()
        let scratch = ScratchDirectory()
        let path = scratch.file("disk." + format.rawValue.lowercased())
        let info = try DiskFiles.create(path, DiskCreateOptions(format: format, type: type, size: size, blockSize: blockSize,
                                                                logicalSectorSize: logicalSectorSize))
        XCTAssertEqual(info.format, format)
        XCTAssertEqual(info.type, type)
        XCTAssertEqual(info.size, size)
        var expected = ExpectedDisk(size: size)
        do {
            let disk = try DiskImage.open(path, writable: true)
            try expected.writeMixed(to: disk, blockSize: Int(blockSize ?? (format == .vhd ? 2 << 20 : 32 << 20)), seed: seed)
            try disk.flush()
            try expected.verify(disk)
        }
        if logicalSectorSize == 4096 {
            // QEMU opens only 512-byte-sector VHDX files; dissect.hypervisor reads 4K ones.
            try ExternalTools.requireDissect()
            let (bytes, output) = ExternalTools.dissectRaw(path, format: "vhdx", in: scratch.path)
            expected.assertEqual(bytes, "dissect.hypervisor: \(output)")
            return
        }
        let qemuFormat = format == .vhdx ? "vhdx" : "vpc"
        if format == .vhdx {
            let check = ExternalTools.qemuImg(["check", "-f", "vhdx", path])
            XCTAssertTrue(check.contains("No errors were found"), check)
        }
        let qemuInfo = ExternalTools.qemuInfo(path, format: qemuFormat)
        XCTAssertEqual(qemuInfo["format"] as? String, qemuFormat)
        XCTAssertEqual((qemuInfo["virtual-size"] as? NSNumber)?.uint64Value, size, "qemu-img info's virtual size")
        expected.assertEqual(ExternalTools.qemuRaw(path, format: qemuFormat, in: scratch.path), "qemu-img convert -O raw")
        // Reopened, the file reads the same through hvsh too.
        try expected.verify(try DiskImage.open(path))
    }

    func testDynamicVHDXWithSizeNotAMultipleOfTheBlockSize() throws {
        try roundTrip(format: .vhdx, type: .dynamic, size: (70 << 20) + 3 * 512, blockSize: 4 << 20, seed: 1)
    }

    func testDynamicVHDXWithDefaultBlockSize() throws {
        try roundTrip(format: .vhdx, type: .dynamic, size: 70 << 20, seed: 2)
    }

    func testDynamicVHDXWith4KLogicalSectors() throws {
        try roundTrip(format: .vhdx, type: .dynamic, size: (40 << 20) + 4096, blockSize: 1 << 20, logicalSectorSize: 4096, seed: 3)
    }

    func testFixedVHDX() throws {
        try roundTrip(format: .vhdx, type: .fixed, size: (20 << 20) + 512, seed: 4)
    }

    func testDynamicVHD() throws {
        try roundTrip(format: .vhd, type: .dynamic, size: (30 << 20) + 512, seed: 5)
    }

    func testDynamicVHDWithSmallBlocks() throws {
        try roundTrip(format: .vhd, type: .dynamic, size: 10_000_000 / 512 * 512, blockSize: 512 << 10, seed: 6)
    }

    func testFixedVHDWithTheSizeHyperVWasGiven() throws {
        // 100 MB: QEMU shows 104761344 bytes for a VHD from a creator it does not know.
        try roundTrip(format: .vhd, type: .fixed, size: 100 << 20, seed: 7)
    }
}
