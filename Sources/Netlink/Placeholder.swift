// Placeholder until the Netlink layer lands.
