// Placeholder until the HostNetworking layer lands.
