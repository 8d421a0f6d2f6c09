import XCTest
@testable import VMM

/// The heartbeat rules on a synthetic clock and guest: no contact until the first answer, alive while
/// answers come, lost once they stop, and pausing counts neither way.
final class GuestHeartbeatMonitorTests: XCTestCase {
    private let beat = GuestHeartbeatMonitor.intervalNanoseconds

    func testNoContactThenOkThenLostCommunication() {
        var monitor = GuestHeartbeatMonitor()
        var guestShows: UInt8 = 0
        var lastSent: UInt8 = 0
        var now: UInt64 = 1_000_000_000
        func tick(answering: Bool) {
            monitor.tick(paused: false, answer: guestShows, now: now) { lastSent = $0 }
            if answering { guestShows = lastSent }
            now += beat
        }
        tick(answering: false)
        XCTAssertEqual(monitor.state(now: now), .noContact, "nothing answered yet")
        tick(answering: false)
        XCTAssertEqual(monitor.state(now: now), .noContact)
        tick(answering: true)
        tick(answering: true)
        XCTAssertEqual(monitor.state(now: now), .ok)
        for _ in 0..<3 { tick(answering: false) }
        XCTAssertEqual(monitor.state(now: now), .ok, "a few missed beats are tolerated")
        for _ in 0..<3 { tick(answering: false) }
        XCTAssertEqual(monitor.state(now: now), .lost)
        // 600 more beats: the counter wraps past the guest's last answer without reviving it.
        for _ in 0..<600 { tick(answering: false) }
        XCTAssertEqual(monitor.state(now: now), .lost)
        tick(answering: true)
        tick(answering: true)
        XCTAssertEqual(monitor.state(now: now), .ok, "answers again")
    }

    func testAPausedGuestIsNotLost() {
        var monitor = GuestHeartbeatMonitor()
        var sent: UInt8 = 0
        monitor.tick(paused: false, answer: 0, now: 1) { sent = $0 }
        monitor.tick(paused: false, answer: sent, now: 1 + beat) { sent = $0 }
        XCTAssertEqual(monitor.state(now: 1 + beat), .ok)
        let resumed = 1 + 100 * beat
        var sentWhilePaused = false
        monitor.tick(paused: true, answer: 0, now: resumed) { _ in sentWhilePaused = true }
        XCTAssertFalse(sentWhilePaused)
        XCTAssertEqual(monitor.state(now: resumed + beat), .ok, "the pause is not held against the guest")
    }
}
