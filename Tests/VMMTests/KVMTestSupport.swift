import Glibc
import LinuxSystem
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
        let deadline = Clock.monotonicNanoseconds() + UInt64(timeout * 1e9)
        while Clock.monotonicNanoseconds() < deadline {
            if text.contains(needle) { return }
            usleep(2000)
        }
        XCTFail("console never showed \(needle.debugDescription); it has: \(text.debugDescription)", file: file, line: line)
    }
}

/// A fresh directory under /tmp, removed (with anything a test left in it) by `cleanup`.
final class TemporaryDirectory {
    let path: String
    init(_ prefix: String = "hvsh-vmm") {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }
    func cleanup() {
        // Stop any worker still registered here before removing its files.
        VMWorker(runtimeDirectory: path + "/run").kill()
        if getenv("HVSH_TEST_KEEP") != nil { return }
        _ = system("rm -rf '\(path)'")
    }
}

/// Polls the worker's console log until it contains `needle` (after `offset` bytes).
func waitForConsole(_ worker: VMWorker, contains needle: String, after offset: Int = 0, timeout: Double = 15,
                    file: StaticString = #filePath, line: UInt = #line) {
    let deadline = Clock.monotonicNanoseconds() + UInt64(timeout * 1e9)
    while Clock.monotonicNanoseconds() < deadline {
        if String(worker.consoleLog().utf8.dropFirst(offset))?.contains(needle) == true { return }
        usleep(5000)
    }
    XCTFail("console log never showed \(needle.debugDescription): \(worker.consoleLog().debugDescription)", file: file, line: line)
}

/// VM tests with a tap: each makes its own network namespace (removed afterwards) and a scratch directory.
class NamespacedVMTestCase: XCTestCase {
    var temporary: TemporaryDirectory!
    var namespace = ""
    var namespacePrefix: String { "hvsh-vm" }

    override func setUp() { temporary = TemporaryDirectory() }
    override func tearDown() {
        temporary.cleanup()
        if !namespace.isEmpty { _ = system("ip netns del \(namespace) 2>/dev/null") }
    }

    /// Creates the namespace; skips (with the reason) without /dev/kvm, iproute2 or root.
    func makeNamespace() throws -> String {
        try requireKVM()
        guard system("command -v ip >/dev/null 2>&1") == 0 else { throw XCTSkip("needs iproute2 (ip) for a network namespace") }
        namespace = "\(namespacePrefix)-\(getpid())-\(UInt32.random(in: 0..<1_000_000))"
        guard system("ip netns add \(namespace)") == 0 else { throw XCTSkip("cannot create a network namespace (needs root)") }
        return "/run/netns/\(namespace)"
    }
}
