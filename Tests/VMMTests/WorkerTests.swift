import Glibc
import LinuxSystem
import NetworkAddresses
@testable import VMM
import XCTest

/// The worker process end to end: launched detached, controlled over its socket, leaving nothing behind.
final class WorkerTests: XCTestCase {
    var temporary: TemporaryDirectory!
    override func setUp() { temporary = TemporaryDirectory() }
    override func tearDown() { temporary.cleanup() }

    func request(_ boot: BootSource, vcpus: Int = 1, memory: UInt64 = 128 << 20, macs: [MACAddress] = [],
                 expose: Bool = false) -> WorkerLaunchRequest {
        WorkerLaunchRequest(name: "test", machine: MachineConfiguration(vcpuCount: vcpus, memorySize: memory,
                            exposeVirtualizationExtensions: expose, boot: boot, macAddresses: macs),
                            runtimeDirectory: temporary.path + "/run")
    }

    func assertNothingLeaked(_ worker: VMWorker, file: StaticString = #filePath, line: UInt = #line) {
        for path in [worker.directory.controlSocket, worker.directory.consoleSocket, worker.directory.pidFile] {
            XCTAssertFalse(FileSystem.exists(path), "\(path) left behind", file: file, line: line)
        }
    }

    func testFirmwareVMRunsUntilTurnedOffAndLeavesNothingBehind() throws {
        try requireKVM()
        let mac = MACAddress(bytes: [0x00, 0x15, 0x5D, 0xAA, 0xBB, 0x01])!
        let worker = try VMWorker.launch(request(.builtIn(.firmware), vcpus: 2, macs: [mac]))
        waitForConsole(worker, contains: "ready\r\n")
        let log = worker.consoleLog()
        XCTAssertTrue(log.contains("vCPUs: 2\r\nmemory: 128 MB\r\n"), log)
        XCTAssertTrue(log.contains("virtualization extensions: not visible\r\n"), log)
        XCTAssertTrue(log.contains("NIC 0: 00:15:5d:aa:bb:01\r\n"), log)

        usleep(20_000)
        let status = worker.status()
        XCTAssertEqual(status.state, .running)
        XCTAssertEqual(status.memoryAssigned, 128 << 20)
        XCTAssertGreaterThan(status.uptimeMilliseconds, 0)
        let pid = try XCTUnwrap(worker.livePID())
        XCTAssertEqual(status.pid, pid)

        try worker.turnOff()
        XCTAssertNil(worker.livePID(), "the worker process is gone")
        let state = FileSystem.readText("/proc/\(pid)/stat").map { $0[$0.index($0.lastIndex(of: ")")!, offsetBy: 2)] }
        XCTAssertTrue(state == nil || state == "Z", "worker \(pid) still runs")
        let off = worker.status()
        XCTAssertEqual(off.state, .off)
        XCTAssertEqual(off.exitReason, "turned off")
        assertNothingLeaked(worker)
    }

    func testGracefulShutdownOfTheFirmwareAndRefusalByOtherGuests() throws {
        try requireKVM()
        let plain = try VMWorker.launch(request(.builtIn(.firmware)))
        waitForConsole(plain, contains: "ready\r\n")
        XCTAssertThrowsError(try plain.shutdown(), "without integration=shutdown the firmware ignores requests")
        try plain.turnOff()

        let worker = try VMWorker.launch(request(.builtIn(.firmware, commandLine: "integration=shutdown")))
        waitForConsole(worker, contains: "ready\r\n")
        // The firmware arms the handshake just after its banner; on a loaded machine that can take a while.
        let deadline = Clock.monotonicNanoseconds() + 5_000_000_000
        var refusal: (any Error)?
        repeat {
            usleep(20_000)
            refusal = nil
            do { try worker.shutdown(timeoutMilliseconds: 10_000) } catch { refusal = error }
        } while refusal != nil && Clock.monotonicNanoseconds() < deadline
        if let refusal { throw refusal }
        XCTAssertTrue(worker.consoleLog().hasSuffix("shutting down\r\n"), worker.consoleLog())
        let off = worker.status()
        XCTAssertEqual(off.state, .off)
        XCTAssertEqual(off.exitReason, "the guest powered off")
        assertNothingLeaked(worker)

        let counter = try VMWorker.launch(request(.builtIn(.counter)))
        waitForConsole(counter, contains: "count 1\r\n")
        XCTAssertThrowsError(try counter.shutdown()) { error in
            XCTAssertEqual("\(error)", "the guest has no shutdown integration service to take the request")
        }
        XCTAssertEqual(counter.status().state, .running)
        try counter.turnOff()
    }

    func testSIGTERMPowersOffInOrder() throws {
        try requireKVM()
        let worker = try VMWorker.launch(request(.builtIn(.firmware)))
        waitForConsole(worker, contains: "ready\r\n")
        Glibc.kill(try XCTUnwrap(worker.livePID()), SIGTERM)
        XCTAssertTrue(worker.waitForExit(timeoutMilliseconds: 5_000))
        XCTAssertEqual(worker.exitRecord()?.kind, .turnedOff)
        assertNothingLeaked(worker)
    }

    func testLiveConsoleSocketCarriesGuestOutput() throws {
        try requireKVM()
        let worker = try VMWorker.launch(request(.builtIn(.counter)))
        let console = try worker.attachConsole()
        var received: [UInt8] = []
        let deadline = Clock.monotonicNanoseconds() + 10_000_000_000
        while !String(decoding: received, as: UTF8.self).contains("count"), Clock.monotonicNanoseconds() < deadline {
            var entries = [PollEntry(console, .readable)]
            if try Poll.wait(&entries, timeoutMilliseconds: 100) > 0 { received += try console.read(upToCount: 256) }
        }
        XCTAssertTrue(String(decoding: received, as: UTF8.self).contains("count"))
        try worker.turnOff()
    }

