// The worker's jail (as Firecracker's jailer does for its VMM): once hvsh-worker has opened what its VM
// needs, it gives up every capability and the means to gain new ones, and installs a seccomp filter that
// lets through only the system calls the worker makes; any other call kills the whole worker.
#ifndef CWORKERJAIL_H
#define CWORKERJAIL_H

/// RLIMIT_CORE 0: a worker killed by the filter leaves no core file holding guest memory. 0, or -1 with errno.
int hvsh_jail_no_core_dumps(void);

/// Drops every capability: the bounding set, the ambient set, then the effective, permitted and inheritable
/// sets, with SECBIT_NOROOT locked so that uid 0 gains none back on exec. 0, or -1 with errno.
int hvsh_jail_drop_capabilities(void);

/// PR_SET_NO_NEW_PRIVS: no exec can grant privileges from here on. 0, or -1 with errno.
int hvsh_jail_forbid_new_privileges(void);

/// Installs the seccomp filter on every thread (SECCOMP_FILTER_FLAG_TSYNC): the worker's system calls are
/// allowed, anything else (or another architecture's calls) ends the process with SIGSYS. 0, or -1 with errno.
int hvsh_jail_install_filter(void);

/// A system call the filter does not allow (personality(2), asking only). For the test request that checks
/// the filter kills the worker; it returns only when no filter is installed.
long hvsh_jail_forbidden_call(void);

#endif
