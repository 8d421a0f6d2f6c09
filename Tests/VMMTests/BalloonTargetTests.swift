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

    /// With a maximum above the startup memory (Hyper-V's MaximumBytes) the guest may grow: a busy guest gets its use
    /// plus the buffer up to the maximum, which is itself at most eight times the startup memory (the guest maps
    /// all of it at boot); MemoryDemand is the use alone.
    func testAMaximumAboveStartupLetsTheGuestGrowUpToIt() {
        let memory = QEMUDynamicMemory(minimum: 256 * mebibyte, bufferPercent: 20, maximum: 1024 * mebibyte)
        XCTAssertEqual(memory.ceiling(startup: 512 * mebibyte), 1024 * mebibyte)
        // 600 MiB used: 720 MiB with the buffer, above the 512 MiB it started with.
        XCTAssertEqual(memory.target(guestTotal: 900 * mebibyte, guestAvailable: 300 * mebibyte, startup: 512 * mebibyte), 720 * mebibyte)
        // Everything used: the maximum, no more.
        XCTAssertEqual(memory.target(guestTotal: 1000 * mebibyte, guestAvailable: 0, startup: 512 * mebibyte), 1024 * mebibyte)
        XCTAssertEqual(QEMUDynamicMemory.demand(guestTotal: 900 * mebibyte, guestAvailable: 300 * mebibyte), 600 * mebibyte)
        // What the guest's kernel keeps for itself (assigned 300 MiB, of which the guest counts 230) stays on top:
        // 100 MiB used, 120 with the buffer, 190 in all; the minimum is still the floor.
        XCTAssertEqual(memory.target(guestTotal: 230 * mebibyte, guestAvailable: 130 * mebibyte, startup: 512 * mebibyte, assigned: 300 * mebibyte), 256 * mebibyte)
        XCTAssertEqual(memory.target(guestTotal: 230 * mebibyte, guestAvailable: 30 * mebibyte, startup: 512 * mebibyte, assigned: 300 * mebibyte), 310 * mebibyte)
        // Hyper-V's default maximum (1 TB) on a 512 MiB VM: eight times its startup memory.
        let huge = QEMUDynamicMemory(minimum: 512 * mebibyte, bufferPercent: 20, maximum: 1 << 40)
        XCTAssertEqual(huge.ceiling(startup: 512 * mebibyte), 4096 * mebibyte)
        // A maximum below the startup memory changes nothing.
        XCTAssertEqual(QEMUDynamicMemory(minimum: 0, bufferPercent: 0, maximum: 128 * mebibyte).ceiling(startup: 512 * mebibyte), 512 * mebibyte)
    }

    func testSmallMovesAreLeftAlone() {
        XCTAssertFalse(QEMUDynamicMemory.shouldMove(assigned: 300 * mebibyte, to: 296 * mebibyte))
        XCTAssertTrue(QEMUDynamicMemory.shouldMove(assigned: 512 * mebibyte, to: 256 * mebibyte))
        XCTAssertTrue(QEMUDynamicMemory.shouldMove(assigned: 256 * mebibyte, to: 300 * mebibyte))
    }
}
