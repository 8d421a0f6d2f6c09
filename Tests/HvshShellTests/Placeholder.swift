// Placeholder until the tests of this layer land.
