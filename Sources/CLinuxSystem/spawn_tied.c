#define _GNU_SOURCE
#include "clinuxsystem.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

// In the child before exec: root gains no capability on exec (SECBIT_NOROOT, locked), the bounding,
// ambient and inheritable sets are empty and no_new_privs is set, so the program runs with no capability at
// all. The effective set stays until exec (or a change of uid in `prepare`) for what `prepare` does first.
static int drop_privileges(void) {
    if (prctl(PR_SET_SECUREBITS, SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP_LOCKED |
              SECBIT_KEEP_CAPS_LOCKED, 0, 0, 0) != 0 && errno != EPERM) return -1;
    for (int cap = 0; cap <= 63; cap++) {
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL && errno != EPERM) return -1;
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) return -1;
    struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &header, data) != 0) return -1;
    data[0].inheritable = 0;
    data[1].inheritable = 0;
    if (syscall(SYS_capset, &header, data) != 0) return -1;
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

pid_t cls_spawn_tied(const char *path, char *const argv[], int output_fd, const int *keep, int keep_count,
                     int without_privileges, int (*prepare)(void *context), void *context) {
    pid_t parent = getpid();
    // A pipe whose write end closes on exec tells the parent whether exec succeeded (and errno if not).
    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) return -1;
    pid_t child = fork();
    if (child < 0) {
        int saved = errno;
        close(status_pipe[0]);
        close(status_pipe[1]);
        errno = saved;
        return -1;
    }
    if (child == 0) {
        close(status_pipe[0]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The parent may have died before prctl took effect.
        if (getppid() != parent) _exit(127);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGPIPE, SIG_DFL);
        int null_fd = open("/dev/null", O_RDONLY);
        if (null_fd >= 0 && null_fd != 0) { dup2(null_fd, 0); close(null_fd); }
        if (output_fd >= 0) { dup2(output_fd, 1); dup2(output_fd, 2); }
        for (int i = 0; i < keep_count; i++) {
            int flags = fcntl(keep[i], F_GETFD);
            if (flags >= 0) fcntl(keep[i], F_SETFD, flags & ~FD_CLOEXEC);
        }
        if (without_privileges && drop_privileges() != 0) {
            int error = errno;
            ssize_t ignored = write(status_pipe[1], &error, sizeof error);
            (void)ignored;
            _exit(127);
        }
        if (prepare != NULL && prepare(context) != 0) {
            int error = errno;
            ssize_t ignored = write(status_pipe[1], &error, sizeof error);
            (void)ignored;
            _exit(127);
        }
        // A change of uid in `prepare` cleared the parent-death signal; the parent may have died meanwhile.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(127);
        execv(path, argv);
        int error = errno;
        ssize_t ignored = write(status_pipe[1], &error, sizeof error);
        (void)ignored;
        _exit(127);
    }
    close(status_pipe[1]);
    int error = 0;
    ssize_t got;
    do { got = read(status_pipe[0], &error, sizeof error); } while (got < 0 && errno == EINTR);
    close(status_pipe[0]);
    if (got == (ssize_t)sizeof error) {
        int ignored_status;
        while (waitpid(child, &ignored_status, 0) < 0 && errno == EINTR) {}
        errno = error;
        return -1;
    }
    return child;
}
