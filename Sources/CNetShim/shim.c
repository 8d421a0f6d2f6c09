#define _GNU_SOURCE
#include "cnetshim.h"
#include <string.h>
#include <unistd.h>
#include <linux/capability.h>
#include <sys/syscall.h>

int cns_drop_thread_capabilities(void) {
    struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    return (int)syscall(SYS_capset, &header, data);
}
