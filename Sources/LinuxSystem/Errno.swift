import Glibc

/// A POSIX error number, thrown by every shim of this module (`catch Errno.noSuchFile { ... }`).
public struct Errno: Error, RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: CInt
    public init(rawValue: CInt) { self.rawValue = rawValue }

    /// The calling thread's current `errno`.
    public static var current: Errno { Errno(rawValue: errno) }

    /// strerror(3)'s text, e.g. "No such file or directory".
    public var description: String {
        guard let text = strerror(rawValue) else { return "errno \(rawValue)" }
        return String(cString: text)
    }

    /// Lets `catch Errno.interrupted` and `case Errno.busy:` match a thrown error.
    public static func ~= (lhs: Errno, rhs: any Error) -> Bool {
        (rhs as? Errno) == lhs
    }
}

// Readable names for the numbers hvsh meets, after swift-system's spelling.
extension Errno {
    /// EPERM
    public static let notPermitted = Errno(rawValue: EPERM)
    /// ENOENT
    public static let noSuchFile = Errno(rawValue: ENOENT)
    /// ESRCH
    public static let noSuchProcess = Errno(rawValue: ESRCH)
    /// EINTR
    public static let interrupted = Errno(rawValue: EINTR)
    /// EIO
    public static let ioError = Errno(rawValue: EIO)
    /// ENXIO
    public static let noSuchDeviceOrAddress = Errno(rawValue: ENXIO)
    /// E2BIG
    public static let argumentListTooLong = Errno(rawValue: E2BIG)
    /// EBADF
    public static let badFileDescriptor = Errno(rawValue: EBADF)
    /// EAGAIN (also EWOULDBLOCK on Linux)
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    /// EACCES
    public static let permissionDenied = Errno(rawValue: EACCES)
    /// EBUSY
    public static let busy = Errno(rawValue: EBUSY)
    /// EEXIST
    public static let exists = Errno(rawValue: EEXIST)
    /// ENODEV
    public static let noDevice = Errno(rawValue: ENODEV)
    /// ENOTDIR
    public static let notDirectory = Errno(rawValue: ENOTDIR)
    /// EISDIR
    public static let isDirectory = Errno(rawValue: EISDIR)
    /// EINVAL
    public static let invalidArgument = Errno(rawValue: EINVAL)
    /// ENOSPC
    public static let noSpace = Errno(rawValue: ENOSPC)
    /// EPIPE
    public static let brokenPipe = Errno(rawValue: EPIPE)
    /// ENAMETOOLONG
    public static let fileNameTooLong = Errno(rawValue: ENAMETOOLONG)
    /// ENOSYS
    public static let noFunction = Errno(rawValue: ENOSYS)
    /// ENOTEMPTY
    public static let directoryNotEmpty = Errno(rawValue: ENOTEMPTY)
    /// EMSGSIZE
    public static let messageTooLong = Errno(rawValue: EMSGSIZE)
    /// EOPNOTSUPP
    public static let notSupported = Errno(rawValue: EOPNOTSUPP)
    /// EADDRINUSE
    public static let addressInUse = Errno(rawValue: EADDRINUSE)
    /// EADDRNOTAVAIL
    public static let addressNotAvailable = Errno(rawValue: EADDRNOTAVAIL)
    /// ENETUNREACH
    public static let networkUnreachable = Errno(rawValue: ENETUNREACH)
    /// ECONNREFUSED
    public static let connectionRefused = Errno(rawValue: ECONNREFUSED)
    /// ETIMEDOUT
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    /// ELOOP (also what O_NOFOLLOW gives for a symbolic link)
    public static let tooManySymbolicLinks = Errno(rawValue: ELOOP)
}
