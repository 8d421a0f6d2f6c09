import Glibc
@testable import VMM
import XCTest

/// The last "count N" a counter guest printed.
func lastCount(_ text: String) -> Int? {
    text.split(whereSeparator: \.isNewline).reversed().lazy.compactMap { line -> Int? in
        let trimmed = line.trimmingPrefix("count ").filter { $0.isNumber }
        return line.hasPrefix("count ") ? Int(trimmed) : nil
    }.first
}

/// What a counter guest's console must show after a restore: a pause can fall mid-line, and the restored guest
/// then finishes that line, so the check joins the log at pause time with the restored output and expects the
/// line after the last complete one to be the next count.
func expectContinuation(atPause: String, restored: String, file: StaticString = #filePath, line: UInt = #line) {
    let bytes = Array(atPause.utf8)
    let completeEnd = (bytes.lastIndex(of: 0x0A) ?? -1) + 1
    let complete = String(decoding: bytes[0..<completeEnd], as: UTF8.self)
    guard let last = lastCount(complete) else { return XCTFail("no complete count before the pause: \(atPause.debugDescription)", file: file, line: line) }
    let continued = String(decoding: Array(bytes[completeEnd...]) + Array(restored.utf8), as: UTF8.self)
    let next = continued.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    XCTAssertEqual(next, "count \(last + 1)", "the restored guest continues from the checkpoint's count", file: file, line: line)
}

final class SnapshotTests: XCTestCase {
    func testPauseStopsTheCountAndRestoreResumesFromTheCheckpoint() throws {
        try requireKVM()
        let directory = "/tmp/hvsh-vmm-snapshot-\(getpid())"
        defer { _ = try? Files.read("/dev/null"); system("rm -rf \(directory)") }
        let configuration = MachineConfiguration(vcpuCount: 1, memorySize: 64 << 20, boot: .builtIn(.counter))
        let console = ConsoleRecorder()
        let machine = try Machine(configuration: configuration, console: console.sink)
        try machine.start()
        console.wait(for: "count 3\r\n")
        XCTAssertTrue(machine.pause())
        let atPause = console.text
        let pausedAt = try XCTUnwrap(lastCount(atPause), atPause.debugDescription)
        usleep(200_000)
        XCTAssertEqual(lastCount(console.text), pausedAt, "a paused VM must not count")
        try MachineSnapshot.save(machine, to: directory)
        XCTAssertTrue(machine.resume())
        console.wait(for: "count \(pausedAt + 2)\r\n")
        machine.requestExit(.turnedOff)
        _ = machine.waitForExit()

        let restoredConsole = ConsoleRecorder()
        let restored = try MachineSnapshot.restore(configuration: configuration, from: directory, console: restoredConsole.sink)
        try restored.start()
        restoredConsole.wait(for: "count \(pausedAt + 2)\r\n")
        restored.requestExit(.turnedOff)
        _ = restored.waitForExit()
        expectContinuation(atPause: atPause, restored: restoredConsole.text)
    }
}
