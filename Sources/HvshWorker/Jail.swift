import CWorkerJail
import Glibc
import LinuxSystem

/// The worker's jail, entered once the VM's files are open (as Firecracker's jailer does for its VMM): no
/// capabilities (so uid 0 is an ordinary owner of its own files: no DAC override, no CAP_NET_ADMIN, no
/// raw I/O), no new privileges, no core dumps of guest memory, and a seccomp filter allowing only the
/// calls the worker makes. What it must still reach it holds already (`/dev/kvm`, its taps, its disks,
/// its sockets) or owns (its runtime directory, the VM's saved-state and checkpoint folders, which root
/// made). docs/vmm-worker-api.md lists what it can and cannot do.
enum Jail {
    /// `HVSH_WORKER_JAIL=0` leaves it out (debugging the worker with tools the filter would stop).
    static var wanted: Bool { getenv("HVSH_WORKER_JAIL").map { String(cString: $0) != "0" } ?? true }

    /// Enters the jail; nil when done, else which step failed and why.
    static func enter() -> String? {
        if hvsh_jail_no_core_dumps() != 0 { return "setrlimit(RLIMIT_CORE): \(Errno.current)" }
        if hvsh_jail_drop_capabilities() != 0 { return "dropping capabilities: \(Errno.current)" }
        if hvsh_jail_forbid_new_privileges() != 0 { return "prctl(PR_SET_NO_NEW_PRIVS): \(Errno.current)" }
        if hvsh_jail_install_filter() != 0 { return "installing the seccomp filter: \(Errno.current)" }
        return nil
    }
}
