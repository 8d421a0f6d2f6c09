import Foundation
import GuestImages
import LinuxSystem
@testable import VMM
import XCTest

/// A real Linux in QEMU behind the worker protocol: the test ISO booted once from a Generation 1 DVD drive
/// (SeaBIOS, IDE) under software emulation, then saved, restored, checkpointed, shut down through the ACPI
/// power button and finally left to a QEMU that dies. One boot (~8 s on a quiet machine); restores take a second.
final class QEMUWorkerTests: XCTestCase {
    var temporary: TemporaryDirectory!
    override func setUp() { temporary = TemporaryDirectory("hvsh-qemu") }
    override func tearDown() { temporary.cleanup() }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    func requireQEMU() throws -> String {
        if let missing = QEMUInstallation().missing(for: .pc, secureBoot: false) { throw XCTSkip(missing.description) }
        if let missing = TestGuestISO.missingTools(repositoryRoot: Self.repositoryRoot) { throw XCTSkip(missing) }
        return try TestGuestISO.path(repositoryRoot: Self.repositoryRoot)
    }

    /// The only place a worker saves to (the request's saved-state location).
    var savedState: String { temporary.path + "/saved" }

    func request(iso: String, disk: String, restoreFrom: String? = nil) -> WorkerLaunchRequest {
        let qemu = QEMUMachine(chipset: .pc, firmware: .bios, accelerator: .tcg, drives: [
            QEMUDrive(kind: .hardDisk, controller: .ide, controllerNumber: 0, controllerLocation: 0, path: disk, format: "raw"),
            QEMUDrive(kind: .dvd, controller: .ide, controllerNumber: 1, controllerLocation: 0, path: iso),
        ], bootOrder: [.drive(1), .drive(0)])
        return WorkerLaunchRequest(name: "qemu-test", machine: MachineConfiguration(vcpuCount: 1, memorySize: 256 << 20),
                                   runtimeDirectory: temporary.path + "/run", restoreFrom: restoreFrom,
                                   savedStateDirectory: savedState, qemu: qemu)
    }

    /// Types a line into the guest's shell and waits for `answer` after it.
    func type(_ worker: VMWorker, _ line: String, expect answer: String, timeout: Double = 60) throws {
        let offset = worker.consoleLog().utf8.count
        let console = try worker.attachConsole()
        _ = UnixSocket.writeLine(console, line)
        waitForConsole(worker, contains: answer, after: offset, timeout: timeout)
    }

    func testALinuxGuestBootsFromDVDAndLivesThroughSaveRestoreCheckpointShutdownAndCrash() throws {
        let iso = try requireQEMU()
        let disk = temporary.path + "/disk.raw"
        XCTAssertTrue(FileManager.default.createFile(atPath: disk, contents: nil))
        XCTAssertEqual(truncate(disk, 64 << 20), 0)

        // Boot: SeaBIOS, GRUB from the IDE DVD, the kernel, the guest's own lines.
        let worker = try VMWorker.launch(request(iso: iso, disk: disk), timeoutMilliseconds: 60_000)
        waitForConsole(worker, contains: "hvsh-guest: ready", timeout: 180)
        let log = worker.consoleLog()
        XCTAssertTrue(log.contains("hvsh-guest: up 6."), log)
        XCTAssertTrue(log.contains("hvsh-guest: disk holds booted"), "the guest wrote its pattern: \(log)")
        let pattern = Array(try Data(contentsOf: URL(fileURLWithPath: disk))[(1 << 20)..<((1 << 20) + 30)])
        XCTAssertEqual(String(decoding: pattern, as: UTF8.self), "hvsh-guest-pattern tag=booted\n")
        var status = worker.status()
        XCTAssertEqual(status.state, .running)
        XCTAssertEqual(status.memoryAssigned, 256 << 20)
        XCTAssertGreaterThan(status.residentBytes, 0)

        // Pause and resume (QMP stop/cont); the guest's shell answers afterwards.
        try worker.pause()
        XCTAssertEqual(worker.status().state, .paused)
        try worker.resume()
        try type(worker, "echo marker-$((6*7))", expect: "marker-42")

        // A checkpoint keeps the VM running; a save ends the worker with the Saved record.
        // Each line waits for what only running it prints (a sum), not for a prompt or its own echo: the guest must
        // have run it before its state is taken.
        try type(worker, "echo before > /tmp/mark; echo stored-$((2+3))", expect: "stored-5")
        try worker.checkpoint(to: temporary.path + "/checkpoint")
        XCTAssertEqual(worker.status().state, .running)
        try type(worker, "echo after > /tmp/mark; echo stored-$((3+3))", expect: "stored-6")
        try worker.save(to: savedState)
        status = worker.status()
        XCTAssertEqual(status.state, .off)
        XCTAssertTrue(status.saved)
        XCTAssertNil(worker.livePID())

        // Restore the saved state: the guest continues where it was (its RAM says "after").
        let restored = try VMWorker.launch(request(iso: iso, disk: disk, restoreFrom: savedState))
        try type(restored, "cat /tmp/mark", expect: "after")
        // Stop-VM's graceful path: the ACPI power button, and the guest powers itself off.
        try restored.shutdown(timeoutMilliseconds: 60_000)
        waitForConsole(restored, contains: "hvsh-guest: power button pressed, powering off")
        XCTAssertEqual(restored.status().exitReason, "the guest powered off")

        // The checkpoint: its RAM says "before". Then QEMU dies: reported like a dead worker, nothing left.
        let fromCheckpoint = try VMWorker.launch(request(iso: iso, disk: disk, restoreFrom: temporary.path + "/checkpoint"))
        try type(fromCheckpoint, "cat /tmp/mark", expect: "before")
        let workerPID = try XCTUnwrap(fromCheckpoint.livePID())
        let children = FileSystem.readText("/proc/\(workerPID)/task/\(workerPID)/children") ?? ""
        let qemuPID = try XCTUnwrap(Int32(children.split(separator: " ").first ?? ""), "the worker's QEMU child")
        kill(qemuPID, SIGKILL)
        XCTAssertTrue(fromCheckpoint.waitForExit(timeoutMilliseconds: 10_000))
        let dead = fromCheckpoint.status()
        XCTAssertEqual(dead.state, .off)
        XCTAssertTrue(dead.exitReason?.contains("QEMU process ended unexpectedly (killed by signal 9)") == true, dead.exitReason ?? "")
        for path in [fromCheckpoint.directory.controlSocket, fromCheckpoint.directory.consoleSocket, fromCheckpoint.directory.pidFile] {
            XCTAssertFalse(FileSystem.exists(path), "\(path) left behind")
        }
    }

