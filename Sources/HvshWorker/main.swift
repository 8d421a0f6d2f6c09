print("hvsh-worker: not yet")
