#if canImport(Glibc)
import Glibc
#endif

/// Line-at-a-time reading of fd 0 when it is not a terminal. Scripts piped to hvsh and `Read-Host`
/// share one buffer, so a `Read-Host` in a piped script reads the line after the statement.
public final class StandardInput: @unchecked Sendable {
    // Only the shell's main thread reads; the lock keeps the class honest if a cmdlet reads from another.
    private let lock = PThreadLock()
    private var buffer: [UInt8] = []
    private var atEnd = false
    private let fd: CInt

    public init(fd: CInt = 0) { self.fd = fd }

    /// The next line without its line ending, or nil at end of input.
    public func readLine() -> String? {
        lock.withLock {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(buffer[..<newline])
                    buffer.removeFirst(newline + 1)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                if atEnd {
                    guard !buffer.isEmpty else { return nil }
                    let line = buffer
                    buffer.removeAll()
                    return String(decoding: line, as: UTF8.self)
                }
                fill()
            }
        }
    }

    /// Everything left, for `-Command -`.
    public func readToEnd() -> String {
        lock.withLock {
            while !atEnd { fill() }
            let text = String(decoding: buffer, as: UTF8.self)
            buffer.removeAll()
            return text
        }
    }

    private func fill() {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 {
            buffer.append(contentsOf: chunk[0..<n])
        } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
            atEnd = true
        }
    }
}

/// A pthread mutex with a closure-scoped lock, without pulling in Foundation.
final class PThreadLock: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}
