#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/if_tun.h>
#include "ckvm.h"

int ckvm_tap_open(const char *name, int vnet_header_size, char *chosen_name) {
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return -1;
    struct ifreq request;
    memset(&request, 0, sizeof request);
    request.ifr_flags = IFF_TAP | IFF_NO_PI | (vnet_header_size > 0 ? IFF_VNET_HDR : 0);
    strncpy(request.ifr_name, name, IFNAMSIZ - 1);
    if (ioctl(fd, TUNSETIFF, &request) < 0) { close(fd); return -1; }
    if (vnet_header_size > 0 && ioctl(fd, TUNSETVNETHDRSZ, &vnet_header_size) < 0) { close(fd); return -1; }
    strncpy(chosen_name, request.ifr_name, IFNAMSIZ);
    return fd;
}

#include <sched.h>

int ckvm_enter_netns(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int result = setns(fd, CLONE_NEWNET);
    close(fd);
    return result;
}
