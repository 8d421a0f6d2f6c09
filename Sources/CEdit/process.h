// C calls of the shell that Swift's Glibc module does not offer: unshare(2) is only declared
// under _GNU_SOURCE, and syscall(2) is variadic, so the sandbox reaches unshare through here.
#include <unistd.h>
#include <sys/syscall.h>

#define HVSH_CLONE_NEWNET  0x40000000
#define HVSH_CLONE_NEWUSER 0x10000000

static inline int hvsh_unshare(int flags) { return (int)syscall(SYS_unshare, flags); }
