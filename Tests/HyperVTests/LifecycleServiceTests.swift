import Foundation
import XCTest
import Inventory
import VMM
@testable import HyperV

/// Start/Stop/Save/Checkpoint/Restore of real VMs in hvsh-worker processes under /dev/kvm.
final class LifecycleServiceTests: XCTestCase {
    var root = ""
    var host: HyperVHost!
    var started: [VMConfiguration] = []

    override func setUpWithError() throws {
        guard getuid() == 0, access("/dev/kvm", R_OK | W_OK) == 0 else {
            throw XCTSkip("needs root and /dev/kvm to run VMs")
        }
        guard FileManager.default.isExecutableFile(atPath: VMWorker.defaultWorkerPath()) else {
            throw XCTSkip("hvsh-worker is not built next to the tests (\(VMWorker.defaultWorkerPath()))")
        }
        root = "/tmp/hvlc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let inventory = try Inventory(root: root)
        host = HyperVHost(inventory: inventory, info: ServiceFixture.testHost, monitor: VMMRuntime(root: root),
                          switches: NoSwitches())
    }

    override func tearDown() {
        if let vmm = host?.monitor as? VMMRuntime {
            for vm in started { try? vmm.worker(for: vm).turnOff() }
        }
        if !root.isEmpty { try? FileManager.default.removeItem(atPath: root) }
    }

    func newVM(_ name: String, kernel: String? = nil) throws -> VMConfiguration {
        var request = NewVMRequest()
        request.name = name
        request.generation = 2
        request.memoryStartupBytes = 64 * 1_048_576
        var vm = try host.createVM(request)
        if let kernel { vm = try host.setFirmware(of: vm, touchesGeneration2Settings: false) { $0.kernelPath = kernel } }
        started.append(vm)
        return vm
    }

