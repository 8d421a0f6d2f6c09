import LinuxSystem

/// The state all vCPU threads obey: run, park (pause) or leave. A mutex plus condition variable, because
/// parked vCPU threads must sleep until resumed, and `pause()` must wait until every vCPU has parked.
final class RunCoordinator: @unchecked Sendable {
    // Every stored property below is read and written only with `lock` held.
    enum Request: Equatable { case run, pause, stop }

    private let lock = ConditionLock()
    private var request: Request = .pause
    private var parked = 0
    private var finished = 0
    private(set) var exitReason: ExitReason?
    let vcpuCount: Int

    init(vcpuCount: Int) {
        self.vcpuCount = vcpuCount
    }

    func locked<R>(_ body: () -> R) -> R { lock.withLock(body) }

    private func wait() { lock.wait() }
    private func broadcast() { lock.broadcast() }

    /// Called by a vCPU thread before each KVM_RUN. `prepareRun` runs under the lock when the answer is
    /// `true`; `park` runs (outside the lock) once before the thread sleeps. Returns false when it must leave.
    func mayRun(prepareRun: () -> Void, park: () -> Void) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if request == .pause {
            lock.unlock()
            park()
            lock.lock()
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
        lock.lock()
        defer { lock.unlock() }
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
