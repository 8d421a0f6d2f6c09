// Placeholder until the PSCommands layer lands.
