import Glibc

/// clock_gettime(2) and nanosleep(2).
public enum Clock {
    /// CLOCK_MONOTONIC in nanoseconds: for deadlines and durations, never jumps.
    public static func monotonicNanoseconds() -> UInt64 { nanoseconds(CLOCK_MONOTONIC) }

    /// CLOCK_PROCESS_CPUTIME_ID: CPU time this process has used (user + system), in nanoseconds.
    public static func processCPUNanoseconds() -> UInt64 { nanoseconds(CLOCK_PROCESS_CPUTIME_ID) }

    private static func nanoseconds(_ clock: clockid_t) -> UInt64 {
        var now = timespec()
        clock_gettime(clock, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// nanosleep(2) for the whole time, continuing after signals.
    public static func sleep(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }
}
