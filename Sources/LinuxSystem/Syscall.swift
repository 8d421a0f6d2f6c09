#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs a C call that reports failure as -1 plus `errno`, retrying while it is interrupted (EINTR).
@inlinable
public func syscallRetrying<T: FixedWidthInteger>(_ body: () -> T) throws(Errno) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let error = Errno.current
        if error == .interrupted { continue }
        throw error
    }
}

/// Like `syscallRetrying` but does not retry: for calls where EINTR must reach the caller.
@inlinable
public func syscallOnce<T: FixedWidthInteger>(_ body: () -> T) throws(Errno) -> T {
    let result = body()
    if result == -1 { throw Errno.current }
    return result
}
