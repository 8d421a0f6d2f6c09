// The worker's jail (as Firecracker's jailer does for its VMM): once hvsh-worker has opened what its VM
// needs, it gives up every capability and the means to gain new ones, and installs a seccomp filter that
// lets through only the system calls the worker makes; any other call kills the whole worker.
#ifndef CWORKERJAIL_H
#define CWORKERJAIL_H

/// RLIMIT_CORE 0: a worker killed by the filter leaves no core file holding guest memory. 0, or -1 with errno.
int hvsh_jail_no_core_dumps(void);

/// Empties the bounding and ambient sets and locks SECBIT_NOROOT (uid 0 gains nothing on exec) and the
/// setuid fix-up (a change away from uid 0 clears every capability of every thread). 0, or -1 with errno.
int hvsh_jail_limit_capabilities(void);

/// Clears the effective, permitted and inheritable sets. 0, or -1 with errno.
int hvsh_jail_clear_capabilities(void);

/// unshare(CLONE_NEWNS) and every mount made private. Done while the process has one thread (the kernel
/// refuses it to a thread that shares its file system state). 0, or -1 with errno.
int hvsh_jail_unshare_mounts(void);

/// In the namespace of `hvsh_jail_unshare_mounts`: a root is a tmpfs (mounted on `scratch_mount_point`, an empty directory) holding
/// only `runtime_directory`, bound at its own path, and a /proc of the caller's own uid's processes; the
/// host's root is unmounted and the new root made read-only. 0, or -1 with errno and the step in
/// `failed_step`.
int hvsh_jail_enter_root(const char *runtime_directory, const char *scratch_mount_point, char failed_step[64]);

/// setgroups to none, then gid and uid (real, effective, saved). 0, or -1 with errno.
int hvsh_jail_change_identity(unsigned uid, unsigned gid);

/// PR_SET_DUMPABLE 1 after the uid change, so the process's own uid may read its /proc/self. 0 or -1.
int hvsh_jail_allow_own_proc(void);

/// PR_SET_NO_NEW_PRIVS: no exec can grant privileges from here on. 0, or -1 with errno.
int hvsh_jail_forbid_new_privileges(void);

/// Installs the seccomp filter on every thread (SECCOMP_FILTER_FLAG_TSYNC): the worker's system calls are
/// allowed, anything else (or another architecture's calls) ends the process with SIGSYS; `supervises_child`
/// adds wait4 and waitid (the QEMU engine's worker reaps its QEMU). 0, or -1 with errno.
int hvsh_jail_install_filter(int supervises_child);

/// A system call the filter does not allow (personality(2), asking only). For the test request that checks
/// the filter kills the worker; it returns only when no filter is installed.
long hvsh_jail_forbidden_call(void);

/// socket(AF_INET, SOCK_STREAM): refused by the filter (only Unix sockets are allowed). For the test request
/// showing the worker cannot reach a network; returns only when no filter is installed.
long hvsh_jail_network_socket_for_test(void);

/// QEMU's jail (README "Security"), made in QEMU's child process before exec: see `hvsh_jail_prepare_qemu`.
struct hvsh_qemu_jail {
    unsigned uid;
    unsigned gid;
    /// An empty folder the jail's tmpfs is mounted on (in the child's own mount namespace only).
    const char *scratch_mount_point;
    /// The program about to run, bound read-only at its own path when it is not under /usr.
    const char *emulator;
    /// The host's /dev/kvm device number (st_rdev), or 0 for no /dev/kvm in the jail.
    unsigned long kvm_device;
};

/// For `cls_spawn_tied`'s `prepare` (context: a `struct hvsh_qemu_jail`): a mount namespace whose read-only root
/// holds the host's /usr read-only, a /dev of null, zero, full, random, urandom and a /dev/kvm node owned by
/// the jail's uid (mode 0600), and a /proc of that uid's processes; then no core dumps, no groups and the
/// jail's gid and uid, which clears every capability. A failed step is written to standard error. 0, or -1
/// with errno.
int hvsh_jail_prepare_qemu(void *context);

#endif
