// Placeholder until the VMM layer lands.
