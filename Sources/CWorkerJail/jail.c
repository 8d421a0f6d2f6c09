#define _GNU_SOURCE
#include "cworkerjail.h"
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/securebits.h>
#include <linux/seccomp.h>

// Not listed: connect (the worker's sockets are all made before the jail, and a QEMU VM's worker keeps the
// host's mounts, where connecting to a root daemon's socket would be a way out), and socket, allowed below
// for AF_UNIX only (no network of any kind: IP, netlink, packet).
// Every call the worker makes once jailed: its event loop (poll, sockets, signalfd), vCPU threads (KVM
// ioctls, futexes, the signals that kick a vCPU out of KVM_RUN), disks (positioned and vectored I/O,
// fdatasync, flock, fallocate, opening a chain again on attach-disk), snapshots and runtime files
// (mkdir, rename, unlink, fsync), its memory (mmap, madvise) and what the Swift runtime and glibc call
// underneath. Listed from the worker's code and what glibc and the Swift runtime call for it, and checked by
// running every VM test suite under the filter (a missing call kills the worker, which fails its test).
static const int allowed_calls[] = {
    SYS_read, SYS_write, SYS_pread64, SYS_pwrite64, SYS_readv, SYS_writev, SYS_preadv, SYS_pwritev,
    SYS_preadv2, SYS_pwritev2, SYS_lseek, SYS_close, SYS_openat, SYS_open, SYS_fstat, SYS_newfstatat,
    SYS_statx, SYS_stat, SYS_lstat, SYS_fcntl, SYS_flock, SYS_fsync, SYS_fdatasync, SYS_ftruncate,
    SYS_fallocate, SYS_getdents64, SYS_mkdir, SYS_mkdirat, SYS_rename, SYS_renameat, SYS_renameat2,
    SYS_unlink, SYS_unlinkat, SYS_readlink, SYS_readlinkat, SYS_access, SYS_faccessat, SYS_faccessat2,
    SYS_getcwd, SYS_fchmod, SYS_chmod, SYS_fchmodat, SYS_umask, SYS_rmdir, SYS_truncate, SYS_statfs, SYS_fstatfs, SYS_dup, SYS_dup2, SYS_dup3, SYS_pipe2, SYS_ioctl,
    SYS_poll, SYS_ppoll, SYS_select, SYS_pselect6, SYS_eventfd2, SYS_signalfd4,
    SYS_bind, SYS_listen, SYS_accept, SYS_accept4, SYS_sendto, SYS_recvfrom,
    SYS_sendmsg, SYS_recvmsg, SYS_shutdown, SYS_getsockname, SYS_getsockopt, SYS_setsockopt,
    SYS_mmap, SYS_munmap, SYS_mprotect, SYS_mremap, SYS_madvise, SYS_brk,
    SYS_clone, SYS_clone3, SYS_exit, SYS_exit_group, SYS_futex, SYS_set_robust_list, SYS_get_robust_list,
    SYS_rseq, SYS_set_tid_address, SYS_sched_yield, SYS_sched_getaffinity, SYS_membarrier,
    SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_rt_sigreturn, SYS_sigaltstack, SYS_rt_sigtimedwait,
    SYS_tgkill, SYS_tkill, SYS_kill, SYS_getpid, SYS_gettid, SYS_getppid,
    SYS_getuid, SYS_geteuid, SYS_getgid, SYS_getegid, SYS_prctl, SYS_prlimit64, SYS_getrandom,
    SYS_clock_gettime, SYS_clock_getres, SYS_gettimeofday, SYS_nanosleep, SYS_clock_nanosleep,
    SYS_getrusage, SYS_times, SYS_uname, SYS_restart_syscall, SYS_sysinfo,
};

#define ALLOWED_COUNT (sizeof allowed_calls / sizeof allowed_calls[0])

int hvsh_jail_no_core_dumps(void) {
    struct rlimit none = { 0, 0 };
    return setrlimit(RLIMIT_CORE, &none);
}

int hvsh_jail_limit_capabilities(void) {
    // SECBIT_NOROOT and the bounding set need CAP_SETPCAP, so they come first. A worker started without
    // it (by a user with /dev/kvm access) has nothing there to give up: EPERM is not a failure then.
    // The effective set stays for the mount namespace and the change of uid that follow; that change
    // (setresuid, which glibc applies to every thread) then clears every thread's permitted and effective
    // sets, as SECBIT_NO_SETUID_FIXUP and SECBIT_KEEP_CAPS stay off, locked.
    if (prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP_LOCKED |
              SECBIT_KEEP_CAPS_LOCKED, 0, 0, 0) != 0 && errno != EPERM) return -1;
    for (int cap = 0; cap <= 63; cap++) {
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL && errno != EPERM) return -1;
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) return -1;
    return 0;
}

int hvsh_jail_clear_capabilities(void) {
    struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    return (int)syscall(SYS_capset, &header, data);
}

int hvsh_jail_forbid_new_privileges(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); }

// The QEMU engine's worker also reaps its QEMU child.
static const int supervisor_calls[] = { SYS_wait4, SYS_waitid };
#define SUPERVISOR_COUNT (sizeof supervisor_calls / sizeof supervisor_calls[0])

int hvsh_jail_install_filter(int supervises_child) {
    // Architecture check, x32 check, then one compare-and-allow pair per call, then kill.
    struct sock_filter program[11 + 2 * (ALLOWED_COUNT + SUPERVISOR_COUNT) + 1];
    size_t n = 0;
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    // x32 calls (numbers with bit 30 set) share the architecture value: refuse them all.
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    // socket(AF_UNIX, ...) only: the first argument's low word (x86-64 is little-endian).
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 0, 4);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
    program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 1);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    for (size_t i = 0; i < ALLOWED_COUNT + (supervises_child ? SUPERVISOR_COUNT : 0); i++) {
        int call = i < ALLOWED_COUNT ? allowed_calls[i] : supervisor_calls[i - ALLOWED_COUNT];
        program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)call, 0, 1);
        program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    }
    program[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    struct sock_fprog filter = { (unsigned short)n, program };
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &filter);
}

long hvsh_jail_network_socket_for_test(void) { return syscall(SYS_socket, AF_INET, SOCK_STREAM, 0); }

long hvsh_jail_forbidden_call(void) { return syscall(SYS_personality, 0xffffffffUL); }
