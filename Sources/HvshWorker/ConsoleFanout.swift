#if canImport(Glibc)
import Glibc
#endif
import VMM

/// Sends each byte the guest writes on its console to the log file and to every attached console client.
final class ConsoleFanout: Sendable {
    let logFD: CInt
    private let clients = Locked<[CInt]>([])

    init(logFD: CInt) { self.logFD = logFD }

    var sink: @Sendable (UInt8) -> Void {
        { [self] byte in
            var value = byte
            _ = write(logFD, &value, 1)
            clients.withLock { list in
                // Clients are non-blocking: one that stops reading loses output rather than stalling the vCPU.
                for fd in list { _ = send(fd, &value, 1, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            }
        }
    }

    func add(_ fd: CInt) { clients.withLock { $0.append(fd) } }

    func remove(_ fd: CInt) {
        clients.withLock { $0.removeAll { $0 == fd } }
        close(fd)
    }

    var all: [CInt] { clients.withLock { $0 } }

    func closeAll() {
        for fd in clients.withLock({ list in defer { list.removeAll() }; return list }) { close(fd) }
    }
}
