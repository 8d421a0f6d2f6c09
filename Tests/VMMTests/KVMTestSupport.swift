import Glibc
import VMM
import XCTest

/// Skips a test when this machine cannot run VMs (no /dev/kvm, or not permitted).
func requireKVM() throws {
    if access("/dev/kvm", R_OK | W_OK) != 0 {
        throw XCTSkip("needs /dev/kvm read/write access (root); skipping the VM test")
    }
}

/// Collects what a guest writes on its console.
final class ConsoleRecorder: Sendable {
    private let bytes = Locked<[UInt8]>([])

    var sink: @Sendable (UInt8) -> Void { { [bytes] byte in bytes.withLock { $0.append(byte) } } }
    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }

    /// Polls until the console contains `needle`, or fails after `timeout` seconds.
    func wait(for needle: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = monotonicNanoseconds() + UInt64(timeout * 1e9)
        while monotonicNanoseconds() < deadline {
            if text.contains(needle) { return }
            usleep(2000)
        }
        XCTFail("console never showed \(needle.debugDescription); it has: \(text.debugDescription)", file: file, line: line)
    }
}
