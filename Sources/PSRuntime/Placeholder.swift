// Placeholder until the PSRuntime layer lands.