    /// The worker is gone and QEMU `qemuPID` goes with it (gone or a zombie within a generous 60 s).
    func assertQEMUEnded(_ qemuPID: Int32, withItsWorker worker: VMWorker, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Clock.monotonicNanoseconds() + 60_000_000_000
        var gone = false
        while Clock.monotonicNanoseconds() < deadline {
            let stat = FileSystem.readText("/proc/\(qemuPID)/stat")
            if stat == nil || stat!.contains(") Z ") { gone = true; break }
            usleep(10_000)
        }
        XCTAssertTrue(gone, "QEMU \(qemuPID) outlived its worker", file: file, line: line)
        XCTAssertEqual(worker.status().exitReason, "the VM worker process ended unexpectedly", file: file, line: line)
    }

    func testAWorkerKilledTakesItsQEMUWithIt() throws {
        let iso = try requireQEMU()
        let disk = temporary.path + "/disk.raw"
        XCTAssertTrue(FileManager.default.createFile(atPath: disk, contents: nil))
        XCTAssertEqual(truncate(disk, 1 << 20), 0)
        let worker = try VMWorker.launch(request(iso: iso, disk: disk))
        let workerPID = try XCTUnwrap(worker.livePID())
        let children = FileSystem.readText("/proc/\(workerPID)/task/\(workerPID)/children") ?? ""
        let qemuPID = try XCTUnwrap(Int32(children.split(separator: " ").first ?? ""))
        kill(workerPID, SIGKILL)
        assertQEMUEnded(qemuPID, withItsWorker: worker)
    }

    /// The jail of a QEMU VM (README "Security"): the worker under the seccomp filter with no capability from
    /// the moment QEMU runs (its NBD threads included), QEMU without any capability under its own -sandbox;
    /// a call outside the worker's filter kills the worker, and QEMU goes with it.
    func testTheWorkerAndItsQEMURunWithoutCapabilitiesAndAForbiddenCallEndsBoth() throws {
        let iso = try requireQEMU()
        let disk = temporary.path + "/disk.raw"
        XCTAssertTrue(FileManager.default.createFile(atPath: disk, contents: nil))
        XCTAssertEqual(truncate(disk, 1 << 20), 0)
        setenv("HVSH_WORKER_TEST_REQUESTS", "1", 1)
        let launched = Result { try VMWorker.launch(request(iso: iso, disk: disk)) }
        unsetenv("HVSH_WORKER_TEST_REQUESTS")
        let worker = try launched.get()
        let workerPID = try XCTUnwrap(worker.livePID())
        let children = FileSystem.readText("/proc/\(workerPID)/task/\(workerPID)/children") ?? ""
        let qemuPID = try XCTUnwrap(Int32(children.split(separator: " ").first ?? ""))
        func status(_ pid: Int32, task: String? = nil) -> [String: String] {
            let text = FileSystem.readText("/proc/\(pid)" + (task.map { "/task/\($0)" } ?? "") + "/status") ?? ""
            var fields: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2 { fields[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
            }
            return fields
        }
        for pid in [workerPID, qemuPID] {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
            XCTAssertFalse(tasks.isEmpty)
            for task in tasks {
                let fields = status(pid, task: task)
                for set in ["CapEff", "CapPrm", "CapInh", "CapBnd", "CapAmb"] {
                    XCTAssertEqual(fields[set], "0000000000000000", "\(set) of \(pid)/\(task)")
                }
                XCTAssertEqual(fields["NoNewPrivs"], "1", "\(pid)/\(task)")
                XCTAssertEqual(fields["Seccomp"], "2", "\(pid)/\(task)")
            }
        }
        XCTAssertThrowsError(try worker.send(.forbiddenCallForTest, timeoutMilliseconds: 5_000), "the forbidden call returned")
        assertQEMUEnded(qemuPID, withItsWorker: worker)
    }
}
