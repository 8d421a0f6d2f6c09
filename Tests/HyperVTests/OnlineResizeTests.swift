import Foundation
import XCTest
import Inventory
import VirtualDisk
import VMM
@testable import HyperV

/// Resize-VHD of a running VM's SCSI-attached VHDX under /dev/kvm: the worker grows the file and shrinks it
/// to its MinimumSize while the built-in firmware runs, and the firmware, asked on its console, reads the new
/// capacity from the device's configuration space after the configuration-change interrupt status.
final class OnlineResizeTests: KVMHostTestCase {
    override var scratchPrefix: String { "hvrs" }

    /// Types a firmware disk command and returns the console's text after it once `answer` shows.
    @discardableResult
    func run(_ command: String, expecting answer: String) throws -> String {
        let offset = try host.consoleLog(of: vm).utf8.count
        try host.attachConsole(of: vm).writeAll(Array((command + "\r").utf8))
        let deadline = Date().addingTimeInterval(45)
        var after = ""
        while Date() < deadline {
            after = String(decoding: try host.consoleLog(of: vm).utf8.dropFirst(offset), as: UTF8.self)
            if after.contains(answer) { return after }
            usleep(10_000)
        }
        XCTFail("console never showed \(answer) after \(command): \(after)")
        return after
    }

    /// An MBR with one partition from sector 2048 to the 12 MiB mark: the disk's MinimumSize.
    func writePartitionTable(_ path: String) throws {
        var mbr = [UInt8](repeating: 0, count: 512)
        mbr[446 + 4] = 0x83
        for (i, byte) in withUnsafeBytes(of: UInt32(2048).littleEndian, Array.init).enumerated() { mbr[446 + 8 + i] = byte }
        for (i, byte) in withUnsafeBytes(of: UInt32(12 * 2048 - 2048).littleEndian, Array.init).enumerated() { mbr[446 + 12 + i] = byte }
        mbr[510] = 0x55; mbr[511] = 0xAA
        let image = try DiskImage.open(path, writable: true)
        try image.write(mbr, at: 0)
        try image.flush()
    }

    func testGrowAndShrinkToMinimumWhileTheFirmwareRuns() throws {
        let disk = root + "/Data.vhdx"
        try DiskFiles.create(disk, DiskCreateOptions(format: .vhdx, type: .dynamic, size: 32 << 20))
        try writePartitionTable(disk)
        var request = NewVMRequest()
        request.name = "Grow"
        request.generation = 2
        request.memoryStartupBytes = 64 << 20
        vm = try host.createVM(request)
        try host.addHardDisk(to: vm, path: disk, controllerType: nil, controllerNumber: nil, controllerLocation: nil)
        XCTAssertEqual(try current().hardDrives.first?.controllerType, .SCSI)
        try host.start(try current())
        let deadline = Date().addingTimeInterval(45)
        while try !host.consoleLog(of: vm).contains("ready\r\n"), Date() < deadline { usleep(10_000) }
        try run("diskinfo=0", expecting: "diskinfo 0: 33554432 bytes, configuration unchanged, generation 0\r\n")

        // Grow: the file is bigger at once, and the guest reads the new capacity after the interrupt status.
        let grown = try XCTUnwrap(try host.resizeOnline(disk, to: 64 << 20))
        XCTAssertEqual(grown.size, 64 << 20)
        XCTAssertEqual(try DiskFiles.info(disk).size, 64 << 20)
        try run("diskinfo=0", expecting: "diskinfo 0: 67108864 bytes, configuration changed, generation 1\r\n")
        try run("diskinfo=0", expecting: "diskinfo 0: 67108864 bytes, configuration unchanged, generation 1\r\n")
        // The new space takes writes: sector 100000 lies past the old 32 MiB end (65536 sectors).
        try run("diskwrite=0,100000,1,grown", expecting: "diskwrite 0: sectors 100000+1 checksum \(DiskPattern.checksum(pattern(100000, "grown"))) tag grown\r\n")
        try run("diskwrite=0,4096,1,kept", expecting: "diskwrite 0: sectors 4096+1 checksum")

        // Shrinking below the end of the partition is refused with Hyper-V's error; to MinimumSize works.
        XCTAssertThrowsError(try host.resizeOnline(disk, to: 8 << 20)) { error in
            XCTAssertTrue("\(error)".contains("smaller than the minimum size 12582912"), "\(error)")
        }
        let shrunk = try XCTUnwrap(try host.resizeOnline(disk, to: nil))
        XCTAssertEqual(shrunk.size, 12 << 20)
        try run("diskinfo=0", expecting: "diskinfo 0: 12582912 bytes, configuration changed, generation 2\r\n")
        try run("diskread=0,100000,1", expecting: "diskread 0: I/O error\r\n")
        try run("diskread=0,4096,1", expecting: "diskread 0: sectors 4096+1 checksum \(DiskPattern.checksum(pattern(4096, "kept"))) tag kept\r\n")

        try host.stop(try current(), mode: .turnOff) { _ in false }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/qemu-img") {
            XCTAssertEqual(system("qemu-img check -q '\(disk)'"), 0)
            let raw = root + "/out.raw"
            XCTAssertEqual(system("qemu-img convert -O raw '\(disk)' '\(raw)'"), 0)
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: raw))
            XCTAssertEqual(bytes.count, 12 << 20)
            XCTAssertEqual(Array(bytes[4096 * 512..<4097 * 512]), pattern(4096, "kept"))
        }
    }

    func pattern(_ sector: UInt64, _ tag: String) -> [UInt8] {
        let line = Array("hvsh-disk-pattern tag=\(tag) sector=\(sector)\n".utf8)
        return (0..<512).map { line[$0 % line.count] }
    }
}

/// The firmware's checksum (FNV-1a, 32 bits), as it prints it.
private enum DiskPattern {
    static func checksum(_ bytes: [UInt8]) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
