// What LinuxSystem cannot express in Swift: the variadic ioctl(2), request numbers that are function-like
// macros (_IOW), `struct ifreq`'s unions, and functions glibc declares only under _GNU_SOURCE.
// None of these helpers opens or closes a descriptor: ownership stays with the Swift caller.
#ifndef CLINUXSYSTEM_H
#define CLINUXSYSTEM_H

#include <stdint.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <linux/netlink.h>
#include <linux/if_packet.h>
#include <sys/syscall.h>
#include <unistd.h>

/// gettid(2): the calling thread's kernel id (through syscall(2), which is variadic).
static inline long cls_gettid(void) {
    return syscall(SYS_gettid);
}

/// ioctl(2) with a pointer argument.
static inline int cls_ioctl_pointer(int fd, unsigned long request, void *argument) {
    return ioctl(fd, request, argument);
}

/// ioctl(2) with an integer argument.
static inline int cls_ioctl_integer(int fd, unsigned long request, unsigned long argument) {
    return ioctl(fd, request, argument);
}

/// TUNSETIFF on an open /dev/net/tun descriptor: attach it to tap `name` (created when absent) with
/// IFF_TAP|IFF_NO_PI, plus IFF_VNET_HDR when `vnet_header` is non-zero. Writes the kernel's name (at most
/// 15 bytes plus NUL) to `chosen_name`. 0, or -1 with errno.
int cls_tun_attach_tap(int fd, const char *name, int vnet_header, char chosen_name[16]);

/// TUNSETVNETHDRSZ: the size of the virtio-net header that precedes every frame. 0, or -1 with errno.
int cls_tun_set_vnet_header_size(int fd, int size);

/// TUNSETPERSIST: keep (or stop keeping) the interface after its last descriptor closes. 0, or -1 with errno.
int cls_tun_set_persistent(int fd, int persistent);

/// setns(2) for a network-namespace descriptor.
int cls_setns_network(int fd);

/// pthread_getattr_np (a GNU extension) and pthread_attr_getstack for the calling thread: the lowest
/// address of its stack and its size in bytes. 0, or an error number.
int cls_current_thread_stack(void **low, size_t *size);

/// unshare(2) with CLONE_NEWNET, plus CLONE_NEWUSER when `with_user` is non-zero.
int cls_unshare_network(int with_user);

/// pipe2(2) with O_CLOEXEC.
int cls_pipe_cloexec(int ends[2]);

/// accept4(2) with SOCK_CLOEXEC, plus SOCK_NONBLOCK when `non_blocking` is non-zero.
int cls_accept_cloexec(int fd, int non_blocking);

/// glibc's POSIX_SPAWN_SETSID, a GNU extension.
int cls_spawn_setsid_flag(void);

/// posix_spawn_file_actions_addchdir_np (glibc 2.29+, a GNU extension). 0 or an error number.
int cls_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *directory);

/// posix_spawn_file_actions_addclosefrom_np (glibc 2.34+): the child closes every descriptor from `lowest` up
/// after the other file actions, so it inherits only those it was given. 0 or an error number.
int cls_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int lowest);

/// The calling process's environment, for posix_spawn.
char **cls_environment(void);

/// fork + execv of `path` with `argv` (NULL-terminated) and the caller's environment, for a helper program
/// (QEMU) that must not outlive its parent: in the child, before exec, the parent-death signal is SIGKILL, the
/// signal mask is emptied and SIGPIPE reset, standard input is /dev/null, `output_fd` (if >= 0) becomes
/// standard output and error, and the `keep_count` descriptors in `keep` lose close-on-exec. Only
/// async-signal-safe calls run between fork and exec. With `without_privileges` the child gives up every
/// capability first (SECBIT_NOROOT locked, empty bounding/ambient/inheritable sets, no_new_privs) and so runs
/// its program as uid 0 with none. `prepare` (if not NULL) runs in the child after that (the effective set still
/// held) and before exec, with `context`: a jail that mounts and changes uid there; it returns 0 or -1 with errno.
/// The parent-death signal is set again after it (a change of uid clears it). The child's pid, or -1 with errno
/// (also when `prepare` or exec failed).
pid_t cls_spawn_tied(const char *path, char *const argv[], int output_fd, const int *keep, int keep_count,
                     int without_privileges, int (*prepare)(void *context), void *context);

#endif
