#!/usr/bin/env python3
"""hvsh VMM benchmarks (run as root on a machine with /dev/kvm).

  1. worker start to first console byte: spawn hvsh-worker for a 1-vCPU/128 MB VM running the built-in
     firmware and poll its console log until the first byte lands (also: until the banner's last line);
     median/p90 over many runs, one VM at a time.
  2. worker memory beyond guest RAM: /proc/<pid>/smaps of a running worker, RSS of every mapping except the
     guest-RAM mapping (Firecracker's way of measuring VMM overhead), plus the guest RAM actually touched.
  3. 50 VMs of 128 MB at once: launch them one after another, wait for every banner, then report total RSS,
     the workers' CPU use while idle, and how long launching and stopping took.

Usage: bench/vmm/bench.py [path to hvsh-worker]   (default .build/release/hvsh-worker)
"""
import os, socket, statistics, subprocess, sys, tempfile, time

WORKER = sys.argv[1] if len(sys.argv) > 1 else ".build/release/hvsh-worker"
ROOT = tempfile.mkdtemp(prefix="hvsh-bench-")


def conf(directory, memory=128 << 20, vcpus=1, boot="firmware"):
    with open(os.path.join(directory, "vm.conf"), "w") as f:
        f.write(f"name=bench\nvcpus={vcpus}\nmemory={memory}\nruntime={directory}\nboot={boot}\n")


def control(directory, line):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(os.path.join(directory, "control.sock"))
    s.sendall((line + "\n").encode())
    reply = s.makefile().readline().strip()
    s.close()
    return reply


def pid_of(directory):
    with open(os.path.join(directory, "worker.pid")) as f:
        return int(f.read().strip())


def gone(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


def start(directory, wait_for=b"ready"):
    """Spawns a worker; returns (ns to first console byte, ns to `wait_for`)."""
    log = os.path.join(directory, "console.log")
    t0 = time.perf_counter_ns()
    subprocess.Popen([WORKER, directory], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL).wait()  # the worker forks; its first process exits at once
    first = None
    while True:
        try:
            size = os.stat(log).st_size
        except FileNotFoundError:
            size = 0
        if size and first is None:
            first = time.perf_counter_ns() - t0
        if size and wait_for in open(log, "rb").read():
            return first, time.perf_counter_ns() - t0
        if time.perf_counter_ns() - t0 > 20e9:
            raise RuntimeError("worker did not start: " + open(os.path.join(directory, "worker.log")).read())
        time.sleep(0.00005)


def stop(directory):
    pid = pid_of(directory)
    control(directory, "turn-off")
    while not gone(pid):
        time.sleep(0.0005)


def wait_socket(directory):
    while not os.path.exists(os.path.join(directory, "control.sock")):
        time.sleep(0.0005)


def smaps_overhead(pid, guest_bytes):
    """(RSS outside guest RAM, of which anonymous, guest RAM resident), from /proc/<pid>/smaps."""
    total = anonymous = guest = 0
    size = rss = anon = 0

    def flush():
        nonlocal total, anonymous, guest
        if size == guest_bytes:
            guest += rss
        else:
            total += rss
            anonymous += anon

    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            parts = line.split()
            if "-" in parts[0] and len(parts) >= 5:
                flush()
                start_s, end_s = parts[0].split("-")
                size, rss, anon = int(end_s, 16) - int(start_s, 16), 0, 0
            elif parts[0] == "Rss:":
                rss = int(parts[1]) * 1024
            elif parts[0] == "Anonymous:":
                anon = int(parts[1]) * 1024
    flush()
    return total, anonymous, guest


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def main():
    print(f"worker: {WORKER} ({os.path.getsize(WORKER) / 1e6:.1f} MB on disk); load average {os.getloadavg()[0]:.1f}")
    # The floor under every start figure: spawning a trivial program from this harness on this machine now.
    floor = []
    for _ in range(20):
        t0 = time.perf_counter_ns()
        subprocess.run(["/bin/true"])
        floor.append((time.perf_counter_ns() - t0) / 1e6)
    print(f"spawning /bin/true from the harness: median {statistics.median(floor):.2f} ms")
    # 1. start latency
    runs = int(os.environ.get("RUNS", "50"))
    firsts, readies = [], []
    for i in range(runs + 3):
        d = os.path.join(ROOT, f"start{i}")
        os.makedirs(d)
        conf(d)
        first, ready = start(d)
        wait_socket(d)
        stop(d)
        if i >= 3:  # the first runs warm the page cache
            firsts.append(first / 1e6)
            readies.append(ready / 1e6)
    firsts.sort(); readies.sort()
    print(f"start to first console byte: median {statistics.median(firsts):.2f} ms, "
          f"p90 {firsts[int(len(firsts) * 0.9)]:.2f} ms, min {firsts[0]:.2f} ms ({runs} runs)")
    print(f"start to full banner ('ready'): median {statistics.median(readies):.2f} ms")

    # 2. memory overhead
    for boot in ("firmware", "counter"):
        d = os.path.join(ROOT, f"mem-{boot}")
        os.makedirs(d)
        conf(d, boot=boot)
        start(d, wait_for=b"ready" if boot == "firmware" else b"count 5")
        wait_socket(d)
        time.sleep(0.2)
        control(d, "state")  # the control path's code counts too
        overhead, anonymous, guest = smaps_overhead(pid_of(d), 128 << 20)
        print(f"worker RSS beyond guest RAM ({boot}, 128 MB VM): {overhead / 2**20:.2f} MiB, of which "
              f"{anonymous / 2**20:.2f} MiB private (the rest is the executable's pages, shared by all workers); "
              f"guest RAM touched: {guest / 2**20:.2f} MiB")
        stop(d)

    # 3. fifty VMs
    count = int(os.environ.get("VMS", "50"))
    dirs = []
    t0 = time.perf_counter()
    for i in range(count):
        d = os.path.join(ROOT, f"many{i}")
        os.makedirs(d)
        conf(d)
        start(d)
        dirs.append(d)
    launched = time.perf_counter() - t0
    for d in dirs:
        wait_socket(d)
    pids = [pid_of(d) for d in dirs]
    states = [control(d, "state").split()[1] for d in dirs]
    running = sum(1 for s in states if s == "state=Running")
    rss = 0
    for pid in pids:
        with open(f"/proc/{pid}/statm") as f:
            rss += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    before = sum(cpu_ticks(p) for p in pids)
    time.sleep(5)
    after = sum(cpu_ticks(p) for p in pids)
    hz = os.sysconf("SC_CLK_TCK")
    t1 = time.perf_counter()
    for d in dirs:
        stop(d)
    stopped = time.perf_counter() - t1
    print(f"{count} VMs x 128 MB: all launched in {launched:.2f} s, {running}/{count} Running, "
          f"total RSS {rss / 2**20:.1f} MiB ({rss / count / 2**20:.2f} MiB each), "
          f"idle CPU {(after - before) / hz / 5 * 100:.2f}% of one core over 5 s, stopped in {stopped:.2f} s")
    subprocess.run(["rm", "-rf", ROOT])


if __name__ == "__main__":
    main()
