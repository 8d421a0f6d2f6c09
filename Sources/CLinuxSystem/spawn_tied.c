#define _GNU_SOURCE
#include "clinuxsystem.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

pid_t cls_spawn_tied(const char *path, char *const argv[], int output_fd, const int *keep, int keep_count) {
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
