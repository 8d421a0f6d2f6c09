#define _GNU_SOURCE
#include "cworkerjail.h"
#include "jail_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

// QEMU's jail, built in its child between fork and exec (so only async-signal-safe calls, no allocation). Its
// root is a small tmpfs: the host's /usr read-only (QEMU, its libraries, its ROMs and firmware), the loader's
// cache, a /dev of harmless devices plus a /dev/kvm node only its uid may open, and a /proc of its own uid's
// processes. No file of the host is writable, no runtime directory, no inventory: everything of the VM
// (monitor, serial port, taps, served disks, NVRAM, DVD images, saved state) arrives as a descriptor.

static char *join(char buffer[PATH_MAX], const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb + 1 > PATH_MAX) { errno = ENAMETOOLONG; return NULL; }
    memcpy(buffer, a, la);
    memcpy(buffer + la, b, lb + 1);
    return buffer;
}

// The failed step goes to standard error, which is the VM's qemu.log: the worker quotes its end in the error.
static int fail(const char *step) {
    int error = errno;
    const char prefix[] = "hvsh: building QEMU's jail failed at: ";
    ssize_t ignored = write(2, prefix, sizeof prefix - 1);
    ignored = write(2, step, strlen(step));
    ignored = write(2, "\n", 1);
    (void)ignored;
    errno = error;
    return -1;
}

/// Binds the host's `path` (a folder or a file) read-only, without devices or set-uid, at the same path under `root`.
static int bind_read_only(const char *root, const char *path, int is_directory) {
    char target[PATH_MAX];
    if (join(target, root, path) == NULL) return -1;
    if (is_directory) {
        if (hvsh_jail_make_path(target) != 0) return -1;
    } else {
        char parent[PATH_MAX];
        memcpy(parent, target, strlen(target) + 1);
        char *slash = strrchr(parent, '/');
        if (slash != NULL && slash != parent) { *slash = '\0'; if (hvsh_jail_make_path(parent) != 0) return -1; }
        int file = open(target, O_WRONLY | O_CREAT | O_CLOEXEC, 0444);
        if (file < 0) return -1;
        close(file);
    }
    if (mount(path, target, NULL, MS_BIND, NULL) != 0) return -1;
    return mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL);
}

/// /lib, /lib64 and /bin as the host has them: symbolic links into /usr (merged /usr) or folders bound read-only.
static int add_top_level(const char *root, const char *name) {
    char host[PATH_MAX], target[PATH_MAX], link[PATH_MAX];
    if (join(host, "/", name) == NULL || join(target, root, host) == NULL) return -1;
    struct stat status;
    if (lstat(host, &status) != 0) return errno == ENOENT ? 0 : -1;
    if (S_ISLNK(status.st_mode)) {
        ssize_t length = readlink(host, link, sizeof link - 1);
        if (length < 0) return -1;
        link[length] = '\0';
        return symlink(link, target);
    }
    return S_ISDIR(status.st_mode) ? bind_read_only(root, host, 1) : 0;
}

static int make_device(const char *root, const char *name, unsigned major_number, unsigned minor_number, mode_t mode,
                       unsigned owner, unsigned group) {
    char target[PATH_MAX];
    if (join(target, root, name) == NULL) return -1;
    if (mknod(target, S_IFCHR | mode, makedev(major_number, minor_number)) != 0) return -1;
    // mknod applies the umask; the mode is set exactly afterwards.
    if (chmod(target, mode) != 0) return -1;
    return chown(target, owner, group);
}

int hvsh_jail_prepare_qemu(void *context) {
    const struct hvsh_qemu_jail *jail = context;
    const char *root = jail->scratch_mount_point;
    // No core file of guest memory, whatever QEMU's dumpable flag says after exec.
    struct rlimit none = { 0, 0 };
    if (setrlimit(RLIMIT_CORE, &none) != 0) return fail("setrlimit(RLIMIT_CORE)");
    if (unshare(CLONE_NEWNS) != 0) return fail("unshare(CLONE_NEWNS)");
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return fail("making the mounts private");
    if (mount("hvsh-qemu-jail", root, "tmpfs", MS_NOSUID, "mode=0755,size=64k,nr_inodes=128") != 0)
        return fail("mounting the jail's tmpfs");
    if (bind_read_only(root, "/usr", 1) != 0) return fail("binding /usr");
    const char *top_level[] = { "lib", "lib64", "lib32", "libx32", "bin", "sbin" };
    for (size_t i = 0; i < sizeof top_level / sizeof top_level[0]; i++) {
        if (add_top_level(root, top_level[i]) != 0) return fail("linking /lib, /lib64, /bin");
    }
    if (access("/etc/ld.so.cache", R_OK) == 0 && bind_read_only(root, "/etc/ld.so.cache", 0) != 0)
        return fail("binding /etc/ld.so.cache");
    // The emulator itself, where it is not under /usr ($HVSH_QEMU).
    if (strncmp(jail->emulator, "/usr/", 5) != 0 && bind_read_only(root, jail->emulator, 0) != 0)
        return fail("binding the emulator");

    char dev[PATH_MAX], proc[PATH_MAX], old_root[PATH_MAX];
    if (join(dev, root, "/dev") == NULL || mkdir(dev, 0755) != 0) return fail("creating /dev");
    static const struct { const char *name; unsigned minor_number; } memory_devices[] = {
        { "/dev/null", 3 }, { "/dev/zero", 5 }, { "/dev/full", 7 }, { "/dev/random", 8 }, { "/dev/urandom", 9 },
    };
    for (size_t i = 0; i < sizeof memory_devices / sizeof memory_devices[0]; i++) {
        if (make_device(root, memory_devices[i].name, 1, memory_devices[i].minor_number, 0666, 0, 0) != 0)
            return fail("creating /dev's memory devices");
    }
    // KVM for this uid alone: the host's /dev/kvm stays root's (0600); this node is the only way in and
    // exists only in this mount namespace.
    if (jail->kvm_device != 0 &&
        make_device(root, "/dev/kvm", major(jail->kvm_device), minor(jail->kvm_device), 0600, jail->uid, jail->gid) != 0)
        return fail("creating /dev/kvm");
    if (join(proc, root, "/proc") == NULL || mkdir(proc, 0555) != 0) return fail("creating /proc");
    if (mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible,subset=pid") != 0 &&
        mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2") != 0) return fail("mounting /proc");
    if (join(old_root, root, "/old-root") == NULL || mkdir(old_root, 0700) != 0) return fail("creating old-root");
    if (syscall(SYS_pivot_root, root, old_root) != 0) return fail("pivot_root");
    if (chdir("/") != 0) return fail("chdir(/)");
    if (umount2("/old-root", MNT_DETACH) != 0) return fail("unmounting the host's root");
    if (rmdir("/old-root") != 0) return fail("removing old-root");
    if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, NULL) != 0)
        return fail("making the jail's root read-only");
    // Raw calls: glibc's wrappers would signal threads this forked child does not have. The change away from
    // uid 0 clears the permitted and effective sets (the setuid fix-up was left on, locked, before).
    if (syscall(SYS_setgroups, 0, NULL) != 0) return fail("setgroups");
    if (syscall(SYS_setresgid, jail->gid, jail->gid, jail->gid) != 0) return fail("setresgid");
    if (syscall(SYS_setresuid, jail->uid, jail->uid, jail->uid) != 0) return fail("setresuid");
    return 0;
}
