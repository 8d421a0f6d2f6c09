// C calls of the shell that Swift's Glibc module does not offer: unshare(2) is only declared
// under _GNU_SOURCE, and syscall(2) is variadic, so the sandbox reaches unshare through here.
#include <unistd.h>
#include <sys/syscall.h>

#define HVSH_CLONE_NEWNET  0x40000000
#define HVSH_CLONE_NEWUSER 0x10000000

static inline int hvsh_unshare(int flags) { return (int)syscall(SYS_unshare, flags); }

#include <signal.h>
#include <string.h>

// The outer hvsh of a sandbox passes SIGTERM, SIGHUP and SIGINT on to the sandboxed one and lives on to
// clean up after it (turn its VMs off, remove the scratch home). A SIGINT from the terminal already
// reaches the sandboxed hvsh (same process group), so only one sent by a process (si_code <= 0) is passed
// on. Used from one Swift file only, so this header's one static target is the one the handler reads.
static volatile pid_t hvsh_forward_target = 0;

static void hvsh_forward_signal(int signal_number, siginfo_t *info, void *context) {
    (void)context;
    if (signal_number == SIGINT && info != NULL && info->si_code > 0) return;
    if (hvsh_forward_target > 0) kill(hvsh_forward_target, signal_number);
}

static inline void hvsh_forward_signals_to(pid_t target) {
    hvsh_forward_target = target;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = hvsh_forward_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    sigaction(SIGINT, &action, NULL);
}
