import Foundation
import XCTest
import VMM
@testable import HyperV

/// How an off VM's Status reads comes from the kind of its worker's exit record, never from the
/// wording of the reason.
final class OffStatusTests: XCTestCase {
    func testOnlyAWorkerThatDiedIsNamedInTheStatus() {
        let runtime = VMMRuntime(root: NSTemporaryDirectory() + "hvsh-offstatus-\(getpid())")
        let vm = VMConfiguration(name: "Lab", generation: 2, version: "10.0", path: "/tmp", memory: MemorySettings(startup: 1 << 30))
        let died = runtime.offStatus(vm, exit: WorkerExitRecord(kind: .died, reason: "killed by signal 9"))
        XCTAssertEqual(died.state, .Off)
        XCTAssertEqual(died.statusText, "Off: killed by signal 9")
        XCTAssertEqual(runtime.offStatus(vm, exit: .died).statusText, "Off: the VM worker process ended unexpectedly")
        for record in [WorkerExitRecord(kind: .guest, reason: "the guest ended unexpectedly"),
                       WorkerExitRecord(kind: .turnedOff, reason: "turned off")] {
            XCTAssertEqual(runtime.offStatus(vm, exit: record), runtime.offStatus(vm, exit: nil), record.reason)
        }
        XCTAssertTrue(WorkerStatus.off(WorkerExitRecord(kind: .saved, reason: "saved")).saved)
        XCTAssertFalse(WorkerStatus.off(.died).saved)
    }
}
