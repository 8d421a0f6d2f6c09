import CLinuxSystem
import Glibc

/// A helper program started so that it cannot outlive this process: it gets SIGKILL when its parent dies,
/// however the parent dies (the worker runs QEMU this way, so a killed worker never leaves a VM running).
public enum TiedChildProcess {
    /// Starts `arguments[0]` with `arguments`; the descriptors in `inheriting` stay open in it (everything else
    /// hvsh opens is close-on-exec), its standard output and error go to `output`. `withoutPrivileges` runs it
    /// with no capability (SECBIT_NOROOT, empty bounding set, no_new_privs). `prepare` runs in the child just
    /// before exec with `context` (a jail: its own mounts and uid; only async-signal-safe calls). Returns its pid.
    public typealias Preparation = @convention(c) (UnsafeMutableRawPointer?) -> CInt
    public static func spawn(_ arguments: [String], inheriting: [CInt], output: borrowing FileDescriptor,
                             withoutPrivileges: Bool = false, prepare: Preparation? = nil,
                             context: UnsafeMutableRawPointer? = nil) throws(Errno) -> pid_t {
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let outputNumber = output.rawValue
        return try valueOrErrno {
            inheriting.withUnsafeBufferPointer { kept in
                argv.withUnsafeMutableBufferPointer {
                    cls_spawn_tied(arguments[0], $0.baseAddress, outputNumber, kept.baseAddress, CInt(kept.count),
                                   withoutPrivileges ? 1 : 0, prepare, context)
                }
            }
        }
    }
}

extension Processes {
    /// How a child ended, or nil while it still runs (waitpid with WNOHANG).
    public enum Ending: Sendable, Equatable, CustomStringConvertible {
        case exited(CInt)
        case signalled(CInt)
        public var description: String {
            switch self {
            case .exited(let code): return "exit code \(code)"
            case .signalled(let signal): return "killed by signal \(signal)"
            }
        }
    }

    public static func endingIfEnded(_ pid: pid_t) throws(Errno) -> Ending? {
        var status: CInt = 0
        let result = try valueOrErrno { waitpid(pid, &status, WNOHANG) }
        guard result == pid else { return nil }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
