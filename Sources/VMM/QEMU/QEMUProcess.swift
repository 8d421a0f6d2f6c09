import Glibc
import LinuxSystem

/// A qemu-system-x86_64 child of the worker. It is started tied to the worker (SIGKILL when the worker dies,
/// however it dies), so a VM never outlives its worker and nothing is left running.
public final class QEMUProcess {
    public let pid: pid_t
    /// How it ended, once reaped.
    public private(set) var termination: Processes.Ending?

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `arguments[0]` with `arguments`; the descriptors in `keep` are inherited, standard output and error
    /// go to `output`; `withoutPrivileges` starts it with no capability, `jail` runs in it before exec (see
    /// `TiedChildProcess`).
    public static func spawn(_ arguments: [String], keep: [CInt], output: borrowing FileDescriptor,
                             withoutPrivileges: Bool = false, jail: TiedChildProcess.Preparation? = nil,
                             context: UnsafeMutableRawPointer? = nil) throws(VMMError) -> QEMUProcess {
        do {
            return QEMUProcess(pid: try TiedChildProcess.spawn(arguments, inheriting: keep, output: output,
                                                               withoutPrivileges: withoutPrivileges, prepare: jail, context: context))
        } catch { throw .system("starting \(arguments[0])", error) }
    }

    /// Collects the exit status if the process has ended (waiting up to `timeoutMilliseconds`); true once it has.
    @discardableResult
    public func reap(timeoutMilliseconds: Int = 0) -> Bool {
        if termination != nil { return true }
        let deadline = Clock.monotonicNanoseconds() + UInt64(max(0, timeoutMilliseconds)) * 1_000_000
        while true {
            do throws(Errno) {
                if let ending = try Processes.endingIfEnded(pid) { termination = ending; return true }
            } catch {
                // Not our child any more (reaped elsewhere): it has ended, how is unknown.
                termination = .exited(-1)
                return true
            }
            if Clock.monotonicNanoseconds() >= deadline { return false }
            Clock.sleep(milliseconds: 5)
        }
    }

    /// SIGKILL and reap.
    public func kill() {
        guard termination == nil else { return }
        try? Processes.signal(pid, SIGKILL)
        reap(timeoutMilliseconds: 5_000)
    }

    /// CPU time QEMU has used (all its threads), in nanoseconds.
    public func cpuNanoseconds() -> UInt64 {
        guard let stat = FileSystem.readText("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return 0 }
        // After the command name: field 3 (state) onwards; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { return 0 }
        let ticks = UInt64(max(1, sysconf(CInt(_SC_CLK_TCK))))
        return (user + system) * (1_000_000_000 / ticks)
    }

    /// QEMU's resident memory in bytes.
    public func residentBytes() -> UInt64 {
        guard let text = FileSystem.readText("/proc/\(pid)/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = UInt64(fields[1]) else { return 0 }
        return pages * UInt64(Processes.pageSize)
    }
}
