// Starting a helper program (QEMU) that must not outlive the worker that supervises it.
#ifndef CKVM_SPAWN_H
#define CKVM_SPAWN_H

#include <sys/types.h>

// fork + execv of `path` with `argv` (NULL-terminated) and the caller's environment. In the child, before
// exec: the parent-death signal is SIGKILL (a worker killed with SIGKILL takes its QEMU with it), the signal
// mask is emptied and SIGPIPE reset, standard input is /dev/null, `output_fd` (if >= 0) becomes standard output
// and error, and the `keep_count` descriptors in `keep` lose close-on-exec so the program inherits them.
// Returns the child's pid, or -1 with errno set. Only async-signal-safe calls run between fork and exec.
pid_t ckvm_spawn_tied(const char *path, char *const argv[], int output_fd, const int *keep, int keep_count);

#endif
