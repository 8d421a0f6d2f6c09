import Glibc
import LinuxSystem
@testable import VMM
import XCTest

/// The pattern and checksum the built-in firmware's disk check uses (firmware/include/disktest.h).
enum DiskPattern {
    static func sector(_ number: UInt64, tag: String) -> [UInt8] {
        let line = Array("hvsh-disk-pattern tag=\(tag) sector=\(number)\n".utf8)
        return (0..<512).map { line[$0 % line.count] }
    }

    static func sectors(_ first: UInt64, count: UInt64, tag: String) -> [UInt8] {
        (first..<first + count).flatMap { sector($0, tag: tag) }
    }

    /// FNV-1a, 32 bits, as the firmware prints it.
    static func checksum(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// VMs with disks under KVM: the built-in firmware finds them, writes through them, and a hostile driver
/// gets error statuses without harming the worker.
final class DiskWorkerTests: XCTestCase {
    var temporary: TemporaryDirectory!
    override func setUp() { temporary = TemporaryDirectory("hvsh-disk") }
    override func tearDown() { temporary.cleanup() }

    func request(_ boot: BootSource, disks: [DiskAttachment]) -> WorkerLaunchRequest {
        WorkerLaunchRequest(name: "disks", machine: MachineConfiguration(memorySize: 64 << 20, boot: boot, disks: disks),
                            runtimeDirectory: temporary.path + "/run")
    }

    /// A raw image of `size` bytes: sparse zeros, or `fill` in every byte.
    func makeRaw(_ name: String, size: Int, fill: UInt8? = nil) throws -> String {
        let path = temporary.path + "/" + name
        if let fill {
            try Files.write(path, [UInt8](repeating: fill, count: size), mode: 0o644)
        } else {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            XCTAssertEqual(ftruncate(fd, off_t(size)), 0)
            close(fd)
        }
        return path
    }

    func bytes(_ path: String, sector: Int, count: Int) throws -> [UInt8] {
        Array(try Files.read(path)[sector * 512..<(sector + count) * 512])
    }

    /// Types a line into the guest's console.
    func type(_ line: String, into worker: VMWorker) throws {
        try worker.attachConsole().writeAll(Array((line + "\r").utf8))
    }

    func testFirmwareReportsTwoDisksAndADVDAndItsFlushedWritesSurviveKillMinus9() throws {
        try requireKVM()
        let first = try makeRaw("first.raw", size: 64 << 20)
        let second = try makeRaw("second.raw", size: 3 << 20)
        let iso = try makeRaw("media.iso", size: 2 << 20, fill: 0x43)
        let worker = try VMWorker.launch(request(
            .builtIn(.firmware, commandLine: "diskwrite=0,100,2,alpha diskwrite=1,7,1,beta diskread=2,0,1 diskwrite=2,0,1,nope"),
            disks: [DiskAttachment(path: first), DiskAttachment(path: second), DiskAttachment(path: iso, readOnly: true)]))
        waitForConsole(worker, contains: "ready\r\n", timeout: 30)
        let log = worker.consoleLog()
        XCTAssertTrue(log.contains("disk 0: 64 MB (67108864 bytes), sector size 512, physical sector size 4096\r\n"), log)
        XCTAssertTrue(log.contains("disk 1: 3 MB (3145728 bytes), sector size 512, physical sector size 4096\r\n"), log)
        XCTAssertTrue(log.contains("disk 2: 2 MB (2097152 bytes), sector size 512, physical sector size 4096, read-only\r\ndiskwrite 0: "), log)
        let alpha = DiskPattern.sectors(100, count: 2, tag: "alpha")
        let beta = DiskPattern.sectors(7, count: 1, tag: "beta")
        XCTAssertTrue(log.contains("diskwrite 0: sectors 100+2 checksum \(DiskPattern.checksum(alpha)) tag alpha\r\n"), log)
        XCTAssertTrue(log.contains("diskwrite 1: sectors 7+1 checksum \(DiskPattern.checksum(beta)) tag beta\r\n"), log)
        let media = [UInt8](repeating: 0x43, count: 512)
        XCTAssertTrue(log.contains("diskread 2: sectors 0+1 checksum \(DiskPattern.checksum(media)) no pattern\r\n"), log)
        XCTAssertTrue(log.contains("diskwrite 2: I/O error\r\n"), "the DVD refuses writes: \(log)")

        // The guest flushed; killing the worker outright must not lose a byte.
        let pid = try XCTUnwrap(worker.livePID())
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        XCTAssertTrue(worker.waitForExit(timeoutMilliseconds: 5_000))
        XCTAssertEqual(try bytes(first, sector: 100, count: 2), alpha)
        XCTAssertEqual(try bytes(first, sector: 99, count: 1), [UInt8](repeating: 0, count: 512), "the sector before is untouched")
        XCTAssertEqual(try bytes(second, sector: 7, count: 1), beta)
        XCTAssertEqual(try Files.read(iso), [UInt8](repeating: 0x43, count: 2 << 20), "the ISO is unchanged")
    }

    func testConsoleCommandsWriteAtRunTimeAndTheDiskKeepsWorkingAfterSaveAndRestore() throws {
        try requireKVM()
        let disk = try makeRaw("disk.raw", size: 1 << 20)
        let launch = request(.builtIn(.firmware), disks: [DiskAttachment(path: disk)])
        let worker = try VMWorker.launch(launch)
        waitForConsole(worker, contains: "ready\r\n")
        try type("diskwrite=0,5,1,first", into: worker)
        waitForConsole(worker, contains: "tag first\r\n")
        XCTAssertEqual(try bytes(disk, sector: 5, count: 1), DiskPattern.sector(5, tag: "first"))

        let saved = launch.savedStateDirectory  // the only place a worker saves to
        try worker.save(to: saved)
        let restored = try VMWorker.restore(launch, from: saved)
        let offset = restored.consoleLog().utf8.count
        try type("diskread=0,5,1", into: restored)
        waitForConsole(restored, contains: "diskread 0: sectors 5+1 checksum \(DiskPattern.checksum(DiskPattern.sector(5, tag: "first"))) tag first\r\n",
                       after: offset)
        try type("diskwrite=0,6,1,second", into: restored)
        waitForConsole(restored, contains: "tag second\r\n", after: offset)
        XCTAssertEqual(try bytes(disk, sector: 6, count: 1), DiskPattern.sector(6, tag: "second"))
        try restored.turnOff()
    }

    func testAPausedVMLetsGoOfItsDiskFilesAndTakesOthers() throws {
        try requireKVM()
        let first = try makeRaw("first.raw", size: 1 << 20)
        let worker = try VMWorker.launch(request(.builtIn(.firmware), disks: [DiskAttachment(path: first)]))
        waitForConsole(worker, contains: "ready\r\n")
        try type("diskwrite=0,3,1,before", into: worker)
        waitForConsole(worker, contains: "tag before\r\n")

        XCTAssertThrowsError(try worker.detachDisks(), "a running VM keeps its disks")
        try worker.pause()
        try worker.detachDisks()
        XCTAssertThrowsError(try worker.resume()) { error in
            XCTAssertEqual("\(error)", "disk 0 has no file attached; the VM stays paused until it has")
        }
        let second = temporary.path + "/second.raw"
        XCTAssertEqual(system("cp '\(first)' '\(second)'"), 0)
        let wrongSize = try makeRaw("small.raw", size: 512 << 10)
        XCTAssertThrowsError(try worker.attachDisk(index: 0, chain: [wrongSize]), "the guest was told another size")
        XCTAssertThrowsError(try worker.attachDisk(index: 1, chain: [second]), "there is no disk 1")
        try worker.attachDisk(index: 0, chain: [second])
        try worker.resume()
        let offset = worker.consoleLog().utf8.count
        try type("diskwrite=0,4,1,after", into: worker)
        waitForConsole(worker, contains: "tag after\r\n", after: offset)
        try type("diskread=0,3,1", into: worker)
        waitForConsole(worker, contains: "diskread 0: sectors 3+1 checksum \(DiskPattern.checksum(DiskPattern.sector(3, tag: "before"))) tag before\r\n",
                       after: offset)
        XCTAssertEqual(try bytes(second, sector: 4, count: 1), DiskPattern.sector(4, tag: "after"))
        XCTAssertEqual(try bytes(first, sector: 4, count: 1), [UInt8](repeating: 0, count: 512), "the old file is left alone")
        XCTAssertTrue(FileSystem.readText(worker.directory.configuration)?.contains("disk=rw:\(second)\n") == true,
                      "vm.conf names the file in use")
        try worker.turnOff()
    }

    func testAHostileDriverGetsErrorStatusesAndTheWorkerCarriesOn() throws {
        try requireKVM()
        let disk = try makeRaw("target.raw", size: 1 << 20, fill: 0x11)
        let dvd = try makeRaw("readonly.iso", size: 1 << 20, fill: 0x22)
        let worker = try VMWorker.launch(request(.builtIn(.evilblk), disks: [DiskAttachment(path: disk), DiskAttachment(path: dvd, readOnly: true)]))
        waitForConsole(worker, contains: "data intact\r\n", timeout: 30)
        let log = worker.consoleLog()
        for attack in ["read past the end", "read across the end", "write past the end", "sector overflow", "data outside RAM",
                       "wrapping data address", "partial sector", "data in the wrong direction", "write to a read-only disk",
                       "short header", "header outside RAM"] {
            XCTAssertTrue(log.contains("\(attack): status 01 device 0x0f\r\n"), "\(attack) must get VIRTIO_BLK_S_IOERR: \(log)")
        }
        XCTAssertTrue(log.contains("unknown request type: status 02 device 0x0f\r\n"), log)
        for attack in ["no status byte", "status outside RAM", "descriptor loop", "bad index"] {
            XCTAssertTrue(log.contains("\(attack): status ee device 0x4f\r\n"), "\(attack) must leave DEVICE_NEEDS_RESET: \(log)")
        }
        XCTAssertTrue(log.contains("good request: write 00 read 00 data intact\r\n"), log)
        XCTAssertEqual(worker.status().state, .running)
        try worker.turnOff()
        var expected = [UInt8](repeating: 0x11, count: 1 << 20)
        expected.replaceSubrange(512..<1024, with: (0..<512).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) })
        XCTAssertEqual(try Files.read(disk), expected, "only the good write reached the disk, and the file did not grow")
        XCTAssertEqual(try Files.read(dvd), [UInt8](repeating: 0x22, count: 1 << 20))
    }
}
