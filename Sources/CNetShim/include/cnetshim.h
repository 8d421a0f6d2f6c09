// C helpers for the Netlink target and its tests: calls Swift cannot make directly.
#ifndef CNETSHIM_H
#define CNETSHIM_H
#include <stdint.h>
#include <linux/netlink.h>

/// Drops every capability of the calling thread only (capset acts per thread), so that a test can
/// see what an unprivileged caller gets without changing the rest of the process.
int cns_drop_thread_capabilities(void);
#endif
