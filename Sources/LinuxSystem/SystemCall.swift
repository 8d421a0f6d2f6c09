import Glibc

/// The one place where a C call's "-1 and errno" becomes a thrown `Errno`. Every shim in this module goes
/// through it. EINTR (a signal arrived while the call blocked) retries the call unless `retryOnInterrupt` is
/// false, for the few calls whose caller must see the interruption (KVM_RUN kicked out of the guest).
@inlinable
public func valueOrErrno<T: FixedWidthInteger>(retryOnInterrupt: Bool = true, _ call: () -> T) throws(Errno) -> T {
    while true {
        let result = call()
        if result != -1 { return result }
        let error = Errno.current
        if retryOnInterrupt && error == .interrupted { continue }
        throw error
    }
}

/// For the calls that return an error number instead of setting errno (posix_spawn, pthread_*).
@inlinable
public func nothingOrErrno(_ result: CInt) throws(Errno) {
    if result != 0 { throw Errno(rawValue: result) }
}

/// Carries a typed error out of closure APIs that cannot (`withUnsafeBytes` and friends):
/// `try bytes.withUnsafeBytes { raw in resultOf { () throws(Errno) in try file.writeAll(raw) } }.get()`.
@inlinable
public func resultOf<R>(_ body: () throws(Errno) -> R) -> Result<R, Errno> {
    do throws(Errno) { return .success(try body()) } catch { return .failure(error) }
}
