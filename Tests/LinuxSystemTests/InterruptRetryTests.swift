import Foundation
import Glibc
import LinuxSystem
import XCTest

/// EINTR is real here: a signal whose handler is installed without SA_RESTART interrupts a blocked read(2),
/// which the shims then retry (by default) or report.
final class InterruptRetryTests: XCTestCase {
    static let signal = SIGUSR2

    override class func setUp() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
    }

    /// Starts a reader blocked on an empty pipe, interrupts it with signals until it has been interrupted
    /// until it has returned (having first been written to when `thenWrite`), and returns what its read gave.
    private func readInterrupted(retry: Bool, thenWrite: Bool) throws -> Result<[UInt8], Errno> {
        let pipe = try FileDescriptor.pipe()
        let writer = pipe.writeEnd
        final class Shared: @unchecked Sendable {
            let reader: FileDescriptor
            let lock = NSLock()
            var thread: pthread_t?
            var result: Result<[UInt8], Errno>?
            init(_ reader: consuming FileDescriptor) { self.reader = reader }
        }
        let shared = Shared(pipe.readEnd)
        let thread = Thread {
            shared.lock.withLock { shared.thread = pthread_self() }
            let outcome = resultOf { () throws(Errno) in try shared.reader.read(upToCount: 16, retryOnInterrupt: retry) }
            shared.lock.withLock { shared.result = outcome }
        }
        thread.start()
        var kicks = 0
        while shared.lock.withLock({ shared.result == nil }) && kicks < 200 {
            usleep(10_000)
            if let handle = shared.lock.withLock({ shared.thread }) {
                pthread_kill(handle, Self.signal)
                kicks += 1
            }
            if thenWrite && kicks == 20 { try writer.writeAll(Array("after".utf8)) }
        }
        XCTAssertLessThan(kicks, 200, "the reader never came back")
        return shared.lock.withLock { shared.result! }
    }

    func testInterruptedReadIsRetriedByDefault() throws {
        let result = try readInterrupted(retry: true, thenWrite: true)
        XCTAssertEqual(try result.get(), Array("after".utf8), "the retried read returned the data written after the signals")
    }

    func testInterruptedReadReachesACallerThatAsked() throws {
        let result = try readInterrupted(retry: false, thenWrite: false)
        XCTAssertThrowsError(try result.get()) { error in XCTAssertEqual(error as? Errno, .interrupted) }
    }
}
