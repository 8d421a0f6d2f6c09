import Foundation
import Glibc
import XCTest

/// A fresh directory under the system's temporary directory, removed by the test's teardown.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "linuxsystem-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// Whether descriptor number `fd` is open in this process.
func isOpen(_ fd: CInt) -> Bool { fcntl(fd, F_GETFD) != -1 }

/// Runs `body` on a new thread and waits for it (namespace tests change the calling thread's namespace,
/// which must never be the test runner's).
func onNewThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.result = Result { try body() }
        done.signal()
    }
    thread.start()
    done.wait()
    return try box.result!.get()
}

/// Carries a thread's result to the thread waiting for it (the semaphore orders the accesses).
final class ResultBox<T>: @unchecked Sendable { var result: Result<T, any Error>? }
