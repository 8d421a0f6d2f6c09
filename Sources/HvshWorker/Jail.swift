import CWorkerJail
import Glibc
import LinuxSystem
import VMM

/// The worker's jail, entered once the VM's files are open (as Firecracker's jailer does for its VMM): its
/// own uid and gid (`JailIdentity`), a mount namespace whose root holds only its runtime directory and a
/// /proc of its own processes, no capabilities, no new privileges, no core dumps of guest memory, and a
/// seccomp filter allowing only the calls the worker makes. What it must still reach it holds already
/// (`/dev/kvm`, its taps, its disks, its sockets) or is handed by the shell over the control socket (a
/// checkpoint's disk files, a snapshot folder, a hot-plugged tap). README "Security" lists what it reaches.
enum Jail {
    /// `HVSH_WORKER_JAIL=0` leaves it out (debugging the worker with tools the filter would stop).
    static var wanted: Bool { getenv("HVSH_WORKER_JAIL").map { String(cString: $0) != "0" } ?? true }

    /// Root of the host's own user namespace (every uid mapped). Root inside a user namespace (a non-root
    /// user's `hvsh -Sandbox`) has no uid of the range to change to and stays the namespace's root.
    static var hostRoot: Bool {
        guard geteuid() == 0, let map = FileSystem.readText("/proc/self/uid_map") else { return false }
        return map.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) == ["0", "0", "4294967295"]
    }

    /// The mount namespace, made while the worker has one thread (only root can; others skip it).
    static func isolateMounts() -> String? {
        guard hostRoot else { return nil }
        return hvsh_jail_unshare_mounts() == 0 ? nil : "unshare(CLONE_NEWNS): \(Errno.current)"
    }

    /// Enters the jail; nil when done, else which step failed and why. A worker not started by root (a user
    /// given /dev/kvm, or root of a user namespace) cannot change uid or mount: it keeps its user and gets the rest.
    /// A QEMU VM's worker passes the uid its QEMU already runs as (`identity`), more files it keeps writing
    /// (`alsoOwned`) and `supervisesChild`: it stays undumpable (its QEMU, of the same uid, must not trace it
    /// or read its memory) and its filter lets it reap QEMU.
    static func enter(runtimeDirectory: RuntimeDirectory, identity: UInt32? = nil, alsoOwned: [String] = [],
                      supervisesChild: Bool = false) -> String? {
        if hvsh_jail_no_core_dumps() != 0 { return "setrlimit(RLIMIT_CORE): \(Errno.current)" }
        if hvsh_jail_limit_capabilities() != 0 { return "limiting capabilities: \(Errno.current)" }
        if hostRoot {
            let id = identity ?? JailIdentity.choose(for: runtimeDirectory.path)
            if let problem = handOver(runtimeDirectory, alsoOwned: alsoOwned, to: id) { return problem }
            if let problem = enterRoot(runtimeDirectory) { return problem }
            if hvsh_jail_change_identity(id, id) != 0 { return "changing to uid \(id): \(Errno.current)" }
        }
        if hvsh_jail_clear_capabilities() != 0 { return "dropping capabilities: \(Errno.current)" }
        if !supervisesChild, hvsh_jail_allow_own_proc() != 0 { return "prctl(PR_SET_DUMPABLE): \(Errno.current)" }
        if hvsh_jail_forbid_new_privileges() != 0 { return "prctl(PR_SET_NO_NEW_PRIVS): \(Errno.current)" }
        if hvsh_jail_install_filter(supervisesChild ? 1 : 0) != 0 { return "installing the seccomp filter: \(Errno.current)" }
        return nil
    }

    /// The jail of a QEMU VM's worker where it cannot change uid or mount (not the host's root): no
    /// capabilities, no new privileges, no core dumps and the filter (with wait4 for reaping QEMU).
    static func enterAsSupervisor() -> String? {
        if hvsh_jail_no_core_dumps() != 0 { return "setrlimit(RLIMIT_CORE): \(Errno.current)" }
        if hvsh_jail_limit_capabilities() != 0 { return "limiting capabilities: \(Errno.current)" }
        if hvsh_jail_clear_capabilities() != 0 { return "dropping capabilities: \(Errno.current)" }
        if hvsh_jail_forbid_new_privileges() != 0 { return "prctl(PR_SET_NO_NEW_PRIVS): \(Errno.current)" }
        if hvsh_jail_install_filter(1) != 0 { return "installing the seccomp filter: \(Errno.current)" }
        return nil
    }

    /// The runtime directory becomes the worker's: it writes its exit record, rotates its console log,
    /// records attached disks in vm.conf and removes its sockets there. Nothing else of the host is.
    private static func handOver(_ directory: RuntimeDirectory, alsoOwned: [String], to id: UInt32) -> String? {
        for path in [directory.path, directory.configuration, directory.consoleLog, directory.consoleLog + ".1"] + alsoOwned {
            do throws(Errno) { try FileSystem.changeOwner(path, user: id, group: id) } catch Errno.noSuchFile {
            } catch { return "chown(\(path)): \(error)" }
        }
        return nil
    }

    /// The mount namespace. Its tmpfs is mounted on an empty folder of the runtime directory (any folder
    /// would do; this one exists wherever the worker runs and is not an ancestor of what is bound).
    private static func enterRoot(_ directory: RuntimeDirectory) -> String? {
        let scratch = directory.path + "/jail-root"
        do throws(Errno) { _ = try FileSystem.makeDirectories(scratch, permissions: 0o700) } catch {
            return "mkdir(\(scratch)): \(error)"
        }
        var step = [CChar](repeating: 0, count: 64)
        guard hvsh_jail_enter_root(directory.path, scratch, &step) == 0 else {
            let error = Errno.current
            return "\(String(decoding: step.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)): \(error)"
        }
        return nil
    }
}
