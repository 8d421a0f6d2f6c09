// Placeholder until the PSLanguage layer lands.
