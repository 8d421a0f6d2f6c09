print("hvsh: not yet")
