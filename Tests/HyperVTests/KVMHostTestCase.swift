import Foundation
import XCTest
import Inventory
import VMM
@testable import HyperV

/// A Hyper-V host on a scratch inventory whose VMs run in real workers under /dev/kvm; the VM a test
/// starts (`vm`) is turned off and the inventory removed afterwards. Skips where root, /dev/kvm or the
/// worker binary is missing.
class KVMHostTestCase: XCTestCase {
    var root = ""
    var host: HyperVHost!
    var vm: VMConfiguration!

    /// The scratch folder's name prefix under /tmp, so a kept folder (HVSH_TEST_KEEP) says which test made it.
    var scratchPrefix: String { "hvkvm" }

    override func setUpWithError() throws {
        guard getuid() == 0, access("/dev/kvm", R_OK | W_OK) == 0 else { throw XCTSkip("needs root and /dev/kvm to run VMs") }
        guard FileManager.default.isExecutableFile(atPath: VMWorker.defaultWorkerPath()) else {
            throw XCTSkip("hvsh-worker is not built next to the tests (\(VMWorker.defaultWorkerPath()))")
        }
        root = "/tmp/\(scratchPrefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        host = HyperVHost(inventory: try Inventory(root: root), info: ServiceFixture.testHost, monitor: VMMRuntime(root: root),
                          switches: NoSwitches())
    }

    override func tearDown() {
        if let vmm = host?.monitor as? VMMRuntime, let vm { try? vmm.worker(for: vm).turnOff() }
        if !root.isEmpty, getenv("HVSH_TEST_KEEP") == nil { try? FileManager.default.removeItem(atPath: root) }
    }

    func current() throws -> VMConfiguration { try XCTUnwrap(try host.vm(id: vm.id)) }
}
