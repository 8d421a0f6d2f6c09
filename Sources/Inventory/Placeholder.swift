// Placeholder until the Inventory layer lands.
