// Placeholder until the HvshShell layer lands.