    func testTypingIntoTheConsoleSocketReachesTheGuest() throws {
        try requireKVM()
        let worker = try VMWorker.launch(request(.builtIn(.echo)))
        waitForConsole(worker, contains: "echo ready\r\n")
        let console = try worker.attachConsole()
        try console.writeAll(Array("hello, vm".utf8))
        var received: [UInt8] = []
        let deadline = Clock.monotonicNanoseconds() + 10_000_000_000
        while !String(decoding: received, as: UTF8.self).contains("HELLO, VM"), Clock.monotonicNanoseconds() < deadline {
            var entries = [PollEntry(console, .readable)]
            if try Poll.wait(&entries, timeoutMilliseconds: 100) > 0 { received += try console.read(upToCount: 64) }
        }
        XCTAssertEqual(String(decoding: received, as: UTF8.self), "HELLO, VM")
        waitForConsole(worker, contains: "HELLO, VM")
        try worker.turnOff()
    }

    func testExposingVirtualizationWithoutHostNestingFailsClearly() throws {
        try requireKVM()
        let host = try KVMSystem().nestingSupport()
        guard host.missingForNesting != nil else { throw XCTSkip("this host can nest; the failure path does not apply") }
        XCTAssertThrowsError(try VMWorker.launch(request(.builtIn(.firmware), expose: true))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("virtualization extensions cannot be exposed"), text)
            XCTAssertTrue(text.contains("VT-x") && text.contains("AMD-V"), text)
        }
        let worker = VMWorker(runtimeDirectory: temporary.path + "/run")
        XCTAssertEqual(worker.status().state, .off)
        assertNothingLeaked(worker)
    }

    func testPauseResumeAndCheckpointRestoreContinueTheCount() throws {
        try requireKVM()
        let launch = request(.builtIn(.counter), memory: 64 << 20)
        let worker = try VMWorker.launch(launch)
        waitForConsole(worker, contains: "count 3\r\n")
        try worker.pause()
        XCTAssertEqual(worker.status().state, .paused)
        let atPause = worker.consoleLog()
        let pausedAt = try XCTUnwrap(lastCount(atPause))
        usleep(200_000)
        XCTAssertEqual(lastCount(worker.consoleLog()), pausedAt, "no counting while paused")

        let checkpoint = temporary.path + "/checkpoint"
        try worker.checkpoint(to: checkpoint)
        XCTAssertEqual(worker.status().state, .paused, "a checkpoint of a paused VM leaves it paused")
        try worker.resume()
        waitForConsole(worker, contains: "count \(pausedAt + 2)\r\n")
        try worker.turnOff()

        let offset = worker.consoleLog().utf8.count
        let restored = try VMWorker.restore(launch, from: checkpoint)
        waitForConsole(restored, contains: "count \(pausedAt + 2)\r\n", after: offset)
        expectContinuation(atPause: atPause, restored: String(worker.consoleLog().utf8.dropFirst(offset)) ?? "")
        try restored.turnOff()
        assertNothingLeaked(restored)
    }

    func testSaveEndsTheWorkerAsSavedAndStartingResumes() throws {
        try requireKVM()
        let launch = request(.builtIn(.counter), memory: 64 << 20)
        let worker = try VMWorker.launch(launch)
        waitForConsole(worker, contains: "count 2\r\n")
        let saved = launch.savedStateDirectory  // the only place a worker saves to
        try worker.save(to: saved)
        let status = worker.status()
        XCTAssertEqual(status.state, .off)
        XCTAssertTrue(status.saved)
        assertNothingLeaked(worker)
        let atSave = worker.consoleLog()
        let savedAt = try XCTUnwrap(lastCount(atSave))
        let offset = atSave.utf8.count
        let resumed = try VMWorker.restore(launch, from: saved)
        waitForConsole(resumed, contains: "count \(savedAt + 2)\r\n", after: offset)
        expectContinuation(atPause: atSave, restored: String(worker.consoleLog().utf8.dropFirst(offset)) ?? "")
        try resumed.turnOff()
    }

    func testGarbageGuestLeavesTheWorkerRunning() throws {
        try requireKVM()
        // Two adapters (no taps) put virtio-mmio windows in the swept MMIO space.
        let worker = try VMWorker.launch(request(.builtIn(.garbage), memory: 64 << 20,
                                                 macs: [MACAddress(rawValue: 0x0015_5D00_0001), MACAddress(rawValue: 0x0015_5D00_0002)]))
        waitForConsole(worker, contains: "garbage done\r\n", timeout: 60)
        let status = worker.status()
        XCTAssertEqual(status.state, .running, "the worker survived every port and MMIO write")
        XCTAssertNil(status.exitReason)
        try worker.turnOff()
        XCTAssertEqual(worker.status().exitReason, "turned off")
    }

    func testKilledWorkerShowsOffWithReasonAndNoLeftovers() throws {
        try requireKVM()
        let worker = try VMWorker.launch(request(.builtIn(.firmware)))
        waitForConsole(worker, contains: "ready\r\n")
        let pid = try XCTUnwrap(worker.livePID())
        Glibc.kill(pid, SIGKILL)
        XCTAssertTrue(worker.waitForExit(timeoutMilliseconds: 5_000))
        let status = worker.status()
        XCTAssertEqual(status.state, .off)
        XCTAssertEqual(status.exitReason, "the VM worker process ended unexpectedly")
        assertNothingLeaked(worker)
    }
}
