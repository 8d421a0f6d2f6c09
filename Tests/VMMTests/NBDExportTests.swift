import Foundation
import LinuxSystem
@testable import VMM
import XCTest

/// The worker's NBD export spoken to by QEMU's own NBD client (`qemu-io` on the inherited socket, as QEMU gets it):
/// the handshake QEMU negotiates, reads and writes at any offset, flushes, and the refusals (beyond the end, a
/// read-only disk) reaching QEMU as errors rather than ending the export. No guest boot: a second or so.
final class NBDExportTests: XCTestCase {
    var temporary: TemporaryDirectory!
    override func setUp() { temporary = TemporaryDirectory("hvsh-nbd") }
    override func tearDown() { temporary.cleanup() }

    static let qemuIO = "/usr/bin/qemu-io"

    /// Runs qemu-io's commands against `backend` served by a new export; its output.
    func qemuIO(_ backend: any BlockBackend, _ commands: [String], options: [String] = []) throws -> String {
        try qemuIO(export: try NBDExport(backend: backend), commands, options: options)
    }

    func qemuIO(export: NBDExport, _ commands: [String], options: [String] = []) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: Self.qemuIO) else { throw XCTSkip("qemu-io is missing: install qemu-utils") }
        let logPath = temporary.path + "/qemu-io.log"
        let log = try FileDescriptor.open(logPath, .writeOnly, options: [.create, .truncate], permissions: 0o600)
        let fd = export.clientDescriptor
        let arguments = [Self.qemuIO] + options + ["--image-opts", "driver=nbd,server.type=fd,server.str=\(fd)"] + commands.flatMap { ["-c", $0] }
        let process = try QEMUProcess.spawn(arguments, keep: [fd], output: log)
        export.closeClientEnd()
        try export.start()
        XCTAssertTrue(process.reap(timeoutMilliseconds: 30_000), "qemu-io did not finish")
        if !process.reap() { process.kill() }
        return (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    func makeDisk(_ name: String, size: Int, fill: UInt8 = 0) -> String {
        let path = temporary.path + "/" + name
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(repeating: fill, count: size)))
        return path
    }

    func testQEMUsClientReadsWritesAndFlushesThroughTheExport() throws {
        let path = makeDisk("disk.raw", size: 4 << 20, fill: 0x11)
        let output = try qemuIO(try RawFileBackend(path: path, readOnly: false), [
            "read -P 0x11 0 4096",
            "write -P 0x5a 12345 70000",     // unaligned offset and length: the export is byte-granular
            "read -P 0x5a 12345 70000",
            "read -P 0x11 82345 1000",
            "flush",
            "write -P 0x77 4190000 10000",   // runs past the 4 MiB end
            "read -P 0x11 0 512",            // the connection survived the refusal
        ])
        XCTAssertTrue(output.contains("read 4096/4096 bytes at offset 0"), output)
        XCTAssertTrue(output.contains("wrote 70000/70000 bytes at offset 12345"), output)
        XCTAssertTrue(output.contains("read 70000/70000 bytes at offset 12345"), output)
        XCTAssertTrue(output.contains("read 1000/1000 bytes at offset 82345"), output)
        XCTAssertFalse(output.contains("Pattern verification failed"), output)
        XCTAssertFalse(output.contains("wrote 10000/10000"), "a write past the end is refused: \(output)")
        XCTAssertTrue(output.contains("read 512/512 bytes at offset 0"), output)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(bytes.count, 4 << 20, "the file keeps its size")
        XCTAssertEqual(bytes[12344], 0x11)
        XCTAssertEqual(Set(bytes[12345..<82345]), [0x5a])
        XCTAssertEqual(bytes[82345], 0x11)
        XCTAssertEqual(Set(bytes[(4 << 20) - 10000..<(4 << 20)]), [0x11], "nothing of the refused write landed")
    }

    /// The export says a read-only disk is read-only: QEMU will not open it for writing, and reads it.
    func testAReadOnlyDiskIsOfferedReadOnly() throws {
        let path = makeDisk("ro.raw", size: 1 << 20, fill: 0x22)
        let writable = try qemuIO(try RawFileBackend(path: path, readOnly: true), ["write -P 0x33 0 4096"])
        XCTAssertTrue(writable.contains("Permission denied") || writable.contains("read-only"), writable)
        XCTAssertFalse(writable.contains("wrote 4096/4096"), writable)
        let output = try qemuIO(try RawFileBackend(path: path, readOnly: true), ["read -P 0x22 0 4096"], options: ["-r"])
        XCTAssertTrue(output.contains("read 4096/4096 bytes at offset 0"), output)
        XCTAssertFalse(output.contains("Pattern verification failed"), output)
        XCTAssertEqual(Set(try Data(contentsOf: URL(fileURLWithPath: path))), [0x22])
    }

    /// A checkpoint releases the files while the VM is paused: flushes succeed (all was flushed), I/O fails, and
    /// after `attach` the export serves the new file; a file of another size is refused.
    func testDetachAndAttachSwapTheFileBehindTheExport() throws {
        let first = makeDisk("first.raw", size: 1 << 20, fill: 0x01)
        let second = makeDisk("second.raw", size: 1 << 20, fill: 0x02)
        let export = try NBDExport(backend: try RawFileBackend(path: first, readOnly: false))
        try export.detach()
        XCTAssertThrowsError(try export.attach(try RawFileBackend(path: makeDisk("small.raw", size: 4096), readOnly: false)))
        try export.attach(try RawFileBackend(path: second, readOnly: false))
        let output = try qemuIO(export: export, ["read -P 0x02 0 4096", "write -P 0x03 0 512", "flush"])
        XCTAssertTrue(output.contains("read 4096/4096 bytes at offset 0"), output)
        XCTAssertTrue(output.contains("wrote 512/512 bytes at offset 0"), output)
        XCTAssertFalse(output.contains("Pattern verification failed"), output)
        XCTAssertEqual(Set(try Data(contentsOf: URL(fileURLWithPath: first))), [0x01], "the released file is untouched")
        XCTAssertEqual(Set(try Data(contentsOf: URL(fileURLWithPath: second))[0..<512]), [0x03])
    }
}
