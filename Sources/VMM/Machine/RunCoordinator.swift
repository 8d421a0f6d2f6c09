#if canImport(Glibc)
import Glibc
#endif

/// The state all vCPU threads obey: run, park (pause) or leave. A mutex plus condition variable, because
/// parked vCPU threads must sleep until resumed, and `pause()` must wait until every vCPU has parked.
final class RunCoordinator: @unchecked Sendable {
    // Every stored property below is read and written only with `mutex` held.
    enum Request: Equatable { case run, pause, stop }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var request: Request = .pause
    private var parked = 0
    private var finished = 0
    private(set) var exitReason: ExitReason?
    let vcpuCount: Int

    init(vcpuCount: Int) {
        self.vcpuCount = vcpuCount
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition); pthread_mutex_destroy(mutex)
        mutex.deallocate(); condition.deallocate()
    }

    func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    private func wait() { pthread_cond_wait(condition, mutex) }
    private func broadcast() { pthread_cond_broadcast(condition) }

    /// Called by a vCPU thread before each KVM_RUN. `prepareRun` runs under the lock when the answer is
    /// `true`; `park` runs (outside the lock) once before the thread sleeps. Returns false when it must leave.
    func mayRun(prepareRun: () -> Void, park: () -> Void) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if request == .pause {
            pthread_mutex_unlock(mutex)
            park()
            pthread_mutex_lock(mutex)
            parked += 1
            broadcast()
            while request == .pause { wait() }
            parked -= 1
        }
        if request == .stop { return false }
        prepareRun()
        return true
    }

    /// Asks every vCPU to park; `kick` forces each out of KVM_RUN. Returns once all have parked,
    /// or false if the VM is stopping.
    func pause(kick: () -> Void) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard request == .run else { return request == .pause }
        request = .pause
        kick()
        while parked + finished < vcpuCount && request == .pause { wait() }
        return request == .pause
    }

    func resume() -> Bool {
        locked {
            guard request != .stop else { return false }
            request = .run
            broadcast()
            return true
        }
    }

    /// Ends the VM with a reason (the first reason wins). Returns whether this call started the stop.
    @discardableResult
    func stop(_ reason: ExitReason, kick: () -> Void) -> Bool {
        locked {
            guard request != .stop else { return false }
            request = .stop
            exitReason = reason
            kick()
            broadcast()
            return true
        }
    }

    func vcpuFinished() { locked { finished += 1; broadcast() } }

    var isStopping: Bool { locked { request == .stop } }
    var isPaused: Bool { locked { request == .pause } }

    /// Blocks until every vCPU thread has left its loop.
    func waitUntilFinished() -> ExitReason {
        locked {
            while finished < vcpuCount { wait() }
            return exitReason ?? .turnedOff
        }
    }
}
