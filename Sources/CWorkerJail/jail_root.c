#define _GNU_SOURCE
#include "cworkerjail.h"
#include "jail_internal.h"
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

// The worker's own root: a small tmpfs holding only the runtime directory (bound at its real path, so the
// socket and file names the shell uses mean the same inside) and a /proc that shows only the worker's own
// processes. Everything else of the host's file system is unmounted from the worker's view.

int hvsh_jail_make_path(const char *path) {
    char partial[PATH_MAX];
    size_t length = strlen(path);
    if (length == 0 || length >= sizeof partial) { errno = ENAMETOOLONG; return -1; }
    for (size_t i = 1; i <= length; i++) {
        if (path[i] != '/' && path[i] != '\0') continue;
        memcpy(partial, path, i);
        partial[i] = '\0';
        if (mkdir(partial, 0755) != 0 && errno != EEXIST) return -1;
    }
    return 0;
}

int hvsh_jail_unshare_mounts(void) {
    if (unshare(CLONE_NEWNS) != 0) return -1;
    // Nothing mounted or unmounted from here on may reach the host's namespace.
    return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

int hvsh_jail_enter_root(const char *runtime_directory, const char *scratch_mount_point, char failed_step[64]) {
#define STEP(text) do { snprintf(failed_step, 64, "%s", text); return -1; } while (0)
    if (runtime_directory[0] != '/') { errno = EINVAL; STEP("runtime directory not absolute"); }
    if (mount("hvsh-jail", scratch_mount_point, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755,size=64k,nr_inodes=256") != 0)
        STEP("mounting the jail's tmpfs");
    char target[PATH_MAX];
    if (snprintf(target, sizeof target, "%s%s", scratch_mount_point, runtime_directory) >= (int)sizeof target) {
        errno = ENAMETOOLONG; STEP("runtime directory path");
    }
    if (hvsh_jail_make_path(target) != 0) STEP("creating the runtime directory's path");
    if (mount(runtime_directory, target, NULL, MS_BIND, NULL) != 0) STEP("binding the runtime directory");
    if (mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
        STEP("restricting the runtime directory");
    char proc[PATH_MAX];
    snprintf(proc, sizeof proc, "%s/proc", scratch_mount_point);
    if (mkdir(proc, 0555) != 0) STEP("creating /proc");
    // Only processes of the worker's own uid (its own, since each VM has its uid), only their pid folders.
    if (mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=invisible,subset=pid") != 0 &&
        mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2") != 0) STEP("mounting /proc");
    char old_root[PATH_MAX];
    snprintf(old_root, sizeof old_root, "%s/old-root", scratch_mount_point);
    if (mkdir(old_root, 0700) != 0) STEP("creating old-root");
    if (syscall(SYS_pivot_root, scratch_mount_point, old_root) != 0) STEP("pivot_root");
    if (chdir("/") != 0) STEP("chdir(/)");
    if (umount2("/old-root", MNT_DETACH) != 0) STEP("unmounting the host's root");
    if (rmdir("/old-root") != 0) STEP("removing old-root");
    if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
        STEP("making the jail's root read-only");
    return 0;
#undef STEP
}

int hvsh_jail_change_identity(unsigned uid, unsigned gid) {
    if (setgroups(0, NULL) != 0) return -1;
    if (setresgid(gid, gid, gid) != 0) return -1;
    if (setresuid(uid, uid, uid) != 0) return -1;
    return 0;
}

int hvsh_jail_allow_own_proc(void) {
    // A change of uid makes the process undumpable, which hands its /proc files to root; its own uid must
    // read /proc/self (memory statistics, its mappings, descriptors passed to it). No core is ever written
    // (RLIMIT_CORE is 0), and no other process has this uid.
    return prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}
