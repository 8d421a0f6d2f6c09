#define _GNU_SOURCE
#include "clinuxsystem.h"
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/if_tun.h>

extern char **environ;

int cls_current_thread_stack(void **low, size_t *size) {
    /* glibc answers for the main thread by reading /proc/self/maps, and every parse and script run asks;
       a thread's stack never moves, so each thread asks glibc once. */
    static __thread void *known_low;
    static __thread size_t known_size;
    if (known_size == 0) {
        pthread_attr_t attributes;
        int result = pthread_getattr_np(pthread_self(), &attributes);
        if (result != 0) return result;
        result = pthread_attr_getstack(&attributes, &known_low, &known_size);
        pthread_attr_destroy(&attributes);
        if (result != 0) { known_size = 0; return result; }
    }
    *low = known_low;
    *size = known_size;
    return 0;
}

int cls_tun_attach_tap(int fd, const char *name, int vnet_header, char chosen_name[16]) {
    struct ifreq request;
    memset(&request, 0, sizeof request);
    request.ifr_flags = IFF_TAP | IFF_NO_PI | (vnet_header ? IFF_VNET_HDR : 0);
    if (name) strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &request) < 0) return -1;
    memcpy(chosen_name, request.ifr_name, IFNAMSIZ);
    chosen_name[IFNAMSIZ - 1] = 0;
    return 0;
}

int cls_tun_set_vnet_header_size(int fd, int size) { return ioctl(fd, TUNSETVNETHDRSZ, &size); }

int cls_tun_set_persistent(int fd, int persistent) {
    return ioctl(fd, TUNSETPERSIST, (unsigned long)(persistent ? 1 : 0));
}

int cls_setns_network(int fd) { return setns(fd, CLONE_NEWNET); }

int cls_unshare_network(int with_user) { return unshare(CLONE_NEWNET | (with_user ? CLONE_NEWUSER : 0)); }

int cls_pipe_cloexec(int ends[2]) { return pipe2(ends, O_CLOEXEC); }

int cls_accept_cloexec(int fd, int non_blocking) {
    return accept4(fd, NULL, NULL, SOCK_CLOEXEC | (non_blocking ? SOCK_NONBLOCK : 0));
}

int cls_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }

int cls_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *directory) {
    return posix_spawn_file_actions_addchdir_np(actions, directory);
}

int cls_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int lowest) {
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
}

char **cls_environment(void) { return environ; }
