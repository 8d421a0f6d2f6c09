import Foundation
import XCTest

/// Scripts that start real VMs: they need /dev/kvm and the worker next to hvsh, and a worker a test
/// leaves behind is killed with its HOME.
class WorkerTestCase: HvshScriptTestCase {
    override var scriptTimeout: TimeInterval { 60 }

    override func setUpWithError() throws {
        try WorkerProcesses.requireVMs()
        try super.setUpWithError()
    }

    override func tearDown() {
        if let home {
            for pid in WorkerProcesses.workers(matching: home.path) { kill(pid, SIGKILL) }
        }
        super.tearDown()
    }
}
