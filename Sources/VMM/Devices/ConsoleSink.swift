#if canImport(Glibc)
import Glibc
#endif

/// Where the guest's console output goes in the worker: a log file and every attached console client.
/// The log is capped: past `logLimit` bytes it is rotated to `<path>.1` (one old generation kept), so a
/// guest that never stops printing cannot fill the host's disk.
public final class ConsoleSink: Sendable {
    struct State {
        var logFD: CInt
        var logged = 0
        var clients: [CInt] = []
    }

    public let logPath: String
    public let logLimit: Int
    private let state: Locked<State>

    public init(logPath: String, logLimit: Int = 8 << 20) throws(VMMError) {
        let fd = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        if fd < 0 { throw .system("open(\(logPath))", .current) }
        var info = stat()
        let existing = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        self.logPath = logPath
        self.logLimit = logLimit
        state = Locked(State(logFD: fd, logged: existing))
    }

    deinit {
        state.withLock { state in
            close(state.logFD)
            for fd in state.clients { close(fd) }
        }
    }

    /// The closure to hand the UART: called on a vCPU thread for each byte the guest transmits.
    public var output: @Sendable (UInt8) -> Void { { [self] byte in write(byte) } }

    func write(_ byte: UInt8) {
        state.withLock { state in
            var value = byte
            if state.logged >= logLimit { rotate(&state) }
            if Glibc.write(state.logFD, &value, 1) == 1 { state.logged += 1 }
            // Clients are non-blocking: one that stops reading loses output rather than stalling the vCPU.
            for fd in state.clients { _ = send(fd, &value, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        }
    }

    /// A chunk of output at once (QEMU's serial port hands the worker whole reads, not single bytes).
    public func write(contentsOf bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        state.withLock { state in
            if state.logged >= logLimit { rotate(&state) }
            let written = bytes.withUnsafeBytes { Glibc.write(state.logFD, $0.baseAddress, $0.count) }
            if written > 0 { state.logged += written }
            for fd in state.clients { _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) } }
        }
    }

    private func rotate(_ state: inout State) {
        rename(logPath, logPath + ".1")
        let fd = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        close(state.logFD)
        state.logFD = fd
        state.logged = 0
    }

    /// Adds a connected console client (non-blocking socket); the sink closes it on removal.
    public func add(_ fd: CInt) { state.withLock { $0.clients.append(fd) } }

    public func remove(_ fd: CInt) {
        state.withLock { $0.clients.removeAll { $0 == fd } }
        close(fd)
    }

    public var clients: [CInt] { state.withLock { $0.clients } }
}
