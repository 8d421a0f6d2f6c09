#if canImport(Glibc)
import Glibc
#endif
import CKVM

/// A qemu-system-x86_64 child of the worker. It is started tied to the worker (SIGKILL when the worker dies,
/// however it dies), so a VM never outlives its worker and nothing is left running.
public final class QEMUProcess {
    public let pid: pid_t
    /// How it ended, once reaped.
    public private(set) var termination: Termination?

    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)
        public var description: String {
            switch self {
            case .exited(let code): return "exit code \(code)"
            case .signalled(let signal): return "killed by signal \(signal)"
            }
        }
    }

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `arguments[0]` with `arguments`; the descriptors in `keep` are inherited, standard output and error
    /// go to `outputFD`.
    public static func spawn(_ arguments: [String], keep: [CInt], outputFD: CInt) throws(VMMError) -> QEMUProcess {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let pid = keep.withUnsafeBufferPointer { kept in
            argv.withUnsafeMutableBufferPointer { ckvm_spawn_tied(arguments[0], $0.baseAddress, outputFD, kept.baseAddress, Int32(kept.count)) }
        }
        if pid < 0 { throw .system("starting \(arguments[0])", .current) }
        return QEMUProcess(pid: pid)
    }

    /// Collects the exit status if the process has ended (waiting up to `timeoutMilliseconds`); true once it has.
    @discardableResult
    public func reap(timeoutMilliseconds: Int = 0) -> Bool {
        if termination != nil { return true }
        let deadline = monotonicNanoseconds() + UInt64(max(0, timeoutMilliseconds)) * 1_000_000
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7F
                termination = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
                return true
            }
            if result < 0 && errno != EINTR {
                termination = .exited(-1)
                return true
            }
            if monotonicNanoseconds() >= deadline { return false }
            sleepMilliseconds(5)
        }
    }

    /// SIGKILL and reap.
    public func kill() {
        guard termination == nil else { return }
        _ = Glibc.kill(pid, SIGKILL)
        reap(timeoutMilliseconds: 5_000)
    }

    /// CPU time QEMU has used (all its threads), in nanoseconds.
    public func cpuNanoseconds() -> UInt64 {
        guard let stat = Files.readText("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { return 0 }
        let ticks = UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))
        return (user + system) * (1_000_000_000 / ticks)
    }

    /// QEMU's resident memory in bytes.
    public func residentBytes() -> UInt64 {
        guard let text = Files.readText("/proc/\(pid)/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = UInt64(fields[1]) else { return 0 }
        return pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }
}
