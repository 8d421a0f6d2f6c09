import XCTest
@testable import VMM

/// Dynamic memory's balloon target: the guest's use plus the buffer, between the minimum and the startup memory.
final class BalloonTargetTests: XCTestCase {
    let mebibyte: UInt64 = 1 << 20

    func testTheTargetIsUsePlusTheBufferWithinMinimumAndStartup() {
        let memory = QEMUDynamicMemory(minimum: 256 * mebibyte, bufferPercent: 20)
        // 300 MiB used of 480: 360 MiB with a 20 % buffer.
        XCTAssertEqual(memory.target(guestTotal: 480 * mebibyte, guestAvailable: 180 * mebibyte, startup: 512 * mebibyte), 360 * mebibyte)
        // A guest using little gets its minimum, never less.
        XCTAssertEqual(memory.target(guestTotal: 480 * mebibyte, guestAvailable: 440 * mebibyte, startup: 512 * mebibyte), 256 * mebibyte)
        // A guest using everything keeps what it booted with: the balloon cannot add memory.
        XCTAssertEqual(memory.target(guestTotal: 500 * mebibyte, guestAvailable: 1 * mebibyte, startup: 512 * mebibyte), 512 * mebibyte)
        // A report that makes no sense (more available than total) is no use: the minimum.
        XCTAssertEqual(memory.target(guestTotal: 100 * mebibyte, guestAvailable: 200 * mebibyte, startup: 512 * mebibyte), 256 * mebibyte)
        // A minimum above the startup memory is capped by it.
        let odd = QEMUDynamicMemory(minimum: 1024 * mebibyte, bufferPercent: 0)
        XCTAssertEqual(odd.target(guestTotal: 480 * mebibyte, guestAvailable: 440 * mebibyte, startup: 512 * mebibyte), 512 * mebibyte)
        // Rounded up to whole MiB.
        let none = QEMUDynamicMemory(minimum: 0, bufferPercent: 0)
        XCTAssertEqual(none.target(guestTotal: 100 * mebibyte + 5, guestAvailable: 0, startup: 512 * mebibyte), 101 * mebibyte)
    }

    func testSmallMovesAreLeftAlone() {
        XCTAssertFalse(QEMUDynamicMemory.shouldMove(assigned: 300 * mebibyte, to: 296 * mebibyte))
        XCTAssertTrue(QEMUDynamicMemory.shouldMove(assigned: 512 * mebibyte, to: 256 * mebibyte))
        XCTAssertTrue(QEMUDynamicMemory.shouldMove(assigned: 256 * mebibyte, to: 300 * mebibyte))
    }
}
