// C helpers for the Netlink target: calls whose arguments Swift cannot build directly
// (struct ifreq unions, ioctl request macros, _GNU_SOURCE-only functions, sockaddr_ll).
#ifndef CNETSHIM_H
#define CNETSHIM_H
#include <stdint.h>
#include <linux/netlink.h>

/// Opens /dev/net/tun and attaches it to tap `name` with IFF_TAP|IFF_NO_PI (plus IFF_VNET_HDR when
/// `vnet_hdr` is non-zero). Writes the kernel-chosen name (at most 15 bytes plus NUL) into `out_name`.
/// Returns the descriptor, or -1 with errno set.
int cns_tap_open(const char *name, int vnet_hdr, char out_name[16]);

/// TUNSETPERSIST on an open tap descriptor. Returns 0 or -1 with errno.
int cns_tap_set_persist(int fd, int persist);

/// unshare(2) with CLONE_NEWNET (and CLONE_NEWUSER when `with_user` is non-zero).
int cns_unshare_net(int with_user);

/// setns(2) for a network-namespace descriptor.
int cns_setns_net(int fd);

/// An AF_PACKET raw socket bound to interface `ifindex`, receiving every protocol. -1 with errno.
int cns_packet_socket(int ifindex);

/// Sends one whole Ethernet frame out of `ifindex` on a packet socket. Bytes sent or -1 with errno.
long cns_packet_send(int fd, int ifindex, const void *frame, unsigned long length);

/// recv(2) with a timeout in milliseconds (poll first). Returns bytes, 0 on timeout, -1 with errno.
long cns_recv_timeout(int fd, void *buffer, unsigned long length, int timeout_ms);

/// The pid/port the kernel assigned to a bound netlink socket, or 0.
uint32_t cns_netlink_port_id(int fd);

/// Opens a NETLINK_ROUTE socket bound with a kernel-assigned port id. -1 with errno.
int cns_netlink_route_socket(void);

/// Sends to the kernel (nl_pid 0). Bytes sent or -1 with errno.
long cns_netlink_send(int fd, const void *buffer, unsigned long length);

/// Drops every capability of the calling thread only (capset acts per thread), so that a test can
/// see what an unprivileged caller gets without changing the rest of the process.
int cns_drop_thread_capabilities(void);
#endif
