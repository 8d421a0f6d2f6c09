import Glibc

/// A mutex with a condition variable (pthread_mutex_t + pthread_cond_t), for state that threads must sleep
/// on until another thread changes it (parked vCPUs waiting to be resumed). Swift's `Mutex` has no wait.
public final class ConditionLock: @unchecked Sendable {
    // The pthread objects live at fixed heap addresses for the object's whole life, as POSIX requires.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// pthread_mutex_lock(3).
    public func lock() { pthread_mutex_lock(mutex) }
    /// pthread_mutex_unlock(3).
    public func unlock() { pthread_mutex_unlock(mutex) }

    public func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }

    /// pthread_cond_wait(3): with the lock held, sleeps until `broadcast()` and holds the lock again.
    /// Wake-ups can be spurious: callers wait in a loop over their condition.
    public func wait() { pthread_cond_wait(condition, mutex) }

    /// pthread_cond_broadcast(3): wakes every waiter.
    public func broadcast() { pthread_cond_broadcast(condition) }
}