    func waitForConsole(_ vm: VMConfiguration, containing text: String, seconds: Double = 45) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var log = ""
        while Date() < deadline {
            log = try host.consoleLog(of: vm)
            if log.contains(text) { return log }
            usleep(10_000)
        }
        XCTFail("console never showed \(text): \(log)")
        return log
    }

    func testStartShowsTheFirmwareBannerRunningStateAndTurnOffEndsIt() throws {
        let vm = try newVM("Banner")
        try host.start(vm)
        let status = host.status(of: vm)
        XCTAssertEqual(status.state, .Running)
        XCTAssertEqual(status.memoryAssigned, 64 * 1_048_576)
        let log = try waitForConsole(vm, containing: "ready")
        // The start took the adapter's dynamic MAC from the pool; the guest sees that address.
        let mac = try XCTUnwrap(try host.vm(id: vm.id)?.networkAdapters[0].macAddress)
        XCTAssertTrue(log.contains(mac.colonSeparated) || log.contains(mac.dashed) || log.uppercased().contains(mac.compact), log)
        // Rules that depend on a running VM, now against the real worker.
        assertHyperVError("InvalidState") { try self.host.setProcessor(of: vm) { $0.exposeVirtualizationExtensions = true } }
        assertHyperVError("InvalidState") { try self.host.start(vm) }
        assertHyperVError("InvalidState") { try self.host.removeVM(vm) }
        try host.stop(vm, mode: .turnOff) { _ in false }
        XCTAssertEqual(host.status(of: vm).state, .Off)
        XCTAssertNil((host.monitor as! VMMRuntime).worker(for: vm).livePID(), "the worker is gone")
    }

    func testStartOfANestedVMFailsHereWithTheReason() throws {
        let vm = try newVM("Nested")
        try host.setProcessor(of: vm) { $0.exposeVirtualizationExtensions = true }
        let error = assertHyperVError("OperationFailed") { try self.host.start(vm) }
        XCTAssertTrue(error?.message.contains("'Nested' failed to start.") == true, error?.message ?? "")
        XCTAssertTrue(error?.message.lowercased().contains("virtualization extensions") == true, error?.message ?? "")
        XCTAssertEqual(host.status(of: vm).state, .Off)
    }

    func testShutdownWithoutTheShutdownServiceRefusesAndWithForceTurnsOff() throws {
        var vm = try newVM("Shut")
        vm = try host.updateVM(id: vm.id, name: vm.name) { v, _, _ in
            for i in v.integrationServices.indices where v.integrationServices[i].name == "Shutdown" { v.integrationServices[i].enabled = false }
        }
        try host.start(vm)
        _ = try waitForConsole(vm, containing: "ready")
        assertHyperVError("OperationFailed") { try self.host.stop(vm, mode: .shutDown) { _ in false } }
        XCTAssertEqual(host.status(of: vm).state, .Running)
        try host.stop(vm, mode: .shutDown) { _ in true }
        XCTAssertEqual(host.status(of: vm).state, .Off)
    }

    func testShutdownWithTheShutdownServiceStopsTheGuestCleanly() throws {
        let vm = try newVM("Clean")
        try host.start(vm)
        _ = try waitForConsole(vm, containing: "ready")
        try host.stop(vm, mode: .shutDown) { _ in XCTFail("no fallback needed"); return false }
        XCTAssertEqual(host.status(of: vm).state, .Off)
    }

    func testPauseResumeSaveAndStartAgainFromSavedState() throws {
        let vm = try newVM("Saver", kernel: "builtin:counter")
        try host.start(vm)
        _ = try waitForConsole(vm, containing: "count 3")
        try host.setPaused(vm, true)
        XCTAssertEqual(host.status(of: vm).state, .Paused)
        assertHyperVError("InvalidState") { try self.host.setPaused(vm, true) }
        try host.setPaused(vm, false)
        XCTAssertEqual(host.status(of: vm).state, .Running)
        let saved = try host.stop(vm, mode: .save) { _ in false }
        XCTAssertNotNil(saved.savedStatePath)
        XCTAssertEqual(host.status(of: saved).state, .Saved)
        let resumed = try host.start(saved)
        XCTAssertNil(resumed.savedStatePath)
        XCTAssertEqual(host.status(of: resumed).state, .Running)
        try host.stop(resumed, mode: .turnOff) { _ in false }
    }

    func testCheckpointOfARunningCounterRestoresToItsCount() throws {
        let vm = try newVM("Counter", kernel: "builtin:counter")
        try host.start(vm)
        _ = try waitForConsole(vm, containing: "count 5")
        let snapshot = try host.checkpoint(try host.vm(id: vm.id)!, name: "at five",
                                           captureRunningState: { try self.host.captureRunning($0, to: $1, changingDisks: $2) })
        XCTAssertEqual(snapshot.state, .Running)
        XCTAssertEqual(host.status(of: vm).state, .Running, "a checkpoint leaves the VM running")
        let counted = try waitForConsole(vm, containing: "count 12")
        let atCheckpoint = Self.lastCount(in: counted)
        XCTAssertGreaterThanOrEqual(atCheckpoint, 12)
        // Applying it turns the VM off and leaves it Saved at the checkpoint; Start-VM resumes there.
        let restored = try host.restore(snapshot, stopRunning: { try self.host.turnOffForRestore($0) })
        XCTAssertEqual(host.status(of: restored).state, .Saved)
        let before = try host.consoleLog(of: restored)
        try host.start(restored)
        // The new worker either appends to the console log or starts it afresh; either way the
        // first count it prints comes after the old text or at the start of the new one.
        let deadline = Date().addingTimeInterval(45)
        var firstAfter = -1
        while Date() < deadline {
            let log = try host.consoleLog(of: restored)
            let fresh = log.hasPrefix(before) ? String(log.dropFirst(before.count)) : log
            if let first = Self.counts(in: fresh).first { firstAfter = first; break }
            usleep(20_000)
        }
        XCTAssertGreaterThan(firstAfter, 0)
        XCTAssertLessThan(firstAfter, atCheckpoint, "the count resumes from the checkpoint, not from where it was")
        try host.stop(restored, mode: .turnOff) { _ in false }
    }

    static func counts(in text: String) -> [Int] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard let range = line.range(of: "count ") else { return nil }
            return Int(line[range.upperBound...].prefix(while: \.isNumber))
        }
    }
    static func lastCount(in text: String) -> Int { counts(in: text).last ?? -1 }
    static func firstCount(in text: String) -> Int { counts(in: text).first ?? -1 }
}
