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
        let pausedAt = try XCTUnwrap(lastCount(console.text), console.text.debugDescription)
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
        restoredConsole.wait(for: "count \(pausedAt + 1)\r\n")
        restored.requestExit(.turnedOff)
        _ = restored.waitForExit()
        let first = restoredConsole.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        XCTAssertEqual(first, "count \(pausedAt + 1)", "the restored guest continues from the checkpoint's count")
    }
}
