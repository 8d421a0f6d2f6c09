// Placeholder until the HyperV layer lands.
